/**
 * Verdicts: the Report reduced to what a CI gate decides on — for every result of every
 * control, the control, the subject key, the status and the numbers of the failed
 * requirements — without messages, labels, pointers or control metadata.
 *
 * It is a function of the Report, defined here once: the reference evaluator's verdicts are
 * `verdicts(report)`, and the Rego `verdicts` rule and the Wasm `<package>/verdicts`
 * entrypoint give exactly this document (same order, same keys) for their package.
 */

import type { Report, Status } from "./report.js";

export interface Verdict {
  /** The control id, e.g. `APPS-EGR-001`. */
  readonly control: string;
  /** The subject key as the Report gives it (`*` for subjects that were not collected). */
  readonly subject: string;
  readonly status: Status;
  /** The failed requirements (1-based), in order (also for a waived result). */
  readonly failed: readonly number[];
}

/** The verdicts of a Report: its results in order, controls as in the Report. */
export function verdicts(report: Pick<Report, "controls">): Verdict[] {
  const out: Verdict[] = [];
  for (const c of report.controls) {
    for (const r of c.results) {
      out.push({ control: c.id, subject: r.subject.key, status: r.status, failed: r.failures.map((f) => f.requirement) });
    }
  }
  return out;
}
