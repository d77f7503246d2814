/**
 * Coverage of a program's test exports: for every requirement and every `where` conjunct of
 * every control, whether the test exports made it both true and false. It is observed on the
 * reference evaluator (the `ConditionObserver` that `explain` uses), once per distinct test
 * export; the other engines must agree with it, which the differential tests check. A value
 * computed from data the export did not collect counts as neither true nor false: it decided
 * nothing.
 */

import type { IrProgram, Origin } from "../ir/ir.js";
import type { LoadedExport } from "../export/load.js";
import { Evaluation, type ConditionObserver, type EvalOptions } from "./run.js";

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
