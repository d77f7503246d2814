/**
 * Unification (v1/topdown/eval.go biunify): a pattern (vars, arrays, objects of patterns) against
 * a value, binding unbound vars; arrays unify element-wise when their lengths agree, objects
 * key-wise when their key sets agree; anything else is evaluated and compared for equality.
 * `match` is the deterministic form used when nothing has to be enumerated: its bindings go on
 * a trail that the enclosing body unwinds.
 */

import { EvalBase, NOVAL, type Frame } from "./eval-base.js";
import type { Loc } from "./errors.js";
import type { CExpr, CT } from "./ir.js";
import { equal, RObject, type Value } from "./value.js";

type K0 = () => boolean;

function firstUnbound(t: CT, f: Frame): { name: string; loc: Loc } | undefined {
  if (t.k === "var") return f[t.slot] === undefined ? { name: t.name, loc: t.loc } : undefined;
  const parts = t.k === "array" ? t.items : t.k === "object" ? t.entries.flat() : [];
  for (const x of parts) {
    const u = firstUnbound(x, f);
    if (u) return u;
  }
  return undefined;
}

export abstract class UnifyEval extends EvalBase {
  abstract body(exprs: readonly CExpr[], i: number, f: Frame, k: K0): boolean;

  /** Slots bound by deterministic steps, unbound when their body returns (a shared trail). */
  protected readonly trail: number[] = [];

  /** Whether a term can be evaluated now (ref paths may still enumerate). */
  protected evaluable(t: CT, f: Frame): boolean {
    switch (t.k) {
      case "const":
      case "comp":
        return true;
      case "var":
        return f[t.slot] !== undefined;
      case "array":
        return t.items.every((x) => this.evaluable(x, f));
      case "object":
        return t.entries.every(([a, b]) => this.evaluable(a, f) && this.evaluable(b, f));
      case "ref":
        return t.base.b !== "term" || this.evaluable(t.base.t, f);
      case "call":
        return t.args.every((x) => this.evaluable(x, f));
    }
  }

  /** Whether `match` can unify `p` with a value without enumerating. */
  protected matchable(p: CT, f: Frame): boolean {
    switch (p.k) {
      case "var":
      case "const":
        return true;
      case "array":
        return p.items.every((x) => this.matchable(x, f));
      case "object":
        return p.entries.every(([a, b]) => this.canQuick(a, f) && this.matchable(b, f));
      default:
        return this.canQuick(p, f);
    }
  }

  /** Deterministic unification of a matchable pattern with a value (bound vars go on the trail). */
  protected match(p: CT, v: Value, f: Frame): boolean {
    switch (p.k) {
      case "var": {
        const cur = f[p.slot];
        if (cur !== undefined) return equal(cur, v);
        f[p.slot] = v;
        this.trail.push(p.slot);
        return true;
      }
      case "const":
        return equal(p.v, v);
      case "array":
        if (!Array.isArray(v) || v.length !== p.items.length) return false;
        return p.items.every((x, i) => this.match(x, (v as readonly Value[])[i] as Value, f));
      case "object":
        if (!(v instanceof RObject) || v.size !== p.entries.length) return false;
        return p.entries.every(([kt, vt]) => {
          const key = this.quick(kt, f);
          const x = key === NOVAL ? undefined : v.get(key);
          return x !== undefined && this.match(vt, x, f);
        });
      default: {
        const x = this.quick(p, f);
        return x !== NOVAL && equal(x, v);
      }
    }
  }

  unify(a: CT, b: CT, f: Frame, k: K0): boolean {
    if (this.evaluable(a, f)) return this.term(a, f, (v) => this.unifyValue(b, v, f, k));
    if (this.evaluable(b, f)) return this.term(b, f, (v) => this.unifyValue(a, v, f, k));
    if (a.k === "array" && b.k === "array") {
      if (a.items.length !== b.items.length) return false;
      return this.unifyPairs(a.items.map((x, i) => [x, b.items[i] as CT] as const), f, k);
    }
    const u = firstUnbound(a, f) ?? firstUnbound(b, f);
    return this.unsafe(u?.name ?? "?", u?.loc ?? { file: "?", line: 0, col: 0 });
  }

  private unifyPairs(pairs: readonly (readonly [CT, CT])[], f: Frame, k: K0): boolean {
    if (pairs.length === 0) return k();
    let idx = pairs.findIndex(([x, y]) => this.evaluable(x, f) || this.evaluable(y, f));
    if (idx < 0) idx = 0;
    const [x, y] = pairs[idx] as readonly [CT, CT];
    const rest = pairs.filter((_, j) => j !== idx);
    return this.unify(x, y, f, () => this.unifyPairs(rest, f, k));
  }

  /** Unifies a term (a pattern: vars bind) with a ground value. */
  unifyValue(p: CT, v: Value, f: Frame, k: K0): boolean {
    switch (p.k) {
      case "var": {
        const cur = f[p.slot];
        if (cur === undefined) {
          f[p.slot] = v;
          const r = k();
          f[p.slot] = undefined;
          return r;
        }
        return equal(cur, v) ? k() : false;
      }
      case "const":
        return equal(p.v, v) ? k() : false;
      case "array": {
        if (!Array.isArray(v) || v.length !== p.items.length) return false;
        const xs = v as readonly Value[];
        const step = (i: number): boolean => (i === xs.length ? k() : this.unifyValue(p.items[i] as CT, xs[i] as Value, f, () => step(i + 1)));
        return step(0);
      }
      case "object": {
        if (!(v instanceof RObject) || v.size !== p.entries.length) return false;
        const step = (i: number): boolean => {
          if (i === p.entries.length) return k();
          const [kt, vt] = p.entries[i] as readonly [CT, CT];
          return this.term(kt, f, (key) => {
            const x = v.get(key);
            return x === undefined ? false : this.unifyValue(vt, x, f, () => step(i + 1));
          });
        };
        return step(0);
      }
      default:
        return this.term(p, f, (x) => (equal(x, v) ? k() : false));
    }
  }
}

