/**
 * The evaluator's base: calls (builtins and user functions) and the direct evaluation of
 * deterministic terms. A term is deterministic when no var in it is unbound: it then has at
 * most one value, computed here without continuations (the CPS path in eval.ts handles terms
 * that enumerate). Builtin errors make the call undefined and are recorded (OPA's default,
 * v1/topdown/eval.go evalBuiltin.eval); strict mode raises eval_builtin_error.
 */

import { getKey } from "./builtins-core.js";
import { BuiltinError, RegoError, type Loc, type RecordedBuiltinError } from "./errors.js";
import type { Builtin, CT, RuleSet } from "./ir.js";
import { ObjectBuilder, type Value } from "./value.js";

export type Frame = (Value | undefined)[];
export type K = (v: Value) => boolean;
export const NOVAL: unique symbol = Symbol("no value");
export type Maybe = Value | typeof NOVAL;

const slotCache = new WeakMap<CT, readonly number[] | null>();

/**
 * The vars that must be bound for `t` to be computed directly, or null when it never can be
 * (a data ref walks the rule tree, a relation enumerates).
 */
function quickSlots(t: CT): readonly number[] | null {
  let r = slotCache.get(t);
  if (r !== undefined) return r;
  const acc: number[] = [];
  const visit = (x: CT): boolean => {
    switch (x.k) {
      case "const":
      case "comp":
        return true;
      case "var":
        acc.push(x.slot);
        return true;
      case "ref":
        if (x.base.b === "data" || (x.base.b === "term" && !visit(x.base.t))) return false;
        for (const p of x.path) {
          if (p.k === "var") acc.push(p.slot);
          else if (p.k !== "const") return false;
        }
        return true;
      case "array":
        return x.items.every(visit);
      case "object":
        return x.entries.every(([a, b]) => visit(a) && visit(b));
      case "call":
        return !(x.target.kind === "builtin" && x.target.bi.rel) && x.args.every(visit);
    }
  };
  r = visit(t) ? [...new Set(acc)] : null;
  slotCache.set(t, r);
  return r;
}

export abstract class EvalBase {
  readonly errors: RecordedBuiltinError[] = [];
  constructor(
    protected readonly input: Value | undefined,
    protected readonly strict: boolean,
  ) {}

  protected abstract ruleValue(rs: RuleSet): Value | undefined;
  protected abstract funcValue(rs: RuleSet, args: readonly Value[]): Value | undefined;
  abstract term(t: CT, f: Frame, k: K): boolean;

  protected unsafe(name: string, loc: Loc): never {
    throw new RegoError("rego_unsafe_var_error", `var ${name} is unsafe`, loc);
  }

  /** Calls a builtin function or a user function with ground arguments; relations via `k`. */
  protected invoke(t: CT & { k: "call" }, vals: readonly Value[], k: K): boolean {
    const target = t.target;
    if (target.kind === "builtin" && target.bi.rel) return target.bi.rel(vals, k);
    const v = this.call1(t, vals);
    return v === NOVAL ? false : k(v);
  }

  /** The single result of a function call (not a relation). */
  private call1(t: CT & { k: "call" }, vals: readonly Value[]): Maybe {
    const target = t.target;
    if (target.kind === "func") {
      const v = this.funcValue(target.rs, vals);
      return v === undefined ? NOVAL : v;
    }
    const bi = target.bi;
    let r: Value | undefined;
    try {
      r = (bi.fn as (a: readonly Value[]) => Value | undefined)(vals);
    } catch (e) {
      if (e instanceof BuiltinError) return this.builtinError(bi, e, t.loc);
      throw e;
    }
    return r === undefined ? NOVAL : r;
  }

  private builtinError(bi: Builtin, e: BuiltinError, loc: Loc): typeof NOVAL {
    this.errors.push({ builtin: bi.name, message: e.message, loc });
    if (this.strict) throw new RegoError("eval_builtin_error", `${bi.name}: ${e.message}`, loc);
    return NOVAL;
  }

  /** Whether `t` has at most one value and can be computed directly (no unbound var to enumerate). */
  protected canQuick(t: CT, f: Frame): boolean {
    if (t.k === "const") return true;
    const slots = quickSlots(t);
    if (slots === null) return false;
    for (let i = 0; i < slots.length; i++) if (f[slots[i] as number] === undefined) return false;
    return true;
  }

  /** The value of a term for which canQuick holds, or NOVAL when it is undefined. */
  protected quick(t: CT, f: Frame): Maybe {
    switch (t.k) {
      case "const":
        return t.v;
      case "var":
        return f[t.slot] as Value;
      case "ref": {
        const base = t.base;
        let v: Maybe | undefined;
        if (base.b === "input") v = this.input;
        else if (base.b === "rule") v = this.ruleValue(base.rs);
        else if (base.b === "term") v = this.quick(base.t, f);
        if (v === undefined || v === NOVAL) return NOVAL;
        for (const p of t.path) {
          const next: Value | undefined = getKey(v, p.k === "const" ? p.v : (f[(p as { slot: number }).slot] as Value));
          if (next === undefined) return NOVAL;
          v = next;
        }
        return v;
      }
      case "array": {
        const out = new Array<Value>(t.items.length);
        for (let i = 0; i < out.length; i++) {
          const v = this.quick(t.items[i] as CT, f);
          if (v === NOVAL) return NOVAL;
          out[i] = v;
        }
        return out;
      }
      case "object": {
        const b = new ObjectBuilder();
        for (const [kt, vt] of t.entries) {
          const kv = this.quick(kt, f);
          if (kv === NOVAL) return NOVAL;
          const vv = this.quick(vt, f);
          if (vv === NOVAL) return NOVAL;
          b.set(kv, vv);
        }
        return b.build();
      }
      case "call": {
        const vals = new Array<Value>(t.args.length);
        for (let i = 0; i < vals.length; i++) {
          const v = this.quick(t.args[i] as CT, f);
          if (v === NOVAL) return NOVAL;
          vals[i] = v;
        }
        return this.call1(t, vals);
      }
      case "comp": {
        let r: Maybe = NOVAL;
        this.term(t, f, (v) => {
          r = v;
          return true;
        });
        return r;
      }
    }
  }
}
