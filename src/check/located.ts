/**
 * Subjects must be objects of the export: a control reports each subject with a JSON pointer
 * into the export, and every backend must compute the same pointer. So a `for` collection
 * must be "located": a path of the export (`workspaces`, `account.network_policies`), a list
 * of such paths (`[account]`), a comprehension whose elements are paths from its variable
 * (`[w.apps for w in workspaces where …]`), `flatten` of a located list of lists, or a
 * package `let` bound to one of these. Returns why not, or undefined when it is located.
 */

import { unparen, type Expr } from "../syntax/ast.js";
import type { CheckContext } from "./context.js";

type Relative = { readonly variable?: string };

function value(ctx: CheckContext, e: Expr, rel: Relative, seen: Set<object>): boolean {
  const x = unparen(e);
  switch (x.kind) {
    case "Name": {
      if (rel.variable !== undefined && x.name === rel.variable) return true;
      const sym = ctx.refs.get(x);
      if (sym?.kind === "root") return true;
      if (sym?.kind === "let" && !sym.local && !seen.has(sym.decl)) {
        seen.add(sym.decl);
        return value(ctx, sym.decl.value, {}, seen);
      }
      return false;
    }
    case "Member":
      return ctx.refs.get(x) === undefined && value(ctx, x.object, rel, seen);
    case "Index": {
      const i = unparen(x.index);
      return i.kind === "Number" && Number.isInteger(i.value) && value(ctx, x.object, rel, seen);
    }
    default:
      return false;
  }
}

function list(ctx: CheckContext, e: Expr, seen: Set<object>): boolean {
  const x = unparen(e);
  if (value(ctx, x, {}, seen)) return true;
  switch (x.kind) {
    case "List":
      return x.items.every((i) => value(ctx, i, {}, seen));
    case "Comprehension":
      return list(ctx, x.collection, seen) && value(ctx, x.element, { variable: x.variable.name }, seen);
    case "Call":
      return x.qualifier === undefined && x.callee.name === "flatten" && x.args.length === 1 && list(ctx, x.args[0]!, seen);
    case "Name": {
      const sym = ctx.refs.get(x);
      if (sym?.kind === "let" && !sym.local && !seen.has(sym.decl)) {
        seen.add(sym.decl);
        return list(ctx, sym.decl.value, seen);
      }
      return false;
    }
    default:
      return false;
  }
}

export function isLocated(ctx: CheckContext, collection: Expr): boolean {
  return list(ctx, collection, new Set());
}
