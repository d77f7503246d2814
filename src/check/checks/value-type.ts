/**
 * value-type (E0311) of params: a param's default is a literal value (a string, number, boolean, date, address or
 * a list of them). Sites override it from a parameters file, checked against the default's
 * type, and the compiled targets receive it as data: it cannot depend on the export.
 */

import { unparen, type Expr } from "../../syntax/ast.js";
import type { Check } from "./check.js";

function literal(e: Expr): Expr | undefined {
  const x = unparen(e);
  switch (x.kind) {
    case "String":
      return x.parts.every((p) => p.kind === "Text") ? undefined : x;
    case "Number":
    case "Bool":
    case "Date":
    case "Net":
    case "Error":
      return undefined;
    case "List":
      for (const i of x.items) {
        const bad = literal(i);
        if (bad !== undefined) return bad;
      }
      return undefined;
    default:
      return x;
  }
}

export const valueType: Check = {
  id: "value-type",
  codes: ["E0311"],
  run(ctx) {
    for (const pkg of ctx.packages.values()) {
      for (const { decl, unit } of pkg.params.values()) {
        const bad = literal(decl.value);
        if (bad === undefined) continue;
        ctx.report("E0311", unit, bad.span, `the default of param \`${decl.name.name}\` must be a literal value`, {
          help: "params are site settings (strings, numbers, booleans, dates, addresses or lists of them); use `let` for computed values",
        });
      }
    }
  },
};
