/**
 * tests: each `expect` names a known control, a status among pass/fail/unknown/waived and a
 * valid subject key; the `given` export should exist (a warning: lint does not need it).
 */

import { didYouMean } from "../../diagnostics/suggest.js";
import { plainString } from "../../syntax/ast.js";
import type { Check } from "./check.js";
import { checkControlRef, checkSubjectKey, controlIds } from "./subject-keys.js";

export const STATUSES = ["pass", "fail", "unknown", "waived"] as const;

export const tests: Check = {
  id: "tests",
  codes: ["E0506", "E0507", "E0508", "W0108"],
  run(ctx) {
    const ids = controlIds(ctx);
    for (const pkg of ctx.packages.values()) {
      for (const { decl, unit } of pkg.tests) {
        const given = plainString(decl.given);
        const exists = ctx.options.fileExists;
        if (given !== undefined && given !== "" && exists !== undefined && !exists(unit.source.path, given)) {
          ctx.report("W0108", unit, decl.given.span, `test fixture \`${given}\` was not found`, {
            help: "paths are relative to the policy file",
          });
        }
        for (const ex of decl.expects) {
          checkControlRef(ctx, unit, ex.control, ids, "this expectation");
          if (ex.status.name !== "" && !(STATUSES as readonly string[]).includes(ex.status.name)) {
            ctx.report("E0507", unit, ex.status.span, `unknown status \`${ex.status.name}\``, {
              help: didYouMean(ex.status.name, STATUSES) ?? `use one of ${STATUSES.map((s) => `\`${s}\``).join(", ")}`,
            });
          }
          if (ex.subject !== undefined) checkSubjectKey(ctx, unit, ex.subject);
        }
      }
    }
  },
};
