// The params file reader's own scanning and placing by value (src/eval/params-text.ts):
// nestingBeyond's exact offsets (flow brackets outside quotes and comments, block indentation and
// indicators), and the line and column of every kind of problem, YAML and JSON, with the line
// breaks of every platform. test/eval/params-file.test.ts reads whole files.
import { describe, expect, it } from "vitest";
import { nestingBeyond, parseParams } from "../../src/eval/params-text.js";
import { compile } from "../helpers/eval.js";

describe("nestingBeyond", () => {
  it.each([
    ["[[", 2, undefined],
    ["[[[", 2, 2],
    ["{[{", 2, 2],
    ["[]]]][[", 1, 6],
    ["[][][]", 1, undefined],
    ['"[[["', 1, undefined],
    ["'[[['", 1, undefined],
    ["x: it's [[", 1, 9],
    ['x: "a\\"[["', 1, undefined],
    ['x: "a\\\\" [[', 1, 10],
    ["x: 'a''[['", 1, undefined],
    ["x: 'a' [[", 1, 8],
    ["# [[[", 1, undefined],
    ["a#[[", 1, 3],
    ["a #[[\n[[", 1, 7],
    ["a #[[\r[[", 1, 7],
    ["a: [x, \"[[\"]", 1, undefined],
    ["a: [x, '[[']", 1, undefined],
    ["a: {b: [", 1, 7],
    ["     x", 2, 5],
    ["    x", 2, undefined],
    ["- - - x", 2, 6],
    ["- - x", 2, undefined],
    ["-x-x-x-x", 1, undefined],
    ["? : - x", 2, 6],
    ["a:\n     x", 2, 8],
    ["a:\r\n     x", 2, 9],
    ["\t\t\t\t\tx", 2, 5],
    ["- - -", 2, 5],
    ['"a\n     x"', 2, 8],
  ] as const)("%j beyond %i: %s", (text, max, offset) => {
    expect(nestingBeyond(text, max)).toBe(offset);
  });

  it("measures at most 4 × max + 1 characters of a line's indentation", () => {
    expect(nestingBeyond(`${" ".repeat(1000)}x`, 2)).toBe(9);
    expect(nestingBeyond(`${" ".repeat(1000)}x`, 100)).toBe(401);
  });
});

describe("parseParams places every problem", () => {
  const ir = compile("package p\nparam n = 1\nparam s = \"x\"\nparam l = [\"a\"]\n");

  it("a deep YAML file at the offset where it gets too deep", () => {
    expect(parseParams(ir, "d.yaml", `p:\n  l: ${"[".repeat(70)}`).problems).toEqual([
      { file: "d.yaml", pointer: "", message: "not valid YAML: nested more than 64 levels deep (a params file maps packages to params to values)", line: 2, column: 70 },
    ]);
    expect(parseParams(ir, "d.YML", `\r\n\r\n${"[".repeat(70)}`).problems[0]).toMatchObject({ line: 3, column: 65 });
    expect(parseParams(ir, "d.yml", `\r\r${"[".repeat(70)}`).problems[0]).toMatchObject({ line: 3, column: 65 });
  });

  it("a YAML syntax error at its line and column, with the first line of the reader's message", () => {
    const r = parseParams(ir, "e.yaml", 'p:\n  n: "unclosed\n');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: "e.yaml", pointer: "" });
    expect(r.problems[0]!.message).toMatch(/^not valid YAML: [^\n]+$/);
    expect([r.problems[0]!.line, r.problems[0]!.column]).toEqual([3, 1]);
    expect(r.params.get("p")?.get("n")).toBe(1);
    expect(r.overridden.size).toBe(0);
  });

  it("a YAML value the reader refuses to build (too many aliases)", () => {
    const names = "abcdefghijk".split("");
    const text = names.map((n, i) => (i === 0 ? `${n}: &${n} [x, x, x, x, x, x, x, x, x, x]` : `${n}: &${n} [${Array(10).fill(`*${names[i - 1]}`).join(", ")}]`)).join("\n");
    const r = parseParams(ir, "bomb.yaml", text);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: "bomb.yaml", pointer: "", line: 1, column: 1 });
    expect(r.problems[0]!.message).toMatch(/^not valid YAML: [^\n]+$/);
  });

  it("a wrong value in YAML or JSON at the place of the value its pointer names, escapes and indexes read back", () => {
    expect(parseParams(ir, "v.yaml", "p:\n  n: x\n").problems).toEqual([{ file: "v.yaml", pointer: "/p/n", message: expect.any(String), line: 2, column: 6 }]);
    expect(parseParams(ir, "v.json", '{\r\n "p": {\r\n  "l": ["a", 2]}}').problems).toEqual([{ file: "v.json", pointer: "/p/l/1", message: expect.any(String), line: 3, column: 14 }]);
    const slash = parseParams(ir, "v.yaml", 'p:\n  "a/b~c": 1\n').problems;
    expect(slash).toEqual([{ file: "v.yaml", pointer: "/p/a~1b~0c", message: expect.stringContaining("has no param `a/b~c`"), line: 2, column: 12 }]);
    const top = parseParams(ir, "v.yaml", "- 1\n").problems;
    expect(top).toEqual([{ file: "v.yaml", pointer: "", message: expect.any(String), line: 1, column: 1 }]);
    // JSON too deep for the YAML reader: the problem has its pointer but no place.
    const deep = parseParams(ir, "deep.json", `{"p": {"l": ${"[".repeat(70)}${"]".repeat(70)}}}`).problems;
    expect(deep).toEqual([{ file: "deep.json", pointer: "/p/l/0", message: expect.any(String) }]);
    expect(parseParams(ir, "ok.json", '{"p": {"n": 2}}')).toMatchObject({ problems: [], overridden: new Set(["p.n"]) });
  });

  it("a JSON syntax error at its line and column", () => {
    expect(parseParams(ir, "bad.json", '{"p":\n  {"n": 1,}}').problems).toEqual([{ file: "bad.json", pointer: "", message: expect.stringMatching(/^not valid JSON: /), line: 2, column: 11 }]);
    expect(parseParams(ir, "bad", "").problems[0]).toMatchObject({ pointer: "", message: expect.stringMatching(/^not valid JSON: /) });
  });
});
