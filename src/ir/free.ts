/**
 * The free local variables of IR expressions: what a comprehension, `first` or quantifier
 * depends on besides its collection and the globals (params, lets, the export).
 *
 * Memoisation rests on it: the value of `[elem for v in coll where w]` (and of `first`,
 * `any`/`all`/`none`) is a function of the collection's value and of the values of the
 * variables its inner expressions use without binding them, since values never change
 * during an evaluation; and an expression without free variables (`flatten([param])`) has
 * one value per evaluation. The reference evaluator and the Wasm runtime (through the
 * serialised program) key their memo tables on exactly these.
 */

import { assertNever } from "../util/assert-never.js";
import type { IrExpr, IrVar } from "./ir.js";

/**
 * Calls `use` for every use in `e` of a variable that neither `e` nor `bound` binds (once per
 * use). The Rego backend builds its own free-variable sets on it
 * (../backends/rego/expr.ts `freeVars`).
 */
export function forEachFree(e: IrExpr, use: (v: IrVar) => void, bound = new Set<number>()): void {
  const sub = (x: IrExpr): void => forEachFree(x, use, bound);
  const under = (id: number, parts: readonly IrExpr[]): void => {
    const had = bound.has(id);
    bound.add(id);
    parts.forEach(sub);
    if (!had) bound.delete(id);
  };
  switch (e.k) {
    case "local":
      if (!bound.has(e.v.id)) use(e.v);
      return;
    case "lit":
    case "root":
    case "param":
    case "global":
      return;
    case "list":
      return e.items.forEach(sub);
    case "concat":
      return e.parts.forEach(sub);
    case "call":
    case "builtin":
      return e.args.forEach(sub);
    case "get":
      return sub(e.obj);
    case "index":
      sub(e.obj);
      return sub(e.index);
    case "comp":
      sub(e.coll);
      return under(e.v.id, e.where === undefined ? [e.elem] : [e.elem, e.where]);
    case "first":
      sub(e.coll);
      return under(e.v.id, [e.where]);
    case "quant":
      sub(e.coll);
      return under(e.v.id, [e.body]);
    case "not":
    case "is":
      return sub(e.e);
    case "and":
    case "or":
    case "cmp":
    case "coalesce":
    case "arith":
      sub(e.l);
      return sub(e.r);
    case "if":
      sub(e.test);
      sub(e.then);
      return sub(e.else);
    default:
      return assertNever(e);
  }
}

/** The most free variables a memoised iteration may have (the Wasm memo key has room for this many). */
export const MAX_MEMO_FREE = 3;

/** The direct sub-expressions of `e`, in evaluation order (exhaustive over the IR's kinds). */
export function children(e: IrExpr): readonly IrExpr[] {
  switch (e.k) {
    case "lit":
    case "local":
    case "root":
    case "param":
    case "global":
      return [];
    case "list":
      return e.items;
    case "concat":
      return e.parts;
    case "call":
    case "builtin":
      return e.args;
    case "get":
      return [e.obj];
    case "index":
      return [e.obj, e.index];
    case "comp":
      return e.where === undefined ? [e.coll, e.elem] : [e.coll, e.elem, e.where];
    case "first":
      return [e.coll, e.where];
    case "quant":
      return [e.coll, e.body];
    case "not":
    case "is":
      return [e.e];
    case "and":
    case "or":
    case "cmp":
    case "coalesce":
    case "arith":
      return [e.l, e.r];
    case "if":
      return [e.test, e.then, e.else];
    default:
      return assertNever(e);
  }
}

export type Iteration = Extract<IrExpr, { k: "comp" | "first" | "quant" }>;

/**
 * The variables the body of an iteration (`elem`/`where`/`body`, not its collection) uses
 * besides the one it binds, in id order; undefined when there are more than MAX_MEMO_FREE
 * (then the iteration is not memoised).
 */
export function iterationKey(e: Iteration): readonly number[] | undefined {
  const out = new Set<number>();
  const bound = new Set<number>([e.v.id]);
  const parts = e.k === "comp" ? (e.where === undefined ? [e.elem] : [e.elem, e.where]) : e.k === "first" ? [e.where] : [e.body];
  for (const p of parts) forEachFree(p, (v) => out.add(v.id), bound);
  if (out.size > MAX_MEMO_FREE) return undefined;
  return [...out].sort((a, b) => a - b);
}

/**
 * Is a def body cheap: a few field reads, comparisons and scalar builtins, with no call,
 * iteration, list building or network operator? Calls of such a def are not memoised:
 * looking the result up would cost about as much as computing it.
 */
export function isCheapBody(e: IrExpr): boolean {
  let nodes = 0;
  const cheap = (x: IrExpr): boolean => {
    if (++nodes > 16) return false;
    switch (x.k) {
      case "lit":
      case "root":
      case "param":
      case "global":
      case "local":
        return true;
      case "get":
        return cheap(x.obj);
      case "index":
        return cheap(x.obj) && cheap(x.index);
      case "not":
      case "is":
        return cheap(x.e);
      case "and":
      case "or":
      case "coalesce":
        return cheap(x.l) && cheap(x.r);
      case "cmp":
        return x.op !== "matches" && x.op !== "within" && x.op !== "overlaps" && cheap(x.l) && cheap(x.r);
      case "builtin":
        return ["count", "lower", "upper", "startswith", "endswith", "contains"].includes(x.name) && x.args.every(cheap);
      default:
        return false;
    }
  };
  return cheap(e);
}

const closed = new WeakMap<IrExpr, boolean>();

/**
 * Is `e` a constant of the evaluation that builds a new value each time it is evaluated (a
 * list, builtin, concatenation or arithmetic without free variables)? Such a node is
 * evaluated once and its value shared, so that operations memoised by operand identity
 * (`d matches flatten([approved])`) see the same operand every time.
 */
export function isSharedConstant(e: IrExpr): boolean {
  if (e.k !== "list" && e.k !== "builtin" && e.k !== "concat" && e.k !== "arith") return false;
  let c = closed.get(e);
  if (c === undefined) {
    const out = new Set<number>();
    forEachFree(e, (v) => out.add(v.id));
    closed.set(e, (c = out.size === 0));
  }
  return c;
}
