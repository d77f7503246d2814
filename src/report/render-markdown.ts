/**
 * The audit report as Markdown (GitHub-flavoured tables): readable as plain text, rendered
 * by GitHub, GitLab and `$GITHUB_STEP_SUMMARY`. Content: see `audit.ts`.
 *
 * Every value that comes from a policy or an export goes through `md` (prose) or `code` (code
 * spans), so that under GitHub's renderer it shows as written and creates no link, image, HTML,
 * heading, table cell, mention or issue reference (test/report/markdown-gfm.test.ts renders
 * hostile exports with a real GFM renderer and compares the elements with the template's).
 * Documentation links are `<URL>` autolinks, so they render to their exact URL.
 */

import { auditDocument, baselineCounts, baselineTotal, STATUS_WORD, type AuditDocument, type ControlSection, type ExportSection, type SubjectCell } from "./audit.js";
import { STATUS_ORDER, type ControlStatus, type Overview } from "./overview.js";
import type { Summary } from "./report.js";
import type { ExportRun, ParamsUsed, RunInfo } from "./run.js";

/** U+200B ZERO WIDTH SPACE: GitHub honours no backslash escape for `@user` or `#123`, but this breaks them. */
export const ZWSP = "\u200b";

/**
 * Escapes text for Markdown prose and table cells, so that GitHub shows it as written:
 * - Markdown-active characters are backslash-escaped, `<`, `>` and `&` become entities (no HTML,
 *   no character references), newlines become `<br>` (a table row stays one line);
 * - GFM autolink literals are broken with escapes GitHub's parser honours: `https\://`, `www\.`;
 * - GitHub's own references, which it finds in the rendered text after Markdown and so no
 *   escape can stop, get a zero-width space: `@\u200bteam` (mentions and e-mail autolinks),
 *   `#\u200b123` (issue references), `GH-\u200b123`, `:\u200btada:` (emoji);
 * - a leading list, heading or thematic-break marker, or leading blanks, cannot start a block.
 */
export function md(s: string): string {
  return visible(s)
    .replace(/:(?=[A-Za-z0-9_+-]*[A-Za-z+][A-Za-z0-9_+-]*:)/g, `:${ZWSP}`)
    .replace(/@(?=\S)/g, `@${ZWSP}`)
    .replace(/#(?=[A-Za-z0-9])/g, `#${ZWSP}`)
    .replace(/\b(GH)-(?=[0-9])/gi, `$1-${ZWSP}`)
    .replace(/[\\`*_[\]<>|#~!&]/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : `\\${c}`))
    .replace(/:(?=\/\/)/g, "\\:")
    .replace(/(^|[^A-Za-z0-9])(www)\./gi, "$1$2\\.")
    .replace(/^([-+=])/, "\\$1")
    .replace(/^([0-9]{1,9})([.)])/, "$1\\$2")
    .replace(/^[ \t]+/, (ws) => ws.replace(/ /g, "&#32;").replace(/\t/g, "&#9;"))
    .replace(/\r\n|\r|\n/g, "<br>");
}

/** Control characters as the text `\uXXXX` (tab, CR and LF are kept). */
export function visible(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}

/**
 * A code span holding `s` exactly (line breaks as spaces): fenced by one backtick more than
 * the longest run inside, padded when it starts or ends with a backtick or a space. In a
 * table (`cell`), `|` is escaped: GFM unescapes it inside code spans of table cells.
 */
export function code(s: string, cell = true): string {
  if (s === "") return "";
  let text = visible(s).replace(/\r\n|\r|\n/g, " ");
  // `\|` cannot be written in a code span of a table cell (GFM takes `\|` as an escaped pipe
  // before it sees the span): an HTML code element, every ASCII symbol a character reference.
  if (cell && /\\\|/.test(text)) return `<code>${text.replace(/[^A-Za-z0-9 \u0080-\uffff]/g, (c) => `&#${c.charCodeAt(0)};`)}</code>`;
  if (cell) text = text.replace(/\|/g, "\\|");
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(text) && text.trim() !== "" ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A documentation link: an autolink to the exact URL when it is a plain http(s) URL, else escaped text. */
export function docLink(url: string): string {
  return /^https?:\/\/[^\s<>\u0000-\u001f\u007f]+$/.test(url) ? `<${url}>` : md(url);
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)];
}

function subject(s: SubjectCell): string[] {
  return [md(s.label), code(s.key), code(s.pointer)];
}

function summaryRow(name: string, s: Summary): string[] {
  return [name, String(s.pass), String(s.fail), String(s.unknown), String(s.waived), String(s.pass + s.fail + s.unknown + s.waived)];
}

function controlSection(c: ControlSection, baseline: boolean): string[] {
  const out = [`### ${md(c.id)} — ${md(c.title)}: ${STATUS_WORD[c.status]}`, ""];
  out.push(...table(["severity", "frameworks", "defined in"], [[c.severity, c.frameworks.length ? c.frameworks.map(md).join(", ") : "—", code(c.source)]]), "");
  if (c.description) out.push(md(c.description), "");
  if (c.remediation) out.push(`**Remediation:** ${md(c.remediation)}`, "");
  if (c.docs) out.push(`**Documentation:** ${docLink(c.docs)}`, "");
  if (c.passes.length + c.failures.length + c.unknowns.length + c.waived.length === 0) out.push("No subject was selected: the control does not apply to this export.", "");
  if (c.failures.length > 0) {
    out.push("**Failures**", "");
    const head = ["subject", "key", "JSON pointer", "requirement", "line", "message", ...(baseline ? ["baseline"] : [])];
    out.push(...table(head, c.failures.map((f) => [...subject(f.subject), md(f.requirement), String(f.line), md(f.message), ...(baseline ? [f.baseline] : [])])), "");
  }
  if (c.unknowns.length > 0) {
    out.push("**Not decided: data not collected**", "");
    out.push(...table(["subject", "key", "JSON pointer", "condition", "uncollected slots"], c.unknowns.map((u) => [...subject(u.subject), md(u.condition), code(u.slots)])), "");
  }
  if (c.waived.length > 0) {
    out.push("**Waived**", "");
    out.push(...table(["subject", "key", "JSON pointer", "until", "approved by", "reason", "waived failures"], c.waived.map((w) => [...subject(w.subject), w.until, md(w.approvedBy) || "—", md(w.reason), md(w.waived)])), "");
  }
  if (c.passes.length > 0) {
    out.push("**Passes** (evidence of compliance)", "");
    out.push(...table(["subject", "key", "JSON pointer"], c.passes.map(subject)), "");
  }
  return out;
}

function exportSection(e: ExportSection, index: number, count: number, baseline: boolean): string[] {
  const out = [`## ${count > 1 ? `Export ${index + 1}: ` : "Results: "}${code(e.file, false)}`, ""];
  if (e.about) out.push(md(e.about), "");
  if (e.baseline) out.push(`Against the baseline: ${baselineCounts(e.baseline)}.`, "");
  for (const c of e.controls) out.push(...controlSection(c, baseline));
  for (const [heading, rows] of [["Fixed since the baseline", e.fixed], ["Failing in the baseline, not evaluated now", e.absent]] as const) {
    if (rows.length === 0) continue;
    out.push(`### ${heading}`, "");
    out.push(...table(["control", "severity", "subject", "key", "JSON pointer", "now", "failed with"], rows.map((f) => [md(f.control), f.severity, ...subject(f.subject), md(f.now), md(f.was)])), "");
  }
  return out;
}

/** Up to this many exports, the Markdown matrix has a column per export; beyond, counts per status. */
export const MATRIX_COLUMNS = 12;

/** A status in the matrix: short, so many exports fit. */
const CELL_WORD: Readonly<Record<ControlStatus, string>> = { ...STATUS_WORD, not_applicable: "N/A" };

/** What needs attention before the results are trusted: a GitHub alert (a quote elsewhere). */
export function attention(o: Overview, files: readonly string[], now: string | null): string[] {
  const lines: string[] = [];
  for (const s of o.stale) lines.push(`**Stale export:** ${code(s.file, false)} was exported on ${s.exportedAt.slice(0, 10)}, ${s.days} days before the evaluation date ${now ?? ""} (more than ${o.maxExportAge} days).`);
  for (const g of o.gaps) {
    const slots = g.slots.slice(0, 10).map((x) => code(x, false)).join(", ");
    lines.push(`**Collection gap:** ${code(g.file, false)}: ${g.results} result${g.results === 1 ? "" : "s"} of ${g.controls.length} control${g.controls.length === 1 ? "" : "s"} (${g.controls.map(md).join(", ")}) could not be decided: not collected ${slots}${g.slots.length > 10 ? ` and ${g.slots.length - 10} more` : ""}.`);
  }
  if (lines.length === 0) return [`No export is older than ${o.maxExportAge} days${now ? ` on ${now}` : ""} or has collection gaps${files.length > 1 ? ` (${files.length} exports)` : ""}.`, ""];
  return ["> [!WARNING]", ...lines.flatMap((l, i) => (i === 0 ? [`> ${l}`] : [">", `> ${l}`])), ""];
}

/** Controls by status, failures by severity, the control × export matrix and the frameworks. */
export function overviewSection(doc: AuditDocument, matrix = true): string[] {
  const o = doc.overview;
  const files = doc.exports.map((e) => e.file);
  const out = ["## Overview", ""];
  out.push(...attention(o, files, doc.evaluationDate));
  const total = STATUS_ORDER.reduce((n, s) => n + o.controls[s], 0);
  out.push(`**Controls by status** (across exports a control has its worst status: fail, unknown, waived, pass, not applicable)`, "");
  out.push(...table([...STATUS_ORDER.map((s) => STATUS_WORD[s].toLowerCase()), "controls"], [[...STATUS_ORDER.map((s) => String(o.controls[s])), String(total)]]), "");
  out.push("**Failures by severity**", "");
  out.push(...table(["severity", "failing controls", "failing results"], o.failures.map((f) => [f.severity, String(f.controls), String(f.results)])), "");
  if (matrix) {
    const many = files.length > 1;
    const columns = many && files.length <= MATRIX_COLUMNS;
    out.push(`### Controls${many ? " × exports" : ""}, failures first`, "");
    if (columns) out.push(`Exports: ${files.map((f, i) => `${i + 1} = ${code(f, false)}`).join(", ")}.`, "");
    if (many && !columns) out.push(`With ${files.length} exports, a column each would not be readable: the columns count the exports in which each control has each status (the HTML report has the full matrix).`, "");
    const perExport = (m: Overview["matrix"][number]): string[] =>
      columns ? m.statuses.map((s) => (s === null ? "—" : CELL_WORD[s])) : many ? STATUS_ORDER.map((st) => String(m.statuses.filter((s) => s === st).length)) : [];
    const extra = columns ? files.map((_, i) => String(i + 1)) : many ? STATUS_ORDER.map((st) => `${CELL_WORD[st].toLowerCase()} in`) : [];
    out.push(...table(["control", "title", "severity", "status", "failing results", ...extra], o.matrix.map((m) => [md(m.id), md(m.title), m.severity, `**${CELL_WORD[m.status]}**`, String(m.failures), ...perExport(m)])), "");
  }
  out.push("### Frameworks", "");
  if (o.frameworks.length === 0) out.push("No control names a framework.", "");
  else out.push(...table(["framework reference", "status", "controls"], o.frameworks.map((f) => [md(f.ref), `**${CELL_WORD[f.status]}**`, f.controls.map((c) => `${md(c.id)} ${CELL_WORD[c.status]}`).join(", ")])), "");
  return out;
}

/** The params file, its digest and the effective value of every param. */
export function paramsSection(p: ParamsUsed | null): string[] {
  if (p === null) return [];
  const out = ["## Parameters", ""];
  out.push(p.file === null ? "No params file was given: every param has its policy default." : `Params file ${code(p.file, false)}, SHA-256 ${code(p.sha256 ?? "", false)}.`, "");
  if (p.values.length === 0) out.push("The policies declare no params.", "");
  else out.push(...table(["package", "param", "effective value", "source"], p.values.map((v) => [code(v.package), code(v.name), code(v.display), v.source === "override" ? "**overridden**" : "default"])), "");
  return out;
}

export function markdownOf(doc: AuditDocument): string {
  const out = [`# ${doc.title}`, ""];
  out.push(...table(["", ""], doc.stamp.map((s) => [`**${s.label}**`, s.label.includes("SHA-256") ? code(s.value) : md(s.value)])), "");
  out.push(...overviewSection(doc));
  out.push("## Summary", "");
  const rows = doc.exports.map((e) => summaryRow(code(e.file), e.summary));
  if (doc.exports.length > 1) rows.push(summaryRow("**all exports**", doc.total));
  out.push(...table(["export", "pass", "fail", "unknown", "waived", "total"], rows), "");
  if (doc.baseline) out.push(`Against the baseline: ${baselineCounts(baselineTotal(doc), true)}.`, "");
  out.push("## Inputs", "", "SHA-256 of each file's bytes, as read for this report.", "");
  out.push(...table(["file", "role", "SHA-256"], doc.inputs.map((i) => [code(i.file), i.role, code(i.sha256)])), "");
  out.push(...paramsSection(doc.params));
  doc.exports.forEach((e, i) => out.push(...exportSection(e, i, doc.exports.length, doc.baseline)));
  out.push("## Waivers", "");
  if (doc.waivers.length === 0) out.push("No waivers are declared.", "");
  else out.push(...table(["control", "subject", "approved by", "until", "reason", "state", "declared in"], doc.waivers.map((w) => [md(w.control), code(w.subject), md(w.approvedBy) || "—", w.until, md(w.reason), md(w.state), code(w.source)])), "");
  return `${out.join("\n").replace(/\n+$/, "")}\n`;
}

/** GitHub's limit on one step's `$GITHUB_STEP_SUMMARY`: 1 MiB; larger summaries are not shown. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

/**
 * The compact summary: the stamp, the overview (its matrix only when it fits), the results per
 * export, then one table of the failures and one of the undecided results of every export, and
 * the waivers — no passes, no per-control sections. It stays under `limit` bytes: rows that do
 * not fit are counted in a closing note instead (the JSON or HTML report has them all).
 */
export function compactMarkdownOf(doc: AuditDocument, limit = STEP_SUMMARY_LIMIT): string {
  const many = doc.exports.length > 1;
  const head = [`# ${doc.title} (compact summary)`, ""];
  head.push(...table(["", ""], doc.stamp.map((s) => [`**${s.label}**`, s.label.includes("SHA-256") ? code(s.value) : md(s.value)])), "");
  head.push("The full report is longer than GitHub's 1 MiB step-summary limit, or `--compact` was given: this summary lists the overview, the failures and the undecided results; `--format html` or `--format json` has every result, passes included.", "");
  const withMatrix = overviewSection(doc, true);
  const reserve = 4096;
  const out = [...head, ...(bytes(withMatrix.join("\n")) < (limit - reserve) / 4 ? withMatrix : overviewSection(doc, false))];
  out.push("## Summary", "");
  const rows = doc.exports.map((e) => summaryRow(code(e.file), e.summary));
  if (many) rows.push(summaryRow("**all exports**", doc.total));
  out.push(...table(["export", "pass", "fail", "unknown", "waived", "total"], rows), "");
  if (doc.baseline) out.push(`Against the baseline: ${baselineCounts(baselineTotal(doc), true)}.`, "");
  const waivers = doc.waivers.length === 0 ? [] : ["## Waivers", "", ...table(["control", "subject", "approved by", "until", "reason", "state"], doc.waivers.map((w) => [md(w.control), code(w.subject), md(w.approvedBy) || "—", w.until, md(w.reason), md(w.state)])), ""];
  let used = bytes(out.join("\n")) + bytes(waivers.join("\n")) + reserve;
  const omitted = { failures: 0, unknowns: 0 };
  const section = (title: string, headRow: readonly string[], all: readonly string[][], key: keyof typeof omitted) => {
    if (all.length === 0) return;
    const lines = [`## ${title}`, "", ...table(headRow, [])];
    used += bytes(lines.join("\n")) + 2;
    for (const r of all) {
      const line = `| ${r.join(" | ")} |`;
      const n = bytes(line) + 1;
      if (used + n > limit) {
        omitted[key]++;
        continue;
      }
      used += n;
      lines.push(line);
    }
    out.push(...lines, "");
  };
  const exportCol = (i: number) => (many ? [String(i + 1)] : []);
  section(
    "Failures",
    [...(many ? ["export"] : []), "control", "severity", "subject", "key", "line", "message", ...(doc.baseline ? ["baseline"] : [])],
    doc.exports.flatMap((e, i) => e.controls.flatMap((c) => c.failures.map((f) => [...exportCol(i), md(c.id), c.severity, md(f.subject.label), code(f.subject.key), String(f.line), md(f.message), ...(doc.baseline ? [f.baseline] : [])]))),
    "failures",
  );
  section(
    "Not decided: data not collected",
    [...(many ? ["export"] : []), "control", "subject", "key", "uncollected slots"],
    doc.exports.flatMap((e, i) => e.controls.flatMap((c) => c.unknowns.map((u) => [...exportCol(i), md(c.id), md(u.subject.label), code(u.subject.key), code(u.slots)]))),
    "unknowns",
  );
  out.push(...waivers);
  if (omitted.failures + omitted.unknowns > 0) out.push(`**Not shown, to stay under ${limit} bytes:** ${omitted.failures} failures and ${omitted.unknowns} undecided results; see \`--format html\` or \`--format json\`.`, "");
  const text = `${out.join("\n").replace(/\n+$/, "")}\n`;
  return bytes(text) <= limit ? text : cut(out, limit);
}

/** The last resort for very many exports (the per-export lines alone too long): whole lines up to the limit, then a note. */
function cut(lines: readonly string[], limit: number): string {
  const note = "\n\n**The summary was cut here to stay under GitHub's step-summary limit;** see `--format html` or `--format json`.\n";
  const kept: string[] = [];
  let used = bytes(note);
  for (const l of lines) {
    const n = bytes(l) + 1;
    if (used + n > limit) break;
    kept.push(l);
    used += n;
  }
  return `${kept.join("\n").replace(/\n+$/, "")}${note}`;
}

/**
 * The Markdown report: the full one, or the compact summary when asked (`compact: true`) or
 * when the full one would exceed GitHub's step-summary limit; `compact` in the result says which.
 */
export function markdownReport(runs: readonly ExportRun[], info: RunInfo, options: { compact?: boolean; limit?: number } = {}): { text: string; compact: boolean; fullBytes?: number } {
  const doc = auditDocument(runs, info);
  const limit = options.limit ?? STEP_SUMMARY_LIMIT;
  if (options.compact) return { text: compactMarkdownOf(doc, limit), compact: true };
  const full = markdownOf(doc);
  const size = bytes(full);
  return size <= limit ? { text: full, compact: false } : { text: compactMarkdownOf(doc, limit), compact: true, fullBytes: size };
}

export function renderMarkdown(runs: readonly ExportRun[], info: RunInfo): string {
  return markdownOf(auditDocument(runs, info));
}
