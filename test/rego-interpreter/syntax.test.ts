/**
 * Syntax of the supported subset (v1/ast/parser.go), parse errors with their locations, and
 * constructs outside the subset.
 */

import { describe, expect, test } from "vitest";
import { RegoEngine } from "../helpers/rego/index.js";
import { engine, errorCode, errorOf, ev } from "./run.js";

describe("module structure", () => {
  test("package, imports, METADATA comments", () => {
    const e = new RegoEngine([
      {
        path: "a.rego",
        text: `# METADATA\n# title: x\npackage a.b.c\n\nimport rego.v1\nimport future.keywords.in\nimport data.x.y\nimport data.x.y as z\nimport input.user\n\n# METADATA\n# description: >-\n#   text\np := [y.v, z.v, user]`,
      },
      { path: "x.rego", text: `package x.y\nv := 1` },
    ]);
    expect(e.evaluate("data.a.b.c.p", { user: "u" })).toEqual([1, 1, "u"]);
  });
  test("rule forms: constants, if-bodies, single-expression bodies, facts, else chains", () => {
    const src = `
      a := 1
      b := 2 if { true }
      c if { true }
      d if 1 < 2
      e := "x" if 1 > 2
      else := "y" if 2 > 3
      else := "z"
      f(x) := x + 1
      g(x) if x > 0
      fact(1, 8)
      h := [f(1), fact(1, 8)]
      i = 3
      j if {"a": 1}["a"] == 1
    `;
    expect([ev(src, "a"), ev(src, "b"), ev(src, "c"), ev(src, "d"), ev(src, "e"), ev(src, "h"), ev(src, "i"), ev(src, "j")]).toEqual([1, 2, true, true, "z", [2, true], 3, true]);
  });
  test("expressions: ; and newlines separate, operators bind as in OPA", () => {
    expect(ev(`p := x if { x := 1 + 2 * 3; x == 7 }`, "p")).toBe(7);
    expect(ev(`p := [1 - 2 - 3, 2 * 3 - 1, 1 < 2 == true, 1 + 1 in [2]]`, "p")).toEqual([-4, 5, true, true]);
    expect(ev(`p := (1 + 2) * 3`, "p")).toBe(9);
    expect(ev(`p := x if {\n  x := [1,\n    2]\n  count(x) == 2\n}`, "p")).toEqual([1, 2]);
    expect(ev(`p := [a, b] if { [a, b] := ["x", "y"] }`, "p")).toEqual(["x", "y"]);
    expect(ev(`p := {"k": v, "n": -1.5} if { v := "s" }`, "p")).toEqual({ k: "s", n: -1.5 });
    expect(ev("p := `raw\\n`", "p")).toBe("raw\\n");
    expect(ev(`p := "esc\\u00e9\\t"`, "p")).toBe("esc\u00e9\t");
  });
  test("refs: dots, brackets, calls with refs", () => {
    expect(ev(`p := input.a["b c"][0].d`, "p", { a: { "b c": [{ d: 1 }] } })).toBe(1);
    expect(ev(`p := split("a[b", "[")[0]`, "p")).toBe("a");
    expect(ev(`p := [[1, 2]][0][1]`, "p")).toBe(2);
  });
  test("some and every forms", () => {
    expect(ev(`p := [[i, x] | some i, x in {"a": 1}]`, "p")).toEqual([["a", 1]]);
    expect(ev(`p := [x | some x; input[x] > 1]`, "p", [1, 2, 3])).toEqual([1, 2]);
    expect(ev(`p if every i, x in [0, 1] { i == x }`, "p")).toBe(true);
  });
});

describe("parse errors carry file:line:col", () => {
  test("missing separator between literals (parseQuery)", () => {
    const err = errorOf(() => engine(`p if { x := 1 y := 2 }`));
    expect(err.code).toBe("rego_parse_error");
    expect(err.detail).toBe("expected \\n or ; or }");
    expect(err.loc).toEqual({ file: "t.rego", line: 5, col: 15 });
    expect(err.message).toBe("t.rego:5:15: rego_parse_error: expected \\n or ; or }");
  });
  test("v1 requires `if` before a body; empty bodies; bad tokens", () => {
    expect(errorOf(() => engine(`p { true }`)).detail).toBe("`if` keyword is required before rule body");
    expect(errorOf(() => engine(`p := [x | ]`)).detail).toBe("found empty body");
    // parseRules reads `{...}` after `if` as a literal first: `{}` is an empty object, a true literal.
    expect(ev(`p if {}`, "p")).toBe(true);
    expect(errorCode(() => engine(`p := 1 @`))).toBe("rego_parse_error");
    expect(errorCode(() => engine(`p := "unterminated`))).toBe("rego_parse_error");
    expect(errorCode(() => new RegoEngine([{ path: "x.rego", text: "p := 1" }]))).toBe("rego_parse_error");
    expect(errorOf(() => engine(`p`)).detail).toBe("var cannot be used for rule name");
  });
});

describe("outside the subset: rego_unsupported_error", () => {
  test.each([
    ["set literals", `p := {1, 2}`],
    ["set comprehensions", `p := {x | some x in [1]}`],
    ["object comprehensions", `p := {x: 1 | some x in ["a"]}`],
    ["partial rules", `p[x] := 1 if { x := "a" }`],
    ["multi-value rules", `p contains 1`],
    ["with", `p if { true with input as {} }`],
    ["default functions", `default f(_) := 1`],
  ])("%s", (_name, src) => {
    expect(errorCode(() => engine(src))).toBe("rego_unsupported_error");
  });
});
