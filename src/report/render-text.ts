/**
 * The terminal rendering of a Report: one line per control (status, id, severity, title),
 * then one line per subject with what failed or could not be decided, and a summary. Passes
 * are listed too — they are the evidence. With a baseline, failing subjects are marked
 * `[new]` or `[still failing]` and the fixed ones are listed; waivers are listed with their
 * states when any is expired, expiring or unused. Colour only when asked (the CLI asks on a TTY).
 */

import { baselineText, fixedNowText } from "./baseline.js";
import type { ControlReport, Report, SubjectResult } from "./report.js";
import { paramsText, type ParamsUsed } from "./run.js";
import { waiverStateText } from "./waivers.js";

export interface TextOptions {
  readonly color?: boolean;
  /** A heading naming the export file. */
  readonly title?: string;
  /** The params the run used: one line under the heading (the file and its digest, or the defaults). */
  readonly params?: ParamsUsed;
  /** Only the controls and subjects that fail or are unknown (and the summary line). */
  readonly quiet?: boolean;
}

const CODES = { red: "31", green: "32", yellow: "33", cyan: "36", dim: "2", bold: "1" } as const;

/**
 * Text from an export or a policy, made safe for a terminal: control characters (an escape
 * sequence in a workspace name could rewrite the screen) are shown as `\uXXXX`, and so are the
 * bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which would reorder
 * what the terminal shows around them (a workspace name displayed as another).
 */
export function clean(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}

export function renderText(input: Report, opts: TextOptions = {}): string {
  const report = cleanReport(input);
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
  out.push(paint("bold", `${clean(opts.title ?? "export")}${about ? ` (${about})` : ""}${report.now ? `, evaluated ${report.now}` : ""}`));
  if (opts.params !== undefined) out.push(paint("dim", `params: ${clean(paramsText(opts.params))}`));
  out.push("");
  const idWidth = Math.max(0, ...report.controls.map((c) => c.id.length));
  const shown = (status: ControlReport["status"] | SubjectResult["status"]) => !opts.quiet || status === "fail" || status === "unknown";
  for (const c of report.controls) {
    if (!shown(c.status)) continue;
    out.push(`${tag[c.status]}  ${c.id.padEnd(idWidth)}  ${c.severity.padEnd(8)}  ${c.title}`);
    if (c.results.length === 0) out.push(paint("dim", `${" ".repeat(9)}no subjects selected`));
    for (const r of c.results) {
      if (!shown(r.status)) continue;
      const base = r.baseline ? ` ${paint(r.baseline === "new" ? "red" : "dim", `[${baselineText(r.baseline)}]`)}` : "";
      out.push(`${" ".repeat(9)}${mark[r.status]} ${r.subject.label}${r.subject.label !== r.subject.key ? paint("dim", ` (${r.subject.key})`) : ""}${base}`);
      for (const f of r.failures) out.push(`${" ".repeat(11)}${f.message}${paint("dim", ` [requirement ${f.requirement}, line ${f.line}]`)}`);
      for (const u of r.unknown) {
        const what = u.requirement === 0 ? `\`${u.statement}\`` : `requirement ${u.requirement}`;
        out.push(`${" ".repeat(11)}${paint("yellow", `not collected: ${u.slots.join(", ")}`)}${paint("dim", ` [${what}]`)}`);
      }
      if (r.waiver) out.push(`${" ".repeat(11)}${paint("cyan", `waived until ${r.waiver.until}${r.waiver.approved_by ? ` by ${r.waiver.approved_by}` : ""}: ${r.waiver.reason}`)}`);
    }
  }
  const fixed = opts.quiet ? [] : (report.fixed ?? []);
  for (const [heading, list, sign] of [
    ["fixed since the baseline:", fixed.filter((f) => f.now !== "absent"), paint("green", "✓")],
    ["failing in the baseline, not evaluated now:", fixed.filter((f) => f.now === "absent"), paint("dim", "-")],
  ] as const) {
    if (list.length === 0) continue;
    out.push("", paint("bold", heading));
    for (const f of list) out.push(`         ${sign} ${f.control}  ${f.subject.label}${f.subject.label !== f.subject.key ? paint("dim", ` (${f.subject.key})`) : ""}: ${fixedNowText(f.now)}`);
  }
  // Every waiver with its state: active, unused, expiring (still applied), expired (not applied).
  if (report.waivers.length > 0 && !opts.quiet) {
    out.push("", paint("bold", "waivers:"));
    for (const w of report.waivers) {
      const tone = w.state === "expired" ? "red" : w.expiring ? "yellow" : w.state === "active" ? "cyan" : "dim";
      out.push(`  ${w.control} / ${w.key} until ${w.until}: ${paint(tone, waiverStateText(w))}${paint("dim", ` (${w.source.file}:${w.source.line})`)}`);
    }
  }
  const s = report.summary;
  const total = s.pass + s.fail + s.unknown + s.waived;
  const b = report.baseline;
  const vs = b ? `; against the baseline: ${paint("red", `${b.new} new`)}, ${b.still_failing} still failing, ${paint("green", `${b.fixed} fixed`)}${b.absent ? `, ${b.absent} not evaluated now` : ""}` : "";
  out.push("", `${total} result${total === 1 ? "" : "s"}: ${paint("green", `${s.pass} passed`)}, ${paint("red", `${s.fail} failed`)}, ${paint("yellow", `${s.unknown} unknown`)}, ${paint("cyan", `${s.waived} waived`)}${vs}`);
  return `${out.join("\n")}\n`;
}

/** Every string of the report through `clean` (JSON output keeps the data as it is). */
function cleanReport(r: Report): Report {
  return JSON.parse(JSON.stringify(r), (_k, v: unknown) => (typeof v === "string" ? clean(v) : v)) as Report;
}

/**
 * The Report as JSON: what every backend produces (the Rego `report` rule, the Wasm
 * entrypoint). Keys, labels and messages are strings: a number of the export reaches it only
 * as the digits the engine showed, every digit of an integer beyond 2^53 included. The CLI's waiver annotations (`days_left`, `expiring`) are for the human
 * formats and are left out; baseline marks, present only with `--baseline`, are kept. The CLI
 * adds `params` after `now`: the params file, its digest and every param's effective value.
 */
export function renderJson(reports: readonly Report[], params?: ParamsUsed): string {
  reports = reports.map(({ perimeter, now, ...rest }) => ({ perimeter, now, ...(params !== undefined ? { params } : {}), ...rest, waivers: rest.waivers.map(({ days_left: _d, expiring: _e, ...w }) => w) }));
  return `${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`;
}
