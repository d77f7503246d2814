/**
 * Code actions: a quick fix for each diagnostic in the request that carries a fix-it (the
 * checker's `fix`, kept in the diagnostic's `data` when it was published: `not (a == b)` →
 * `a != b`, a CIDR's host bits, a name not in snake case, `not` over a possibly missing
 * operand).
 */

import { CodeActionKind, type CodeAction, type CodeActionParams } from "vscode-languageserver";
import type { FixData } from "./diagnostics.js";

export function codeActions(params: CodeActionParams): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of params.context.diagnostics) {
    const fix = (d.data as { fix?: FixData } | undefined)?.fix;
    if (fix === undefined || typeof fix.newText !== "string") continue;
    out.push({
      title: `Replace with \`${fix.newText.length > 60 ? `${fix.newText.slice(0, 57)}…` : fix.newText}\``,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: true,
      edit: { changes: { [params.textDocument.uri]: [{ range: fix.range, newText: fix.newText }] } },
    });
  }
  return out;
}
