// The audit overview (controls by status, failures by severity, the control × export matrix,
// frameworks, collection gaps and stale exports), the params section, and the compact Markdown
// summary that keeps a report of many exports under GitHub's 1 MiB step-summary limit.
import { describe, expect, it } from "vitest";
import { auditDocument } from "../../src/report/audit.js";
import { exportWarnings, naturalCompare, overviewOf, worst } from "../../src/report/overview.js";
import { renderHtml } from "../../src/report/render-html.js";
import { markdownReport, renderMarkdown, STEP_SUMMARY_LIMIT } from "../../src/report/render-markdown.js";
import type { ExportRun, RunInfo } from "../../src/report/run.js";
import { gfmRender } from "../helpers/gfm.js";
import { expectGolden } from "../helpers/golden.js";
import { BEFORE, BEFORE_EXPORT, golden, INFO, NOW, NOW_EXPORT, reportOf, runOf } from "./fixtures.js";

const now = runOf(NOW_EXPORT, reportOf(NOW_EXPORT, NOW));
const before = runOf(BEFORE_EXPORT, reportOf(BEFORE_EXPORT, BEFORE));

describe("overview", () => {
  it("a control's status across exports is its worst", () => {
    expect(worst(["pass", "not_applicable"])).toBe("pass");
    expect(worst(["pass", "waived", "unknown"])).toBe("unknown");
    expect(worst(["unknown", "fail", "pass"])).toBe("fail");
    expect(worst([])).toBe("not_applicable");
  });

  it("counts controls by status and failures by severity, failures first in the matrix", () => {
    const o = overviewOf([now], NOW);
    expect(o.controls).toEqual({ fail: 2, unknown: 0, waived: 0, pass: 1, not_applicable: 1 });
    expect(o.failures.filter((f) => f.controls > 0)).toEqual([
      { severity: "high", controls: 1, results: 1 },
      { severity: "medium", controls: 1, results: 1 },
    ]);
    expect(o.matrix.map((m) => `${m.id} ${m.status}`)).toEqual(["NET-001 fail", "NET-002 fail", "NET-004 pass", "NET-003 not_applicable"]);
    expect(o.frameworks).toEqual([
      { ref: "NIST-800-53:SC-7", status: "fail", controls: [{ id: "NET-001", status: "fail" }] },
      { ref: "SAT:NS-5", status: "fail", controls: [{ id: "NET-001", status: "fail" }] },
    ]);
    expect(o.gaps).toEqual([{ file: NOW_EXPORT, results: 1, controls: ["NET-002"], slots: ["workspaces[3].ip_access_lists"] }]);
  });

  it("has one column per export, and a control takes its worst status", () => {
    const o = overviewOf([before, now], NOW);
    for (const m of o.matrix) expect(m.statuses).toHaveLength(2);
    const net1 = o.matrix.find((m) => m.id === "NET-001")!;
    expect(net1.status).toBe(worst(net1.statuses.filter((s) => s !== null)));
    const md = renderMarkdown([before, now], INFO);
    expect(md).toContain(`Exports: 1 = \`${BEFORE_EXPORT}\`, 2 = \`${NOW_EXPORT}\`.`);
    expect(md).toMatch(/\| control \| title \| severity \| status \| failing results \| 1 \| 2 \|/);
  });

  it("flags exports older than the threshold on the evaluation date", () => {
    const exportedAt = now.report.export.exported_at!;
    expect(exportedAt.slice(0, 10)).toBe("2026-11-27");
    expect(overviewOf([now], "2026-12-27").stale).toEqual([]);
    expect(overviewOf([now], "2026-12-28").stale).toEqual([{ file: NOW_EXPORT, exportedAt, days: 31 }]);
    expect(overviewOf([now], "2026-12-01", 3).stale).toEqual([{ file: NOW_EXPORT, exportedAt, days: 4 }]);
    expect(overviewOf([now], null).stale).toEqual([]);
  });

  it("orders framework references naturally", () => {
    expect(["NIST-800-53:SC-10", "NIST-800-53:SC-7", "NIST-800-53:AC-4", "CIS:1.10", "CIS:1.9"].sort(naturalCompare)).toEqual(["CIS:1.9", "CIS:1.10", "NIST-800-53:AC-4", "NIST-800-53:SC-7", "NIST-800-53:SC-10"]);
  });

  it("warns about each stale export, or about many in one line", () => {
    const stale = (n: number) => Array.from({ length: n }, (_, i) => ({ file: `e${i}.json`, exportedAt: "2026-08-24T09:00:00Z", days: 105 }));
    expect(exportWarnings([], stale(2), "2026-12-07", 30)).toEqual([
      "warning: e0.json was exported on 2026-08-24, 105 days before the evaluation date 2026-12-07 (more than --max-export-age 30): its results may no longer describe the workspaces",
      "warning: e1.json was exported on 2026-08-24, 105 days before the evaluation date 2026-12-07 (more than --max-export-age 30): its results may no longer describe the workspaces",
    ]);
    expect(exportWarnings([], stale(40), "2026-12-07", 30)).toEqual([
      "warning: 40 exports were exported more than --max-export-age 30 days before the evaluation date 2026-12-07, so their results may no longer describe the workspaces: e0.json (105 days), e1.json (105 days), e2.json (105 days), e3.json (105 days), e4.json (105 days) and 35 more",
    ]);
  });

  it("comes first in the Markdown and HTML reports, before the results", () => {
    const md = renderMarkdown([now], { ...INFO, now: "2026-12-28" });
    expect(md.indexOf("## Overview")).toBeLessThan(md.indexOf("## Summary"));
    expect(md).toContain(`> **Stale export:** \`${NOW_EXPORT}\` was exported on 2026-11-27, 31 days before the evaluation date 2026-12-28 (more than 30 days).`);
    const html = renderHtml([now], { ...INFO, now: "2026-12-28" });
    expect(html.indexOf('<h2 id="overview">Overview</h2>')).toBeGreaterThan(0);
    expect(html.indexOf('<h2 id="overview">')).toBeLessThan(html.indexOf('<h2 id="summary">'));
    expect(html).toContain("<strong>Stale export:</strong>");
    expect(html).toContain("<strong>Collection gap:</strong>");
  });
});

describe("params in the audit report", () => {
  const info: RunInfo = {
    ...INFO,
    params: {
      file: "site.yaml",
      sha256: "a".repeat(64),
      values: [
        { package: "databricks.apps", name: "corporate", value: ["10.0.0.0/8"], display: "[10.0.0.0/8]", source: "override" },
        { package: "databricks.apps", name: "max_age", value: 30, display: "30", source: "default" },
      ],
    },
  };
  it("names the file with its digest and marks each value default or overridden", () => {
    const md = renderMarkdown([now], info);
    expect(md).toContain(`## Parameters\n\nParams file \`site.yaml\`, SHA-256 \`${"a".repeat(64)}\`.`);
    expect(md).toContain("| `databricks.apps` | `corporate` | `[10.0.0.0/8]` | **overridden** |");
    expect(md).toContain("| `databricks.apps` | `max_age` | `30` | default |");
    expect(md).toContain(`| \`site.yaml\` | parameters | \`${"a".repeat(64)}\` |`);
    const html = renderHtml([now], info);
    expect(html).toContain('<h2 id="params">Parameters</h2>');
    expect(html).toContain("<td><code>databricks.apps</code></td><td><code>corporate</code></td><td><code>[10.0.0.0/8]</code></td><td><strong>overridden</strong></td>");
    const none = renderMarkdown([now], { ...info, params: { file: null, sha256: null, values: info.params!.values.map((v) => ({ ...v, source: "default" as const })) } });
    expect(none).toContain("No params file was given: every param has its policy default.");
  });
  it("says so when the policies declare no params", () => {
    const md = renderMarkdown([now], { ...INFO, params: { file: null, sha256: null, values: [] } });
    expect(md).toContain("## Parameters\n\nNo params file was given: every param has its policy default.\n\nThe policies declare no params.");
  });
});

describe("goldens of two exports with params", () => {
  // Two exports (a matrix with a column each), recorded params, a stale export (32 days > 20).
  const info: RunInfo = {
    ...INFO,
    maxExportAge: 20,
    params: { file: "site.yaml", sha256: "b".repeat(64), values: [{ package: "acme.reports", name: "corporate", value: ["10.0.0.0/8"], display: "[10.0.0.0/8]", source: "override" }] },
  };
  it("Markdown", () => expectGolden(golden("acme-two.md"), renderMarkdown([before, now], info)));
  it("HTML", () => expectGolden(golden("acme-two.html"), renderHtml([before, now], info)));
  it("compact Markdown", () => expectGolden(golden("acme-two.compact.md"), markdownReport([before, now], info, { compact: true }).text));
});

describe("compact Markdown summary", () => {
  /** `n` exports: the fixture report under n file names. */
  const many = (n: number): ExportRun[] => Array.from({ length: n }, (_, i) => ({ ...now, file: `exports/account-${String(i).padStart(4, "0")}/workspace-export-with-a-long-name.json` }));

  it("is chosen when the full report would exceed GitHub's 1 MiB limit, and stays under it", () => {
    const runs = many(400);
    const full = renderMarkdown(runs, INFO);
    expect(Buffer.byteLength(full)).toBeGreaterThan(STEP_SUMMARY_LIMIT);
    const m = markdownReport(runs, INFO);
    expect(m.compact).toBe(true);
    expect(m.fullBytes).toBe(Buffer.byteLength(full));
    expect(Buffer.byteLength(m.text)).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT);
    expect(m.text).toContain("## Overview");
    expect(m.text).toContain("## Failures");
    // Every failure of every export is listed (2 per export), none dropped at this size.
    expect(m.text.match(/^\| \d+ \| NET-00\d \| (high|medium) \|/gm)).toHaveLength(800);
    expect(m.text).not.toContain("Not shown");
    // It is valid GFM: tables render as tables.
    expect(gfmRender(m.text)).toContain("<table>");
  });

  it("counts the exports per status instead of a column per export past 12 exports", () => {
    const m = markdownReport(many(13), INFO, { compact: true }).text;
    expect(m).toContain("With 13 exports, a column each would not be readable");
    expect(m).toContain("| control | title | severity | status | failing results | fail in | unknown in | waived in | pass in | n/a in |");
    expect(m).toContain("| NET-001 | IP access lists are switched on | high | **FAIL** | 13 | 13 | 0 | 0 | 0 | 0 |");
    expect(markdownReport(many(12), INFO, { compact: true }).text).toContain("| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 |");
  });

  it("counts what it cannot show rather than exceeding the limit", () => {
    const runs = many(50);
    const m = markdownReport(runs, INFO, { compact: true, limit: 40_000 });
    expect(Buffer.byteLength(m.text)).toBeLessThanOrEqual(40_000);
    expect(m.text).toMatch(/\*\*Not shown, to stay under 40000 bytes:\*\* \d+ failures and \d+ undecided results/);
    const tiny = markdownReport(many(2000), INFO, { compact: true, limit: 100_000 });
    expect(Buffer.byteLength(tiny.text)).toBeLessThanOrEqual(100_000);
  });

  it("the full report is kept when it fits", () => {
    const m = markdownReport([now], INFO);
    expect(m.compact).toBe(false);
    expect(m.text).toBe(renderMarkdown([now], INFO));
    expect(auditDocument([now], INFO).overview.matrix).toHaveLength(4);
  });
});
