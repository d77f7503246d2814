// The benchmark exports are deterministic, valid and of the sizes the tables claim.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateExport, SIZES } from "../../bench/generate.js";
import { parseExport } from "../../src/export/load.js";

const digest = (s: string): string => createHash("sha256").update(s).digest("hex");

describe("bench/generate", () => {
  it.each(Object.entries(SIZES))("%s: same bytes every time, valid, about the size", (_name, bytes) => {
    const a = generateExport(bytes);
    expect(digest(generateExport(bytes))).toBe(digest(a));
    const r = parseExport("gen.json", a);
    expect(r.problems).toEqual([]);
    expect(a.length).toBeGreaterThanOrEqual(bytes);
    expect(a.length).toBeLessThan(Math.max(bytes * 1.2, 8_000));
  });
  it("a different seed gives a different account of the same shape", () => {
    const a = JSON.parse(generateExport(SIZES["100KB"], 1)) as { workspaces: unknown[] };
    const b = JSON.parse(generateExport(SIZES["100KB"], 2)) as { workspaces: unknown[] };
    expect(b.workspaces.length).toBe(a.workspaces.length);
    expect(JSON.stringify(b)).not.toBe(JSON.stringify(a));
  });
});
