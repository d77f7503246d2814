// std.databricks: every def is exercised with real argument types by test/fixtures/std-usage.perimeter.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packagePath } from "../../src/paths.js";
import { lint } from "../helpers/front.js";

const usage = readFileSync(join(import.meta.dirname, "..", "fixtures", "std-usage.perimeter"), "utf8");

describe("std.databricks", () => {
  it("type-checks every def against the export schema", () => {
    const fe = lint(usage, { path: "std-usage.perimeter" });
    expect(fe.diagnostics.map((d) => `${d.code} ${d.message} ${d.file}`)).toEqual([]);
  });
  it("has every def called by the usage fixture", () => {
    const std = readFileSync(packagePath("policies", "std", "databricks.perimeter"), "utf8");
    const defs = [...std.matchAll(/^def ([a-z_]+)\(/gm)].map((m) => m[1]!);
    expect(defs.length).toBeGreaterThan(20);
    for (const d of defs) expect(usage, `std def ${d} is not exercised`).toMatch(new RegExp(`\\b${d}\\(`));
  });
});
