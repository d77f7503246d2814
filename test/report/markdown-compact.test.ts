// The limits of the compact Markdown summary, each at its exact edge on the fixture report (the
// byte counts below are those of the fixture: a change of wording moves them, and the test
// says so rather than passing): the full report is kept up to its own size; the matrix is kept
// while the overview takes under a quarter of the room; a row is shown when it fits exactly;
// the whole summary is kept when it is exactly the limit; the last resort keeps every whole line
// that fits. And the compact summary of a report compared with a baseline, as a golden file.
import { describe, expect, it } from "vitest";
import { auditDocument } from "../../src/report/audit.js";
import { compactMarkdownOf, markdownReport, renderMarkdown } from "../../src/report/render-markdown.js";
import { expectGolden } from "../helpers/golden.js";
import { baselineRuns, golden, INFO, NOW, NOW_EXPORT, reportOf, runOf } from "./fixtures.js";

const bytes = (s: string) => Buffer.byteLength(s, "utf8");
const now = runOf(NOW_EXPORT, reportOf(NOW_EXPORT, NOW));
const doc = auditDocument([now], INFO);
const CUT = "**The summary was cut here to stay under GitHub's step-summary limit;** see `--format html` or `--format json`.\n";

describe("compact Markdown at its limits", () => {
  it("keeps the full report when it is exactly the limit", () => {
    const full = renderMarkdown([now], INFO);
    expect(bytes(full)).toBe(5845);
    expect(markdownReport([now], INFO, { limit: 5845 })).toEqual({ text: full, compact: false });
    const over = markdownReport([now], INFO, { limit: 5844 });
    expect(over.compact).toBe(true);
    expect(over.fullBytes).toBe(5845);
    expect(over.text).toBe(compactMarkdownOf(doc, 5844));
    expect(markdownReport([now], INFO, { compact: true })).toEqual({ text: compactMarkdownOf(doc), compact: true });
  });

  it("keeps the matrix while the overview takes less than a quarter of the room", () => {
    expect(compactMarkdownOf(doc, 8765)).toContain("### Controls, failures first");
    expect(compactMarkdownOf(doc, 8764)).not.toContain("### Controls, failures first");
    expect(compactMarkdownOf(doc, 8764)).toContain("### Frameworks");
  });

  it("shows a row that fits exactly, and counts the rows that do not", () => {
    const all = compactMarkdownOf(doc, 6732);
    expect(all).not.toContain("Not shown");
    expect(all).toContain("| NET-002 | dbx-gaps | `1000000000000004` | `workspaces[3].ip_access_lists` |");
    const less = compactMarkdownOf(doc, 6731);
    expect(less).not.toContain("| NET-002 | dbx-gaps |");
    expect(less).toContain("**Not shown, to stay under 6731 bytes:** 0 failures and 1 undecided results; see `--format html` or `--format json`.\n");
    const fewer = compactMarkdownOf(doc, 3000);
    expect(fewer).toContain("**Not shown, to stay under 3000 bytes:** 2 failures and 1 undecided results;");
    expect(fewer).toContain("## Failures\n\n| control | severity | subject | key | line | message |\n|---|---|---|---|---|---|\n\n## Not decided");
  });

  it("keeps the summary when it is exactly the limit; past it, cuts at whole lines", () => {
    const exact = compactMarkdownOf(doc, 2276);
    expect(bytes(exact)).toBe(2276);
    expect(exact).not.toContain("was cut here");
    const cut = compactMarkdownOf(doc, 2275);
    expect(cut.endsWith(`| NET-001 | \`1000000000000002\` | ciso@\u200bacme.example | 2026-11-01 | analytics cut-over (CHG-17) | expired 27 days ago, not applied |\n\n${CUT}`)).toBe(true);
    expect(bytes(cut)).toBe(2271);
    // A line is kept when it fits exactly, dropped one byte short.
    const row = "| NET-001 | `1000000000000003` | ciso@\u200bacme.example | 2026-12-10 | legacy workspace, decommissioned in December (CHG-42) | active, expiring in 12 days |";
    expect(compactMarkdownOf(doc, 2045)).toBe(`${cut.slice(0, cut.indexOf(row) + row.length)}\n\n${CUT}`);
    expect(bytes(compactMarkdownOf(doc, 2045))).toBe(2044);
    expect(compactMarkdownOf(doc, 2044).endsWith(`|---|---|---|---|---|---|\n\n${CUT}`)).toBe(true);
    // Nothing but the note fits: the note alone.
    expect(compactMarkdownOf(doc, bytes(CUT) + 2)).toBe(`\n\n${CUT}`);
  });

  it("compares with a baseline: a baseline column and the counts (golden)", () => {
    const { runs, info } = baselineRuns();
    expectGolden(golden("acme-baseline.compact.md"), markdownReport(runs, info, { compact: true }).text);
  });
});
