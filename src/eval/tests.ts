/**
 * Running `test` blocks: each names an export (relative to its policy file) and the verdicts
 * expected on it. An expectation with a subject key compares that subject's status; one
 * without compares the control's overall status (so `expect X pass` fails when the control
 * selected nothing: a vacuous pass is not a pass). Engines are pluggable: every backend that
 * produces a Report can run the same tests.
 *
 * Coverage: for every requirement and every `where` conjunct of every control, whether the
 * test exports made it both true and false. It is observed on the reference evaluator (the
 * `ConditionObserver` that `explain` uses), once per distinct test export; the other engines
 * must agree with it, which the differential tests check. A value computed from data the
 * export did not collect counts as neither true nor false: it decided nothing.
 */

import { dirname, resolve } from "node:path";
import type { IrExpect, IrProgram, IrTest, Origin } from "../ir/ir.js";
import type { Report, SubjectResult } from "../report/report.js";
import { formatProblem, type ExportLoadResult, type LoadedExport } from "../export/load.js";
import { loadExport } from "../io/export-file.js";
import { Evaluation, type ConditionObserver, type EvalOptions } from "./run.js";

export type Engine = (program: IrProgram, exp: LoadedExport) => Report;

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

export function runTests(program: IrProgram, engines: Readonly<Record<string, Engine>>, only?: (t: IrTest) => boolean, cache: FixtureCache = new Map()): TestResult[] {
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
      const report = engine(program, loaded.export);
      out.push({ test, engine: name, expectations: test.expects.map((e) => check(report, e)), report });
    }
  }
  return out;
}

export interface ConditionCoverage {
  readonly control: string;
  readonly kind: "where" | "requirement";
  /** 1-based: the conjunct of `where`, or the requirement's index. */
  readonly index: number;
  /** `where`, `require`, or the posture statement (`egress: restricted`). */
  readonly statement: string;
  readonly origin: Origin;
  /** How often it was true, false, and computed from uncollected data. */
  readonly seen: { true: number; false: number; undecided: number };
}

export interface Coverage {
  readonly conditions: readonly ConditionCoverage[];
  /** Conditions seen both true and false. */
  readonly covered: number;
  readonly total: number;
  /** Distinct test exports observed. */
  readonly exports: number;
}

export function isCovered(c: ConditionCoverage): boolean {
  return c.seen.true > 0 && c.seen.false > 0;
}

/** Observes every condition of every control on each export (with `options`' date and params). */
export function measureCoverage(program: IrProgram, exports: Iterable<LoadedExport>, options: EvalOptions): Coverage {
  const conditions: ConditionCoverage[] = [];
  const byKey = new Map<string, ConditionCoverage>();
  const key = (control: string, kind: string, index: number) => `${control}\u0000${kind}\u0000${index}`;
  for (const c of program.controls) {
    const add = (x: ConditionCoverage) => {
      conditions.push(x);
      byKey.set(key(x.control, x.kind, x.index), x);
    };
    c.subject.where.forEach((w, i) => add({ control: c.id, kind: "where", index: i + 1, statement: "where", origin: w.expr.origin, seen: { true: 0, false: 0, undecided: 0 } }));
    // For `require`, the condition itself (without its `else` message) is what a reader wants to see.
    for (const r of c.requirements) add({ control: c.id, kind: "requirement", index: r.index, statement: r.statement, origin: r.statement === "require" ? r.expr.origin : r.origin, seen: { true: 0, false: 0, undecided: 0 } });
  }
  let current = "";
  let open: ConditionCoverage | undefined;
  const observer: ConditionObserver = {
    begin(kind, index) {
      open = kind === "let" ? undefined : byKey.get(key(current, kind, index));
    },
    end(value, uncollected) {
      if (open === undefined) return;
      if (uncollected.length > 0) open.seen.undecided++;
      else if (value) open.seen.true++;
      else open.seen.false++;
      open = undefined;
    },
  };
  let count = 0;
  for (const exp of exports) {
    count++;
    const evaluation = new Evaluation(program, { document: exp.document, errors: exp.errors, pointerOf: (v) => exp.pointerOf(v) }, options, undefined, observer);
    for (const c of program.controls) {
      current = c.id;
      evaluation.control(c);
    }
  }
  return { conditions, covered: conditions.filter(isCovered).length, total: conditions.length, exports: count };
}
