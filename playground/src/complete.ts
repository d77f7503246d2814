/**
 * Completion from the checker's type knowledge (runs in the worker). After `expr.`, the field
 * names of the expression's type, as the checker types it against the export schema: the
 * text is checked with the `.` and the partial name removed, and the type of the postfix
 * expression ending there is read from the checker's types. Elsewhere: the export's top-level
 * fields (names in scope in every file) and the language's keywords, from the lexer's tokens.
 */

import type { Unit } from "../../src/check/program.js";
import { expressionTypes } from "../../src/program/front-end.js";
import { exportRootType } from "../../src/schema/index.js";
import { showTy, type Ty } from "../../src/schema/types.js";
import { SourceFile } from "../../src/source/source.js";
import type { AnyNode } from "../../src/syntax/ast.js";
import { hardKeywords, softKeywords } from "../../src/syntax/tokens.js";
import { walk } from "../../src/syntax/walk.js";
import type { Completion, PolicyFile } from "./protocol.js";

const POSTFIX = new Set(["Name", "Member", "Call", "Index", "Paren"]);
const word = (c: string): boolean => /[A-Za-z0-9_]/.test(c);

function fieldsOf(ty: Ty): Completion[] {
  if (ty.kind !== "object") return [];
  return [...ty.fields].map(([name, t]) => ({ label: name, type: "property", detail: showTy(t) }));
}

/** What may be written at `offset` of `file`. */
export function completionsAt(files: readonly PolicyFile[], file: string, offset: number, lib: readonly Unit[], fileExists: (from: string, path: string) => boolean): Completion[] {
  const target = files.find((f) => f.path === file);
  if (target === undefined) return [];
  const text = target.text;
  let start = offset;
  while (start > 0 && word(text[start - 1]!)) start--;
  if (start > 0 && text[start - 1] === ".") {
    const dot = start - 1;
    let end = offset;
    while (end < text.length && word(text[end]!)) end++;
    const sources = files.map((f) => new SourceFile(f.path, f.path === file ? text.slice(0, dot) + text.slice(end) : f.text));
    const typed = expressionTypes(sources, lib, { fileExists });
    const unit = typed?.units.find((u) => u.source.path === file);
    if (typed === undefined || unit === undefined) return [];
    let best: { node: AnyNode; ty: Ty } | undefined;
    walk(unit.file, (n) => {
      if (!POSTFIX.has(n.kind) || n.span.end !== dot) return;
      const ty = typed.types.get(n as never);
      if (ty !== undefined && (best === undefined || n.span.start < best.node.span.start)) best = { node: n, ty };
    });
    return best === undefined ? [] : fieldsOf(best.ty);
  }
  const keywords = [...hardKeywords, ...softKeywords].map((t) => ({ label: String(t.LABEL).slice(1, -1), type: "keyword" }));
  return [...fieldsOf(exportRootType()).map((c) => ({ ...c, type: "variable" })), ...keywords];
}
