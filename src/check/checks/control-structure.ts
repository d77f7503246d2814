/**
 * control-structure: a control has exactly one `for`, before its requirements; at least one
 * requirement; each of `severity`, `frameworks`, `remediation`, `description`, `docs` at most
 * once; a known severity (missing: warning, reported as medium).
 */

import { didYouMean } from "../../diagnostics/suggest.js";
import type * as A from "../../syntax/ast.js";
import { SEVERITIES } from "../../util/severity.js";
import { allControls, type Check } from "./check.js";

export const controlStructure: Check = {
  id: "control-structure",
  codes: ["E0502", "E0503", "E0504", "E0505", "E0509", "E0510", "W0107"],
  run(ctx) {
    for (const { decl, unit } of allControls(ctx)) {
      const fors = decl.items.filter((i): i is A.ForItem => i.kind === "For");
      if (fors.length === 0 && decl.id.id !== "") {
        ctx.report("E0502", unit, decl.id.span, `control \`${decl.id.id}\` has no \`for\` clause`, {
          help: "name its subjects, e.g. `for ws in workspaces`",
        });
      }
      for (const extra of fors.slice(1)) {
        ctx.report("E0503", unit, extra.span, `control \`${decl.id.id}\` has more than one \`for\` clause`, {
          help: "combine the conditions in one `for … where …`",
          related: [{ file: unit.source.path, span: fors[0]!.span, message: "the first `for` is here" }],
        });
      }
      const firstFor = fors[0]?.span.start ?? Infinity;
      let requirements = 0;
      const seen = new Map<string, A.ControlItem>();
      for (const item of decl.items) {
        if (item.kind === "Require" || item.kind === "Ingress" || item.kind === "Egress") {
          requirements++;
          if (item.span.start < firstFor && fors.length > 0) {
            ctx.report("E0510", unit, item.span, `this ${item.kind === "Require" ? "`require`" : `\`${item.kind.toLowerCase()}\` block`} comes before the control's \`for\``, {
              help: "put `for` first: requirements are checked for each subject it names",
            });
          }
        }
        const once = item.kind === "TextItem" ? item.which : item.kind === "Severity" ? "severity" : item.kind === "Frameworks" ? "frameworks" : undefined;
        if (once !== undefined) {
          const prior = seen.get(once);
          if (prior !== undefined) {
            ctx.report("E0505", unit, item.span, `\`${once}\` is given twice in control \`${decl.id.id}\``, {
              related: [{ file: unit.source.path, span: prior.span, message: "first given here" }],
            });
          } else seen.set(once, item);
        }
        if (item.kind === "Severity" && item.level.name !== "" && !(SEVERITIES as readonly string[]).includes(item.level.name)) {
          ctx.report("E0504", unit, item.level.span, `unknown severity \`${item.level.name}\``, {
            help: didYouMean(item.level.name, SEVERITIES) ?? `use one of ${SEVERITIES.map((s) => `\`${s}\``).join(", ")}`,
          });
        }
      }
      if (requirements === 0 && decl.id.id !== "") {
        ctx.report("E0509", unit, decl.id.span, `control \`${decl.id.id}\` checks nothing: it has no \`require\`, \`ingress\` or \`egress\``, {
          help: "a control without requirements would pass every subject",
        });
      }
      if (!seen.has("severity") && decl.id.id !== "") {
        ctx.report("W0107", unit, decl.id.span, `control \`${decl.id.id}\` has no severity; it is reported as \`medium\``, {
          help: `add \`severity ${SEVERITIES.join("|")}\``,
        });
      }
    }
  },
};
