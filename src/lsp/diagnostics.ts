/**
 * Diagnostics for the editor: the same `Diagnostic` values `perimeter lint` prints, converted
 * to the protocol's form (code, range, help appended to the message, related spans as related
 * information, the fix-it kept in `data` for the code action).
 *
 * Without syntax errors the list is exactly lint's. With one, lint stops after parsing; the
 * editor also shows the checker's findings outside the declarations that hold a syntax error
 * (they are computed on the recovered tree), so the other controls of a file being typed
 * keep their diagnostics. Unused-declaration warnings are left out then: the declaration
 * that reads a name may be the one being written.
 */

import type { Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, Range } from "vscode-languageserver";
import { DiagnosticSeverity } from "vscode-languageserver";
import { hasErrors, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { CheckResult } from "../check/index.js";
import type { Unit } from "../check/program.js";
import type { SourceFile, Span } from "../source/source.js";
import { pathToUri } from "./uri.js";

const UNUSED = new Set(["W0101", "W0102", "W0109"]);

/** The diagnostics of an analysis: lint's, and the checker's away from syntax errors. */
export function analysisDiagnostics(early: readonly Diagnostic[], units: readonly Unit[], checked: CheckResult | undefined): Diagnostic[] {
  if (checked === undefined) return [...early];
  if (!hasErrors(early)) return sortDiagnostics([...early, ...checked.diagnostics]);
  const broken = new Map<string, Span[]>();
  for (const d of early) {
    if (d.severity !== "error") continue;
    const unit = units.find((u) => u.source.path === d.file);
    if (unit === undefined) continue;
    // The declaration the error is in or after (an unclosed block is reported at the keyword of
    // the next declaration, which is itself whole); an error before every declaration spoils
    // the text before the first one.
    const decl = unit.file.decls.filter((x) => x.span.start < d.span.start).at(-1);
    const spans = broken.get(d.file) ?? [];
    spans.push(decl?.span ?? { start: 0, end: d.span.end });
    broken.set(d.file, spans);
  }
  const kept = checked.diagnostics.filter((d) => {
    if (UNUSED.has(d.code)) return false;
    return !(broken.get(d.file) ?? []).some((s) => s.start <= d.span.end && d.span.start <= s.end);
  });
  return sortDiagnostics([...early, ...kept]);
}

export function toRange(source: SourceFile, span: Span): Range {
  const a = source.position(span.start);
  const b = source.position(span.end);
  return { start: { line: a.line - 1, character: a.column - 1 }, end: { line: b.line - 1, character: b.column - 1 } };
}

/** Offset of a protocol position in a source (clamped to the text). */
export function toOffset(source: SourceFile, pos: { line: number; character: number }): number {
  if (pos.line >= source.lineCount) return source.text.length;
  const start = source.lineStart(pos.line + 1);
  return Math.min(start + source.lineText(pos.line + 1).length, start + pos.character);
}

export interface FixData {
  readonly range: Range;
  readonly newText: string;
}

export function toLspDiagnostic(d: Diagnostic, files: ReadonlyMap<string, SourceFile>): LspDiagnostic {
  const source = files.get(d.file)!;
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of d.related ?? []) {
    const f = files.get(r.file);
    if (f !== undefined) related.push({ location: { uri: pathToUri(r.file), range: toRange(f, r.span) }, message: r.message });
  }
  const out: LspDiagnostic = {
    range: toRange(source, d.span),
    severity: d.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.code,
    source: "perimeter",
    message: d.help === undefined ? d.message : `${d.message}\nhelp: ${d.help}`,
  };
  if (related.length > 0) out.relatedInformation = related;
  if (d.fix !== undefined) out.data = { fix: { range: toRange(source, d.fix.span), newText: d.fix.replacement } satisfies FixData };
  return out;
}
