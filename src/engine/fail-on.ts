/**
 * The exit policy of a check: a run fails when a subject fails a control at or above the
 * `--fail-on` severity; with a baseline, only failures the baseline does not hold count.
 */

import { SEVERITY_RANK, type Report, type Severity } from "../report/report.js";

/** The levels `--fail-on` takes, from the most severe. */
export const FAIL_ON_LEVELS: readonly Severity[] = (Object.keys(SEVERITY_RANK) as Severity[]).sort((a, b) => SEVERITY_RANK[b] - SEVERITY_RANK[a]);

/** Does a subject fail a control at or above `threshold`? With `onlyNew`, only failures marked `new` by a baseline count. */
export function failsAt(report: Report, threshold: Severity, onlyNew = false): boolean {
  return report.controls.some((c) => SEVERITY_RANK[c.severity] >= SEVERITY_RANK[threshold] && c.results.some((r) => r.status === "fail" && (!onlyNew || r.baseline !== "still_failing")));
}

/** Does the run fail: any of its Reports, by `failsAt`? */
export function runFails(reports: readonly Report[], threshold: Severity, onlyNew = false): boolean {
  return reports.some((r) => failsAt(r, threshold, onlyNew));
}
