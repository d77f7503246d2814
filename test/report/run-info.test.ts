// What the renderers of a run share (src/report/run.ts) by value: the policy-set digest (test
// files left out, independent of order and paths, equal to `sha256sum FILES | cut -d' ' -f1 |
// sort | sha256sum`), the summed summaries, the params line and `plural`. Fixed edges of the
// mutation run (MUTATION.md); the goldens show the same through the renderers.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Report } from "../../src/report/report.js";
import { paramsText, plural, policySetDigest, sha256, totalSummary } from "../../src/report/run.js";

const hex = (s: string) => createHash("sha256").update(s).digest("hex");

describe("policySetDigest", () => {
  it("hashes the sorted digests of the policy and library files, one a line, test files left out", () => {
    const a = hex("a");
    const b = hex("b");
    const t = hex("t");
    const files = [
      { path: "z.perimeter", sha256: b, role: "policy" as const },
      { path: "t.perimeter", sha256: t, role: "test" as const },
      { path: "lib/a.perimeter", sha256: a, role: "library" as const },
    ];
    expect(policySetDigest(files)).toBe(hex([a, b].sort().map((h) => `${h}\n`).join("")));
    expect(policySetDigest(files.slice(0, 1).concat(files.slice(2)))).toBe(policySetDigest(files));
    expect(policySetDigest([{ path: "x", sha256: a }])).toBe(hex(`${a}\n`));
    expect(policySetDigest([])).toBe(hex(""));
  });

  it("hashes bytes and strings alike", () => {
    expect(sha256("é")).toBe(hex("é"));
    expect(sha256(new TextEncoder().encode("é"))).toBe(hex("é"));
  });
});

describe("totalSummary", () => {
  it("adds every count of every report", () => {
    const r = (pass: number, fail: number, unknown: number, waived: number) => ({ summary: { pass, fail, unknown, waived } }) as Report;
    expect(totalSummary([r(1, 2, 3, 4), r(10, 20, 30, 40)])).toEqual({ pass: 11, fail: 22, unknown: 33, waived: 44 });
    expect(totalSummary([])).toEqual({ pass: 0, fail: 0, unknown: 0, waived: 0 });
  });
});

describe("paramsText and plural", () => {
  it("names the params file with its digest, or the defaults", () => {
    expect(paramsText({ file: null, sha256: null, values: [] })).toBe("defaults (no --params file)");
    expect(paramsText({ file: "site.yaml", sha256: "abc", values: [] })).toBe("site.yaml (SHA-256 abc)");
    expect(paramsText({ file: "site.yaml", sha256: null, values: [] })).toBe("site.yaml (SHA-256 unreadable)");
  });

  it("counts in the singular for one only", () => {
    expect([0, 1, 2].map((n) => plural(n, "result"))).toEqual(["0 results", "1 result", "2 results"]);
    expect(plural(2, "entry", "entries")).toBe("2 entries");
  });
});
