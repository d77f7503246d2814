/**
 * negated-missing: `not (a < b)`, `not (a in xs)`, `not (a overlaps r)`, `not (a matches p)`
 * are true when `a` is missing, since every comparison with a missing operand is false
 * (LANGUAGE.md §5). Over export data that is a silent pass for a field the exporter left out.
 * Fix-it: `a is present and not (…)`. `not (a == b)` has its own warning (negated-equality).
 * An operand "may be missing" when it reads a field or an index that is not a param or let.
 */

import { unparen, type Expr } from "../../syntax/ast.js";
import { walk } from "../../syntax/walk.js";
import type { CheckContext } from "../context.js";
import type { Check } from "./check.js";

/** Does the operand read export data that may be absent (a field or index path, no `??` default)? */
function mayBeMissing(ctx: CheckContext, e: Expr): boolean {
  const x = unparen(e);
  if (x.kind === "Index") return true;
  if (x.kind !== "Member") return false;
  const sym = ctx.refs.get(x);
  return sym?.kind !== "param" && sym?.kind !== "let";
}

const COMPARISONS = new Set(["!=", "<", "<=", ">", ">=", "in", "not in", "within", "overlaps", "matches"]);

export const negatedMissing: Check = {
  id: "negated-missing",
  codes: ["W0111"],
  run(ctx) {
    for (const unit of ctx.units) {
      const key = (e: Expr) => unit.source.text.slice(e.span.start, e.span.end).replace(/\s+/g, "");
      // Operands already decided on the left of an enclosing `and` (`a is present and …`) or
      // `or` (`a is missing or …`): the `not` on the right cannot see them missing.
      const guards = new Map<object, Set<string>>();
      walk(unit.file, (n) => {
        if (n.kind !== "Binary" || (n.op !== "and" && n.op !== "or")) return;
        const tested = new Set<string>();
        walk(n.left, (m) => {
          if (m.kind !== "Is") return;
          const present = (m.test === "present") !== m.negated;
          if (present === (n.op === "and")) tested.add(key(m.operand));
        });
        if (tested.size === 0) return;
        walk(n.right, (m) => {
          if (m.kind !== "Not") return;
          const g = guards.get(m) ?? new Set<string>();
          for (const t of tested) g.add(t);
          guards.set(m, g);
        });
      });
      walk(unit.file, (n) => {
        if (n.kind !== "Not") return;
        const inner = unparen(n.operand);
        if (inner.kind !== "Binary" || !COMPARISONS.has(inner.op)) return;
        const operands = [inner.left, inner.right].filter((o) => mayBeMissing(ctx, o) && !guards.get(n)?.has(key(o)));
        if (operands.length === 0) return;
        const texts = operands.map((o) => unit.source.text.slice(o.span.start, o.span.end));
        const negation = unit.source.text.slice(n.span.start, n.span.end);
        const replacement = `${texts.map((t) => `${t} is present`).join(" and ")} and ${negation}`;
        ctx.report("W0111", unit, n.span, `\`not (… ${inner.op} …)\` is also true when \`${ctx.text(unit, operands[0]!.span)}\` is missing`, {
          help: `write \`${texts.length === 1 ? texts[0] : "…"} is present and not (…)\` to require the value, or \`… is missing or …\` to accept absence explicitly`,
          fix: { span: n.span, replacement },
        });
      });
    }
  },
};
