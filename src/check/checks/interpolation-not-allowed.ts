/**
 * interpolation-not-allowed: `{expr}` is allowed in `else` messages and `remediation` text only.
 * Elsewhere (titles, frameworks, string values in expressions, waivers, tests) a brace
 * must be written `\{`.
 */

import type * as A from "../../syntax/ast.js";
import { walk } from "../../syntax/walk.js";
import type { Check } from "./check.js";

export const interpolationNotAllowed: Check = {
  id: "interpolation-not-allowed",
  codes: ["E0309"],
  run(ctx) {
    for (const unit of ctx.units) {
      const allowed = new Set<A.StringLit>();
      walk(unit.file, (n) => {
        if (n.kind === "Require" && n.message !== undefined) allowed.add(n.message);
        if (n.kind === "TextItem" && n.which === "remediation") allowed.add(n.text);
      });
      walk(unit.file, (n) => {
        if (n.kind !== "String" || allowed.has(n)) return;
        const first = n.parts.find((p) => p.kind !== "Text");
        if (first === undefined) return;
        ctx.report("E0309", unit, first.span, "`{…}` interpolation is only allowed in `else` messages and `remediation` text", {
          help: "write `\\{` for a literal brace",
        });
        return false;
      });
    }
  },
};
