/**
 * The reference evaluator: a direct interpreter of IR expressions over one export.
 *
 * It is the oracle the Rego and Wasm backends are tested against, so it favours being
 * obviously right over being fast: one case per IR node, the value rules of `value.ts`,
 * the network rules of `net.ts`. Variables have program-unique ids, so the environment is a
 * flat map with save/restore around each binding. Package lets are computed once per export.
 * Work shared across subjects is memoised (memo.ts): def calls, iterations, constant
 * expressions, `matches`, `within`, `overlaps`, parsed names and address sets. An optional tracer sees every node
 * entered and the value it produced (for `explain`); with a tracer nothing is memoised, so
 * that it sees every node.
 */

import { assertNever } from "../util/assert-never.js";
import { isCheapBody, isSharedConstant, iterationKey, type Iteration } from "../ir/free.js";
import type { BuiltinName, IrDef, IrExpr, IrProgram, IrVar } from "../ir/ir.js";
import { DomainCache, Memo, SetCache } from "./memo.js";
import { addressCount, cidrs, cidrSize, exclude, malformedStrings, matches, overlaps, within } from "./net.js";
import { addNumbers, elements, equal, fromJson, isList, isMissing, isNumber, isObject, MISSING, order, show, text, type Value } from "./value.js";

export type ParamValues = ReadonlyMap<string, ReadonlyMap<string, Value>>;

export interface Tracer {
  enter(e: IrExpr): void;
  exit(e: IrExpr, value: Value): void;
}

/** The memo key variables of each iteration node (null: not memoised), shared by every evaluation. */
const iterationKeys = new WeakMap<Iteration, readonly number[] | null>();

/** Defs whose calls are not memoised (src/ir/free.ts `isCheapBody`). */
const cheapDefs = new WeakMap<IrDef, boolean>();

function cheapDef(d: IrDef): boolean {
  let c = cheapDefs.get(d);
  if (c === undefined) cheapDefs.set(d, (c = isCheapBody(d.body)));
  return c;
}

function keyVars(e: Iteration): readonly number[] | null {
  let k = iterationKeys.get(e);
  if (k === undefined) iterationKeys.set(e, (k = iterationKey(e) ?? null));
  return k;
}

export class Interpreter {
  private readonly env = new Map<number, Value>();
  private readonly letCache = new Map<string, Value>();
  private readonly letsInProgress = new Set<string>();
  /** Defs by package, then name (no key strings built per call). */
  private readonly defs = new Map<string, Map<string, IrDef>>();
  private readonly lets = new Map<string, IrExpr>();
  /** Undefined with a tracer. */
  private readonly memo: Memo | undefined;
  private readonly domains = new DomainCache();
  private readonly sets = new SetCache();

  constructor(
    program: IrProgram,
    private readonly params: ParamValues,
    private readonly document: unknown,
    private tracer?: Tracer,
  ) {
    for (const p of program.packages) {
      this.defs.set(p.name, new Map(p.defs.map((d) => [d.name, d])));
      for (const l of p.lets) this.lets.set(`${p.name}.${l.name}`, l.value);
    }
    this.memo = tracer === undefined ? new Memo() : undefined;
  }

  /** Evaluates `e` with `v` bound to `value`. */
  withVar<T>(v: IrVar, value: Value, f: () => T): T {
    const had = this.env.has(v.id);
    const saved = this.env.get(v.id);
    this.env.set(v.id, value);
    try {
      return f();
    } finally {
      if (had) this.env.set(v.id, saved!);
      else this.env.delete(v.id);
    }
  }

  bind(v: IrVar, value: Value): void {
    this.env.set(v.id, value);
  }

  /** Evaluates `e` without showing it to the tracer (what the policy did not write: malformed reads). */
  evalUntraced(e: IrExpr): Value {
    const t = this.tracer;
    this.tracer = undefined;
    try {
      return this.eval(e);
    } finally {
      this.tracer = t;
    }
  }

  eval(e: IrExpr): Value {
    if (this.tracer === undefined) return this.evalNode(e);
    this.tracer.enter(e);
    const v = this.evalNode(e);
    this.tracer.exit(e, v);
    return v;
  }

  truth(e: IrExpr): boolean {
    return this.eval(e) === true;
  }

  private evalNode(e: IrExpr): Value {
    if (this.memo === undefined || !isSharedConstant(e)) return this.compute(e);
    const key = [e];
    const known = this.memo.get(key);
    return known !== undefined ? known : this.memo.set(key, this.compute(e));
  }

  private compute(e: IrExpr): Value {
    switch (e.k) {
      case "lit":
        return e.value;
      case "list":
        return this.collect(e.items.map((i) => this.eval(i)));
      case "root":
        return fromJson(this.document);
      case "param":
        return this.params.get(e.pkg)?.get(e.name) ?? MISSING;
      case "global":
        return this.global(`${e.pkg}.${e.name}`);
      case "local":
        return this.env.get(e.v.id) ?? MISSING;
      case "call":
        return this.call(e.pkg, e.name, e.args.map((a) => this.eval(a)));
      case "builtin":
        return this.builtin(e.name, e.args);
      case "get": {
        const o = this.eval(e.obj);
        return isObject(o) && Object.prototype.hasOwnProperty.call(o, e.field) ? fromJson(o[e.field]) : MISSING;
      }
      case "index": {
        const o = this.eval(e.obj);
        const i = this.eval(e.index);
        if (isList(o) && typeof i === "number" && Number.isInteger(i) && i >= 0 && i < o.length) return fromJson(o[i]);
        if (isObject(o) && typeof i === "string" && Object.prototype.hasOwnProperty.call(o, i)) return fromJson(o[i]);
        return MISSING;
      }
      case "comp":
      case "first":
      case "quant":
        return this.iteration(e);
      case "not":
        return !this.truth(e.e);
      case "and":
        return this.truth(e.l) && this.truth(e.r);
      case "or":
        return this.truth(e.l) || this.truth(e.r);
      case "cmp":
        return this.compare(e.op, this.eval(e.l), this.eval(e.r));
      case "coalesce": {
        const l = this.eval(e.l);
        return isMissing(l) ? this.eval(e.r) : l;
      }
      case "arith":
        return arith(e.op, this.eval(e.l), this.eval(e.r));
      case "is": {
        const missing = isMissing(this.eval(e.e));
        return e.test === "missing" ? missing : !missing;
      }
      case "concat":
        return e.parts.map((p) => text(this.eval(p))).join("");
      case "if":
        return this.truth(e.test) ? this.eval(e.then) : this.eval(e.else);
      default:
        return assertNever(e);
    }
  }

  /** A comprehension, `first` or quantifier, memoised by its collection and the variables it uses. */
  private iteration(e: Iteration): Value {
    const coll = this.eval(e.coll);
    const vars = this.memo === undefined ? null : keyVars(e);
    if (vars === null) return this.iterate(e, coll);
    const key = [e, coll, ...vars.map((id) => this.env.get(id) ?? MISSING)];
    const known = this.memo!.get(key);
    return known !== undefined ? known : this.memo!.set(key, this.iterate(e, coll));
  }

  private iterate(e: Iteration, coll: Value): Value {
    const xs = elements(coll);
    switch (e.k) {
      case "comp": {
        const out: Value[] = [];
        for (const x of xs) {
          this.withVar(e.v, fromJson(x), () => {
            if (e.where === undefined || this.truth(e.where)) out.push(this.eval(e.elem));
          });
        }
        return this.collect(out);
      }
      case "first": {
        for (const x of xs) {
          const v = fromJson(x);
          if (this.withVar(e.v, v, () => this.truth(e.where))) return v;
        }
        return MISSING;
      }
      case "quant": {
        const test = (x: unknown) => this.withVar(e.v, fromJson(x), () => this.truth(e.body));
        if (e.q === "any") return xs.some(test);
        if (e.q === "all") return xs.every(test);
        return !xs.some(test);
      }
    }
  }

  /** A list built by the policy: missing elements are dropped. */
  private collect(values: readonly Value[]): Value {
    return values.filter((v) => !isMissing(v));
  }

  private global(key: string): Value {
    const known = this.letCache.get(key);
    if (known !== undefined) return known;
    if (this.letsInProgress.has(key)) throw new Error(`internal error: let ${key} depends on itself`);
    const expr = this.lets.get(key);
    if (expr === undefined) throw new Error(`internal error: no let ${key}`);
    this.letsInProgress.add(key);
    const v = this.eval(expr);
    this.letsInProgress.delete(key);
    this.letCache.set(key, v);
    return v;
  }

  call(pkg: string, name: string, args: readonly Value[]): Value {
    const d = this.defs.get(pkg)?.get(name);
    if (d === undefined) throw new Error(`internal error: no def ${pkg}.${name}`);
    if (this.memo === undefined || cheapDef(d)) return this.invoke(d, args);
    const key = [d, ...d.params.map((_, i) => args[i] ?? MISSING)];
    const known = this.memo.get(key);
    return known !== undefined ? known : this.memo.set(key, this.invoke(d, args));
  }

  /** Runs a def's body with its parameters bound to `args`. */
  private invoke(d: IrDef, args: readonly Value[]): Value {
    const saved = d.params.map((p) => [p.id, this.env.has(p.id), this.env.get(p.id)] as const);
    d.params.forEach((p, i) => this.env.set(p.id, args[i] ?? MISSING));
    try {
      return this.eval(d.body);
    } finally {
      for (const [id, had, v] of saved) {
        if (had) this.env.set(id, v!);
        else this.env.delete(id);
      }
    }
  }

  private compare(op: string, l: Value, r: Value): boolean {
    switch (op) {
      case "==":
        return equal(l, r);
      case "!=":
        return !isMissing(l) && !isMissing(r) && !equal(l, r);
      case "<":
      case "<=":
      case ">":
      case ">=": {
        if (isMissing(l) || isMissing(r)) return false;
        const c = order(l, r);
        if (c === undefined) return false;
        return op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0;
      }
      case "in":
      case "not in": {
        if (isMissing(l) || !isList(r)) return false;
        const found = r.some((x) => equal(l, x));
        return op === "in" ? found : !found;
      }
      case "within":
      case "overlaps":
      case "matches":
        return this.netCompare(op, l, r);
      default:
        throw new Error(`internal error: unknown comparison ${op}`);
    }
  }

  /** `within`, `overlaps`, `matches`, memoised by operands. */
  private netCompare(op: "within" | "overlaps" | "matches", l: Value, r: Value): boolean {
    const key = [op, l, r];
    const known = this.memo?.get(key);
    if (known !== undefined) return known === true;
    const v = op === "within" ? within(l, r, this.sets) : op === "overlaps" ? overlaps(l, r, this.sets) : matches(l, r, this.domains);
    this.memo?.set(key, v);
    return v;
  }

  private builtin(name: BuiltinName, argExprs: readonly IrExpr[]): Value {
    const a = argExprs.map((x) => this.eval(x));
    const x: Value = a[0] ?? MISSING;
    const y: Value = a[1] ?? MISSING;
    switch (name) {
      case "count":
        if (isList(x)) return x.length;
        if (isObject(x)) return Object.keys(x).length;
        if (typeof x === "string") return [...x].length;
        return 0;
      case "lower":
        return typeof x === "string" ? x.toLowerCase() : MISSING;
      case "upper":
        return typeof x === "string" ? x.toUpperCase() : MISSING;
      case "startswith":
        return typeof x === "string" && typeof y === "string" && x.startsWith(y);
      case "endswith":
        return typeof x === "string" && typeof y === "string" && x.endsWith(y);
      case "contains":
        if (isList(x)) return !isMissing(y) && x.some((e) => equal(e, y));
        return typeof x === "string" && typeof y === "string" && x.includes(y);
      case "cidr_size":
        return cidrSize(x);
      case "flatten": {
        const out: Value[] = [];
        for (const e of elements(x)) {
          if (isList(e)) for (const inner of e) out.push(fromJson(inner));
          else out.push(fromJson(e));
        }
        return this.collect(out);
      }
      case "exclude":
        return exclude(x, y, this.sets);
      case "malformed":
        return malformedStrings(x);
      case "address_count":
        return addressCount(x, this.sets);
      case "cidrs":
        return cidrs(x, this.sets);
      case "show":
        return show(x);
      case "text":
        return text(x);
      default:
        return assertNever(name, "builtin");
    }
  }
}

function arith(op: "+" | "-", l: Value, r: Value): Value {
  if (isNumber(l) && isNumber(r)) return addNumbers(op, l, r);
  if (op === "+" && typeof l === "string" && typeof r === "string") return l + r;
  if (op === "+" && isList(l) && isList(r)) return [...l, ...r];
  return MISSING;
}

