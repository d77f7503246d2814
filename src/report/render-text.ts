/**
 * The terminal rendering of a Report: one line per control (status, id, severity, title),
 * then one line per subject with what failed or could not be decided, and a summary. Passes
 * are listed too — they are the evidence. Colour only when asked (the CLI asks on a TTY).
 */

import type { ControlReport, Report, SubjectResult } from "./report.js";

export interface TextOptions {
  readonly color?: boolean;
  /** A heading naming the export file. */
  readonly title?: string;
}

const CODES = { red: "31", green: "32", yellow: "33", cyan: "36", dim: "2", bold: "1" } as const;

export function renderText(report: Report, opts: TextOptions = {}): string {
  const paint = (c: keyof typeof CODES, s: string) => (opts.color ? `\u001b[${CODES[c]}m${s}\u001b[0m` : s);
  const tag: Record<ControlReport["status"], string> = {
    pass: paint("green", "PASS   "),
    fail: paint("red", "FAIL   "),
    unknown: paint("yellow", "UNKNOWN"),
    waived: paint("cyan", "WAIVED "),
    not_applicable: paint("dim", "N/A    "),
  };
  const mark: Record<SubjectResult["status"], string> = { pass: paint("green", "✓"), fail: paint("red", "✗"), unknown: paint("yellow", "?"), waived: paint("cyan", "~") };
  const out: string[] = [];
  const e = report.export;
  const about = [e.account_id ? `account ${e.account_id}` : undefined, e.cloud ?? undefined, e.exported_at ? `exported ${e.exported_at}` : undefined].filter(Boolean).join(", ");
  out.push(paint("bold", `${opts.title ?? "export"}${about ? ` (${about})` : ""}${report.now ? `, evaluated ${report.now}` : ""}`), "");
  const idWidth = Math.max(0, ...report.controls.map((c) => c.id.length));
  for (const c of report.controls) {
    out.push(`${tag[c.status]}  ${c.id.padEnd(idWidth)}  ${c.severity.padEnd(8)}  ${c.title}`);
    if (c.results.length === 0) out.push(paint("dim", `${" ".repeat(9)}no subjects selected`));
    for (const r of c.results) {
      out.push(`${" ".repeat(9)}${mark[r.status]} ${r.subject.label}${r.subject.label !== r.subject.key ? paint("dim", ` (${r.subject.key})`) : ""}`);
      for (const f of r.failures) out.push(`${" ".repeat(11)}${f.message}${paint("dim", ` [requirement ${f.requirement}, line ${f.line}]`)}`);
      for (const u of r.unknown) {
        const what = u.requirement === 0 ? `\`${u.statement}\`` : `requirement ${u.requirement}`;
        out.push(`${" ".repeat(11)}${paint("yellow", `not collected: ${u.slots.join(", ")}`)}${paint("dim", ` [${what}]`)}`);
      }
      if (r.waiver) out.push(`${" ".repeat(11)}${paint("cyan", `waived until ${r.waiver.until}${r.waiver.approved_by ? ` by ${r.waiver.approved_by}` : ""}: ${r.waiver.reason}`)}`);
    }
  }
  const expired = report.waivers.filter((w) => w.state === "expired");
  for (const w of expired) out.push("", paint("yellow", `waiver for ${w.control} / ${w.key} expired on ${w.until} and was not applied (${w.source.file}:${w.source.line})`));
  const s = report.summary;
  const total = s.pass + s.fail + s.unknown + s.waived;
  out.push("", `${total} result${total === 1 ? "" : "s"}: ${paint("green", `${s.pass} passed`)}, ${paint("red", `${s.fail} failed`)}, ${paint("yellow", `${s.unknown} unknown`)}, ${paint("cyan", `${s.waived} waived`)}`);
  return `${out.join("\n")}\n`;
}

export function renderJson(reports: readonly Report[]): string {
  return `${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`;
}
