/**
 * What the library API says about bad input, as data: a function of the API returns
 * `{ ok: false, problems }` instead of printing or throwing, and `formatProblems` words the
 * problems as the CLI prints them on stderr (exit 2).
 */

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { renderDiagnostics, summarize } from "../diagnostics/render.js";
import type { SourceFile } from "../source/source.js";

export type Problem =
  /** Errors in the policy files: nothing was evaluated. */
  | { readonly kind: "policies"; readonly diagnostics: readonly Diagnostic[]; readonly files: ReadonlyMap<string, SourceFile> }
  /** One problem with an input (params, baseline, an export, the engine), or a closing note. */
  | { readonly kind: "error" | "warning" | "note"; readonly message: string; readonly hint?: string };

/** Bad input: the problems, and nothing was evaluated. */
export interface Invalid {
  readonly ok: false;
  readonly problems: readonly Problem[];
}

export const invalid = (problems: readonly Problem[]): Invalid => ({ ok: false, problems });
export const error = (message: string, hint?: string): Problem => ({ kind: "error", message, ...(hint !== undefined ? { hint } : {}) });

/** One problem as the CLI prints it (`color`: the policies' diagnostics in colour). */
export function formatProblem(p: Problem, color = false): string {
  switch (p.kind) {
    case "policies":
      return `${renderDiagnostics(p.diagnostics, p.files, { color })}\n${summarize(p.diagnostics)} in the policies; nothing was evaluated`;
    case "note":
      return p.message;
    default:
      return `${p.kind}: ${p.message}${p.hint !== undefined ? `\n  hint: ${p.hint}` : ""}`;
  }
}

/** The problems, one after another, as the CLI prints them. */
export function formatProblems(problems: readonly Problem[], color = false): string {
  return problems.map((p) => formatProblem(p, color)).join("\n");
}
