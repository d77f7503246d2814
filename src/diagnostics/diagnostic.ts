/**
 * Diagnostics as data.
 *
 * Every user-facing problem is a `Diagnostic` value: a stable code, a severity taken from
 * the code table, a one-line lowercase message with user text in backticks, the span it
 * underlines, and optionally a `help` line ("did you mean …"), related spans and a fix-it.
 * Stages collect them in arrays and return them; nothing throws on user error.
 */

import type { Span } from "../source/source.js";
import { CODES, type Code, type Severity } from "./codes.js";

export interface Related {
  readonly file: string;
  readonly span: Span;
  readonly message: string;
}

export interface Fix {
  readonly span: Span;
  readonly replacement: string;
}

export interface Diagnostic {
  readonly code: Code;
  readonly severity: Severity;
  readonly message: string;
  /** Path of the file the span points into (as given by the user). */
  readonly file: string;
  readonly span: Span;
  readonly help?: string;
  readonly related?: readonly Related[];
  readonly fix?: Fix;
}

export interface DiagnosticExtras {
  help?: string | undefined;
  related?: readonly Related[];
  fix?: Fix;
}

export function diagnostic(code: Code, file: string, span: Span, message: string, extras: DiagnosticExtras = {}): Diagnostic {
  const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = { code, severity: CODES[code].severity, message, file, span };
  if (extras.help !== undefined) d.help = extras.help;
  if (extras.related !== undefined && extras.related.length > 0) d.related = extras.related;
  if (extras.fix !== undefined) d.fix = extras.fix;
  return d;
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === "error");
}

/** Sorts by file, then position, then code, so output is deterministic. */
export function sortDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  return [...diags].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.span.start - b.span.start ||
      a.span.end - b.span.end ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/** Collects diagnostics for one file. Checks receive one of these instead of building spans by hand. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];
  constructor(readonly file: string) {}

  report(code: Code, span: Span, message: string, extras?: DiagnosticExtras): void {
    this.items.push(diagnostic(code, this.file, span, message, extras));
  }
}
