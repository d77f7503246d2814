/**
 * The audit report's content, shared by the Markdown and HTML renderers so both say exactly
 * the same thing: a stamp (tool, evaluation date, digests of every input), summary counts,
 * then for each export and each control its passes (the evidence), failures (with the
 * requirement, policy line and message), unknowns (with the slots the export did not
 * collect) and waived results; the waivers with their states; and, with a baseline, what is
 * new and what was fixed; at the top the audit overview (`overview.ts`), and the params the
 * run evaluated with when the CLI recorded them. Strings here are plain text; each renderer
 * escapes them.
 */

import { baselineText, fixedNowText } from "./baseline.js";
import type { ControlReport, FixedResult, Report, Summary, SubjectResult, WaiverReport } from "./report.js";
import { overviewOf, type Overview } from "./overview.js";
import { policySetDigest, totalSummary, type ExportRun, type FileDigest, type ParamsUsed, type RunInfo } from "./run.js";
import { waiverStateText } from "./waivers.js";

export interface AuditInput {
  readonly file: string;
  readonly role: string;
  readonly sha256: string;
}

export interface SubjectCell {
  readonly label: string;
  readonly key: string;
  readonly pointer: string;
}

export interface FailureRow {
  readonly subject: SubjectCell;
  readonly requirement: string;
  readonly line: number;
  readonly message: string;
  /** `new` / `still failing` with a baseline; empty otherwise. */
  readonly baseline: string;
}

export interface UnknownRow {
  readonly subject: SubjectCell;
  readonly condition: string;
  readonly slots: string;
}

export interface WaivedRow {
  readonly subject: SubjectCell;
  readonly until: string;
  readonly approvedBy: string;
  readonly reason: string;
  readonly waived: string;
}

export interface ControlSection {
  readonly id: string;
  readonly title: string;
  readonly severity: string;
  readonly status: ControlReport["status"];
  readonly frameworks: readonly string[];
  readonly source: string;
  readonly description: string | null;
  readonly remediation: string | null;
  readonly docs: string | null;
  readonly passes: readonly SubjectCell[];
  readonly failures: readonly FailureRow[];
  readonly unknowns: readonly UnknownRow[];
  readonly waived: readonly WaivedRow[];
}

export interface ExportSection {
  readonly file: string;
  readonly about: string;
  readonly summary: Summary;
  readonly baseline: Report["baseline"];
  readonly controls: readonly ControlSection[];
  /** Failing in the baseline, evaluated now and not failing. */
  readonly fixed: readonly FixedRow[];
  /** Failing in the baseline, not evaluated now. */
  readonly absent: readonly FixedRow[];
}

export interface FixedRow {
  readonly control: string;
  readonly severity: string;
  readonly subject: SubjectCell;
  readonly now: string;
  readonly was: string;
}

export interface WaiverRow {
  readonly control: string;
  readonly subject: string;
  readonly approvedBy: string;
  readonly until: string;
  readonly reason: string;
  readonly state: string;
  /** The bare state for styling: active, unused, expired, expiring. */
  readonly tone: "active" | "unused" | "expired" | "expiring";
  readonly source: string;
}

export interface AuditDocument {
  readonly title: string;
  readonly overview: Overview;
  /** The evaluation date (`--now`). */
  readonly evaluationDate: string | null;
  /** The params the run evaluated with, when recorded. */
  readonly params: ParamsUsed | null;
  readonly stamp: readonly { readonly label: string; readonly value: string }[];
  readonly inputs: readonly AuditInput[];
  readonly total: Summary;
  readonly exports: readonly ExportSection[];
  readonly waivers: readonly WaiverRow[];
  readonly baseline: boolean;
}

export const STATUS_WORD: Readonly<Record<ControlReport["status"], string>> = { pass: "PASS", fail: "FAIL", unknown: "UNKNOWN", waived: "WAIVED", not_applicable: "NOT APPLICABLE" };

function cell(r: SubjectResult): SubjectCell {
  return { label: r.subject.label, key: r.subject.key, pointer: r.subject.pointer };
}

function control(c: ControlReport): ControlSection {
  const of = (s: SubjectResult["status"]) => c.results.filter((r) => r.status === s);
  return {
    id: c.id,
    title: c.title,
    severity: c.severity,
    status: c.status,
    frameworks: c.frameworks,
    source: `${c.source.file}:${c.source.line}`,
    description: c.description,
    remediation: c.remediation,
    docs: c.docs,
    passes: of("pass").map(cell),
    failures: of("fail").flatMap((r) =>
      r.failures.map((f) => ({ subject: cell(r), requirement: `${f.requirement} (${f.statement})`, line: f.line, message: f.message, baseline: r.baseline ? baselineText(r.baseline) : "" })),
    ),
    unknowns: [...of("unknown"), ...of("fail")].flatMap((r) =>
      r.unknown.map((u) => ({ subject: cell(r), condition: u.requirement === 0 ? `\`${u.statement}\`` : `requirement ${u.requirement} (${u.statement})`, slots: u.slots.join(", ") })),
    ),
    waived: of("waived").map((r) => ({
      subject: cell(r),
      until: r.waiver?.until ?? "",
      approvedBy: r.waiver?.approved_by ?? "",
      reason: r.waiver?.reason ?? "",
      waived: r.failures.map((f) => `requirement ${f.requirement}: ${f.message}`).join("; "),
    })),
  };
}

function fixedRow(f: FixedResult): FixedRow {
  return {
    control: f.control,
    severity: f.severity,
    subject: { label: f.subject.label, key: f.subject.key, pointer: f.subject.pointer },
    now: fixedNowText(f.now),
    was: f.failures.map((x) => x.message).join("; "),
  };
}

function about(r: Report): string {
  const e = r.export;
  return [e.account_id ? `account ${e.account_id}` : null, e.cloud, e.exported_at ? `exported ${e.exported_at}` : null, e.schema].filter((x): x is string => !!x).join(", ");
}

function waiverRow(w: WaiverReport): WaiverRow {
  return {
    control: w.control,
    subject: w.key,
    approvedBy: w.approved_by ?? "",
    until: w.until,
    reason: w.reason,
    state: waiverStateText(w),
    tone: w.state === "expired" ? "expired" : w.expiring ? "expiring" : w.state,
    source: `${w.source.file}:${w.source.line}`,
  };
}

/**
 * Waivers are declared in the policies, so every report lists the same ones; their state can
 * differ per export (active where a failure was waived, unused elsewhere). One row per
 * waiver: active if it applied in any export.
 */
function waivers(reports: readonly Report[]): WaiverRow[] {
  const byId = new Map<string, WaiverReport>();
  for (const r of reports) {
    for (const w of r.waivers) {
      const id = `${w.source.file}:${w.source.line}`;
      const seen = byId.get(id);
      if (seen === undefined || (seen.state === "unused" && w.state === "active")) byId.set(id, w);
    }
  }
  return [...byId.values()].map(waiverRow);
}

export function auditDocument(runs: readonly ExportRun[], info: RunInfo): AuditDocument {
  const reports = runs.map((r) => r.report);
  const stamp = [
    { label: "Tool", value: `${info.tool.name} ${info.tool.version}` },
    { label: "Evaluation date", value: info.now === null ? "none (no waiver applied)" : `${info.now} (waivers are judged against this date)` },
    { label: "Policy set SHA-256", value: policySetDigest(info.policies) },
    { label: "Exports", value: String(runs.length) },
    ...(info.baseline ? [{ label: "Baseline", value: info.baseline }] : []),
  ];
  const inputs: AuditInput[] = [
    ...info.policies.map((p: FileDigest) => ({ file: p.path, role: p.role === "library" ? "policy (bundled library)" : p.role === "test" ? "tests (not in the policy-set digest)" : "policy", sha256: p.sha256 })),
    ...runs.map((r) => ({ file: r.file, role: "export", sha256: r.sha256 ?? "" })),
    ...(info.params?.file ? [{ file: info.params.file, role: "parameters", sha256: info.params.sha256 ?? "" }] : []),
  ];
  return {
    title: "Perimeter compliance report",
    overview: overviewOf(runs, info.now, info.maxExportAge),
    evaluationDate: info.now,
    params: info.params ?? null,
    stamp,
    inputs,
    total: totalSummary(reports),
    exports: runs.map((r) => ({
      file: r.file,
      about: about(r.report),
      summary: r.report.summary,
      baseline: r.report.baseline,
      controls: r.report.controls.map(control),
      fixed: (r.report.fixed ?? []).filter((f) => f.now !== "absent").map(fixedRow),
      absent: (r.report.fixed ?? []).filter((f) => f.now === "absent").map(fixedRow),
    })),
    waivers: waivers(reports),
    baseline: reports.some((r) => r.baseline !== undefined),
  };
}

type Counts = NonNullable<Report["baseline"]>;

/** The baseline counts of every export added up. */
export function baselineTotal(doc: AuditDocument): Omit<Counts, "file"> {
  const t = { new: 0, still_failing: 0, fixed: 0, absent: 0 };
  for (const e of doc.exports) for (const k of ["new", "still_failing", "fixed", "absent"] as const) t[k] += e.baseline?.[k] ?? 0;
  return t;
}

/** `2 new, 1 still failing, 3 fixed` (`**2 new**` with `strong`, as Markdown). */
export function baselineCounts(c: Omit<Counts, "file">, strong = false): string {
  const fresh = strong ? `**${c.new} new**` : `${c.new} new`;
  return `${fresh}, ${c.still_failing} still failing, ${c.fixed} fixed${c.absent ? `, ${c.absent} not evaluated now` : ""}`;
}
