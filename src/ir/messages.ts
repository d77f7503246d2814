/**
 * Failure messages as IR expressions.
 *
 * An `else "…{expr}…"` message becomes a `concat` of its text and `text(expr)` parts. A
 * requirement without `else` gets a message generated from its condition: for a comparison,
 * "`<left as written>` is <its value>, expected <what the right side asks>"; for a presence
 * test, what was found; otherwise "`<condition as written>` does not hold". Messages are
 * evaluated only when the requirement fails, by every backend alike (`show`/`text` are
 * builtins with one definition of how values print).
 */

import type { Unit } from "../check/index.js";
import * as A from "../syntax/ast.js";
import type { IrExpr, Origin } from "./ir.js";
import type { Lowering } from "./lowering.js";

export const lit = (value: string, origin: Origin): IrExpr => ({ k: "lit", value, origin });
export const show = (e: IrExpr): IrExpr => ({ k: "builtin", name: "show", args: [e], origin: e.origin });
export const concat = (origin: Origin, ...parts: IrExpr[]): IrExpr => ({ k: "concat", parts, origin });

/** An interpolated string: text parts as literals, `{expr}` parts rendered with `text`. */
export function interpolated(L: Lowering, s: A.StringLit, unit: Unit): IrExpr {
  const origin = L.origin(unit, s.span);
  const parts = s.parts.map((p): IrExpr =>
    p.kind === "Text" ? lit(p.value, L.origin(unit, p.span)) : { k: "builtin", name: "text", args: [L.expr(p, unit)], origin: L.origin(unit, p.span) },
  );
  return concat(origin, ...parts);
}

const MAX_SOURCE = 100;

function source(L: Lowering, unit: Unit, e: A.Expr): string {
  const t = L.text(unit, e.span);
  return t.length > MAX_SOURCE ? `${t.slice(0, MAX_SOURCE - 1)}…` : t;
}

const expected: Partial<Record<A.BinaryOp, string>> = {
  "==": "expected ",
  "!=": "expected anything but ",
  "<": "expected less than ",
  "<=": "expected at most ",
  ">": "expected more than ",
  ">=": "expected at least ",
  in: "expected one of ",
  "not in": "expected none of ",
  within: "expected within ",
  overlaps: "expected to overlap ",
  matches: "expected to match ",
};

/** The message of a requirement written without `else`. */
export function generatedMessage(L: Lowering, cond: A.Expr, ir: IrExpr, unit: Unit): IrExpr {
  const origin = L.origin(unit, cond.span);
  const x = A.unparen(cond);
  if (x.kind === "Binary" && ir.k === "cmp") {
    const want = expected[x.op];
    if (want !== undefined) return concat(origin, lit(`\`${source(L, unit, x.left)}\` is `, origin), show(ir.l), lit(`, ${want}`, origin), show(ir.r));
  }
  if (x.kind === "Is" && ir.k === "is") {
    return concat(origin, lit(`\`${source(L, unit, x.operand)}\` is `, origin), show(ir.e), lit(`, expected it to be ${ir.test}`, origin));
  }
  return lit(`\`${source(L, unit, cond)}\` does not hold`, origin);
}
