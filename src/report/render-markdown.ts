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
import type { Summary } from "./report.js";
import type { ExportRun, RunInfo } from "./run.js";

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
    .replace(/@(?=[A-Za-z0-9_-])/g, `@${ZWSP}`)
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

export function markdownOf(doc: AuditDocument): string {
  const out = [`# ${doc.title}`, ""];
  out.push(...table(["", ""], doc.stamp.map((s) => [`**${s.label}**`, s.label.includes("SHA-256") ? code(s.value) : md(s.value)])), "");
  out.push("## Summary", "");
  const rows = doc.exports.map((e) => summaryRow(code(e.file), e.summary));
  if (doc.exports.length > 1) rows.push(summaryRow("**all exports**", doc.total));
  out.push(...table(["export", "pass", "fail", "unknown", "waived", "total"], rows), "");
  if (doc.baseline) out.push(`Against the baseline: ${baselineCounts(baselineTotal(doc), true)}.`, "");
  out.push("## Inputs", "", "SHA-256 of each file's bytes, as read for this report.", "");
  out.push(...table(["file", "role", "SHA-256"], doc.inputs.map((i) => [code(i.file), i.role, code(i.sha256)])), "");
  doc.exports.forEach((e, i) => out.push(...exportSection(e, i, doc.exports.length, doc.baseline)));
  out.push("## Waivers", "");
  if (doc.waivers.length === 0) out.push("No waivers are declared.", "");
  else out.push(...table(["control", "subject", "approved by", "until", "reason", "state", "declared in"], doc.waivers.map((w) => [md(w.control), code(w.subject), md(w.approvedBy) || "—", w.until, md(w.reason), md(w.state), code(w.source)])), "");
  return `${out.join("\n").replace(/\n+$/, "")}\n`;
}

export function renderMarkdown(runs: readonly ExportRun[], info: RunInfo): string {
  return markdownOf(auditDocument(runs, info));
}
