// The terminal report shows export text, never sends it: control characters (C0, DEL, C1) and
// the bidirectional overrides and isolates come out as `\uXXXX`, so a workspace name can
// neither rewrite the screen nor display as another name.
import { describe, expect, it } from "vitest";
import type { Report } from "../../src/report/report.js";
import { clean, renderText } from "../../src/report/render-text.js";
import { NOW, NOW_EXPORT, reportOf } from "./fixtures.js";

describe("text report", () => {
  it("shows control characters and bidi controls as \\uXXXX", () => {
    expect(clean("esc\u001b[2J bel\u0007 csi\u009b31m del\u007f")).toBe("esc\\u001B[2J bel\\u0007 csi\\u009B31m del\\u007F");
    // Found by the render-text fuzz target: right-to-left overrides and isolates reached the terminal.
    expect(clean("\u202eevil\u202c \u2066x\u2069 \u202a\u202b\u202d\u2067\u2068")).toBe("\\u202Eevil\\u202C \\u2066x\\u2069 \\u202A\\u202B\\u202D\\u2067\\u2068");
    // Other Unicode (letters, emoji, zero-width joiners) is text.
    expect(clean("café \ud83d\ude00 a\u200db")).toBe("café \ud83d\ude00 a\u200db");
  });

  it("a report whose names hold escapes and bidi controls renders none of them", () => {
    const report = reportOf(NOW_EXPORT, NOW);
    const hostile: Report = JSON.parse(JSON.stringify(report), (_k, v: unknown) => (typeof v === "string" && v.startsWith("dbx-") ? `${v}\u001b]8;;https://evil.example\u0007\u009b2J\u202egnp.exe` : v));
    for (const color of [false, true]) {
      const out = renderText(hostile, { color, title: NOW_EXPORT });
      const bare = out.replace(/\u001b\[(?:0|1|2|31|32|33|36)m/g, "");
      expect(bare).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(bare).toContain("\\u001B]8;;https://evil.example\\u0007\\u009B2J\\u202Egnp.exe");
    }
  });
});
