/**
 * The audit overview, at the top of the Markdown and HTML reports: what an auditor reads in
 * ten seconds. Controls counted by status and failures by severity; a control × export status
 * matrix, failures first; each framework reference with its controls and their statuses; and
 * what needs attention before anything is trusted — exports with collection gaps (results
 * undecided because the export recorded `collection.errors`) and stale exports (exported more
 * than `maxExportAge` days before the evaluation date).
 *
 * A control's status across exports is its worst status in any of them, in the order fail,
 * unknown, waived, pass, not applicable: a control that fails in one export fails, and one
 * that selects nothing in one export but passes in another passes.
 */

import type { ControlReport, Report, Severity } from "./report.js";
import { daysBetween, startsWithDate } from "../util/date.js";
import { SEVERITIES } from "../util/severity.js";

export type ControlStatus = ControlReport["status"];

/** Worst first: the order of the matrix and of "status across exports". */
export const STATUS_ORDER: readonly ControlStatus[] = ["fail", "unknown", "waived", "pass", "not_applicable"];
/** Most severe first. */
export const SEVERITY_ORDER: readonly Severity[] = SEVERITIES;

/** Exports older than this many days before the evaluation date are flagged (`check --max-export-age`). */
export const DEFAULT_MAX_EXPORT_AGE = 30;

export interface MatrixRow {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** Across exports: the worst of `statuses`. */
  readonly status: ControlStatus;
  /** One per export, in the order of the exports; null where the control was not evaluated. */
  readonly statuses: readonly (ControlStatus | null)[];
  /** Failing results in all exports. */
  readonly failures: number;
}

export interface FrameworkRow {
  /** A framework reference as the policy writes it, e.g. `NIST-800-53:SC-7`. */
  readonly ref: string;
  readonly status: ControlStatus;
  readonly controls: readonly { readonly id: string; readonly status: ControlStatus }[];
}

export interface CollectionGap {
  readonly file: string;
  /** Results not decided because of the export's collection errors. */
  readonly results: number;
  readonly controls: readonly string[];
  /** The uncollected slots, as the export names them. */
  readonly slots: readonly string[];
}

export interface StaleExport {
  readonly file: string;
  readonly exportedAt: string;
  /** Whole days from the export to the evaluation date. */
  readonly days: number;
}

export interface Overview {
  readonly controls: Readonly<Record<ControlStatus, number>>;
  /** Failing controls and failing results per severity. */
  readonly failures: readonly { readonly severity: Severity; readonly controls: number; readonly results: number }[];
  readonly matrix: readonly MatrixRow[];
  readonly frameworks: readonly FrameworkRow[];
  readonly gaps: readonly CollectionGap[];
  readonly stale: readonly StaleExport[];
  readonly maxExportAge: number;
}

const rank = (s: ControlStatus) => STATUS_ORDER.indexOf(s);

/** The worst of some statuses (not applicable when there are none). */
export function worst(statuses: readonly ControlStatus[]): ControlStatus {
  return statuses.reduce<ControlStatus>((w, s) => (rank(s) < rank(w) ? s : w), "not_applicable");
}

/** The exports exported more than `maxAge` days before `now` (none without an evaluation date). */
export function staleExports(runs: readonly { readonly file: string; readonly report: Report }[], now: string | null, maxAge: number): StaleExport[] {
  if (now === null) return [];
  return runs.flatMap((r) => {
    const at = r.report.export.exported_at;
    if (at === null || !startsWithDate(at)) return [];
    const days = daysBetween(at.slice(0, 10), now);
    return days > maxAge ? [{ file: r.file, exportedAt: at, days }] : [];
  });
}

/** Per export, the results left undecided by collection errors. */
export function collectionGaps(runs: readonly { readonly file: string; readonly report: Report }[]): CollectionGap[] {
  return runs.flatMap((r) => {
    let results = 0;
    const controls = new Set<string>();
    const slots = new Set<string>();
    for (const c of r.report.controls) {
      for (const x of c.results) {
        if (x.status !== "unknown") continue;
        results++;
        controls.add(c.id);
        for (const u of x.unknown) for (const s of u.slots) slots.add(s);
      }
    }
    return results === 0 ? [] : [{ file: r.file, results, controls: [...controls], slots: [...slots].sort() }];
  });
}

/** Past this many, the stale exports are warned about in one line rather than one each. */
const WARN_EACH = 5;

/** The warnings `check` prints on stderr about stale exports and collection gaps. */
export function exportWarnings(gaps: readonly CollectionGap[], stale: readonly StaleExport[], now: string | null, maxAge: number): string[] {
  const staleLines =
    stale.length > WARN_EACH
      ? [
          `warning: ${stale.length} exports were exported more than --max-export-age ${maxAge} days before the evaluation date ${now}, so their results may no longer describe the workspaces: ${stale
            .slice(0, WARN_EACH)
            .map((s) => `${s.file} (${s.days} days)`)
            .join(", ")} and ${stale.length - WARN_EACH} more`,
        ]
      : stale.map((s) => `warning: ${s.file} was exported on ${s.exportedAt.slice(0, 10)}, ${s.days} days before the evaluation date ${now} (more than --max-export-age ${maxAge}): its results may no longer describe the workspaces`);
  return [
    ...staleLines,
    ...gaps.map(
      (g) =>
        `warning: ${g.file}: ${g.results} result${g.results === 1 ? "" : "s"} of ${g.controls.length} control${g.controls.length === 1 ? "" : "s"} could not be decided: the export did not collect ${g.slots.slice(0, 5).join(", ")}${g.slots.length > 5 ? ` and ${g.slots.length - 5} more` : ""}`,
    ),
  ];
}

export function overviewOf(runs: readonly { readonly file: string; readonly report: Report }[], now: string | null, maxExportAge = DEFAULT_MAX_EXPORT_AGE): Overview {
  const byId = new Map<string, { c: ControlReport; statuses: (ControlStatus | null)[]; failures: number }>();
  runs.forEach((r, i) => {
    for (const c of r.report.controls) {
      let row = byId.get(c.id);
      if (row === undefined) byId.set(c.id, (row = { c, statuses: runs.map(() => null), failures: 0 }));
      row.statuses[i] = c.status;
      row.failures += c.results.filter((x) => x.status === "fail").length;
    }
  });
  const order = [...byId.keys()];
  const matrix: MatrixRow[] = [...byId.values()]
    .map(({ c, statuses, failures }) => ({ id: c.id, title: c.title, severity: c.severity, status: worst(statuses.filter((s): s is ControlStatus => s !== null)), statuses, failures }))
    .sort((a, b) => rank(a.status) - rank(b.status) || SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || order.indexOf(a.id) - order.indexOf(b.id));
  const controls = Object.fromEntries(STATUS_ORDER.map((s) => [s, matrix.filter((m) => m.status === s).length])) as Record<ControlStatus, number>;
  const failures = SEVERITY_ORDER.map((severity) => {
    const of = matrix.filter((m) => m.severity === severity && m.status === "fail");
    return { severity, controls: of.length, results: of.reduce((n, m) => n + m.failures, 0) };
  });
  const refs = new Map<string, { id: string; status: ControlStatus }[]>();
  for (const id of order) {
    const row = byId.get(id)!;
    const status = matrix.find((m) => m.id === id)!.status;
    for (const f of row.c.frameworks) (refs.get(f) ?? refs.set(f, []).get(f)!).push({ id, status });
  }
  const frameworks = [...refs.entries()]
    .sort(([a], [b]) => naturalCompare(a, b))
    .map(([ref, cs]) => ({ ref, status: worst(cs.map((c) => c.status)), controls: [...cs].sort((a, b) => rank(a.status) - rank(b.status)) }));
  return { controls, failures, matrix, frameworks, gaps: collectionGaps(runs), stale: staleExports(runs, now, maxExportAge), maxExportAge };
}

/** `SC-7` before `SC-10`: digit runs compared as numbers, the rest by code unit (no locale). */
export function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    const nx = /^\d/.test(x) && /^\d/.test(y);
    if (nx && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  // Past the loop every part of the shorter is equal to the other's: equal lengths mean equal strings.
  return pa.length - pb.length;
}
