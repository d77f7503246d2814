/**
 * Evaluation semantics, each case with the OPA source it follows (open-policy-agent/opa,
 * v1/topdown/eval.go unless said otherwise; docs at openpolicyagent.org/docs).
 */

import { describe, expect, test } from "vitest";
import { engine, errorCode, errorOf, ev } from "./run.js";

describe("undefined propagation", () => {
  // evalTerm.get returns nil for a missing key / out-of-range index, so the ref has no value
  // and the expression has no solution; a rule whose body fails is undefined.
  test("a ref through a missing key is undefined", () => {
    expect(ev(`p := input.a.b.c`, "p", { a: {} })).toBeUndefined();
    expect(ev(`p := input.a.b.c`, "p", { a: { b: { c: 1 } } })).toBe(1);
    expect(ev(`p := input.a`, "p")).toBeUndefined(); // no input at all
  });
  test("an index out of range is undefined; indexes are integer numbers (Array.Get: num.Int())", () => {
    expect(ev(`p := [1, 2][2]`, "p")).toBeUndefined();
    expect(ev(`p := [1, 2][-1]`, "p")).toBeUndefined();
    expect(ev(`p := [1, 2][1]`, "p")).toBe(2);
    // "1.0" does not parse with strconv.ParseInt, so it indexes nothing
    expect(ev(`p := [1, 2][1.0]`, "p")).toBeUndefined();
    expect(ev(`p := "abc"[0]`, "p")).toBeUndefined();
  });
  test("a call with an undefined argument is undefined (nested calls become their own expressions)", () => {
    expect(ev(`p := count(input.missing)`, "p", {})).toBeUndefined();
    expect(ev(`f(x) := 1\np := f(input.missing)`, "p", {})).toBeUndefined();
    expect(ev(`p := [count(input.xs), 0]`, "p", {})).toBeUndefined();
  });
  test("a comparison with an undefined side is undefined, hence false", () => {
    expect(ev(`p if input.x == 1`, "p", {})).toBeUndefined();
    expect(ev(`p if input.x != 1`, "p", {})).toBeUndefined();
    expect(ev(`default p := false\np if input.x < 1`, "p", {})).toBe(false);
  });
  test("an expression is false when its value is false, true for any other value (evalStep)", () => {
    // `!e.bindings.Plug(rterm).Equal(ast.InternedTerm(false))`
    expect(ev(`p if false`, "p")).toBeUndefined();
    expect(ev(`p if 0`, "p")).toBe(true);
    expect(ev(`p if null`, "p")).toBe(true);
    expect(ev(`p if input.x`, "p", { x: "" })).toBe(true);
    expect(ev(`p if input.x`, "p", { x: false })).toBeUndefined();
  });
});

describe("not", () => {
  // evalNot: "if !child.defined { return iter(e) }"
  test("not of undefined is true, not of false is true, not of a value is false", () => {
    expect(ev(`p if not input.x`, "p", {})).toBe(true);
    expect(ev(`p if not input.x`, "p", { x: false })).toBe(true);
    expect(ev(`p if not input.x`, "p", { x: 0 })).toBeUndefined();
    expect(ev(`p if not 1 in [2]`, "p")).toBe(true);
    expect(ev(`f(x) := x\np if not f(false)`, "p")).toBe(true);
  });
  test("vars of a negated expression must be safe: \"Negated expressions must be safe\" (outputVarsForExpr)", () => {
    expect(errorCode(() => engine(`p if not input.xs[i] == 1`))).toBe("rego_unsafe_var_error");
    expect(errorCode(() => engine(`p if not input.xs[_] == 1`))).toBe("rego_unsafe_var_error");
    expect(ev(`p if { some i; input.xs[i]; not input.xs[i] == 1 }`, "p", { xs: [1, 2] })).toBe(true);
  });
});

describe("every", () => {
  // evalEvery: `all := true` before the domain is enumerated, so an empty domain is true;
  // a domain that is not an array, object or set fails (isIterableValue).
  test("every over an empty collection is true", () => {
    expect(ev(`p if every x in [] { x > 1 }`, "p")).toBe(true);
    expect(ev(`p if every k, v in {} { k == v }`, "p")).toBe(true);
  });
  test("every over a non-collection or an undefined domain is false", () => {
    expect(ev(`p if every x in "ab" { true }`, "p")).toBeUndefined();
    expect(ev(`p if every x in input.none { true }`, "p", {})).toBeUndefined();
  });
  test("every checks each element; keys and values of arrays and objects", () => {
    expect(ev(`p if every x in [1, 2, 3] { x < 4 }`, "p")).toBe(true);
    expect(ev(`p if every x in [1, 2, 5] { x < 4 }`, "p")).toBeUndefined();
    expect(ev(`p if every i, x in [10, 11] { x == i + 10 }`, "p")).toBe(true);
    expect(ev(`p if every k, v in {"a": "a", "b": "b"} { k == v }`, "p")).toBe(true);
  });
  test("every's vars do not leak and its body sees enclosing vars", () => {
    expect(ev(`p if { y := 3; every x in [1, 2] { x < y } }`, "p")).toBe(true);
    expect(errorCode(() => engine(`p := x if { every x in [1] { true } }`))).toBe("rego_unsafe_var_error");
  });
});

describe("iteration order", () => {
  test("comprehensions collect in iteration order: arrays by index", () => {
    expect(ev(`p := [y | some x in [3, 1, 2]; y := x * 2]`, "p")).toEqual([6, 2, 4]);
    // parseArray: the head is parseTerm(), "The parser cannot attempt a relational term here
    // because of ambiguity around comprehensions", so `[x * 2 | ...]` does not parse.
    expect(errorCode(() => engine(`p := [x * 2 | some x in [3, 1, 2]]`))).toBe("rego_parse_error");
    expect(ev(`p := [[i, x] | some i, x in ["a", "b"]]`, "p")).toEqual([
      [0, "a"],
      [1, "b"],
    ]);
  });
  test("objects iterate in sorted key order (object.Keys sorts by ast.Compare)", () => {
    expect(ev(`p := [k | some k, _ in input]`, "p", { b: 1, a: 2, c: 3, B: 4 })).toEqual(["B", "a", "b", "c"]);
    expect(ev(`p := [v | some v in input]`, "p", { b: 1, a: 2 })).toEqual([2, 1]);
    // Go string order is UTF-8 byte order = code point order: U+FF61 < U+1F600 although its
    // UTF-16 code unit is larger than the high surrogate.
    expect(ev(`p := [k | some k, _ in input]`, "p", { "\u{1F600}": 1, "\uFF61": 2 })).toEqual(["\uFF61", "\u{1F600}"]);
  });
  test("a ref with an unbound var enumerates (evalTerm.enumerate)", () => {
    expect(ev(`p := [x | x := input.xs[_].v]`, "p", { xs: [{ v: 1 }, { w: 2 }, { v: 3 }] })).toEqual([1, 3]);
    expect(ev(`p := [[k, i] | input.o[k][i] > 1]`, "p", { o: { z: [5, 0], a: [0, 2] } })).toEqual([
      ["a", 1],
      ["z", 0],
    ]);
  });
  test("comprehension bodies separated by ; or newlines", () => {
    expect(ev(`p := [y | some x in [1, 2, 3]; x > 1; y := x]`, "p")).toEqual([2, 3]);
    expect(ev(`p := [y |\n  some x in [1, 2, 3]\n  x > 1\n  y := x\n]`, "p")).toEqual([2, 3]);
  });
});

describe("complete rules and functions", () => {
  // evalVirtualComplete.evalValueRule: `if ast.Compare(result, prev) != 0 { return completeDocConflictErr }`
  test("conflicting values of a complete rule are an eval_conflict_error", () => {
    expect(errorCode(() => ev(`p := 1\np := 2`, "p"))).toBe("eval_conflict_error");
    expect(errorCode(() => ev(`p := x if { some x in [1, 2] }`, "p"))).toBe("eval_conflict_error");
    expect(errorOf(() => ev(`p := 1\np := 2`, "p")).message).toContain("complete rules must not produce multiple outputs");
  });
  test("agreeing definitions are fine; object key order is irrelevant", () => {
    expect(ev(`p := 1\np := 1`, "p")).toBe(1);
    expect(ev(`p := {"a": 1, "b": 2}\np := {"b": 2, "a": 1}`, "p")).toEqual({ a: 1, b: 2 });
    expect(ev(`p := 1\np := 1.0`, "p")).toBe(1); // numbers compare by value (NumberCompare)
    expect(ev(`p := x if { some x in [1, 1] }`, "p")).toBe(1);
  });
  test("functions: conflicting outputs for the same inputs are an error (functionConflictErr)", () => {
    const src = `f(x) := 1 if x > 0\nf(x) := 2 if x > 1\np := f(1)\nq := f(2)`;
    expect(ev(src, "p")).toBe(1);
    expect(errorOf(() => ev(src, "q")).message).toContain("functions must not produce multiple outputs for same inputs");
    // a false result also conflicts with true
    expect(errorCode(() => ev(`g(x) if x > 0\ng(x) := false if x > 1\np if g(2)`, "p"))).toBe("eval_conflict_error");
  });
  test("partial boolean functions and rules with several bodies are a disjunction", () => {
    const src = `f(x) if x == 1\nf(x) if x == 2\np := [x | some x in [1, 2, 3]; f(x)]\nq if input.a\nq if input.b`;
    expect(ev(src, "p")).toEqual([1, 2]);
    expect(ev(src, "q", { b: true })).toBe(true);
    expect(ev(src, "q", {})).toBeUndefined();
  });
  test("function args: literal patterns, the same var twice (unification), wildcards", () => {
    const src = `
      f(1, x) := x
      f("*", _) := "star"
      eq2(x, x)
      g(0, "*", n) if n > 0
      a := f(1, "v")
      b := f("*", 9)
      c := f(2, 9)
      d if eq2([1, {"a": 2}], [1, {"a": 2}])
      e if eq2(1, 2)
      h if g(0, "*", 3)
    `;
    expect(ev(src, "a")).toBe("v");
    expect(ev(src, "b")).toBe("star");
    expect(ev(src, "c")).toBeUndefined();
    expect(ev(src, "d")).toBe(true);
    expect(ev(src, "e")).toBeUndefined();
    expect(ev(src, "h")).toBe(true);
  });
  test("a function call used as an expression is true unless its value is false", () => {
    expect(ev(`f(x) := x\np if f(0)`, "p")).toBe(true);
    expect(ev(`f(x) := x\np if f(false)`, "p")).toBeUndefined();
    expect(ev(`f(x) := x\np if f(null)`, "p")).toBe(true);
  });
  test("functions across packages: data.pkg.f, import alias, bare name in the package", () => {
    const e = engineOf({
      "a.rego": `package lib.x\nimport rego.v1\ndouble(n) := n * 2\ntwice(n) := double(double(n))`,
      "b.rego": `package app\nimport rego.v1\nimport data.lib.x\nimport data.lib.x as y\np := [x.double(1), y.twice(1), data.lib.x.double(3)]`,
    });
    expect(e.evaluate("data.app.p")).toEqual([2, 4, 6]);
  });
});

describe("else and default", () => {
  test("else branches are tried in order; the first with a solution counts", () => {
    const src = `f(x) := "a" if x == 1 else := "b" if x == 2 else := "c"\np := [f(1), f(2), f(3)]`;
    expect(ev(src, "p")).toEqual(["a", "b", "c"]);
  });
  test("a branch whose body succeeds but whose head value is undefined does not apply (rewriteRefsInHead)", () => {
    // compile.go appends `__localN__ = <head value>` to the body when the value needs evaluation,
    // so an undefined head value makes the branch fail and the next `else` is tried.
    const src = `f(x) := x.a if { true } else := "fallback"\np := f({})\nq := f({"a": 1})`;
    expect(ev(src, "p")).toBe("fallback");
    expect(ev(src, "q")).toBe(1);
    expect(ev(`p := input.a if { true } else := 0`, "p", {})).toBe(0);
  });
  test("default applies only when no definition is defined", () => {
    const src = `default p := "d"\np := "x" if input.x\ndefault q := 0\nq := input.q`;
    expect(ev(src, "p", {})).toBe("d");
    expect(ev(src, "p", { x: 1 })).toBe("x");
    expect(ev(src, "q", { q: false })).toBe(false);
    expect(ev(src, "q", {})).toBe(0);
  });
  test("a definition whose else chain produced a value conflicts like any other", () => {
    expect(errorCode(() => ev(`p := 1 if false else := 2\np := 3`, "p"))).toBe("eval_conflict_error");
  });
});

describe("equality and order", () => {
  test("structural equality, numbers by value, key order irrelevant", () => {
    expect(ev(`p if [1, {"a": [2]}] == [1.0, {"a": [2.0]}]`, "p")).toBe(true);
    expect(ev(`p if {"a": 1, "b": 2} == {"b": 2, "a": 1}`, "p")).toBe(true);
    expect(ev(`p if [1, 2] != [2, 1]`, "p")).toBe(true);
    expect(ev(`p if 1 != "1"`, "p")).toBe(true);
  });
  test("comparisons across types follow null < boolean < number < string < array < object", () => {
    const src = `p := [null < false, false < 0, 0 < "", "" < [], [] < {}, true < false, [1] < [1, 0], {"a": 1} < {"a": 2}, {"b": 0} > {"a": 9}]`;
    expect(ev(src, "p")).toEqual([true, true, true, true, true, false, true, true, true]);
  });
});

describe("recursion and compile-time errors", () => {
  test("a rule referring to itself is a rego_recursion_error", () => {
    expect(errorCode(() => engine(`p := q\nq := p`))).toBe("rego_recursion_error");
    expect(errorCode(() => engine(`f(x) := f(x)`))).toBe("rego_recursion_error");
    expect(errorCode(() => engine(`p if { some x in [p] }`))).toBe("rego_recursion_error");
  });
  test("unknown function, unknown ref root, wrong arity, unsafe vars", () => {
    expect(errorCode(() => engine(`p := nope(1)`))).toBe("rego_type_error");
    expect(errorCode(() => engine(`p := data.x.nope(1)`))).toBe("rego_type_error");
    expect(errorCode(() => engine(`p := foo.bar`))).toBe("rego_unsafe_var_error");
    expect(errorCode(() => engine(`p := count([], [], 1)`))).toBe("rego_type_error");
    expect(errorCode(() => engine(`p := y`))).toBe("rego_unsafe_var_error");
    expect(errorCode(() => engine(`f(x) := y`))).toBe("rego_unsafe_var_error");
    expect(errorOf(() => engine(`p if {\n  x > 1\n}`)).loc).toEqual({ file: "t.rego", line: 6, col: 3 });
  });
  test("incremental definitions of different kinds or arities conflict at compile time", () => {
    expect(errorCode(() => engine(`p := 1\np(x) := x`))).toBe("rego_type_error");
    expect(errorCode(() => engine(`f(x) := x\nf(x, y) := x`))).toBe("rego_type_error");
    expect(errorCode(() => engine(`default p := 1\ndefault p := 2`))).toBe("rego_type_error");
  });
  test(":= on a declared var is \"assigned above\"; after a use \"referenced above\"", () => {
    expect(errorOf(() => engine(`p if { x := 1; x := 2 }`)).message).toContain("var x assigned above");
    expect(errorOf(() => engine(`p if { input.a[x]; x := 2 }`)).message).toContain("var x referenced above");
  });
  test("bodies are reordered for safety (reorderBodyForSafety)", () => {
    expect(ev(`p := y if { y > 1; y = input.v }`, "p", { v: 2 })).toBe(2);
  });
});

describe("builtin errors", () => {
  // evalBuiltin.eval: non-Halt errors are appended to builtinErrors and the call has no result;
  // with --strict-builtin-errors they are raised (eval_builtin_error).
  test("a builtin error makes the expression undefined and is recorded", () => {
    const e = engine(`p := count(input.n)\nq := input.n + input.s`);
    expect(e.evaluate("data.t.p", { n: 1 })).toBeUndefined();
    expect(e.lastBuiltinErrors[0]?.message).toBe("operand 1 must be one of {array, object, set, string} but got number");
    expect(e.evaluate("data.t.q", { n: 1, s: "a" })).toBeUndefined();
    expect(e.lastBuiltinErrors[0]?.message).toBe("operand 2 must be number but got string");
  });
  test("a literal argument of the wrong type is a compile-time type error (check.go)", () => {
    expect(errorCode(() => engine(`p := count(1)`))).toBe("rego_type_error");
    expect(errorCode(() => engine(`p := 1 + "a"`))).toBe("rego_type_error");
    expect(errorCode(() => engine(`p := concat("", ["a", 1])`))).toBe("rego_type_error");
  });
  test("strict mode raises eval_builtin_error", () => {
    expect(errorCode(() => ev(`p := count(input)`, "p", 1, { strictBuiltinErrors: true }))).toBe("eval_builtin_error");
  });
});

describe("data documents", () => {
  test("rules, packages and base data share the data tree", () => {
    const e = engineOf(
      {
        "a.rego": `package perimeter.lib\nimport rego.v1\ndefault now := null\nnow := data.perimeter.now if is_string(data.perimeter.now)\nf(x) := x`,
        "b.rego": `package perimeter.other\nimport rego.v1\nq := 1`,
      },
      { perimeter: { now: "2024-01-01" } },
    );
    expect(e.evaluate("data.perimeter.lib.now")).toBe("2024-01-01");
    // the extent of a package: its rules' values (functions skipped) merged with base data
    expect(e.evaluate("data.perimeter")).toEqual({ now: "2024-01-01", lib: { now: "2024-01-01" }, other: { q: 1 } });
    expect(e.evaluate('data.perimeter["other"].q')).toBe(1);
    expect(e.evaluate("data.perimeter.lib.f")).toBeUndefined();
  });
  test("package paths with quoted segments", () => {
    const e = engineOf({ "a.rego": `package a["if"].b\nimport rego.v1\np := 1` });
    expect(e.evaluate('data.a["if"].b.p')).toBe(1);
  });
});

import { RegoEngine } from "../helpers/rego/index.js";
function engineOf(files: Record<string, string>, data?: unknown): RegoEngine {
  return new RegoEngine(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    data,
  );
}
