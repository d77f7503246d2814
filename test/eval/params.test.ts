// Site parameters by value (src/eval/params.ts): each type's check and its message, the
// integer limit, the value shown in a problem, unknown packages and params with their pointers,
// which params the file set, and how a value is written back in policy syntax. The messages are
// what a site's engineer reads (`perimeter check --params`), so they are pinned exactly.
import { describe, expect, it } from "vitest";
import { applyOverrides, defaultParams, formatParamProblem, paramDisplay, paramUses } from "../../src/eval/params.js";
import type { IrProgram } from "../../src/ir/ir.js";
import { lowerProgram } from "../../src/ir/lower.js";
import { compile } from "../helpers/eval.js";
import { lint } from "../helpers/front.js";

const SITE = `package site
param name = "x"
param limit = 5
param strict = true
param start = 2027-01-01
param edge = 10.0.0.0/8
param nets = [10.0.0.0/8]
param names = ["a"]
param anything = []
`;

let program: IrProgram | undefined;
/** Package `site` with a param of each type, `other` with one param, `empty` with none (packages sort by name). */
function site(): IrProgram {
  if (program !== undefined) return program;
  const fe = lint(SITE, { extra: { "other.perimeter": "package other\nparam only = 1\n", "empty.perimeter": "package empty\nlet v = 1\n" } });
  expect(fe.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return (program = lowerProgram(fe.program!));
}

/** The problems of overriding `site.<name>` with `value`. */
function problems(name: string, value: unknown): string[] {
  return applyOverrides(site(), { site: { [name]: value } }, "f.yaml").problems.map((p) => `${p.pointer}: ${p.message}`);
}
/** The value `site.<name>` takes after overriding it with `value`. */
function applied(name: string, value: unknown): unknown {
  const r = applyOverrides(site(), { site: { [name]: value } }, "f.yaml");
  expect(r.problems).toEqual([]);
  return r.params.get("site")!.get(name);
}

describe("applyOverrides: each type", () => {
  it("names the expected type and shows the value found", () => {
    expect(problems("name", 5)).toEqual(["/site/name: expected a string, found 5"]);
    expect(problems("limit", "5")).toEqual(['/site/limit: expected a number, found "5"']);
    expect(problems("limit", Infinity)).toEqual(["/site/limit: expected a number, found null"]);
    expect(problems("limit", NaN)).toEqual(["/site/limit: expected a number, found null"]);
    expect(problems("strict", "true")).toEqual(['/site/strict: expected true or false, found "true"']);
    expect(problems("start", 20270101)).toEqual(["/site/start: expected a date (YYYY-MM-DD), found 20270101"]);
    expect(problems("edge", ["10.0.0.0/8"])).toEqual(['/site/edge: expected an address or CIDR range, found ["10.0.0.0/8"]']);
    expect(problems("nets", "10.0.0.0/8")).toEqual(['/site/nets: expected a list of address or CIDR ranges, found "10.0.0.0/8"']);
    expect(problems("names", { a: 1 })).toEqual(['/site/names: expected a list of strings, found {"a":1}']);
    expect(problems("name", undefined)).toEqual(["/site/name: expected a string, found nothing"]);
    expect(problems("anything", { a: 1 })).toEqual(['/site/anything: expected a list of any values, found {"a":1}']);
  });

  it("accepts each type's values as they are, addresses in their canonical form", () => {
    expect(applied("name", "")).toBe("");
    expect(applied("limit", 0)).toBe(0);
    expect(applied("limit", -1.5)).toBe(-1.5);
    expect(applied("strict", false)).toBe(false);
    expect(applied("start", "2028-02-29")).toBe("2028-02-29");
    expect(applied("edge", "FC00:0:0::/7")).toBe("fc00::/7");
    expect(applied("edge", "192.0.2.1")).toBe("192.0.2.1");
    expect(applied("nets", [])).toEqual([]);
    expect(applied("nets", ["10.0.0.0/8", "2001:DB8::/32"])).toEqual(["10.0.0.0/8", "2001:db8::/32"]);
    expect(applied("anything", [{ a: [1, "x", null] }])).toEqual([{ a: [1, "x", null] }]);
  });

  it("says why a date or an address is not one", () => {
    expect(problems("start", "2027-02-29")).toEqual(["/site/start: `2027-02-29` is not a valid date: February 2027 has 28 days"]);
    expect(problems("start", "2027-1-1")).toEqual(["/site/start: `2027-1-1` is not a valid date: a date is written YYYY-MM-DD"]);
    expect(problems("edge", 10)).toEqual(["/site/edge: expected an address or CIDR range, found 10"]);
    expect(problems("start", null)).toEqual(["/site/start: expected a date (YYYY-MM-DD), found null"]);
    const [hostBits] = problems("edge", "10.0.0.1/8");
    expect(hostBits).toMatch(/^\/site\/edge: .* \(did you mean `10\.0\.0\.0\/8`\?\)$/);
    const [notNet] = problems("edge", "example.com");
    expect(notNet).toMatch(/^\/site\/edge: `example\.com` is not an address or CIDR range: \S/);
    expect(notNet).not.toContain("did you mean");
  });

  it("checks every element of a list at its own pointer, and keeps the default when one is wrong", () => {
    const r = applyOverrides(site(), { site: { nets: ["10.0.0.0/8", "x", 7, "192.0.2.0/24"] } }, "f.yaml");
    expect(r.problems.map((p) => p.pointer)).toEqual(["/site/nets/1", "/site/nets/2"]);
    expect(r.problems[1]!.message).toBe("expected an address or CIDR range, found 7");
    expect(r.params.get("site")!.get("nets")).toEqual(["10.0.0.0/8"]);
    expect(r.overridden.has("site.nets")).toBe(false);
  });

  it("refuses an integer of 2^53 or more at any depth, for every type, and accepts 2^53 - 1", () => {
    const msg = "the integer 9007199254740992 is 2^53 or more; write large identifiers as strings";
    expect(problems("limit", 2 ** 53)).toEqual([`/site/limit: ${msg}`]);
    expect(problems("limit", -(2 ** 53))).toEqual(["/site/limit: the integer -9007199254740992 is 2^53 or more; write large identifiers as strings"]);
    expect(problems("anything", [1, { deep: [2 ** 53] }])).toEqual([`/site/anything/1: ${msg}`]);
    expect(problems("anything", [{ deep: { deeper: 2 ** 60 } }])).toEqual(["/site/anything/0: the integer 1152921504606846976 is 2^53 or more; write large identifiers as strings"]);
    expect(applied("limit", 2 ** 53 - 1)).toBe(2 ** 53 - 1);
  });

  it("describes a value nested too deeply to show by its kind (JSON.stringify recurses)", () => {
    let mapping: unknown = 1;
    let list: unknown = 1;
    for (let i = 0; i < 20_000; i++) {
      mapping = { a: mapping };
      list = [list];
    }
    expect(problems("name", mapping)).toEqual(["/site/name: expected a string, found a mapping nested too deeply to show"]);
    expect(problems("name", list)).toEqual(["/site/name: expected a string, found a list nested too deeply to show"]);
  });

  it("shows a long value cut at 200 characters", () => {
    const [exact] = problems("limit", "x".repeat(198));
    expect(exact).toBe(`/site/limit: expected a number, found "${"x".repeat(198)}"`);
    const [cut] = problems("limit", "x".repeat(199));
    expect(cut).toBe(`/site/limit: expected a number, found "${"x".repeat(196)}...`);
  });
});

describe("applyOverrides: the file's shape", () => {
  it("takes an empty file (null or nothing) as no overrides", () => {
    for (const doc of [null, undefined]) {
      const r = applyOverrides(site(), doc, "f.yaml");
      expect(r.problems).toEqual([]);
      expect(r.overridden.size).toBe(0);
      expect(r.params).toEqual(defaultParams(site()));
    }
  });

  it("refuses a file that is not a mapping, at the pointer of the whole file", () => {
    for (const doc of [[], "site", 5, true]) {
      const r = applyOverrides(site(), doc, "f.yaml");
      expect(r.problems).toEqual([{ file: "f.yaml", pointer: "", message: "expected a mapping from package names to their params" }]);
      expect(r.params).toEqual(defaultParams(site()));
    }
  });

  it("names an unknown package, offering the closest package with params or listing them", () => {
    const msgs = (doc: object) => applyOverrides(site(), doc, "f.yaml").problems.map((p) => `${p.pointer}: ${p.message}`);
    expect(msgs({ sitee: {} })).toEqual(["/sitee: no package `sitee` with params; did you mean `site`?"]);
    expect(msgs({ zzzzzzzz: {} })).toEqual(["/zzzzzzzz: no package `zzzzzzzz` with params; packages with params: other, site"]);
    // A package without params cannot be overridden.
    expect(msgs({ empty: {} })).toEqual(["/empty: no package `empty` with params; packages with params: other, site"]);
    // Pointers escape `~` and `/` (RFC 6901).
    expect(msgs({ "a/b~c": {} })[0]).toMatch(/^\/a~1b~0c: no package `a\/b~c` with params/);
    const bare = compile("package lone\nlet v = 1\n");
    expect(applyOverrides(bare, { lone: {} }, "f.yaml").problems.map((p) => p.message)).toEqual(["no package `lone` with params"]);
  });

  it("wants a mapping of params under a package", () => {
    for (const v of [null, [], 5, "x"]) {
      expect(applyOverrides(site(), { site: v }, "f.yaml").problems).toEqual([{ file: "f.yaml", pointer: "/site", message: "expected a mapping of the params of `site`" }]);
    }
  });

  it("names an unknown param, offering the closest or listing the package's params", () => {
    expect(problems("limt", 1)).toEqual(["/site/limt: package `site` has no param `limt`; did you mean `limit`?"]);
    expect(problems("q/~", 1)).toEqual(["/site/q~1~0: package `site` has no param `q/~`; its params: name, limit, strict, start, edge, nets, names, anything"]);
  });

  it("applies every valid override, records each the file set (even to its default), and reports the others", () => {
    const r = applyOverrides(site(), { site: { limit: 5, name: 3, strict: false }, other: { only: 2 } }, "f.yaml");
    expect(r.problems).toEqual([{ file: "f.yaml", pointer: "/site/name", message: "expected a string, found 3" }]);
    expect([...r.overridden].sort()).toEqual(["other.only", "site.limit", "site.strict"]);
    expect(r.params.get("site")!.get("strict")).toBe(false);
    expect(r.params.get("site")!.get("name")).toBe("x");
    expect(r.params.get("other")!.get("only")).toBe(2);
  });
});

describe("formatParamProblem", () => {
  it("writes the place, then the pointer (the root as `/`), then the message", () => {
    expect(formatParamProblem({ file: "f.json", pointer: "/a/0", message: "m" })).toBe("f.json: /a/0: m");
    expect(formatParamProblem({ file: "f.json", pointer: "", message: "m" })).toBe("f.json: /: m");
    expect(formatParamProblem({ file: "f.json", pointer: "/a", message: "m", line: 3, column: 7 })).toBe("f.json:3:7: /a: m");
    expect(formatParamProblem({ file: "f.json", pointer: "", message: "m", line: 3, column: 7 })).toBe("f.json:3:7: m");
    expect(formatParamProblem({ file: "f.json", pointer: "/a", message: "m", line: 3 })).toBe("f.json:3:1: /a: m");
  });
});

describe("paramDisplay and paramUses", () => {
  it("writes a value as a policy would", () => {
    expect(paramDisplay("a\"b{c}\\d\ne\tf", "string")).toBe('"a\\"b\\{c\\}\\\\d\\ne\\tf"');
    expect(paramDisplay("10.0.0.0/8", "net")).toBe("10.0.0.0/8");
    expect(paramDisplay("2027-01-01", "date")).toBe("2027-01-01");
    expect(paramDisplay("2027-01-01", "any")).toBe('"2027-01-01"');
    expect(paramDisplay(5, "number")).toBe("5");
    expect(paramDisplay(false, "bool")).toBe("false");
    expect(paramDisplay(null, "any")).toBe("null");
    expect(paramDisplay({ a: [1] }, "any")).toBe('{"a":[1]}');
    expect(paramDisplay([], { list: "net" })).toBe("[]");
    expect(paramDisplay(["10.0.0.0/8", "fc00::/7"], { list: "net" })).toBe("[10.0.0.0/8, fc00::/7]");
    expect(paramDisplay(["a", "b"], { list: "string" })).toBe('["a", "b"]');
    expect(paramDisplay([["x", 1]], "any")).toBe('[["x", 1]]');
  });

  it("lists every param in declaration order with its effective value and source", () => {
    const r = applyOverrides(site(), { site: { limit: 7, edge: "192.0.2.0/24" } }, "f.yaml");
    const uses = paramUses(site(), r);
    expect(uses.map((u) => `${u.package}.${u.name} = ${u.display} (${u.source})`)).toEqual([
      "other.only = 1 (default)",
      'site.name = "x" (default)',
      "site.limit = 7 (override)",
      "site.strict = true (default)",
      "site.start = 2027-01-01 (default)",
      "site.edge = 192.0.2.0/24 (override)",
      "site.nets = [10.0.0.0/8] (default)",
      'site.names = ["a"] (default)',
      "site.anything = [] (default)",
    ]);
    expect(uses[2]!.value).toBe(7);
    // A param the resolved values lack shows its declared default.
    expect(paramUses(site(), { params: new Map(), overridden: new Set() }).map((u) => u.value)).toEqual([1, "x", 5, true, "2027-01-01", "10.0.0.0/8", ["10.0.0.0/8"], ["a"], []]);
  });
});
