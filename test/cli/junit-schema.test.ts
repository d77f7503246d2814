// The JUnit of `perimeter check` on every example export (the shipped policies, with and
// without the example params, and all exports at once) is valid against Jenkins' strict JUnit
// schema, checked with libxml2 (test/report/junit-schema.ts), and has no empty suite.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packagePath } from "../../src/paths.js";
import { runCli, stderrBeyondGaps } from "../helpers/cli.js";
import { junitSchemaErrors } from "../report/junit-schema.js";

const exports = readdirSync(packagePath("examples", "exports")).filter((f) => f.endsWith(".json")).sort().map((f) => join("examples", "exports", f));

function junit(...args: string[]): string {
  const r = runCli(["check", "policies", ...args, "--format", "junit", "--now", "2026-12-07", "--max-export-age", "36500"]);
  // Nothing on stderr but the warnings about results the partial example could not decide.
  expect(stderrBeyondGaps(r.stderr)).toEqual([]);
  return r.stdout;
}

describe("JUnit of the examples against Jenkins' JUnit schema", () => {
  it("every example alone, and all at once with params: valid, no empty suite", { timeout: 120_000 }, async () => {
    const docs = [...exports.map((e) => junit("--input", e)), junit(...exports.flatMap((e) => ["--input", e]), "--params", "examples/params/site.yaml")];
    for (const xml of docs) {
      expect(await junitSchemaErrors(xml)).toEqual([]);
      expect(xml).not.toMatch(/tests="0"/);
    }
    // contoso-dev has controls that select nothing (N/A): they have no suite.
    const dev = docs[exports.findIndex((e) => e.includes("contoso-dev"))]!;
    expect(dev).not.toContain('name="APPS-EGR-002 ');
  });
});
