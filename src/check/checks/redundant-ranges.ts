/**
 * redundant-ranges: in one list of addresses (a list literal, or the operands of `allow
 * only from` / `deny from`), an address or range given twice, or one already inside another
 * range of the list, is a warning: it changes nothing and usually hides a typo.
 */

import { formatNet, parseNet, type NetValue } from "../../net/ip.js";
import type * as A from "../../syntax/ast.js";
import { unparen, type Expr } from "../../syntax/ast.js";
import { walk } from "../../syntax/walk.js";
import type { CheckContext } from "../context.js";
import type { Unit } from "../program.js";
import type { Check } from "./check.js";

interface Item {
  readonly node: A.NetLit;
  readonly net: NetValue;
}

function scan(ctx: CheckContext, unit: Unit, items: readonly Expr[]): void {
  const nets: Item[] = [];
  for (const e of items) {
    const x = unparen(e);
    if (x.kind !== "Net") continue;
    const r = parseNet(x.raw);
    if (r.ok) nets.push({ node: x, net: r.value });
  }
  if (nets.length < 2) return;
  // Sweep in address order (wider first on ties): a range is covered when the widest range
  // seen so far in its family reaches past its end.
  const order = [...nets].sort((a, b) => a.net.family - b.net.family || (a.net.lo < b.net.lo ? -1 : a.net.lo > b.net.lo ? 1 : 0) || (a.net.hi > b.net.hi ? -1 : a.net.hi < b.net.hi ? 1 : 0) || a.node.span.start - b.node.span.start);
  let cover: Item | undefined;
  for (const it of order) {
    if (cover !== undefined && cover.net.family === it.net.family && it.net.hi <= cover.net.hi) {
      const same = cover.net.lo === it.net.lo && cover.net.hi === it.net.hi;
      const related = [{ file: unit.source.path, span: cover.node.span, message: same ? "also listed here" : `\`${formatNet(cover.net)}\` is here` }];
      if (same) ctx.report("W0105", unit, it.node.span, `\`${it.node.raw}\` is listed twice`, { related });
      else ctx.report("W0106", unit, it.node.span, `\`${it.node.raw}\` is already covered by \`${cover.node.raw}\``, { related });
      continue;
    }
    if (cover === undefined || cover.net.family !== it.net.family || it.net.hi > cover.net.hi) cover = it;
  }
}

export const redundantRanges: Check = {
  id: "redundant-ranges",
  codes: ["W0105", "W0106"],
  run(ctx) {
    for (const unit of ctx.units) {
      walk(unit.file, (n) => {
        if (n.kind === "List") scan(ctx, unit, n.items);
        if (n.kind === "AllowOnlyFrom" || n.kind === "DenyFrom") scan(ctx, unit, n.ranges);
      });
    }
  },
};
