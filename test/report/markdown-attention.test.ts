// The "needs attention" block of the Markdown overview, on made-up overviews: nothing to say
// (with and without an evaluation date, one or several exports), a stale export, and collection
// gaps in the singular and plural, with more than ten uncollected slots (ten shown, the rest
// counted); each line of a GitHub alert after the first separated by an empty quote line.
import { describe, expect, it } from "vitest";
import type { Overview } from "../../src/report/overview.js";
import { attention } from "../../src/report/render-markdown.js";

const base: Overview = {
  controls: { fail: 0, unknown: 0, waived: 0, pass: 0, not_applicable: 0 },
  failures: [],
  matrix: [],
  frameworks: [],
  gaps: [],
  stale: [],
  maxExportAge: 30,
};

describe("the Markdown attention block", () => {
  it("says there is nothing to flag, with the date and the number of exports when known", () => {
    expect(attention(base, ["a.json"], "2026-11-28")).toEqual(["No export is older than 30 days on 2026-11-28 or has collection gaps.", ""]);
    expect(attention(base, ["a.json"], null)).toEqual(["No export is older than 30 days or has collection gaps.", ""]);
    expect(attention({ ...base, maxExportAge: 7 }, ["a.json", "b.json"], "2026-11-28")).toEqual(["No export is older than 7 days on 2026-11-28 or has collection gaps (2 exports).", ""]);
  });

  it("flags stale exports and collection gaps as one GitHub alert", () => {
    const slots = Array.from({ length: 12 }, (_, i) => `s${i + 1}`);
    const o: Overview = {
      ...base,
      stale: [{ file: "old|x.json", exportedAt: "2026-10-01T00:00:00Z", days: 58 }],
      gaps: [
        { file: "a.json", results: 1, controls: ["C-1"], slots: ["x.y"] },
        { file: "b.json", results: 3, controls: ["C-1", "C_2"], slots },
        { file: "c.json", results: 2, controls: ["C-3"], slots: slots.slice(0, 10) },
      ],
    };
    expect(attention(o, ["a.json", "b.json", "c.json", "old|x.json"], "2026-11-28")).toEqual([
      "> [!WARNING]",
      "> **Stale export:** `old|x.json` was exported on 2026-10-01, 58 days before the evaluation date 2026-11-28 (more than 30 days).",
      ">",
      "> **Collection gap:** `a.json`: 1 result of 1 control (C-1) could not be decided: not collected `x.y`.",
      ">",
      "> **Collection gap:** `b.json`: 3 results of 2 controls (C-1, C\\_2) could not be decided: not collected `s1`, `s2`, `s3`, `s4`, `s5`, `s6`, `s7`, `s8`, `s9`, `s10` and 2 more.",
      ">",
      "> **Collection gap:** `c.json`: 2 results of 1 control (C-3) could not be decided: not collected `s1`, `s2`, `s3`, `s4`, `s5`, `s6`, `s7`, `s8`, `s9`, `s10`.",
      "",
    ]);
  });
});
