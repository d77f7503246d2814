/**
 * identifiers: names a policy declares (params, lets, defs, their parameters, and the
 * variables of `for`, quantifiers, comprehensions and `first`) are lower snake case.
 * Upper-case letters are only for export field names, which the policy does not choose.
 */

import type * as A from "../../syntax/ast.js";
import { walk } from "../../syntax/walk.js";
import type { Check } from "./check.js";

const SNAKE = /^[a-z_][a-z0-9_]*$/;

function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_");
}

export const identifiers: Check = {
  id: "identifiers",
  codes: ["E0202", "E0207"],
  run(ctx) {
    for (const unit of ctx.units) {
      const declared: A.Ident[] = [];
      walk(unit.file, (n) => {
        switch (n.kind) {
          case "Param":
          case "Let":
            declared.push(n.name);
            break;
          case "Def":
            declared.push(n.name, ...n.params);
            break;
          case "For":
          case "Quantified":
          case "Comprehension":
          case "First":
            declared.push(n.variable);
            break;
          case "Import":
            if (n.alias !== undefined) declared.push(n.alias);
            break;
          default:
            break;
        }
      });
      for (const id of declared) {
        if (id.name === "" || SNAKE.test(id.name)) continue;
        ctx.report("E0207", unit, id.span, `\`${id.name}\` is not a valid name: names are lower snake case`, {
          help: `did you mean \`${snake(id.name)}\`?`,
          fix: { span: id.span, replacement: snake(id.name) },
        });
      }
      const params = new Map<string, A.Ident>();
      walk(unit.file, (n) => {
        if (n.kind !== "Def") return;
        params.clear();
        for (const p of n.params) {
          const prior = params.get(p.name);
          if (prior !== undefined) {
            ctx.report("E0202", unit, p.span, `parameter \`${p.name}\` is declared twice`, {
              related: [{ file: unit.source.path, span: prior.span, message: "first declared here" }],
            });
          } else params.set(p.name, p);
        }
      });
    }
  },
};
