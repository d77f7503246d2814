/**
 * The audit report as one self-contained HTML file: the content of `audit.ts`, inline CSS,
 * an inline SVG chart of the summary, and nothing fetched from anywhere — no fonts, scripts,
 * stylesheets or images by URL, and a Content-Security-Policy of `default-src 'none'` so a
 * browser would refuse even if some text tried. Links appear only as anchors to a control's
 * documentation. Accessible (landmarks, one heading outline, tables with captions and header
 * scopes, statuses written out rather than shown by colour alone, a text alternative for the
 * chart) and printable (a print stylesheet that keeps rows together and prints link targets).
 */

import { auditDocument, baselineCounts, baselineTotal, STATUS_WORD, type AuditDocument, type ControlSection, type ExportSection, type SubjectCell } from "./audit.js";
import { STATUS_ORDER, type ControlStatus, type Overview } from "./overview.js";
import { visible } from "./render-markdown.js";
import type { Summary } from "./report.js";
import type { ExportRun, ParamsUsed, RunInfo } from "./run.js";

export function esc(s: string): string {
  return visible(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const COLORS = { pass: "#1a7f37", fail: "#cf222e", unknown: "#9a6700", waived: "#0969da" } as const;

const CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-alt: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: #fff; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.75rem; margin: 0 0 1rem; }
h2 { font-size: 1.35rem; margin: 2.25rem 0 0.75rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.75rem 0 0.5rem; }
h4 { font-size: 0.95rem; margin: 1rem 0 0.35rem; }
p { margin: 0.4rem 0; }
code { font: 0.85em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg-alt); padding: 0.05em 0.3em; border-radius: 4px; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 0.9rem; font-size: 0.9rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid var(--line); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
thead th { white-space: nowrap; }
code.id { white-space: nowrap; }
thead th { background: var(--bg-alt); }
th[scope="row"] { background: var(--bg-alt); width: 14rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 700; letter-spacing: 0.03em; padding: 0.1rem 0.45rem; border-radius: 999px; color: #fff; vertical-align: 0.1em; }
.s-pass { background: ${COLORS.pass}; } .s-fail { background: ${COLORS.fail}; } .s-unknown { background: ${COLORS.unknown}; }
.s-waived { background: ${COLORS.waived}; } .s-not_applicable { background: #59636e; }
.t-expired { color: ${COLORS.fail}; font-weight: 600; } .t-expiring { color: ${COLORS.unknown}; font-weight: 600; }
.muted { color: var(--muted); }
.overview { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: center; }
.overview svg { flex: none; }
.legend { list-style: none; padding: 0; margin: 0; }
.legend li { margin: 0.2rem 0; }
.swatch { display: inline-block; width: 0.8rem; height: 0.8rem; border-radius: 2px; margin-right: 0.4rem; vertical-align: -0.05rem; }
section.control { border-left: 4px solid var(--line); padding-left: 0.9rem; margin-top: 1.25rem; }
section.control.c-fail { border-left-color: ${COLORS.fail}; } section.control.c-pass { border-left-color: ${COLORS.pass}; }
section.control.c-unknown { border-left-color: ${COLORS.unknown}; } section.control.c-waived { border-left-color: ${COLORS.waived}; }
.attention { border: 1px solid ${COLORS.unknown}; border-left-width: 6px; background: #fff8c5; padding: 0.5rem 0.9rem; margin: 0.5rem 0 1rem; border-radius: 4px; }
.attention p { margin: 0.25rem 0; }
.attention.ok { border-color: ${COLORS.pass}; background: #dafbe1; }
.counts { display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
.counts table { width: auto; }
.scroll { overflow-x: auto; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  tr, section.control > p { break-inside: avoid; }
  .badge, .swatch, svg, .attention { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  a { color: inherit; }
  a[href]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
}
`;

/** `**x**` (from the shared count text) as `<strong>x</strong>`, the rest escaped. */
function strong(s: string): string {
  return esc(s).replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>");
}

function code(s: string): string {
  return s === "" ? "" : `<code>${esc(s)}</code>`;
}

function badge(status: keyof typeof STATUS_WORD): string {
  return `<span class="badge s-${status}">${STATUS_WORD[status]}</span>`;
}

function table(caption: string, head: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = []): string {
  const th = head.map((h, i) => `<th scope="col"${numeric.includes(i) ? ' class="num"' : ""}>${h}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ""}>${c}</td>`).join("")}</tr>`).join("\n");
  return `<table>\n<caption>${caption}</caption>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function subject(s: SubjectCell): string[] {
  return [esc(s.label), idCode(s.key), idCode(s.pointer)];
}

/** Keys and pointers: short identifiers that read badly when broken across lines. */
function idCode(s: string): string {
  return s === "" ? "" : `<code class="id">${esc(s)}</code>`;
}

/** A donut of the summary: one arc per status, the total in the middle; the legend repeats the numbers as text. */
export function donut(s: Summary): string {
  const parts = (["pass", "fail", "unknown", "waived"] as const).map((k) => ({ k, n: s[k] }));
  const total = parts.reduce((a, p) => a + p.n, 0);
  const r = 52;
  const circ = 2 * Math.PI * r;
  let offset = 0;
  const arcs =
    total === 0
      ? [`<circle cx="70" cy="70" r="${r}" fill="none" stroke="#d1d9e0" stroke-width="22"/>`]
      : parts
          .filter((p) => p.n > 0)
          .map((p) => {
            const len = (p.n / total) * circ;
            const arc = `<circle cx="70" cy="70" r="${r}" fill="none" stroke="${COLORS[p.k]}" stroke-width="22" stroke-dasharray="${len.toFixed(3)} ${(circ - len).toFixed(3)}" stroke-dashoffset="${(-offset).toFixed(3)}" transform="rotate(-90 70 70)"/>`;
            offset += len;
            return arc;
          });
  const text = parts.map((p) => `${p.n} ${p.k === "pass" ? "passed" : p.k === "fail" ? "failed" : p.k}`).join(", ");
  return [
    `<svg width="140" height="140" viewBox="0 0 140 140" role="img" aria-labelledby="chart-title chart-desc">`,
    `<title id="chart-title">Results by status</title>`,
    `<desc id="chart-desc">${esc(`${total} results: ${text}`)}</desc>`,
    ...arcs,
    `<text x="70" y="68" text-anchor="middle" font-size="26" font-weight="700" fill="#1f2328">${total}</text>`,
    `<text x="70" y="88" text-anchor="middle" font-size="12" fill="#59636e">results</text>`,
    `</svg>`,
  ].join("\n");
}

function legend(s: Summary): string {
  const items = (["pass", "fail", "unknown", "waived"] as const).map((k) => `<li><span class="swatch" style="background:${COLORS[k]}" aria-hidden="true"></span>${{ pass: "Passed", fail: "Failed", unknown: "Unknown", waived: "Waived" }[k]}: <strong>${s[k]}</strong></li>`);
  return `<ul class="legend">\n${items.join("\n")}\n</ul>`;
}

function summaryRow(name: string, s: Summary): string[] {
  return [name, String(s.pass), String(s.fail), String(s.unknown), String(s.waived), String(s.pass + s.fail + s.unknown + s.waived)];
}

function docLink(docs: string): string {
  return /^https?:\/\/[^\s"<>]+$/.test(docs) ? `<a href="${esc(docs)}">${esc(docs)}</a>` : esc(docs);
}

function controlSection(c: ControlSection, baseline: boolean, slug: string): string {
  const out = [`<section class="control c-${c.status}" aria-labelledby="${slug}">`, `<h3 id="${slug}">${esc(c.id)} — ${esc(c.title)} ${badge(c.status)}</h3>`];
  out.push(`<p><span class="muted">Severity</span> ${esc(c.severity)} · <span class="muted">frameworks</span> ${c.frameworks.length ? c.frameworks.map(esc).join(", ") : "—"} · <span class="muted">defined in</span> ${code(c.source)}</p>`);
  if (c.description) out.push(`<p>${esc(c.description)}</p>`);
  if (c.remediation) out.push(`<p><strong>Remediation:</strong> ${esc(c.remediation)}</p>`);
  if (c.docs) out.push(`<p><strong>Documentation:</strong> ${docLink(c.docs)}</p>`);
  if (c.passes.length + c.failures.length + c.unknowns.length + c.waived.length === 0) out.push(`<p class="muted">No subject was selected: the control does not apply to this export.</p>`);
  if (c.failures.length > 0) {
    const head = ["Subject", "Key", "JSON pointer", "Requirement", "Line", "Message", ...(baseline ? ["Baseline"] : [])];
    out.push(table(`Failures of ${esc(c.id)}`, head, c.failures.map((f) => [...subject(f.subject), esc(f.requirement), String(f.line), esc(f.message), ...(baseline ? [esc(f.baseline)] : [])]), [4]));
  }
  if (c.unknowns.length > 0) {
    out.push(table(`Not decided for ${esc(c.id)}: data not collected`, ["Subject", "Key", "JSON pointer", "Condition", "Uncollected slots"], c.unknowns.map((u) => [...subject(u.subject), esc(u.condition), code(u.slots)])));
  }
  if (c.waived.length > 0) {
    out.push(table(`Waived results of ${esc(c.id)}`, ["Subject", "Key", "JSON pointer", "Until", "Approved by", "Reason", "Waived failures"], c.waived.map((w) => [...subject(w.subject), esc(w.until), esc(w.approvedBy) || "—", esc(w.reason), esc(w.waived)])));
  }
  if (c.passes.length > 0) {
    out.push(table(`Passes of ${esc(c.id)} (evidence of compliance)`, ["Subject", "Key", "JSON pointer"], c.passes.map(subject)));
  }
  out.push("</section>");
  return out.join("\n");
}

function exportSection(e: ExportSection, index: number, count: number, baseline: boolean): string {
  const out = [`<section aria-labelledby="export-${index + 1}">`, `<h2 id="export-${index + 1}">${count > 1 ? `Export ${index + 1}: ` : "Results: "}${code(e.file)}</h2>`];
  if (e.about) out.push(`<p class="muted">${esc(e.about)}</p>`);
  if (e.baseline) out.push(`<p>Against the baseline: ${strong(baselineCounts(e.baseline, true))}.</p>`);
  e.controls.forEach((c, i) => out.push(controlSection(c, baseline, `export-${index + 1}-control-${i + 1}`)));
  for (const [id, heading, caption, rows] of [
    ["fixed", "Fixed since the baseline", "Results that failed in the baseline and do not fail now", e.fixed],
    ["absent", "Failing in the baseline, not evaluated now", "Results that failed in the baseline and that this run did not evaluate", e.absent],
  ] as const) {
    if (rows.length === 0) continue;
    out.push(`<h3 id="export-${index + 1}-${id}">${heading}</h3>`);
    out.push(table(caption, ["Control", "Severity", "Subject", "Key", "JSON pointer", "Now", "Failed with"], rows.map((f) => [esc(f.control), esc(f.severity), ...subject(f.subject), esc(f.now), esc(f.was)])));
  }
  out.push("</section>");
  return out.join("\n");
}

/** A status in the matrix: its badge, or a dash where the control was not evaluated. */
function cellBadge(s: ControlStatus | null): string {
  return s === null ? '<span class="muted">—</span>' : badge(s);
}

function attention(o: Overview, now: string | null): string {
  const lines: string[] = [];
  for (const s of o.stale) lines.push(`<p><strong>Stale export:</strong> ${code(s.file)} was exported on ${esc(s.exportedAt.slice(0, 10))}, ${s.days} days before the evaluation date ${esc(now ?? "")} (more than ${o.maxExportAge} days).</p>`);
  for (const g of o.gaps) {
    const slots = g.slots.slice(0, 10).map(code).join(", ");
    lines.push(
      `<p><strong>Collection gap:</strong> ${code(g.file)}: ${g.results} result${g.results === 1 ? "" : "s"} of ${g.controls.length} control${g.controls.length === 1 ? "" : "s"} (${g.controls.map(esc).join(", ")}) could not be decided: not collected ${slots}${g.slots.length > 10 ? ` and ${g.slots.length - 10} more` : ""}.</p>`,
    );
  }
  if (lines.length === 0) return `<div class="attention ok" role="note"><p>No export is older than ${o.maxExportAge} days${now ? ` on ${esc(now)}` : ""} or has collection gaps.</p></div>`;
  return `<div class="attention" role="note" aria-label="Needs attention">\n${lines.join("\n")}\n</div>`;
}

function overviewSection(doc: AuditDocument): string {
  const o = doc.overview;
  const files = doc.exports.map((e) => e.file);
  const many = files.length > 1;
  const total = STATUS_ORDER.reduce((n, s) => n + o.controls[s], 0);
  const out = [`<section aria-labelledby="overview" id="overview-section">`, `<h2 id="overview">Overview</h2>`, attention(o, doc.evaluationDate)];
  out.push(
    `<div class="counts">`,
    table(
      "Controls by status (across exports, a control has its worst status)",
      [...STATUS_ORDER.map((s) => badge(s)), "Controls"],
      [[...STATUS_ORDER.map((s) => String(o.controls[s])), String(total)]],
      STATUS_ORDER.map((_, i) => i).concat(STATUS_ORDER.length),
    ),
    table("Failures by severity", ["Severity", "Failing controls", "Failing results"], o.failures.map((f) => [esc(f.severity), String(f.controls), String(f.results)]), [1, 2]),
    `</div>`,
  );
  const head = ["Control", "Title", "Severity", "Status", "Failing results", ...(many ? files.map((f, i) => `<abbr title="${esc(f)}">${i + 1}</abbr>`) : [])];
  out.push(
    `<h3 id="overview-matrix">Controls${many ? " × exports" : ""}, failures first</h3>`,
    ...(many ? [`<p class="muted">Exports: ${files.map((f, i) => `${i + 1} = ${code(f)}`).join(", ")}.</p>`] : []),
    table(
      `Status of each control${many ? " in each export" : ""}, failures first`,
      head,
      o.matrix.map((m) => [idCode(m.id), esc(m.title), esc(m.severity), badge(m.status), String(m.failures), ...(many ? m.statuses.map(cellBadge) : [])]),
      [4],
    ).replace("<table>", '<div class="scroll">\n<table class="matrix">') + "\n</div>",
  );
  out.push(`<h3 id="overview-frameworks">Frameworks</h3>`);
  if (o.frameworks.length === 0) out.push(`<p class="muted">No control names a framework.</p>`);
  else out.push(table("Each framework reference, its controls and their status", ["Framework reference", "Status", "Controls"], o.frameworks.map((f) => [esc(f.ref), badge(f.status), f.controls.map((c) => `${idCode(c.id)} ${badge(c.status)}`).join(" ")])));
  out.push(`</section>`);
  return out.join("\n");
}

function paramsSection(p: ParamsUsed | null): string[] {
  if (p === null) return [];
  const intro = p.file === null ? `<p>No params file was given: every param has its policy default.</p>` : `<p>Params file ${code(p.file)}, SHA-256 ${code(p.sha256 ?? "")}.</p>`;
  const body =
    p.values.length === 0
      ? `<p>The policies declare no params.</p>`
      : table("Effective value of each param, and whether the params file overrode its default", ["Package", "Param", "Effective value", "Source"], p.values.map((v) => [code(v.package), code(v.name), code(v.display), v.source === "override" ? "<strong>overridden</strong>" : "default"]));
  return [`<section aria-labelledby="params">`, `<h2 id="params">Parameters</h2>`, intro, body, `</section>`];
}

export function htmlOf(doc: AuditDocument): string {
  const rows = doc.exports.map((e) => summaryRow(code(e.file), e.summary));
  if (doc.exports.length > 1) rows.push(summaryRow("<strong>All exports</strong>", doc.total));
  const body = [
    `<h1>${esc(doc.title)}</h1>`,
    `<table>\n<caption>About this report</caption>\n<tbody>\n${doc.stamp.map((s) => `<tr><th scope="row">${esc(s.label)}</th><td>${s.label.includes("SHA-256") ? code(s.value) : esc(s.value)}</td></tr>`).join("\n")}\n</tbody>\n</table>`,
    overviewSection(doc),
    `<section aria-labelledby="summary">`,
    `<h2 id="summary">Summary</h2>`,
    `<div class="overview">\n${donut(doc.total)}\n${legend(doc.total)}\n</div>`,
    table("Results per export", ["Export", "Pass", "Fail", "Unknown", "Waived", "Total"], rows, [1, 2, 3, 4, 5]),
    ...(doc.baseline ? [`<p>Against the baseline: ${strong(baselineCounts(baselineTotal(doc), true))}.</p>`] : []),
    `</section>`,
    `<section aria-labelledby="inputs">`,
    `<h2 id="inputs">Inputs</h2>`,
    table("SHA-256 of each file's bytes, as read for this report", ["File", "Role", "SHA-256"], doc.inputs.map((i) => [code(i.file), esc(i.role), code(i.sha256)])),
    `</section>`,
    ...paramsSection(doc.params),
    ...doc.exports.map((e, i) => exportSection(e, i, doc.exports.length, doc.baseline)),
    `<section aria-labelledby="waivers">`,
    `<h2 id="waivers">Waivers</h2>`,
    doc.waivers.length === 0
      ? `<p>No waivers are declared.</p>`
      : table(
          "Waivers declared in the policies, with their state on the evaluation date",
          ["Control", "Subject", "Approved by", "Until", "Reason", "State", "Declared in"],
          doc.waivers.map((w) => [esc(w.control), code(w.subject), esc(w.approvedBy) || "—", esc(w.until), esc(w.reason), `<span class="t-${w.tone}">${esc(w.state)}</span>`, code(w.source)]),
        ),
    `</section>`,
  ];
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(doc.title)}</title>`,
    `<style>${CSS}</style>`,
    "</head>",
    "<body>",
    "<main>",
    ...body,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

export function renderHtml(runs: readonly ExportRun[], info: RunInfo): string {
  return htmlOf(auditDocument(runs, info));
}
