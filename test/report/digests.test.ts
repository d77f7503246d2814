// The policy files a report stamps (src/report/digests.ts) by value: user files first, each
// once, with its role; and what counts as a file of tests only. Fixed edges of the mutation run
// (MUTATION.md); the CLI's reports show the same list (test/cli).
import { describe, expect, it } from "vitest";
import type { Unit } from "../../src/check/program.js";
import { fileDigests, isTestFile } from "../../src/report/digests.js";
import { lint } from "../helpers/front.js";

describe("fileDigests", () => {
  it("lists user files first, each once, as policy, test or library, with the path shown", () => {
    const out = fileDigests(
      [
        { path: "lib/a.perimeter", sha256: "1", user: false, test: false },
        { path: "p/x.perimeter", sha256: "2", user: true, test: false },
        { path: "lib/b.perimeter", sha256: "3", user: false, test: true },
        { path: "p/x.perimeter", sha256: "2", user: true, test: false },
        { path: "p/t.perimeter", sha256: "4", user: true, test: true },
      ],
      (p) => `./${p}`,
    );
    expect(out).toEqual([
      { path: "./p/x.perimeter", sha256: "2", role: "policy" },
      { path: "./p/t.perimeter", sha256: "4", role: "test" },
      { path: "./lib/a.perimeter", sha256: "1", role: "library" },
      { path: "./lib/b.perimeter", sha256: "3", role: "library" },
    ]);
    expect(fileDigests([], (p) => p)).toEqual([]);
  });

  it("keeps the first of a path named twice, the user's when the user named it", () => {
    const out = fileDigests(
      [
        { path: "a.perimeter", sha256: "lib", user: false, test: false },
        { path: "a.perimeter", sha256: "user", user: true, test: false },
      ],
      (p) => p,
    );
    expect(out).toEqual([{ path: "a.perimeter", sha256: "user", role: "policy" }]);
  });
});

describe("isTestFile", () => {
  const unit = (text: string): Unit => {
    const fe = lint(text);
    const u = fe.units.find((x) => x.source.path === "test.perimeter");
    if (u === undefined) throw new Error("no unit");
    return u;
  };
  it("is a file that declares something and only tests", () => {
    expect(isTestFile(unit('package t\ntest "one" {\n  given "x.json"\n  expect T-1 pass\n}\n'))).toBe(true);
    expect(isTestFile(unit("package t\n"))).toBe(false);
    expect(isTestFile(unit("package t\nlet v = 1\n"))).toBe(false);
    expect(isTestFile(unit('package t\nlet v = 1\ntest "one" {\n  given "x.json"\n  expect T-1 pass\n}\n'))).toBe(false);
  });
});
