/**
 * vacuous-quantifier: `all x in xs: …` and `none x in xs: …` are true when `xs` is empty —
 * and a list the exporter could not collect reads as empty. Over export data that is a
 * silent pass, unless the same control also requires the list to be non-empty
 * (`count(xs) > 0`, `count(xs) >= 1`, `count(xs) != 0`, `xs is present`, `any x in xs: …`).
 */

import { unparen, type Expr } from "../../syntax/ast.js";
import type * as A from "../../syntax/ast.js";
import { walk } from "../../syntax/walk.js";
import type { CheckContext } from "../context.js";
import type { Unit } from "../program.js";
import { allControls, type Check } from "./check.js";

/** Whether the list comes from the export (a field path), rather than a literal or a param. */
function fromExport(ctx: CheckContext, e: Expr): boolean {
  const x = unparen(e);
  if (x.kind === "Member" || x.kind === "Index") return true;
  if (x.kind === "Name") {
    const sym = ctx.refs.get(x);
    return sym?.kind === "root" || sym?.kind === "var";
  }
  return false;
}

function key(unit: Unit, e: Expr): string {
  return unit.source.text.slice(e.span.start, e.span.end).replace(/\s+/g, "");
}

/** Source texts of the lists this expression requires to be non-empty. */
function guarded(unit: Unit, e: Expr, out: Set<string>): void {
  walk(e, (n) => {
    if (n.kind === "Quantified" && n.quantifier === "any") out.add(key(unit, n.collection));
    if (n.kind === "Is" && ((n.test === "present" && !n.negated) || (n.test === "missing" && n.negated))) out.add(key(unit, n.operand));
    if (n.kind === "Binary") {
      const count = (x: Expr) => {
        const c = unparen(x);
        return c.kind === "Call" && c.callee.name === "count" && c.args.length === 1 ? c.args[0]! : undefined;
      };
      const num = (x: Expr) => {
        const c = unparen(x);
        return c.kind === "Number" ? c.value : undefined;
      };
      const lc = count(n.left);
      const rc = count(n.right);
      if (lc && ((n.op === ">" && num(n.right) === 0) || (n.op === ">=" && num(n.right) === 1) || (n.op === "!=" && num(n.right) === 0))) out.add(key(unit, lc));
      if (rc && ((n.op === "<" && num(n.left) === 0) || (n.op === "<=" && num(n.left) === 1) || (n.op === "!=" && num(n.left) === 0))) out.add(key(unit, rc));
    }
  });
}

function conditions(c: A.ControlDecl): Expr[] {
  const out: Expr[] = [];
  for (const item of c.items) {
    if (item.kind === "For" && item.where) out.push(item.where);
    if (item.kind === "Require") out.push(item.condition);
    if (item.kind === "Let") out.push(item.value);
  }
  return out;
}

export const vacuousQuantifier: Check = {
  id: "vacuous-quantifier",
  codes: ["W0104"],
  run(ctx) {
    for (const { decl, unit } of allControls(ctx)) {
      const conds = conditions(decl);
      const safe = new Set<string>();
      for (const c of conds) guarded(unit, c, safe);
      for (const c of conds) {
        walk(c, (n) => {
          if (n.kind !== "Quantified" || n.quantifier === "any") return;
          if (!fromExport(ctx, n.collection) || safe.has(key(unit, n.collection))) return;
          const list = ctx.text(unit, n.collection.span);
          ctx.report("W0104", unit, n.span, `\`${n.quantifier}\` over \`${list}\` is true when the list is empty or was not collected`, {
            help: `also require \`count(${list}) > 0\`, or use \`any\``,
          });
        });
      }
    }
  },
};
