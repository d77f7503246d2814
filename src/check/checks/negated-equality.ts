/**
 * negated-equality: `not (a == b)` is true when `a` is missing, while `a != b` is false then
 * ("present and different"). Authors who write the first usually mean the second, and a
 * missing field silently passes. Fix-it: `a != b`.
 */

import { unparen } from "../../syntax/ast.js";
import { walk } from "../../syntax/walk.js";
import type { Check } from "./check.js";

export const negatedEquality: Check = {
  id: "negated-equality",
  codes: ["W0103"],
  run(ctx) {
    for (const unit of ctx.units) {
      walk(unit.file, (n) => {
        if (n.kind !== "Not") return;
        const inner = unparen(n.operand);
        if (inner.kind !== "Binary" || inner.op !== "==") return;
        const l = unit.source.text.slice(inner.left.span.start, inner.left.span.end);
        const r = unit.source.text.slice(inner.right.span.start, inner.right.span.end);
        const replacement = `${l} != ${r}`;
        ctx.report("W0103", unit, n.span, `\`not (… == …)\` is also true when \`${ctx.text(unit, inner.left.span)}\` is missing`, {
          help: `write \`${replacement.length > 60 ? "a != b" : replacement}\` to require a present, different value, or \`… is missing or …\` to accept absence explicitly`,
          fix: { span: n.span, replacement },
        });
      });
    }
  },
};
