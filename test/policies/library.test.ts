// The shipped policy library: lints clean, its tests pass, and every control has a passing and a failing case.
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

describe("the policy library", () => {
  it("lints with no error and no warning", () => {
    const r = runCli(["lint", "policies"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/checked: 0 errors, 0 warnings/);
  });

  it("passes its own tests", () => {
    const r = runCli(["test", "policies", "--now", "2026-11-28"]);
    expect(r.stdout).toMatch(/test runs?: \d+ passed, 0 failed/);
    expect(r.code).toBe(0);
  });

  it("tests every control with a passing and a failing subject", async () => {
    const { frontEnd, readPolicyFiles } = await import("../../src/program/load.js");
    const { lowerProgram } = await import("../../src/ir/lower.js");
    const loaded = readPolicyFiles(["policies"]);
    const ir = lowerProgram(frontEnd(loaded.sources).program!);
    const seen = new Map<string, Set<string>>();
    for (const t of ir.tests) for (const e of t.expects) (seen.get(e.control) ?? seen.set(e.control, new Set()).get(e.control)!).add(e.status);
    const missing = ir.controls.filter((c) => !seen.get(c.id)?.has("pass") || !seen.get(c.id)?.has("fail")).map((c) => c.id);
    expect(ir.controls.length).toBeGreaterThanOrEqual(20);
    expect(missing).toEqual([]);
  });
});

describe("the control catalogue", () => {
  it("is generated from the policies and up to date (perimeter catalogue policies -o policies/CATALOGUE.md)", async () => {
    const { readFileSync } = await import("node:fs");
    const r = runCli(["catalogue", "policies"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(readFileSync("policies/CATALOGUE.md", "utf8").trim());
    expect(r.stdout).toContain("| APPS-ING-001 |");
  });
});
