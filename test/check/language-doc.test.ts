// Every `perimeter` code block of the design document (LANGUAGE.md v0.1, copied into
// test/fixtures/language/ because CI sees only this repository) lints with zero errors,
// as its own file, with the std module available by import.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../helpers/front.js";
import { findPolicyFiles } from "../../src/program/load.js";
import { packagePath } from "../../src/paths.js";

const dir = join(import.meta.dirname, "..", "fixtures", "language");

describe("the design document's examples", () => {
  it.each(readdirSync(dir).filter((f) => f.endsWith(".perimeter")))("%s lints with zero errors", (name) => {
    const fe = lint(readFileSync(join(dir, name), "utf8"), { path: name });
    expect(fe.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(fe.program).toBeDefined();
  });
});

describe("the standard library", () => {
  it.each(findPolicyFiles(packagePath("policies", "std")))("%s lints clean", (path) => {
    const fe = lint(readFileSync(path, "utf8"), { path });
    expect(fe.diagnostics).toEqual([]);
  });
});
