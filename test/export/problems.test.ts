// The cap on an export's problems (src/export/problems.ts), by fixed values: exactly `max` is not
// capped, errors are kept before warnings in their original order, and the last entry counts
// what was left out, in words (singular and plural), as an error when errors were dropped.
import { describe, expect, it } from "vitest";
import { capProblems, errorAt, formatProblem, warningAt, type ExportProblem } from "../../src/export/problems.js";

const E = (n: number) => errorAt("x.json", `/e/${n}`, `error ${n}`);
const W = (n: number) => warningAt("x.json", `/w/${n}`, `warning ${n}`);
const shown = (ps: readonly ExportProblem[]) => ps.map((p) => (p.pointer === "" ? `${p.severity}: ${p.message}` : p.message));

describe("capProblems", () => {
  it("keeps a list of exactly max problems as it is", () => {
    const ps = [E(1), W(1), E(2), W(2), E(3)];
    expect(capProblems(ps, 5)).toEqual(ps);
  });

  it("keeps every error and as many warnings as fit, in order, and counts the warnings left out", () => {
    expect(shown(capProblems([W(1), E(1), W(2), E(2), W(3), E(3), W(4)], 5))).toEqual([
      "warning 1",
      "error 1",
      "error 2",
      "error 3",
      "warning: too many problems: 3 warnings more not shown",
    ]);
  });

  it("keeps the first errors when they alone overflow, and counts errors and warnings left out", () => {
    expect(shown(capProblems([E(1), W(1), E(2), E(3), W(2), E(4), E(5), E(6)], 5))).toEqual([
      "error 1",
      "error 2",
      "error 3",
      "error 4",
      "error: too many problems: 2 errors and 2 warnings more not shown",
    ]);
    expect(shown(capProblems([E(1), E(2), E(3), E(4), E(5), W(1)], 5)).at(-1)).toBe("error: too many problems: 1 error and 1 warning more not shown");
    expect(shown(capProblems([E(1), E(2), E(3), E(4), E(5), E(6)], 5)).at(-1)).toBe("error: too many problems: 2 errors more not shown");
  });

  it("names the file of the problems in the count, with the whole document as its place", () => {
    const capped = capProblems([W(1), W(2), W(3), W(4), W(5), W(6), W(7)], 5);
    expect(capped.at(-1)).toEqual({ file: "x.json", pointer: "", message: "too many problems: 3 warnings more not shown", severity: "warning" });
    expect(formatProblem(capped.at(-1)!)).toBe("x.json: /: too many problems: 3 warnings more not shown");
    expect(shown(capProblems([W(1), W(2), W(3), W(4), W(5), W(6)], 5)).at(-1)).toBe("warning: too many problems: 2 warnings more not shown");
  });
});
