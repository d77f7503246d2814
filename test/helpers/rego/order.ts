/**
 * Safety and ordering of bodies, after OPA's reorderBodyForSafety (v1/ast/compile.go):
 * repeated passes over the body append, in their original order, each expression whose vars
 * are all safe or become safe by the expression itself (its output vars), and whose closures
 * only use vars already safe; what remains is a `var x is unsafe` error.
 * Output vars: vars in the path of a ref whose head is safe; for `=`, vars made safe by
 * unification (ast.Unify); for `some k, v in xs`, k and v once xs is safe. A negated
 * expression has no output vars ("Negated expressions must be safe").
 */

import { RegoError, type Loc } from "./errors.js";
import type { CExpr, CT } from "./ir.js";
import type { Scope } from "./scope.js";

type Pred = (slot: number) => boolean;

interface Vars {
  readonly direct: Map<number, string>;
  readonly closure: Map<number, string>;
}

function walk(t: CT, own: Set<number>, acc: Map<number, string>, clo: Map<number, string>, inClosure: boolean): void {
  switch (t.k) {
    case "var":
      if (own.has(t.slot)) (inClosure ? clo : acc).set(t.slot, t.name);
      return;
    case "ref":
      if (t.base.b === "term") walk(t.base.t, own, acc, clo, inClosure);
      for (const p of t.path) walk(p, own, acc, clo, inClosure);
      return;
    case "array":
      for (const x of t.items) walk(x, own, acc, clo, inClosure);
      return;
    case "object":
      for (const [k, v] of t.entries) {
        walk(k, own, acc, clo, inClosure);
        walk(v, own, acc, clo, inClosure);
      }
      return;
    case "call":
      for (const a of t.args) walk(a, own, acc, clo, inClosure);
      return;
    case "comp":
      walk(t.head, own, acc, clo, true);
      for (const e of t.body) walkExpr(e, own, acc, clo, true);
      return;
    case "const":
      return;
  }
}

function walkExpr(e: CExpr, own: Set<number>, acc: Map<number, string>, clo: Map<number, string>, inClosure: boolean): void {
  switch (e.k) {
    case "term":
      return walk(e.t, own, acc, clo, inClosure);
    case "unify":
      walk(e.a, own, acc, clo, inClosure);
      return walk(e.b, own, acc, clo, inClosure);
    case "somein":
      if (e.key) walk(e.key, own, acc, clo, inClosure);
      walk(e.value, own, acc, clo, inClosure);
      return walk(e.domain, own, acc, clo, inClosure);
    case "every":
      walk(e.domain, own, acc, clo, inClosure);
      for (const x of e.body) walkExpr(x, own, acc, clo, true);
      return;
  }
}

function varsOf(e: CExpr | CT, own: Set<number>): Vars {
  const direct = new Map<number, string>();
  const closure = new Map<number, string>();
  if (e.k === "term" || e.k === "unify" || e.k === "somein" || e.k === "every") walkExpr(e, own, direct, closure, false);
  else walk(e, own, direct, closure, false);
  return { direct, closure };
}

function allSafe(t: CT, own: Set<number>, safe: Pred): boolean {
  const acc = new Map<number, string>();
  walk(t, own, acc, acc, false);
  for (const s of acc.keys()) if (!safe(s)) return false;
  return true;
}

/** Output vars of refs whose head is safe (Ref.OutputVars of outputVarsForExprRefs). */
function refOut(t: CT, own: Set<number>, safe: Pred, out: Set<number>): void {
  const ok: Pred = (s) => safe(s) || out.has(s);
  switch (t.k) {
    case "ref": {
      const baseSafe = t.base.b !== "term" || allSafe(t.base.t, own, ok);
      if (t.base.b === "term") refOut(t.base.t, own, safe, out);
      for (const p of t.path) {
        if (baseSafe && p.k === "var" && own.has(p.slot)) out.add(p.slot);
        else refOut(p, own, safe, out);
      }
      return;
    }
    case "array":
      for (const x of t.items) refOut(x, own, safe, out);
      return;
    case "object":
      for (const [k, v] of t.entries) {
        refOut(k, own, safe, out);
        refOut(v, own, safe, out);
      }
      return;
    case "call":
      for (const a of t.args) refOut(a, own, safe, out);
      return;
    default:
      return;
  }
}

/** ast.Unify: vars of a and b made safe by unifying them. */
function unifyOut(a: CT, b: CT, own: Set<number>, safe: Pred, out: Set<number>): void {
  const links = new Map<number, Set<number>>();
  const isSafe: Pred = (s) => !own.has(s) || safe(s) || out.has(s);
  const markSafe = (s: number): void => {
    if (out.has(s) || !own.has(s)) return;
    out.add(s);
    for (const w of links.get(s) ?? []) markSafe(w);
  };
  const link = (x: number, y: number): void => {
    (links.get(x) ?? links.set(x, new Set()).get(x))?.add(y);
  };
  const patternVars = (t: CT, acc: number[]): number[] => {
    if (t.k === "var") acc.push(t.slot);
    else if (t.k === "array") for (const x of t.items) patternVars(x, acc);
    else if (t.k === "object") for (const [, v] of t.entries) patternVars(v, acc);
    return acc;
  };
  const isPattern = (t: CT): boolean => t.k === "var" || t.k === "array" || t.k === "object";
  const termSafe = (t: CT): boolean => {
    const o = new Set<number>();
    refOut(t, own, isSafe, o);
    return allSafe(t, own, (s) => isSafe(s) || o.has(s));
  };
  const markAll = (t: CT): void => patternVars(t, []).forEach(markSafe);
  const unifyAll = (v: number, t: CT): void => {
    if (isSafe(v)) markAll(t);
    else if (termSafe(t)) markSafe(v);
    else for (const w of patternVars(t, [])) if (!isSafe(w)) (link(v, w), link(w, v));
  };
  const unify = (x: CT, y: CT): void => {
    if (x.k === "var") {
      if (y.k === "var") {
        if (isSafe(y.slot)) markSafe(x.slot);
        else if (isSafe(x.slot)) markSafe(y.slot);
        else (link(x.slot, y.slot), link(y.slot, x.slot));
      } else if (y.k === "array" || y.k === "object") unifyAll(x.slot, y);
      else if (termSafe(y)) markSafe(x.slot);
    } else if (x.k === "array" && y.k === "array") {
      if (x.items.length === y.items.length) x.items.forEach((it, i) => unify(it, y.items[i] as CT));
    } else if (x.k === "object" && y.k === "object") {
      for (const [k, v] of x.entries) {
        const m = y.entries.find(([k2]) => k2.k === "const" && k.k === "const" && k2.v === k.v);
        if (m) unify(v, m[1]);
      }
    } else if (isPattern(x) && !isPattern(y)) {
      if (termSafe(y)) markAll(x);
    } else if (isPattern(y) && !isPattern(x)) unify(y, x);
  };
  unify(a, b);
  unify(a, b);
}

function outputs(e: CExpr, own: Set<number>, safe: Pred): Set<number> {
  const out = new Set<number>();
  if ((e.k === "term" || e.k === "unify") && e.neg) return out;
  switch (e.k) {
    case "term":
      refOut(e.t, own, safe, out);
      break;
    case "unify":
      refOut(e.a, own, safe, out);
      refOut(e.b, own, safe, out);
      unifyOut(e.a, e.b, own, safe, out);
      break;
    case "somein":
      refOut(e.domain, own, safe, out);
      if (allSafe(e.domain, own, (s) => safe(s) || out.has(s))) {
        for (const t of e.key ? [e.key, e.value] : [e.value]) for (const s of varsOf(t, own).direct.keys()) out.add(s);
      }
      break;
    case "every":
      break;
  }
  return out;
}

function unsafe(name: string, loc: Loc): never {
  throw new RegoError("rego_unsafe_var_error", `var ${name} is unsafe`, loc);
}

function exprLoc(e: CExpr): Loc {
  return e.loc;
}

/** Orders `body` for safety; `safe0` holds the scope's vars already bound (function args). */
export function orderBody(body: readonly CExpr[], sc: Scope, safe0: Set<number>): CExpr[] {
  const own = sc.own;
  const safe = new Set(safe0);
  const isSafe: Pred = (s) => !own.has(s) || safe.has(s);
  const placed = new Array<boolean>(body.length).fill(false);
  const out: CExpr[] = [];
  for (;;) {
    const n = out.length;
    body.forEach((e, i) => {
      if (placed[i]) return;
      const v = varsOf(e, own);
      for (const s of v.closure.keys()) if (!isSafe(s)) return;
      const o = outputs(e, own, isSafe);
      for (const s of v.direct.keys()) if (!isSafe(s) && !o.has(s)) return;
      for (const s of o) safe.add(s);
      placed[i] = true;
      out.push(e);
    });
    if (out.length === body.length) return out;
    if (out.length === n) break;
  }
  const i = placed.indexOf(false);
  const e = body[i] as CExpr;
  const v = varsOf(e, own);
  for (const [s, name] of [...v.direct, ...v.closure]) if (!isSafe(s)) unsafe(name, exprLoc(e));
  return unsafe("?", exprLoc(e));
}

/** The vars of a head (or comprehension head) term must be safe after the ordered body. */
export function checkHeadSafe(value: CT, sc: Scope, ordered: readonly CExpr[], loc: Loc, safe0: Set<number> = new Set()): void {
  const own = sc.own;
  const safe = new Set(safe0);
  const isSafe: Pred = (s) => !own.has(s) || safe.has(s);
  for (const e of ordered) for (const s of outputs(e, own, isSafe)) safe.add(s);
  for (const e of ordered) for (const s of varsOf(e, own).direct.keys()) safe.add(s);
  const o = new Set<number>();
  refOut(value, own, isSafe, o);
  const v = varsOf(value, own);
  for (const [s, name] of [...v.direct, ...v.closure]) if (!isSafe(s) && !o.has(s)) unsafe(name, loc);
}
