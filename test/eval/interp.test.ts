// The interpreter's own machinery by value (src/eval/interp.ts): variable bindings saved and
// restored, the tracer (every node seen, nothing memoised while it watches, malformed reads kept
// from it), memoised calls and iterations keyed by their arguments and free variables, the
// internal errors a checked program never reaches, and the built-ins' edges on values of the
// wrong type. The operators' meaning is test/eval/operators.test.ts.
import { describe, expect, it } from "vitest";
import { Interpreter, type Tracer } from "../../src/eval/interp.js";
import { defaultParams } from "../../src/eval/params.js";
import { MISSING, type Value } from "../../src/eval/value.js";
import type { BuiltinName, CmpOp, IrExpr, IrProgram } from "../../src/ir/ir.js";
import { compile, valueOf } from "../helpers/eval.js";

const origin = { file: "", span: { start: 0, end: 0 }, line: 0 };
const lit = (value: string | number | boolean): IrExpr => ({ k: "lit", value, origin });
const local = (id: number): IrExpr => ({ k: "local", v: { name: `v${id}`, id }, origin });
const global = (pkg: string, name: string): IrExpr => ({ k: "global", pkg, name, origin });
const bare = (lets: { name: string; value: IrExpr }[] = []): IrProgram =>
  ({ packages: [{ name: "p", params: [], lets: lets.map((l) => ({ ...l, origin })), defs: [] }], controls: [], waivers: [], tests: [] }) as unknown as IrProgram;

/** A tracer that records the kinds of the nodes it sees, in order of entry. */
function recorder(): Tracer & { seen: string[]; values: Value[] } {
  const seen: string[] = [];
  const values: Value[] = [];
  return { seen, values, enter: (e) => void seen.push(e.k === "call" ? `call ${e.name}` : e.k), exit: (_e, v) => void values.push(v) };
}

describe("bindings", () => {
  it("withVar binds for the call only and restores a binding it shadowed, also when the call throws", () => {
    const i = new Interpreter(bare(), new Map(), {});
    const v = { name: "x", id: 7 };
    expect(i.eval(local(7))).toBe(MISSING);
    const seen = i.withVar(v, 1, () => [i.eval(local(7)), i.withVar(v, 2, () => i.eval(local(7))), i.eval(local(7))]);
    expect(seen).toEqual([1, 2, 1]);
    expect(i.eval(local(7))).toBe(MISSING);
    i.bind(v, "bound");
    expect(() => i.withVar(v, 3, () => { throw new Error("boom"); })).toThrow("boom");
    expect(i.eval(local(7))).toBe("bound");
    i.withVar(v, 4, () => undefined);
    expect(i.eval(local(7))).toBe("bound");
  });

  it("a def's parameters are bound for its body and restored after, shadowed or not", () => {
    const ir = compile("package t\ndef f(a, b) = [a, b]\ndef g(a) = [f(a, 2), a]\nlet v = g(1)\n");
    const i = new Interpreter(ir, defaultParams(ir), {});
    expect(i.eval(global("t", "v"))).toEqual([[1, 2], 1]);
    const [a, b] = ir.packages.find((p) => p.name === "t")!.defs.find((d) => d.name === "f")!.params;
    const read = () => [i.eval({ k: "local", v: a!, origin }), i.eval({ k: "local", v: b!, origin })];
    expect(i.withVar(a!, "outer", () => [i.call("t", "f", [3, 4]), i.call("t", "f", [5]), read()])).toEqual([[3, 4], [5], ["outer", MISSING]]);
    expect(read()).toEqual([MISSING, MISSING]);
  });
});

describe("the tracer", () => {
  const ir = compile('package t\ndef twice(x) = [x, x]\nlet v = [twice(1), twice(1), count([1, 2]), count([1, 2])]\n');
  const v = global("t", "v");

  it("sees every node entered and the value it gave; nothing is memoised while it watches", () => {
    const t = recorder();
    const got = new Interpreter(ir, defaultParams(ir), {}, t).eval(v);
    expect(got).toEqual([[1, 1], [1, 1], 2, 2]);
    expect(t.seen).toEqual(["global", "list", "call twice", "lit", "list", "local", "local", "call twice", "lit", "list", "local", "local", "builtin", "list", "lit", "lit", "builtin", "list", "lit", "lit"]);
    expect(t.values[0]).toEqual(1);
    expect(t.values.at(-1)).toEqual([[1, 1], [1, 1], 2, 2]);
  });

  it("evalUntraced hides what it evaluates and gives the tracer back, also after a throw", () => {
    const t = recorder();
    const i = new Interpreter(bare([{ name: "loop", value: global("p", "loop") }]), new Map(), {}, t);
    expect(i.evalUntraced(lit(1))).toBe(1);
    expect(t.seen).toEqual([]);
    expect(() => i.evalUntraced(global("p", "loop"))).toThrow("internal error: let p.loop depends on itself");
    expect(t.seen).toEqual([]);
    expect(i.eval(lit(2))).toBe(2);
    expect(t.seen).toEqual(["lit"]);
  });

  it("without a tracer, a shared constant, a def call and an iteration are computed once per evaluation", () => {
    // The memo is seen through identity: the same list object comes back.
    const i = new Interpreter(ir, defaultParams(ir), {});
    const got = i.eval(v) as Value[][];
    expect(got[0]).toBe(got[1]);
    // An iteration without free variables is one value per evaluation, whatever encloses it (after the mutation run).
    const nested = compile("package t\nlet v = [[x for x in [1, 2]] for y in [3, 4]]\n");
    const lists = new Interpreter(nested, defaultParams(nested), {}).eval(global("t", "v")) as Value[][];
    expect(lists).toEqual([[1, 2], [1, 2]]);
    expect(lists[0]).toBe(lists[1]);
    const traced = new Interpreter(ir, defaultParams(ir), {}, recorder()).eval(v) as Value[][];
    expect(traced[0]).not.toBe(traced[1]);
    expect(traced[0]).toEqual(traced[1]);
  });
});

describe("memoised calls and iterations", () => {
  it("keys a def call by every argument, and an iteration by the free variables it reads", () => {
    const src =
      "package t\ndef pair(a, b) = [a, b, [x for x in [1, 2, 3] where x > a]]\n" +
      "let v = [pair(1, 1), pair(1, 2), pair(2, 1), pair(2, 2), [[y + z for z in [10, 20]] for y in [1, 2]], [any x in [1, 2]: x > y for y in [0, 1, 2]], [first x in [1, 2, 3] where x > y for y in [0, 1, 5]]]\n";
    const ir = compile(src);
    const got = new Interpreter(ir, defaultParams(ir), {}).eval(global("t", "v"));
    expect(got).toEqual([[1, 1, [2, 3]], [1, 2, [2, 3]], [2, 1, [3]], [2, 2, [3]], [[11, 21], [12, 22]], [true, true, false], [1, 2]]);
  });

  it("a network comparison memoised by its operands gives each pair its own answer", () => {
    expect(valueOf("[[10.0.0.1 within r, r overlaps 10.0.0.0/8, r within 10.0.0.0/8] for r in [10.0.0.0/8, 11.0.0.0/8, 10.0.0.0/8]]")).toEqual([
      [true, true, true],
      [false, false, false],
      [true, true, true],
    ]);
    expect(valueOf('["a.x.com" matches d for d in ["*.x.com", "*.y.com", "*.x.com"]]')).toEqual([true, false, true]);
  });
});

describe("internal errors a checked program never reaches", () => {
  it("a let that depends on itself, an unknown let or def, an unknown comparison", () => {
    const i = new Interpreter(bare([{ name: "a", value: global("p", "b") }, { name: "b", value: global("p", "a") }]), new Map(), {});
    expect(() => i.eval(global("p", "a"))).toThrow("internal error: let p.a depends on itself");
    expect(() => i.eval(global("p", "zz"))).toThrow("internal error: no let p.zz");
    expect(() => i.eval(global("q", "a"))).toThrow("internal error: no let q.a");
    expect(() => i.call("p", "f", [])).toThrow("internal error: no def p.f");
    expect(() => i.call("q", "f", [])).toThrow("internal error: no def q.f");
    expect(() => i.eval({ k: "cmp", op: "~" as "==", l: lit(1), r: lit(1), origin })).toThrow("internal error: unknown comparison ~");
  });

  it("a let is computed once, and again only in another interpreter", () => {
    let runs = 0;
    const t: Tracer = { enter: (e) => void (e.k === "lit" && runs++), exit: () => undefined };
    const i = new Interpreter(bare([{ name: "a", value: lit(5) }]), new Map(), {}, t);
    expect([i.eval(global("p", "a")), i.eval(global("p", "a"))]).toEqual([5, 5]);
    expect(runs).toBe(1);
  });
});

describe("reads, operators and built-ins on values of any type (hand-made IR: the checker refuses most of these programs)", () => {
  const doc = { n: 1, s: "😀x", o: { k: "v", "": "empty" }, l: [{ name: "a" }, null, 2], e: [] as unknown[], zero: { "0": "z" } };
  const root: IrExpr = { k: "root", origin };
  const at = (field: string): IrExpr => ({ k: "get", obj: root, field, origin });
  const nothing = at("nothing");
  const idx = (obj: IrExpr, index: IrExpr): IrExpr => ({ k: "index", obj, index, origin });
  const b = (name: BuiltinName, ...args: IrExpr[]): IrExpr => ({ k: "builtin", name, args, origin });
  const list = (...items: IrExpr[]): IrExpr => ({ k: "list", items, origin });
  const arith = (op: "+" | "-", l: IrExpr, r: IrExpr): IrExpr => ({ k: "arith", op, l, r, origin });
  const cmp = (op: CmpOp, l: IrExpr, r: IrExpr): IrExpr => ({ k: "cmp", op, l, r, origin });
  const run = (e: IrExpr) => new Interpreter(bare(), new Map(), doc).eval(e);

  it("reads only own fields of an object, and list elements at integer indexes in range", () => {
    expect(run(idx(at("o"), lit("k")))).toBe("v");
    expect(run(idx(at("o"), lit("")))).toBe("empty");
    for (const key of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(run(idx(at("o"), lit(key))), key).toBe(MISSING);
      expect(run({ k: "get", obj: at("o"), field: key, origin }), key).toBe(MISSING);
    }
    expect(run(idx(at("l"), lit(0)))).toEqual({ name: "a" });
    expect(run(idx(at("l"), lit(2)))).toBe(2);
    expect(run(idx(at("l"), lit(1)))).toBe(MISSING);
    expect(run(idx(at("l"), lit(3)))).toBe(MISSING);
    expect(run(idx(at("l"), lit(-1)))).toBe(MISSING);
    expect(run(idx(at("l"), lit(0.5)))).toBe(MISSING);
    expect(run(idx(at("l"), lit("0")))).toBe(MISSING);
    expect(run(idx(at("o"), lit(0)))).toBe(MISSING);
    // An object's key "0" is not read by the number 0 (after the mutation run).
    expect(run(idx(at("zero"), lit(0)))).toBe(MISSING);
    expect(run(idx(at("zero"), lit("0")))).toBe("z");
    expect(run(idx(at("n"), lit(0)))).toBe(MISSING);
    expect(run(idx(at("s"), lit(0)))).toBe(MISSING);
    expect(run({ k: "get", obj: at("l"), field: "length", origin })).toBe(MISSING);
  });

  it("count counts list elements, object keys and characters (code points), else 0", () => {
    expect([at("l"), at("o"), at("s"), at("e"), at("n"), nothing, lit(true)].map((x) => run(b("count", x)))).toEqual([3, 2, 2, 0, 0, 0, 0]);
  });

  it("string built-ins give missing or false for anything but strings", () => {
    expect(run(b("lower", at("n")))).toBe(MISSING);
    expect(run(b("upper", at("n")))).toBe(MISSING);
    expect(run(b("lower", lit("AÉ")))).toBe("aé");
    expect(run(b("upper", lit("aé")))).toBe("AÉ");
    for (const f of ["startswith", "endswith", "contains"] as const) {
      expect(run(b(f, at("n"), lit("1"))), f).toBe(false);
      expect(run(b(f, lit("1"), at("n"))), f).toBe(false);
      expect(run(b(f, lit("1"), lit("1"))), f).toBe(true);
    }
    expect(run(b("startswith", lit("ab"), lit("b")))).toBe(false);
    expect(run(b("endswith", lit("ab"), lit("a")))).toBe(false);
    expect(run(b("contains", lit("abc"), lit("b")))).toBe(true);
    expect(run(b("contains", lit("abc"), lit("d")))).toBe(false);
    expect(run(b("contains", at("l"), lit(2)))).toBe(true);
    expect(run(b("contains", at("l"), lit(3)))).toBe(false);
    expect(run(b("contains", at("l"), nothing))).toBe(false);
    expect(run(b("contains", at("l"), lit("2")))).toBe(false);
    expect(run(b("startswith"))).toBe(false);
  });

  it("flatten drops missing elements at both levels; + and - of other types are missing", () => {
    expect(run(b("flatten", list(at("l"), list(nothing, lit(1)), nothing, lit(4))))).toEqual([{ name: "a" }, 2, 1, 4]);
    expect(run(b("flatten", at("n")))).toEqual([]);
    expect(run(arith("-", lit("a"), lit("b")))).toBe(MISSING);
    expect(run(arith("+", lit("a"), lit("b")))).toBe("ab");
    expect(run(arith("-", at("l"), at("l")))).toBe(MISSING);
    expect(run(arith("+", at("e"), at("l")))).toEqual([{ name: "a" }, null, 2]);
    expect(run(arith("+", lit("a"), lit(1)))).toBe(MISSING);
    expect(run(arith("+", lit(1), lit("a")))).toBe(MISSING);
    expect(run(arith("+", at("l"), lit(1)))).toBe(MISSING);
    expect(run(arith("+", lit(1), nothing))).toBe(MISSING);
    expect(run(arith("-", lit(1), lit(3)))).toBe(-2);
    expect(run({ k: "concat", parts: [b("show", lit("a")), b("text", lit("a")), b("show", nothing), b("text", lit(1))], origin })).toBe('"a"amissing1');
  });

  it("a comparison of unordered values is false, `in` needs a list and a present value", () => {
    for (const op of ["<", "<=", ">", ">="] as const) expect(run(cmp(op, lit("1"), lit(1))), op).toBe(false);
    expect(run(cmp("in", lit(1), lit("1")))).toBe(false);
    expect(run(cmp("not in", lit(1), lit("1")))).toBe(false);
    expect(run(cmp("not in", nothing, list(lit(1))))).toBe(false);
    expect(run(cmp("in", nothing, at("l")))).toBe(false);
    expect(run(cmp("in", lit(2), at("l")))).toBe(true);
    expect(run(cmp("not in", lit(2), at("l")))).toBe(false);
    expect(run(cmp("not in", lit(3), at("l")))).toBe(true);
    expect(run(cmp("!=", lit(1), nothing))).toBe(false);
    expect(run(cmp("!=", nothing, lit(1)))).toBe(false);
    expect(run(cmp("!=", lit(1), lit(2)))).toBe(true);
    const pairs: [CmpOp, number, number, boolean][] = [["<", 1, 2, true], ["<", 2, 2, false], ["<=", 2, 2, true], ["<=", 3, 2, false], [">", 2, 2, false], [">", 3, 2, true], [">=", 2, 2, true], [">=", 1, 2, false]];
    for (const [op, l, r, want] of pairs) expect(run(cmp(op, lit(l), lit(r))), `${l} ${op} ${r}`).toBe(want);
  });

  it("quantifiers, `first`, `is`, `??` and `if`", () => {
    const v = { name: "x", id: 99 };
    const x: IrExpr = { k: "local", v, origin };
    const gt1 = cmp(">", x, lit(1));
    const q = (q: "any" | "all" | "none", coll: IrExpr) => run({ k: "quant", q, v, coll, body: gt1, origin });
    const nums = list(lit(1), lit(2));
    expect([q("none", nums), q("any", nums), q("all", nums), q("none", list(lit(0))), q("any", at("n")), q("all", at("n")), q("none", at("n"))]).toEqual([false, true, false, true, false, true, true]);
    expect(run({ k: "first", v, coll: list(lit(0), lit(5), lit(7)), where: gt1, origin })).toBe(5);
    expect(run({ k: "comp", v, coll: list(lit(0), lit(5)), elem: arith("+", x, lit(1)), origin })).toEqual([1, 6]);
    expect(run({ k: "is", test: "missing", e: nothing, origin })).toBe(true);
    expect(run({ k: "is", test: "present", e: nothing, origin })).toBe(false);
    expect(run({ k: "is", test: "present", e: at("e"), origin })).toBe(true);
    expect(run({ k: "coalesce", l: nothing, r: lit(2), origin })).toBe(2);
    expect(run({ k: "coalesce", l: at("n"), r: lit(2), origin })).toBe(1);
    expect(run({ k: "if", test: cmp("==", at("n"), lit(1)), then: lit("y"), else: lit("n"), origin })).toBe("y");
    expect(run({ k: "if", test: nothing, then: lit("y"), else: lit("n"), origin })).toBe("n");
    expect(run({ k: "param", pkg: "p", name: "q", origin })).toBe(MISSING);
    expect(new Interpreter(bare(), new Map([["p", new Map<string, Value>([["q", 3]])]]), doc).eval({ k: "param", pkg: "p", name: "q", origin })).toBe(3);
  });
});
