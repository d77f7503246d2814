/**
 * waivers: a waiver names a known control and a valid subject key; a waiver whose date has
 * passed no longer applies (a warning, when the checker is told today's date).
 */

import { hasDateShape } from "../../util/date.js";
import type { Check } from "./check.js";
import { checkControlRef, checkSubjectKey, controlIds } from "./subject-keys.js";

export const waivers: Check = {
  id: "waivers",
  codes: ["E0506", "E0508", "W0110"],
  run(ctx) {
    const ids = controlIds(ctx);
    for (const pkg of ctx.packages.values()) {
      for (const { decl, unit } of pkg.waivers) {
        checkControlRef(ctx, unit, decl.control, ids, "this waiver");
        checkSubjectKey(ctx, unit, decl.subject);
        const today = ctx.options.today;
        if (today !== undefined && hasDateShape(decl.until.raw) && decl.until.raw < today) {
          ctx.report("W0110", unit, decl.until.span, `this waiver expired on ${decl.until.raw} and no longer applies`, {
            help: "renew it with a new date and approval, or remove it",
          });
        }
      }
    }
  },
};
