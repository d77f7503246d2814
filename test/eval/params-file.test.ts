// Reading a params file (parseParams): never throws, and every problem names the file and
// its place in it: syntax errors at their line and column (YAML and JSON alike), other
// problems at the JSON pointer of the value and, when the text can be placed, its line.
import { describe, expect, it } from "vitest";
import { formatParamProblem } from "../../src/eval/params.js";
import { MAX_PARAMS_NESTING, parseParams } from "../../src/eval/params-text.js";
import type { IrProgram } from "../../src/ir/ir.js";
import { lowerProgram } from "../../src/ir/lower.js";
import { frontEnd, readPolicyFiles } from "../../src/program/load.js";

let ir: IrProgram | undefined;
function library(): IrProgram {
  if (ir) return ir;
  const loaded = readPolicyFiles(["policies"]);
  const fe = frontEnd(loaded.sources, {}, loaded.diagnostics);
  return (ir = lowerProgram(fe.program!));
}

describe("parseParams", () => {
  it("places a YAML syntax error at its line and column", () => {
    const r = parseParams(library(), "site.yaml", "databricks.apps:\n  corporate: [10.0.0.0/8\n  x: 1\n");
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: "site.yaml", pointer: "", line: expect.any(Number), column: expect.any(Number) });
    expect(formatParamProblem(r.problems[0]!)).toMatch(/^site\.yaml:\d+:\d+: not valid YAML: /);
  });

  it("places a JSON syntax error at its line and column, and reads a file with a byte-order mark", () => {
    const r = parseParams(library(), "site.json", '{\n  "databricks.apps": {\n    "corporate": [,]\n  }\n}\n');
    expect(r.problems).toEqual([{ file: "site.json", pointer: "", message: expect.stringMatching(/^not valid JSON: /), line: 3, column: 19 }]);
    expect(formatParamProblem(r.problems[0]!)).toMatch(/^site\.json:3:19: not valid JSON: /);
    expect(parseParams(library(), "site.json", '\ufeff{"databricks.apps": {"corporate": ["10.0.0.0/8"]}}').problems).toEqual([]);
  });

  it("gives a wrong value its pointer and the line and column of the value", () => {
    const yaml = parseParams(library(), "site.yaml", "databricks.apps:\n  corporate:\n    - 10.0.0.0/8\n    - 10.0.0.1/8\n");
    expect(yaml.problems).toHaveLength(1);
    expect(yaml.problems[0]).toMatchObject({ file: "site.yaml", pointer: "/databricks.apps/corporate/1", line: 4, column: 7 });
    expect(formatParamProblem(yaml.problems[0]!)).toMatch(/^site\.yaml:4:7: \/databricks\.apps\/corporate\/1: /);
    const json = parseParams(library(), "site.json", '{"databricks.apps": {\n  "corprate": []}}');
    expect(json.problems[0]).toMatchObject({ pointer: "/databricks.apps/corprate", line: 2, column: 15 });
    expect(formatParamProblem(json.problems[0]!)).toContain("/databricks.apps/corprate: package `databricks.apps` has no param `corprate`; did you mean `corporate`?");
  });

  it("refuses nesting deeper than MAX_PARAMS_NESTING before the YAML reader recurses into it (found by the params-loader fuzz target: V8 died)", () => {
    for (const text of [`${"[".repeat(5000)}${"]".repeat(5000)}`, `a: ${"{b: ".repeat(3000)}1${"}".repeat(3000)}`, `${"- ".repeat(5000)}x`, `a:\n${Array.from({ length: 300 }, (_, i) => `${" ".repeat(i + 1)}k${i}:`).join("\n")} 1`]) {
      const r = parseParams(library(), "deep.yaml", text);
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]).toMatchObject({ file: "deep.yaml", pointer: "", message: expect.stringContaining(`nested more than ${MAX_PARAMS_NESTING} levels deep`), line: expect.any(Number), column: expect.any(Number) });
    }
    // Brackets in quoted scalars and comments do not count; JSON too deep for positions is still read.
    expect(parseParams(library(), "q.yaml", `databricks.apps:\n  approved_destinations: ["${"[".repeat(100)}", 'it''s ${"{".repeat(100)}'] # ${"[".repeat(100)}\n`).problems).toEqual([]);
    const json = parseParams(library(), "deep.json", `{"databricks.apps": {"corporate": ${"[".repeat(200)}${"]".repeat(200)}}}`);
    expect(json.problems.length).toBeGreaterThan(0);
    expect(json.problems[0]).toMatchObject({ file: "deep.json", pointer: "/databricks.apps/corporate/0" });
  });

  it("a value nested too deeply for JSON.stringify is a problem, not a RangeError (found by the params-loader fuzz target)", () => {
    const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    const r = parseParams(library(), "deep.json", `{"databricks.apps": {"corporate": ["10.0.0.0/8", ${deep}]}}`);
    expect(r.problems).toEqual([{ file: "deep.json", pointer: "/databricks.apps/corporate/1", message: "expected an address or CIDR range, found a list nested too deeply to show" }]);
    const long = parseParams(library(), "long.json", `{"databricks.apps": {"corporate": [${JSON.stringify(["x".repeat(500)])}]}}`);
    expect(long.problems[0]!.message).toMatch(/^expected an address or CIDR range, found \["x{150,}\.\.\.$/);
  });

  it("never throws: alias bombs, tags, deep nesting and binary text are problems", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join("\n");
    for (const [file, text] of [
      ["bomb.yaml", bomb],
      ["tag.yaml", "databricks.apps: !!binary aGVsbG8="],
      ["deep.yaml", `${"[".repeat(5000)}${"]".repeat(5000)}`],
      ["deep.json", `${"[".repeat(100_000)}${"]".repeat(100_000)}`],
      ["binary.json", "\u0000\u00ff\ufffd"],
    ] as const) {
      const r = parseParams(library(), file, text);
      expect(r.problems.length, file).toBeGreaterThan(0);
      for (const p of r.problems) expect(p.file).toBe(file);
    }
  });
});
