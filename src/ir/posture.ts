/**
 * Posture statements (`ingress`/`egress` blocks) as ordinary requirements.
 *
 * Each statement becomes a call of the `std.databricks` def that defines it (the table in
 * docs/language.md), so its meaning is written in Perimeter and every backend evaluates
 * it like any other requirement. Lists of operands are flattened one level, as in
 * `allow only from corporate, 203.0.113.0/24`. Each statement also gets its own failure
 * message, built from the same std defs so that it names what was found.
 */

import { POSTURE_PACKAGE } from "../check/control.js";
import type { Unit } from "../check/index.js";
import { assertNever } from "../syntax/ast.js";
import type * as A from "../syntax/ast.js";
import type { IrExpr, IrVar, Origin } from "./ir.js";
import { concat, lit, show } from "./messages.js";
import type { Lowerer } from "./lower.js";

export interface LoweredStatement {
  readonly statement: string;
  readonly cond: IrExpr;
  readonly message: IrExpr;
}

export function lowerStatement(L: Lowerer, s: A.IngressStmt | A.EgressStmt, ws: IrExpr, unit: Unit): LoweredStatement {
  const o = L.origin(unit, s.span);
  const std = (name: string, ...args: IrExpr[]): IrExpr => ({ k: "call", pkg: POSTURE_PACKAGE, name, args, origin: o });
  const get = (obj: IrExpr, ...fields: string[]): IrExpr => fields.reduce<IrExpr>((acc, f) => ({ k: "get", obj: acc, field: f, origin: o }), obj);
  const not = (e: IrExpr): IrExpr => ({ k: "not", e, origin: o });
  const iff = (test: IrExpr, then: IrExpr, otherwise: IrExpr): IrExpr => ({ k: "if", test, then, else: otherwise, origin: o });
  const t = (text: string) => lit(text, o);
  const flat = (items: readonly A.Expr[]): IrExpr => ({
    k: "builtin",
    name: "flatten",
    args: [{ k: "list", items: items.map((i) => L.expr(i, unit)), origin: o }],
    origin: o,
  });
  /** `all x in items: ok(x)` and the message listing the items that are not ok. */
  const every = (items: IrExpr, name: string, ok: (x: IrExpr) => IrExpr) => {
    const v: IrVar = L.bind({}, name);
    const w: IrVar = L.bind({}, name);
    const x = (vv: IrVar): IrExpr => ({ k: "local", v: vv, origin: o });
    return {
      cond: { k: "quant", q: "all", v, coll: items, body: ok(x(v)), origin: o } as IrExpr,
      failing: { k: "comp", elem: x(w), v: w, coll: items, where: not(ok(x(w))), origin: o } as IrExpr,
    };
  };
  const label = (words: string) => `${s.kind === "Restricted" || s.kind === "Enforced" || s.kind === "MustAllow" || s.kind === "AllowOnly" ? "egress" : "ingress"}: ${words}`;
  const policyId = std("effective_policy_id", ws);
  const policyState = iff(
    { k: "is", test: "present", e: std("effective_policy", ws), origin: o },
    concat(o, t(" has enforcement mode "), show(get(std("egress_access", ws), "policy_enforcement", "enforcement_mode")), t(" and dry-run products "), show(std("dry_run_products", ws))),
    t(" does not exist in the account"),
  );

  switch (s.kind) {
    case "IpAccessListsEnforced": {
      const conf = get(ws, "workspace_conf", "enableIpAccessLists");
      const on: IrExpr = { k: "cmp", op: "==", l: conf, r: t("true"), origin: o };
      return {
        statement: label("ip access lists enforced"),
        cond: std("ip_access_lists_enforced", ws),
        message: iff(on, t("IP access lists are enabled but there is no enabled ALLOW list"), concat(o, t("IP access lists are not enforced: `enableIpAccessLists` is "), show(conf), t(", expected \"true\""))),
      };
    }
    case "AllowOnlyFrom": {
      const src = L.text(unit, { start: s.ranges[0]!.span.start, end: s.ranges.at(-1)!.span.end });
      return {
        statement: label(`allow only from ${src}`),
        cond: std("ingress_allows_only", ws, flat(s.ranges)),
        message: concat(o, t(`addresses outside \`${src}\` are allowed: `), show(std("ingress_allowed_outside", ws, flat(s.ranges)))),
      };
    }
    case "DenyFrom": {
      const src = L.text(unit, { start: s.ranges[0]!.span.start, end: s.ranges.at(-1)!.span.end });
      return {
        statement: label(`deny from ${src}`),
        cond: std("ingress_denies", ws, flat(s.ranges)),
        message: concat(o, t(`addresses in \`${src}\` are allowed: `), show(std("ingress_allowed_inside", ws, flat(s.ranges)))),
      };
    }
    case "PrivateLinkRequired":
      return {
        statement: label("private link required"),
        cond: std("private_link_required", ws),
        message: iff(
          std("is_azure", ws),
          concat(
            o,
            t("front-end Private Link is not in place: public network access is "),
            show(get(ws, "azure_resource", "properties", "publicNetworkAccess")),
            iff(std("approved_ui_api_endpoint", ws), t(""), t(" and there is no approved `databricks_ui_api` private endpoint")),
          ),
          t("front-end Private Link is not in place: the workspace's private access settings do not disable public access"),
        ),
      };
    case "DnsForwardingFor": {
      const q = every(flat(s.zones), "zone", (z) => std("dns_forwarded", z));
      return { statement: label(`dns forwarding for ${L.text(unit, { start: s.zones[0]!.span.start, end: s.zones.at(-1)!.span.end })}`), cond: q.cond, message: concat(o, t("no attested DNS conditional forwarding for "), show(q.failing)) };
    }
    case "Restricted":
      return {
        statement: label("restricted"),
        cond: std("egress_restricted", ws),
        message: concat(
          o,
          t("serverless egress is not restricted: policy "),
          show(policyId),
          iff({ k: "is", test: "present", e: std("effective_policy", ws), origin: o }, concat(o, t(" has restriction mode "), show(std("restriction_mode", ws))), t(" does not exist in the account")),
        ),
      };
    case "Enforced":
      if (s.product === undefined) {
        return { statement: label("enforced"), cond: std("egress_enforced", ws), message: concat(o, t("serverless egress is not enforced: policy "), show(policyId), policyState) };
      } else {
        const p = L.expr(s.product, unit);
        return {
          statement: label(`enforced for ${L.text(unit, s.product.span)}`),
          cond: std("egress_enforced_for", ws, p),
          message: concat(o, t("serverless egress is not enforced for "), show(p), t(": policy "), show(policyId), policyState),
        };
      }
    case "MustAllow": {
      const items = flat(s.items);
      const q = s.storage ? every(items, "service", (x) => std("egress_allows_storage", ws, x)) : every(items, "name", (x) => std("egress_allows", ws, x));
      const cond = s.when === undefined ? q.cond : ({ k: "or", l: not(L.expr(s.when, unit)), r: q.cond, origin: o } as IrExpr);
      const what = L.text(unit, { start: s.items[0]!.span.start, end: s.items.at(-1)!.span.end });
      return {
        statement: label(`must allow ${s.storage ? "storage " : ""}${what}${s.when ? ` when ${L.text(unit, s.when.span)}` : ""}`),
        cond,
        message: s.storage
          ? concat(o, t("no allowed Azure storage destination for "), show(q.failing))
          : concat(o, t("serverless egress does not allow "), show(q.failing), t(": policy "), show(policyId)),
      };
    }
    case "AllowOnly": {
      const patterns = flat(s.items);
      const outside = every(std("allowed_destinations", ws), "destination", (d) => ({ k: "cmp", op: "matches", l: d, r: patterns, origin: o }) as IrExpr);
      return {
        statement: label(`allow only ${L.text(unit, { start: s.items[0]!.span.start, end: s.items.at(-1)!.span.end })}`),
        cond: std("egress_allows_only", ws, patterns),
        message: iff(
          std("egress_restricted", ws),
          concat(o, t("serverless egress allows destinations outside the approved list: "), show(outside.failing)),
          concat(o, t("serverless egress is not restricted, so every destination is allowed: policy "), show(policyId), t(" has restriction mode "), show(std("restriction_mode", ws))),
        ),
      };
    }
    default:
      return assertNever(s, "posture statement");
  }
}

export type { Origin };
