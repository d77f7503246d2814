/**
 * `check --baseline`: compare this run's failures with a previous JSON report.
 *
 * A result is identified by (export account id, control id, subject key). Exports are not
 * paired by file name or by position: export files usually carry a date in their name and
 * `--input` order changes, while a subject key (a workspace id, an app name within its
 * workspace's control) is stable within an account. So the baseline's failures are pooled per
 * account, and every failing result now is `new` unless the same (account, control, subject)
 * failed in the baseline, when it is `still_failing`. A baseline failure that does not fail
 * now, in an account this run checked, is `fixed`, with the status it has now (`pass`,
 * `waived`, `unknown`, or `absent` when nothing evaluated it). Only `fail` counts on either
 * side: a result waived in the baseline whose waiver has expired is `new` — the waiver's
 * end is exactly when it should surface again. Baseline accounts this run did not check are
 * ignored. Reports without an account id match each other (the account is "").
 */

import type { BaselineMark, FixedResult, Report, Severity, Status, SubjectRef, Failure } from "./report.js";
import { isSeverity } from "../util/severity.js";

/** A baseline failure, as much of it as the comparison and the `fixed` list need. */
export interface BaselineFailure {
  readonly account: string;
  readonly control: string;
  readonly severity: Severity;
  readonly subject: SubjectRef;
  readonly failures: readonly Failure[];
}


function identity(account: string | null, control: string, key: string): string {
  return JSON.stringify([account ?? "", control, key]);
}

/**
 * Reads a baseline document (the JSON `check` prints: one Report, or an array of them) and
 * returns its failures, or a message saying what is wrong with it.
 */
export function parseBaseline(text: string): { failures: BaselineFailure[] } | { error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { error: `not JSON: ${(e as Error).message}` };
  }
  const reports = Array.isArray(doc) ? doc : [doc];
  const failures: BaselineFailure[] = [];
  for (const [i, r] of reports.entries()) {
    const where = Array.isArray(doc) ? `/${i}` : "";
    if (typeof r !== "object" || r === null || (r as { perimeter?: unknown }).perimeter !== "1" || !Array.isArray((r as { controls?: unknown }).controls)) {
      return { error: `${where || "the document"} is not a perimeter report (expected the JSON of \`perimeter check --format json\`, with "perimeter": "1")` };
    }
    const rep = r as { export?: { account_id?: unknown }; controls: unknown[] };
    const account = typeof rep.export?.account_id === "string" ? rep.export.account_id : "";
    for (const [j, c] of rep.controls.entries()) {
      const ctl = c as { id?: unknown; severity?: unknown; results?: unknown };
      if (typeof ctl?.id !== "string" || !Array.isArray(ctl.results)) return { error: `${where}/controls/${j} has no \`id\` or \`results\`` };
      const severity = isSeverity(ctl.severity) ? ctl.severity : "info";
      for (const [k, x] of ctl.results.entries()) {
        const res = x as { status?: unknown; subject?: Partial<SubjectRef>; failures?: unknown };
        if (typeof res?.status !== "string" || typeof res.subject?.key !== "string") return { error: `${where}/controls/${j}/results/${k} has no \`status\` or \`subject.key\`` };
        if (res.status !== "fail") continue;
        const s = res.subject;
        failures.push({
          account,
          control: ctl.id,
          severity,
          subject: { kind: String(s.kind ?? ""), key: s.key!, label: String(s.label ?? s.key), pointer: String(s.pointer ?? "") },
          failures: Array.isArray(res.failures) ? (res.failures as Failure[]) : [],
        });
      }
    }
  }
  return { failures };
}

const PRECEDENCE: readonly Status[] = ["fail", "unknown", "waived", "pass"];

/**
 * Marks every failing result `new` or `still_failing`, and gives each report its `fixed`
 * list and `baseline` counts. The reports are returned as new objects; order is kept.
 */
export function applyBaseline(reports: readonly Report[], baseline: readonly BaselineFailure[], file: string): Report[] {
  const before = new Map<string, BaselineFailure>();
  for (const f of baseline) before.set(identity(f.account, f.control, f.subject.key), f);
  // What each (account, control, subject) is now, across every export of the account.
  const now = new Map<string, { status: Status; report: number }>();
  reports.forEach((r, i) => {
    for (const c of r.controls) {
      for (const res of c.results) {
        const id = identity(r.export.account_id, c.id, res.subject.key);
        const seen = now.get(id);
        if (seen === undefined || PRECEDENCE.indexOf(res.status) < PRECEDENCE.indexOf(seen.status)) now.set(id, { status: res.status, report: seen?.report ?? i });
      }
    }
  });
  const fixed: FixedResult[][] = reports.map(() => []);
  const firstOfAccount = new Map<string, number>();
  reports.forEach((r, i) => {
    if (!firstOfAccount.has(r.export.account_id ?? "")) firstOfAccount.set(r.export.account_id ?? "", i);
  });
  for (const [id, f] of before) {
    const home = firstOfAccount.get(f.account);
    if (home === undefined) continue;
    const current = now.get(id);
    if (current?.status === "fail") continue;
    fixed[current?.report ?? home]!.push({ control: f.control, severity: f.severity, subject: f.subject, now: current?.status ?? "absent", failures: f.failures });
  }
  return reports.map((r, i) => {
    let fresh = 0;
    let still = 0;
    const controls = r.controls.map((c) => ({
      ...c,
      results: c.results.map((res) => {
        if (res.status !== "fail") return res;
        const mark: BaselineMark = before.has(identity(r.export.account_id, c.id, res.subject.key)) ? "still_failing" : "new";
        if (mark === "new") fresh++;
        else still++;
        return { ...res, baseline: mark };
      }),
    }));
    const gone = fixed[i]!;
    const absent = gone.filter((f) => f.now === "absent").length;
    return { ...r, controls, baseline: { file, new: fresh, still_failing: still, fixed: gone.length - absent, absent }, fixed: gone };
  });
}

/** Text for a mark in the human formats. */
export function baselineText(mark: BaselineMark): string {
  return mark === "new" ? "new" : "still failing";
}

/** How a fixed result's current status reads: `now passes`, `no longer evaluated`, … */
export function fixedNowText(now: FixedResult["now"]): string {
  switch (now) {
    case "pass":
      return "now passes";
    case "waived":
      return "now waived";
    case "unknown":
      return "now unknown (data not collected)";
    case "absent":
      return "not evaluated in this run (the subject, the control or its export is gone)";
    case "fail":
      return "still fails";
  }
}
