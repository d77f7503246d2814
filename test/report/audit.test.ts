// Markdown and HTML audit reports: the same content, the stamp, escaping, and an HTML file that
// loads nothing from anywhere.
import { describe, expect, it } from "vitest";
import { auditDocument } from "../../src/report/audit.js";
import { donut, esc, renderHtml } from "../../src/report/render-html.js";
import { md, renderMarkdown } from "../../src/report/render-markdown.js";
import { policySetDigest } from "../../src/report/run.js";
import { baselineRuns, INFO, NOW, NOW_EXPORT, reportOf, runOf } from "./fixtures.js";

const runs = [runOf(NOW_EXPORT, reportOf(NOW_EXPORT, NOW))];

describe("audit report content", () => {
  const doc = auditDocument(runs, INFO);
  it("stamps the tool, the evaluation date and the digests of every input", () => {
    expect(doc.stamp.map((s) => s.label)).toEqual(["Tool", "Evaluation date", "Policy set SHA-256", "Exports"]);
    expect(doc.stamp[2]!.value).toBe(policySetDigest(INFO.policies));
    expect(doc.inputs.map((i) => `${i.role} ${i.file}`)).toEqual(["policy test/report/fixtures/report.perimeter", `export ${NOW_EXPORT}`]);
    for (const i of doc.inputs) expect(i.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
  it("lists passes, failures, unknowns, waived results and every waiver with its state", () => {
    const net1 = doc.exports[0]!.controls[0]!;
    expect([net1.passes.length, net1.failures.length, net1.unknowns.length, net1.waived.length]).toEqual([2, 1, 0, 1]);
    expect(doc.exports[0]!.controls[1]!.unknowns[0]).toMatchObject({ condition: "requirement 1 (require)", slots: "workspaces[3].ip_access_lists" });
    expect(doc.waivers.map((w) => `${w.subject} ${w.state}`)).toEqual(["1000000000000003 active, expiring in 12 days", "1000000000000001 unused", "1000000000000002 expired 27 days ago, not applied"]);
  });
  it("policy set digest is independent of paths and order", () => {
    const a = { path: "a", sha256: "1".repeat(64) };
    const b = { path: "b", sha256: "2".repeat(64) };
    expect(policySetDigest([a, b])).toBe(policySetDigest([{ ...b, path: "elsewhere/b" }, a]));
  });
});

describe("Markdown", () => {
  const text = renderMarkdown(runs, INFO);
  it("has the title, the summary table, sections per control and the waivers table", () => {
    expect(text.startsWith("# Perimeter compliance report\n")).toBe(true);
    expect(text).toContain("| export | pass | fail | unknown | waived | total |");
    expect(text).toContain(`| \`${NOW_EXPORT}\` | 8 | 2 | 1 | 1 | 12 |`);
    expect(text).toContain("### NET-001 — IP access lists are switched on: FAIL");
    expect(text).toContain("### NET-003 — Community edition workspaces are not used: NOT APPLICABLE");
    // The e-mail address carries a zero-width space after `@`: GitHub would make it a link.
    expect(text).toContain("| NET-001 | `1000000000000003` | ciso@\u200bacme.example | 2026-12-10 | legacy workspace, decommissioned in December (CHG-42) | active, expiring in 12 days |");
  });
  it("escapes text from exports so it cannot add links, HTML or table cells", () => {
    expect(md("a|b *c* [d](e) <img> `x` \u0001")).toBe("a\\|b \\*c\\* \\[d\\](e) &lt;img&gt; \\`x\\` \\\\u0001");
    expect(text).not.toContain("<img");
    expect(text).not.toMatch(/(?<!\\)\]\(https:\/\/evil/);
  });
  it("shows the baseline marks and the fixed results", () => {
    const { runs: b, info } = baselineRuns();
    const m = renderMarkdown(b, info);
    expect(m).toContain("| **Baseline** | baseline.json |");
    expect(m).toContain("Against the baseline: **1 new**, 1 still failing, 1 fixed, 2 not evaluated now.");
    expect(m).toMatch(/\| 1 \(require\) \| 15 \| IP access lists are off on dbx-analytics .* \| new \|/);
    expect(m).toContain("### Fixed since the baseline");
    expect(m).toContain("| NET-001 | high | dbx-prod | `1000000000000001` | `/workspaces/0` | now passes |");
    expect(m).toContain("### Failing in the baseline, not evaluated now");
  });
});

describe("HTML", () => {
  const html = renderHtml(runs, INFO);
  it("is one self-contained document: no scripts, stylesheets, images, frames or fonts from anywhere", () => {
    expect(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">")).toBe(true);
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed|source|video|audio|base)\b/i);
    expect(html).not.toMatch(/\ssrc\s*=|url\(|@import|@font-face/i);
    // Every href is an anchor's, to documentation, never a resource the page loads.
    for (const m of html.matchAll(/<(\w+)[^>]*\shref="([^"]*)"/g)) expect([m[1], m[2]]).toEqual(["a", "https://docs.databricks.com/en/security/network/front-end/ip-access-list.html"]);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  });
  it("is accessible: headings, captioned tables with header scopes, statuses in words, a described chart", () => {
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<svg width="140" height="140" viewBox="0 0 140 140" role="img" aria-labelledby="chart-title chart-desc">');
    expect(html).toContain('<desc id="chart-desc">12 results: 8 passed, 2 failed, 1 unknown, 1 waived</desc>');
    const tables = html.match(/<table[ >]/g)!.length;
    expect(html.match(/<caption>/g)).toHaveLength(tables);
    expect(html).not.toMatch(/<th>/);
    expect(html).toContain('<span class="badge s-fail">FAIL</span>');
    expect(html).toContain("@media print");
  });
  it("escapes text from exports", () => {
    expect(esc(`<a href="x">&'`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    expect(html).toContain("dbx-analytics &lt;&amp;&quot;&#39;&gt; | *[x](https://evil.example)* \\u0001");
  });
  it("draws the donut from the counts", () => {
    const svg = donut({ pass: 1, fail: 1, unknown: 0, waived: 0 });
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(donut({ pass: 0, fail: 0, unknown: 0, waived: 0 })).toContain('stroke="#d1d9e0"');
  });
});
