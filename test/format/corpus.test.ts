// Every policy file in the repository (the policies, the parser goldens, the test fixtures and
// examples) formats idempotently and keeps its AST and its comments. Files with syntax errors
// are skipped: the formatter refuses them (see plugin.test.ts).
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { packagePath } from "../../src/paths.js";
import { findPolicyFiles } from "../../src/program/load.js";
import { commentsOf, dumpWithoutSpans, formatTwice, hasSyntaxErrors } from "./helpers.js";

const roots = ["policies", "test/golden", "test/fixtures", "examples"];
const files = roots
  .flatMap((r) => findPolicyFiles(packagePath(r)))
  .map((f) => ({ name: relative(packagePath(), f), text: readFileSync(f, "utf8") }))
  .filter((f) => !hasSyntaxErrors(f.text));

describe("formatting the repository's policy files", () => {
  it("finds the policies and the parser goldens", () => {
    expect(files.some((f) => f.name === "policies/std/databricks.perimeter")).toBe(true);
    expect(files.filter((f) => f.name.startsWith("test/golden/parse/")).length).toBeGreaterThanOrEqual(8);
  });

  it.each(files.map((f) => [f.name, f.text] as const))("%s", async (_name, text) => {
    const { once, twice } = await formatTwice(text);
    expect(twice).toBe(once);
    expect(dumpWithoutSpans(once)).toBe(dumpWithoutSpans(text));
    expect(commentsOf(once)).toEqual(commentsOf(text));
  });
});
