/**
 * Literals in typed positions.
 *
 * Some positions give a string literal a stricter meaning: the right of `==` against an
 * enum field, an operand of `matches` or a domain list (a DNS name or pattern), an operand of
 * `within`/`overlaps` or an address list (an address or CIDR). The literal may sit there
 * directly, inside a list literal, or behind a `let`/`param` whose value is a literal; in
 * every case the literal itself is underlined.
 */

import { didYouMean } from "../diagnostics/suggest.js";
import { domainError } from "../net/domain.js";
import { parseNet } from "../net/ip.js";
import { plainString, unparen, type Expr } from "../syntax/ast.js";
import type { CheckContext } from "./context.js";
import type { Unit } from "./program.js";

type Visit = (lit: Expr & { kind: "String" }, value: string, unit: Unit) => void;

/** Calls `visit` for every plain string literal that flows into `e` through lists, lets and params. */
function eachLiteral(ctx: CheckContext, e: Expr, unit: Unit, visit: Visit, seen = new Set<object>()): void {
  const x = unparen(e);
  switch (x.kind) {
    case "String": {
      const v = plainString(x);
      if (v !== undefined) visit(x, v, unit);
      return;
    }
    case "List":
      for (const item of x.items) eachLiteral(ctx, item, unit, visit, seen);
      return;
    case "Call":
      if (x.callee.name === "flatten" && x.qualifier === undefined) for (const a of x.args) eachLiteral(ctx, a, unit, visit, seen);
      return;
    case "Binary":
      if (x.op === "??") {
        eachLiteral(ctx, x.left, unit, visit, seen);
        eachLiteral(ctx, x.right, unit, visit, seen);
      }
      return;
    case "Name": {
      const sym = ctx.refs.get(x);
      if (sym === undefined || (sym.kind !== "let" && sym.kind !== "param") || seen.has(sym.decl)) return;
      seen.add(sym.decl);
      eachLiteral(ctx, sym.decl.value, sym.unit, visit, seen);
      return;
    }
    default:
      return;
  }
}

export function checkDomainPosition(ctx: CheckContext, e: Expr, unit: Unit): void {
  eachLiteral(ctx, e, unit, (lit, value, u) => {
    const err = domainError(value);
    if (err === undefined) return;
    const asNet = parseNet(value);
    if (asNet.ok) {
      ctx.report("E0405", u, lit.span, `\`${value}\` is an address, not a domain name`, {
        help: "compare addresses with `within` or `overlaps`",
      });
      return;
    }
    ctx.report("E0405", u, lit.span, `invalid domain name \`${value}\`: ${err}`);
  });
}

export function checkNetPosition(ctx: CheckContext, e: Expr, unit: Unit): void {
  eachLiteral(ctx, e, unit, (lit, value, u) => {
    const r = parseNet(value);
    if (r.ok) return;
    if (r.error.kind === "host-bits") {
      const fix = r.error.fix!;
      ctx.report("E0403", u, lit.span, r.error.message, { help: `did you mean \`"${fix}"\`?`, fix: { span: lit.span, replacement: `"${fix}"` } });
    } else {
      ctx.report("E0408", u, lit.span, `\`${value}\` is not an IP address or CIDR range: ${r.error.message}`);
    }
  });
}

/**
 * Reports string literals reaching `e` that are not among `values`; `what` completes
 * "`"x"` is not …", e.g. "a possible value of `restriction_mode`".
 */
export function checkEnumPosition(ctx: CheckContext, e: Expr, unit: Unit, values: readonly string[], what: string): void {
  eachLiteral(ctx, e, unit, (lit, value, u) => {
    if (values.includes(value)) return;
    const help =
      didYouMean(value, values, (s) => `\`"${s}"\``) ??
      (values.length <= 10 ? `expected one of ${values.map((v) => `\`"${v}"\``).join(", ")}` : undefined);
    ctx.report("E0304", u, lit.span, `\`"${value}"\` is not ${what}`, { help });
  });
}
