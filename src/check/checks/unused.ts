/**
 * unused: a `let`, `param` or `import` that nothing reads is a warning — usually a typo in
 * the name that reads it, or a leftover after an edit. Package-level declarations count as
 * used when any file of the program reads them, through an import too.
 */

import { walk } from "../../syntax/walk.js";
import type { Check } from "./check.js";

export const unused: Check = {
  id: "unused",
  codes: ["W0101", "W0102", "W0109"],
  run(ctx) {
    for (const pkg of ctx.packages.values()) {
      for (const { decl, unit } of pkg.lets.values()) {
        if (!ctx.used.has(decl)) ctx.report("W0101", unit, decl.name.span, `\`${decl.name.name}\` is never used`, { help: "remove it, or check the spelling where it is meant to be read" });
      }
      for (const { decl, unit } of pkg.params.values()) {
        if (!ctx.used.has(decl)) ctx.report("W0102", unit, decl.name.span, `param \`${decl.name.name}\` is never used`, { help: "remove it, or check the spelling where it is meant to be read" });
      }
    }
    for (const unit of ctx.units) {
      for (const imp of unit.file.imports) {
        if (!ctx.used.has(imp) && imp.name.parts.length > 0) ctx.report("W0109", unit, imp.span, `import \`${imp.name.parts.join(".")}\` is never used`);
      }
      walk(unit.file, (n) => {
        if (n.kind === "Control") {
          for (const item of n.items) {
            if (item.kind === "Let" && !ctx.used.has(item)) ctx.report("W0101", unit, item.name.span, `\`${item.name.name}\` is never used`, { help: "remove it, or check the spelling where it is meant to be read" });
          }
          return false;
        }
        return n.kind === "File";
      });
    }
  },
};
