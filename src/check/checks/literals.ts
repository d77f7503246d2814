/**
 * literals: every bare address or CIDR is well formed (octets, groups, prefix length, no
 * host bits — with the network address as a fix-it); every date exists; every integer in an
 * expression is exact in a double (subject keys keep their digits and are exempt).
 */

import { parseNet } from "../../net/ip.js";
import { walk } from "../../syntax/walk.js";
import { dateError } from "../../util/date.js";
import type { Check } from "./check.js";

export const literals: Check = {
  id: "literals",
  codes: ["E0401", "E0402", "E0403", "E0404", "E0406", "E0407"],
  run(ctx) {
    for (const unit of ctx.units) {
      walk(unit.file, (n, parent) => {
        if (n.kind === "Net") {
          const r = parseNet(n.raw);
          if (r.ok) return;
          const e = r.error;
          if (e.kind === "host-bits") {
            ctx.report("E0403", unit, n.span, e.message, { help: `did you mean \`${e.fix}\`?`, fix: { span: n.span, replacement: e.fix! } });
          } else if (e.kind === "prefix") {
            ctx.report("E0402", unit, n.span, e.message);
          } else {
            ctx.report(e.kind === "ipv4" ? "E0401" : "E0404", unit, n.span, `invalid IPv${e.kind === "ipv4" ? 4 : 6} address \`${n.raw}\`: ${e.message}`);
          }
        } else if (n.kind === "Date") {
          const err = dateError(n.raw);
          if (err !== undefined && n.raw !== "") ctx.report("E0406", unit, n.span, `\`${n.raw}\` is not a valid date: ${err}`);
        } else if (n.kind === "Number") {
          const isKey = parent?.kind === "Waiver" || parent?.kind === "Expect";
          if (!isKey && /^\d+$/.test(n.raw) && !Number.isSafeInteger(n.value)) {
            ctx.report("E0407", unit, n.span, `\`${n.raw}\` is too large to be represented exactly`, {
              help: "integers must be below 2^53; write large identifiers as strings",
            });
          }
        }
      });
    }
  },
};
