/**
 * Evaluation of bodies and terms (v1/topdown/eval.go), in continuation-passing style: each
 * generator calls `k` for every solution and returns true when `k` asks to stop.
 * - undefined is "no solution": a ref through a missing key or an index out of range, a call
 *   with an undefined argument or without a result, all just produce nothing;
 * - a bare term or call is true unless its value is `false` (evalStep: `!...Equal(false)`);
 * - `not` succeeds when the negated expression has no solution (all solutions are explored,
 *   as evalNot does);
 * - `every` fails on a non-collection domain, evaluates each body once (findOne), and skips the
 *   bodies after the first failure (evalEvery);
 * - a var in a ref path that is unbound enumerates: arrays by index, objects in sorted key order.
 * Deterministic expressions (nothing to enumerate) are run directly by `step`.
 */

import { getKey } from "./builtins-core.js";
import { NOVAL, type Frame, type K } from "./eval-base.js";
import { UnifyEval } from "./eval-unify.js";
import type { CExpr, CT } from "./ir.js";
import { ObjectBuilder, RObject, type Value } from "./value.js";

export type { Frame, K } from "./eval-base.js";
type K0 = () => boolean;

export abstract class TermEval extends UnifyEval {
  protected abstract dataRef(path: readonly CT[], f: Frame, k: K): boolean;

  term(t: CT, f: Frame, k: K): boolean {
    if ((t.k === "ref" || t.k === "call" || t.k === "array" || t.k === "object") && this.canQuick(t, f)) {
      const v = this.quick(t, f);
      return v === NOVAL ? false : k(v);
    }
    switch (t.k) {
      case "const":
        return k(t.v);
      case "var": {
        const v = f[t.slot];
        if (v === undefined) return this.unsafe(t.name, t.loc);
        return k(v);
      }
      case "ref":
        return this.ref(t, f, k);
      case "call":
        return this.seq(t.args, 0, f, new Array<Value>(t.args.length), false, (vals) => this.invoke(t, vals, k));
      case "array":
        return this.seq(t.items, 0, f, new Array<Value>(t.items.length), true, k);
      case "object": {
        const flat = t.entries.flat();
        return this.seq(flat, 0, f, new Array<Value>(flat.length), false, (vals) => {
          const b = new ObjectBuilder();
          for (let i = 0; i < vals.length; i += 2) b.set(vals[i] as Value, vals[i + 1] as Value);
          return k(b.build());
        });
      }
      case "comp": {
        const out: Value[] = [];
        this.body(t.body, 0, f, () =>
          this.term(t.head, f, (v) => {
            out.push(v);
            return false;
          }),
        );
        return k(out);
      }
    }
  }

  /** Evaluates terms left to right (each may have several values); `copy` when the array is kept. */
  private seq(items: readonly CT[], i: number, f: Frame, acc: Value[], copy: boolean, k: (vals: Value[]) => boolean): boolean {
    if (i === items.length) return k(copy ? acc.slice() : acc);
    return this.term(items[i] as CT, f, (v) => {
      acc[i] = v;
      return this.seq(items, i + 1, f, acc, copy, k);
    });
  }

  private ref(t: CT & { k: "ref" }, f: Frame, k: K): boolean {
    const base = t.base;
    switch (base.b) {
      case "input":
        return this.input === undefined ? false : this.path(this.input, t.path, 0, f, k);
      case "rule": {
        const v = this.ruleValue(base.rs);
        return v === undefined ? false : this.path(v, t.path, 0, f, k);
      }
      case "data":
        return this.dataRef(t.path, f, k);
      case "term":
        return this.term(base.t, f, (v) => this.path(v, t.path, 0, f, k));
    }
  }

  /** Follows `path` from `v`; an unbound var enumerates the collection's keys. */
  path(v: Value, path: readonly CT[], i: number, f: Frame, k: K): boolean {
    if (i === path.length) return k(v);
    const p = path[i] as CT;
    if (p.k === "const" || (p.k === "var" && f[p.slot] !== undefined)) {
      const x = getKey(v, p.k === "const" ? p.v : (f[p.slot] as Value));
      return x === undefined ? false : this.path(x, path, i + 1, f, k);
    }
    if (p.k === "var" || !this.evaluable(p, f)) {
      return this.each(v, (key, x) => this.unifyValue(p, key, f, () => this.path(x, path, i + 1, f, k)));
    }
    return this.term(p, f, (key) => {
      const x = getKey(v, key);
      return x === undefined ? false : this.path(x, path, i + 1, f, k);
    });
  }

  body(exprs: readonly CExpr[], i: number, f: Frame, k: K0): boolean {
    const trail = this.trail;
    const mark = trail.length;
    let r: boolean;
    let j = i;
    for (;;) {
      if (j === exprs.length) {
        r = k();
        break;
      }
      const d = this.step(exprs[j] as CExpr, f);
      if (d === true) {
        j++;
        continue;
      }
      r = d === false ? false : this.generate(exprs, j, f, k);
      break;
    }
    for (let x = trail.length; x > mark; ) f[trail[--x] as number] = undefined;
    trail.length = mark;
    return r;
  }

  /** A deterministic expression: true/false, binding pattern vars on the trail; undefined if it may enumerate. */
  private step(e: CExpr, f: Frame): boolean | undefined {
    switch (e.k) {
      case "term":
        if (e.neg) return !this.holds(e, f);
        if (!this.canQuick(e.t, f)) return undefined;
        {
          const v = this.quick(e.t, f);
          return v !== NOVAL && v !== false;
        }
      case "unify": {
        if (e.neg) return !this.holds(e, f);
        let src: CT;
        let pat: CT;
        if (this.canQuick(e.a, f) && this.matchable(e.b, f)) {
          src = e.a;
          pat = e.b;
        } else if (this.canQuick(e.b, f) && this.matchable(e.a, f)) {
          src = e.b;
          pat = e.a;
        } else return undefined;
        const v = this.quick(src, f);
        return v !== NOVAL && this.match(pat, v, f);
      }
      case "every": {
        if (!this.canQuick(e.domain, f)) return undefined;
        const d = this.quick(e.domain, f);
        return d !== NOVAL && this.everyHolds(e, d, f);
      }
      case "somein":
        return undefined;
    }
  }

  /** An expression that may have several solutions. */
  private generate(exprs: readonly CExpr[], j: number, f: Frame, k: K0): boolean {
    const e = exprs[j] as CExpr;
    const next: K0 = () => this.body(exprs, j + 1, f, k);
    switch (e.k) {
      case "term":
        return this.term(e.t, f, (v) => (v === false ? false : next()));
      case "unify":
        return this.unify(e.a, e.b, f, next);
      case "somein":
        return this.term(e.domain, f, (d) => this.each(d, (key, val) => this.bindKV(e.key, e.value, key, val, f, next)));
      case "every":
        return this.term(e.domain, f, (d) => this.everyHolds(e, d, f) && next());
    }
  }

  private holds(e: CExpr & { k: "term" | "unify" }, f: Frame): boolean {
    let found = false;
    const probe: K0 = () => {
      found = true;
      return false;
    };
    if (e.k === "term") this.term(e.t, f, (v) => (v === false ? false : probe()));
    else this.unify(e.a, e.b, f, probe);
    return found;
  }

  private each(d: Value, visit: (key: Value, val: Value) => boolean): boolean {
    if (Array.isArray(d)) {
      const xs = d as readonly Value[];
      for (let j = 0; j < xs.length; j++) if (visit(j, xs[j] as Value)) return true;
    } else if (d instanceof RObject) {
      for (const [key, x] of d.entries()) if (visit(key, x)) return true;
    }
    return false;
  }

  private bindKV(kp: CT | undefined, vp: CT, key: Value, val: Value, f: Frame, k: K0): boolean {
    if (kp === undefined) return this.unifyValue(vp, val, f, k);
    return this.unifyValue(kp, key, f, () => this.unifyValue(vp, val, f, k));
  }

  private everyHolds(e: CExpr & { k: "every" }, d: Value, f: Frame): boolean {
    if (!Array.isArray(d) && !(d instanceof RObject)) return false;
    let all = true;
    this.each(d, (key, val) => {
      if (all && !this.bindKV(e.key, e.value, key, val, f, () => this.body(e.body, 0, f, () => true))) all = false;
      return false;
    });
    return all;
  }
}
