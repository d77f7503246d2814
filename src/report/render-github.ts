/**
 * GitHub Actions workflow commands: one annotation per failing or undecided subject, placed
 * on the policy line that failed, so a pull request that changes a policy or an export shows
 * the findings inline.
 *
 * Levels: a failure of a critical or high control is `::error`, of a medium one `::warning`,
 * of a low or info one `::notice`; an unknown (data not collected) is `::warning`. Waived
 * results are not annotated; a waiver that expired or is expiring is a `::warning` on the
 * waiver's own line. Passes are not annotated. A last plain line sums the run up and names
 * the params (file and digest, or the defaults).
 *
 * Escaping follows the runner's rules: in the message `%`, CR and LF become `%25`, `%0D`,
 * `%0A`; in property values `:` and `,` also become `%3A` and `%2C`. Other control characters
 * (C0 and C1) are written as the text `\uXXXX`, so data from an export cannot put escape sequences in a log.
 */

import { isAbsolute, relative, sep } from "node:path";
import { baselineText } from "./baseline.js";
import type { ControlReport, Severity, SubjectResult } from "./report.js";
import { paramsText, plural, totalSummary, type ExportRun, type ParamsUsed } from "./run.js";
import { waiverStateText } from "./waivers.js";

type Command = "error" | "warning" | "notice";

const LEVEL: Readonly<Record<Severity, Command>> = { critical: "error", high: "error", medium: "warning", low: "notice", info: "notice" };

export function escapeData(s: string): string {
  // Other control characters (an escape sequence in a workspace name, C1 controls such as the
  // one-character CSI U+009B) are shown, not sent.
  const shown = s.replace(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
  return shown.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export interface GithubOptions {
  /** Paths are made relative to this directory (the workspace) when inside it. */
  readonly base: string;
  /** The params the run used, named on the last line. */
  readonly params: ParamsUsed;
}

function path(file: string, base: string): string {
  if (!isAbsolute(file)) return file.split(sep).join("/");
  const rel = relative(base, file);
  return rel.startsWith("..") || isAbsolute(rel) ? file : rel.split(sep).join("/");
}

export function command(kind: Command, props: { file: string; line: number; title: string }, message: string): string {
  return `::${kind} file=${escapeProperty(props.file)},line=${props.line},title=${escapeProperty(props.title)}::${escapeData(message)}`;
}

function subjectText(r: SubjectResult): string {
  return r.subject.label === r.subject.key ? r.subject.label : `${r.subject.label} (${r.subject.key})`;
}

function annotation(run: ExportRun, c: ControlReport, r: SubjectResult, base: string, several: boolean): string | undefined {
  const where = `${run.file}${r.subject.pointer ? `#${r.subject.pointer}` : ""}`;
  if (r.status === "fail") {
    const mark = r.baseline ? ` [${baselineText(r.baseline)}]` : "";
    const lines = [...r.failures.map((f) => f.message), `${r.subject.kind} ${subjectText(r)} in ${where}`, ...(c.remediation ? [`remediation: ${c.remediation}`] : [])];
    return command(LEVEL[c.severity], { file: path(c.source.file, base), line: r.failures[0]?.line ?? c.source.line, title: `${c.id}${mark} ${c.title}: ${subjectText(r)}` }, lines.join("\n"));
  }
  if (r.status === "unknown") {
    const slots = [...new Set(r.unknown.flatMap((u) => u.slots))].join(", ");
    return command("warning", { file: path(c.source.file, base), line: c.source.line, title: `${c.id} could not be decided: ${subjectText(r)}` }, `not collected in ${several ? where : run.file}: ${slots}`);
  }
  return undefined;
}

export function renderGithub(runs: readonly ExportRun[], opts: GithubOptions): string {
  const out: string[] = [];
  const several = runs.length > 1;
  for (const run of runs) for (const c of run.report.controls) for (const r of c.results) {
    const a = annotation(run, c, r, opts.base, several);
    if (a !== undefined) out.push(a);
  }
  const seen = new Set<string>();
  for (const run of runs) {
    for (const w of run.report.waivers) {
      const id = `${w.source.file}:${w.source.line}`;
      if (seen.has(id) || !(w.state === "expired" || w.expiring)) continue;
      seen.add(id);
      out.push(command("warning", { file: path(w.source.file, opts.base), line: w.source.line, title: `waiver for ${w.control} ${w.state === "expired" ? "expired" : "expiring"}` }, `waiver for ${w.control} / ${w.key} until ${w.until}: ${waiverStateText(w)}`));
    }
  }
  const s = totalSummary(runs.map((r) => r.report));
  const fresh = runs.reduce((n, r) => n + (r.report.baseline?.new ?? 0), 0);
  const fixed = runs.reduce((n, r) => n + (r.report.baseline?.fixed ?? 0), 0);
  const base = runs.some((r) => r.report.baseline) ? `; against the baseline: ${fresh} new, ${fixed} fixed` : "";
  out.push(`perimeter: ${plural(s.pass + s.fail + s.unknown + s.waived, "result")} in ${plural(runs.length, "export")}: ${s.pass} passed, ${s.fail} failed, ${s.unknown} unknown, ${s.waived} waived${base}; params: ${escapeData(paramsText(opts.params))}`);
  return `${out.join("\n")}\n`;
}
