/**
 * Running `test` blocks on engines: each names an export (relative to its policy file) and the
 * verdicts expected on it. An expectation with a subject key compares that subject's status;
 * one without compares the control's overall status (so `expect X pass` fails when the control
 * selected nothing: a vacuous pass is not a pass). Every engine runs the same tests
 * (`perimeter test` runs the reference evaluator and the Wasm engine); the coverage of the
 * tests is measured on the reference evaluator (src/eval/coverage.ts).
 */

import { dirname, resolve } from "node:path";
import type { IrExpect, IrProgram, IrTest } from "../ir/ir.js";
import type { Report, SubjectResult } from "../report/report.js";
import { formatProblem, type ExportLoadResult } from "../export/load.js";
import { loadExport } from "../io/export-file.js";
import type { Engine, EvalContext } from "./engine.js";

export interface ExpectationResult {
  readonly expect: IrExpect;
  readonly ok: boolean;
  /** The status found: a subject's, the control's, or `not selected` / `no such control`. */
  readonly actual: string;
  /** The subject results that decided it (for the diff). */
  readonly deciding: readonly SubjectResult[];
}

export interface TestResult {
  readonly test: IrTest;
  readonly engine: string;
  /** The export could not be loaded: the problems, and no expectations were checked. */
  readonly error?: readonly string[];
  readonly expectations: readonly ExpectationResult[];
  readonly report?: Report;
}

export function fixturePath(test: IrTest): string {
  return resolve(dirname(test.origin.file), test.given);
}

function check(report: Report, e: IrExpect): ExpectationResult {
  const control = report.controls.find((c) => c.id === e.control);
  if (control === undefined) return { expect: e, ok: false, actual: "no such control", deciding: [] };
  if (e.key !== undefined) {
    const r = control.results.find((x) => x.subject.key === e.key);
    if (r === undefined) return { expect: e, ok: false, actual: "not selected", deciding: [] };
    return { expect: e, ok: r.status === e.status, actual: r.status, deciding: [r] };
  }
  const deciding = control.results.filter((r) => r.status !== "pass");
  return { expect: e, ok: control.status === e.status, actual: control.status, deciding };
}

/** Test exports loaded once per run, by absolute path (shared by the tests and the coverage). */
export type FixtureCache = Map<string, ExportLoadResult>;

/**
 * Every test block of the program (those `only` keeps) on every engine, by the label its
 * results show (`evaluator`, `wasm`), with `ctx`'s date and params.
 */
export function runTests(program: IrProgram, engines: Readonly<Record<string, Engine>>, ctx: EvalContext, only?: (t: IrTest) => boolean, cache: FixtureCache = new Map()): TestResult[] {
  const out: TestResult[] = [];
  for (const test of program.tests) {
    if (only && !only(test)) continue;
    const path = fixturePath(test);
    let loaded = cache.get(path);
    if (loaded === undefined) cache.set(path, (loaded = loadExport(path)));
    for (const [name, engine] of Object.entries(engines)) {
      if (loaded.export === undefined) {
        out.push({ test, engine: name, error: loaded.problems.filter((p) => p.severity === "error").map(formatProblem), expectations: [] });
        continue;
      }
      const report = engine.reports(program, [loaded.export], ctx)[0]!;
      out.push({ test, engine: name, expectations: test.expects.map((e) => check(report, e)), report });
    }
  }
  return out;
}

