/**
 * The audit report as Markdown (GitHub-flavoured tables): readable as plain text, rendered
 * by GitHub, GitLab and `$GITHUB_STEP_SUMMARY`. Content: see `audit.ts`.
 *
 * Every value that comes from a policy or an export is escaped, so a workspace named
 * `*[x](y)*` or `<img>` shows as written and cannot inject links, HTML or table cells.
 */

import { auditDocument, baselineCounts, baselineTotal, STATUS_WORD, type AuditDocument, type ControlSection, type ExportSection, type SubjectCell } from "./audit.js";
import type { Summary } from "./report.js";
import type { ExportRun, RunInfo } from "./run.js";

/** Escapes Markdown-active characters; newlines become `<br>` (only inside tables). */
export function md(s: string): string {
  return visible(s).replace(/[\\`*_[\]<>|#~!&]/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : `\\${c}`)).replace(/\r?\n/g, "<br>");
}

/** Control characters as the text `\uXXXX` (tab, CR and LF are kept). */
export function visible(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}

function code(s: string): string {
  // A code span holds anything but a backtick run as long as its fence, and `|` breaks a table.
  return s === "" ? "" : `\`${visible(s).replace(/`/g, "'").replace(/\|/g, "\\|").replace(/\r?\n/g, " ")}\``;
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
  if (c.docs) out.push(`**Documentation:** ${md(c.docs)}`, "");
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
  const out = [`## ${count > 1 ? `Export ${index + 1}: ` : "Results: "}${code(e.file)}`, ""];
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
