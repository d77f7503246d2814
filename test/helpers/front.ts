// Test helpers for the front end: lint source text in memory and find diagnostics by what they underline.
import { expect } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { Code } from "../../src/diagnostics/codes.js";
import { frontEnd, type FrontEnd } from "../../src/program/load.js";
import { SourceFile } from "../../src/source/source.js";

export interface LintOptions {
  readonly path?: string;
  readonly today?: string;
  readonly extra?: Record<string, string>;
  readonly fixturesExist?: boolean;
}

export function lint(text: string, opts: LintOptions = {}): FrontEnd & { source: SourceFile } {
  const source = new SourceFile(opts.path ?? "test.perimeter", text);
  const extra = Object.entries(opts.extra ?? {}).map(([p, t]) => new SourceFile(p, t));
  const fe = frontEnd([source, ...extra], {
    fileExists: () => opts.fixturesExist ?? true,
    ...(opts.today === undefined ? {} : { today: opts.today }),
  });
  return { ...fe, source };
}

export function underlined(fe: FrontEnd, d: Diagnostic): string {
  const f = fe.files.get(d.file);
  return f === undefined ? "" : f.text.slice(d.span.start, d.span.end);
}

export interface Expected {
  readonly code: Code;
  readonly message?: string | RegExp;
  readonly underline?: string;
  readonly help?: string | RegExp;
}

/** Asserts a diagnostic with this code, message and underlined text exists; returns it. */
export function expectDiagnostic(fe: FrontEnd, exp: Expected): Diagnostic {
  const withCode = fe.diagnostics.filter((d) => d.code === exp.code);
  const shown = fe.diagnostics.map((d) => `${d.code} ${d.message} [${underlined(fe, d)}]`).join("\n");
  expect(withCode.length, `no ${exp.code} among:\n${shown}`).toBeGreaterThan(0);
  const match = withCode.find(
    (d) =>
      (exp.underline === undefined || underlined(fe, d) === exp.underline) &&
      (exp.message === undefined || (typeof exp.message === "string" ? d.message === exp.message : exp.message.test(d.message))),
  );
  expect(match, `no ${exp.code} with message ${String(exp.message)} underlining \`${exp.underline}\` among:\n${shown}`).toBeDefined();
  if (exp.help !== undefined) {
    if (typeof exp.help === "string") expect(match!.help).toBe(exp.help);
    else expect(match!.help ?? "").toMatch(exp.help);
  }
  return match!;
}

export function expectClean(fe: FrontEnd, allowWarnings = false): void {
  const bad = fe.diagnostics.filter((d) => allowWarnings ? d.severity === "error" : true);
  expect(bad.map((d) => `${d.code} ${d.message} [${underlined(fe, d)}] ${d.file}`)).toEqual([]);
}

export function codes(fe: FrontEnd): string[] {
  return fe.diagnostics.map((d) => d.code);
}
