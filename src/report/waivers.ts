/**
 * Waiver states as the CLI reports them. The evaluator (and every backend) decides whether a
 * waiver applies — `active` (applied to a failing subject), `unused` (in force, nothing to
 * waive) or `expired` (past its date, not applied). On top of that, a waiver that is still in
 * force but ends within the warning window is flagged `expiring`: it keeps its state and still
 * applies, because a waiver that stops applying before its date would surprise its owner more
 * than one that warns. `expiring` is a flag, not a fourth state, so a consumer that reads
 * `state` keeps working, and an expiring waiver can still be told active from unused.
 */

import { daysBetween } from "../util/date.js";
import type { Report, WaiverReport } from "./report.js";

/** Days before `until` from which an in-force waiver is reported as expiring. */
export const EXPIRING_WITHIN_DAYS = 30;

export { daysBetween };

/** `days_left` and `expiring` for one waiver, judged at `now`. */
export function annotateWaiver(w: WaiverReport, now: string, window = EXPIRING_WITHIN_DAYS): WaiverReport {
  const days = daysBetween(now, w.until);
  return { ...w, days_left: days, expiring: w.state !== "expired" && days >= 0 && days <= window };
}

/** The report with every waiver annotated (unchanged when it has no evaluation date). */
export function annotateWaivers(report: Report, window = EXPIRING_WITHIN_DAYS): Report {
  const now = report.now;
  if (now === null) return report;
  return { ...report, waivers: report.waivers.map((w) => annotateWaiver(w, now, window)) };
}

/** How a waiver's state reads in every human format: `active, expiring in 12 days`. */
export function waiverStateText(w: WaiverReport): string {
  if (w.state === "expired") {
    const ago = w.days_left === undefined ? undefined : -w.days_left;
    return ago === undefined ? "expired" : `expired ${ago === 1 ? "1 day" : `${ago} days`} ago, not applied`;
  }
  if (w.expiring && w.days_left !== undefined) {
    const when = w.days_left === 0 ? "today (its last day)" : `in ${w.days_left === 1 ? "1 day" : `${w.days_left} days`}`;
    return `${w.state}, expiring ${when}`;
  }
  return w.state;
}

/**
 * The warnings `check` prints on stderr: one per expired or expiring waiver, each waiver
 * once however many exports were checked (the first report's view of it is shown).
 */
export function waiverWarnings(reports: readonly Report[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of reports) {
    for (const w of r.waivers) {
      const id = `${w.source.file}:${w.source.line}`;
      if (seen.has(id) || !(w.state === "expired" || w.expiring)) continue;
      seen.add(id);
      const what = `waiver for ${w.control} / ${w.key} (${id})`;
      out.push(
        w.state === "expired"
          ? `warning: ${what} expired on ${w.until} and is not applied`
          : `warning: ${what} expires on ${w.until}${w.days_left === 0 ? " (today is its last day)" : ` (in ${w.days_left} day${w.days_left === 1 ? "" : "s"})`}; renew or remove it`,
      );
    }
  }
  return out;
}
