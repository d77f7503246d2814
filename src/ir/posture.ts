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
import { assertNever } from "../util/assert-never.js";
import type * as A from "../syntax/ast.js";
import type { IrExpr, IrVar, Origin } from "./ir.js";
import { concat, lit, show } from "./messages.js";
import type { Lowering } from "./lowering.js";

export interface LoweredStatement {
  readonly statement: string;
  readonly cond: IrExpr;
  readonly message: IrExpr;
}

export function lowerStatement(L: Lowering, s: A.IngressStmt | A.EgressStmt, ws: IrExpr, unit: Unit): LoweredStatement {
  const b = new StatementBuilder(L, unit, ws, L.origin(unit, s.span), s);
  switch (s.kind) {
    case "IpAccessListsEnforced":
      return b.ipAccessListsEnforced();
    case "AllowOnlyFrom":
      return b.allowOnlyFrom(s);
    case "DenyFrom":
      return b.denyFrom(s);
    case "PrivateLinkRequired":
      return b.privateLinkRequired();
    case "DnsForwardingFor":
      return b.dnsForwardingFor(s);
    case "Restricted":
      return b.restricted();
    case "Enforced":
      return b.enforced(s);
    case "MustAllow":
      return b.mustAllow(s);
    case "AllowOnly":
      return b.allowOnly(s);
    default:
      return assertNever(s, "posture statement");
  }
}

type Stmt<K extends (A.IngressStmt | A.EgressStmt)["kind"]> = Extract<A.IngressStmt | A.EgressStmt, { kind: K }>;

/** The IR of one statement: small constructors (every node at the statement's origin), then one method per statement. */
class StatementBuilder {
  constructor(
    private readonly L: Lowering,
    private readonly unit: Unit,
    private readonly ws: IrExpr,
    private readonly o: Origin,
    private readonly s: A.IngressStmt | A.EgressStmt,
  ) {}

  // --- constructors -------------------------------------------------------------------

  private std(name: string, ...args: IrExpr[]): IrExpr {
    return { k: "call", pkg: POSTURE_PACKAGE, name, args, origin: this.o };
  }

  private get(obj: IrExpr, ...fields: string[]): IrExpr {
    return fields.reduce<IrExpr>((acc, f) => ({ k: "get", obj: acc, field: f, origin: this.o }), obj);
  }

  private not(e: IrExpr): IrExpr {
    return { k: "not", e, origin: this.o };
  }

  private iff(test: IrExpr, then: IrExpr, otherwise: IrExpr): IrExpr {
    return { k: "if", test, then, else: otherwise, origin: this.o };
  }

  private t(text: string): IrExpr {
    return lit(text, this.o);
  }

  private concat(...parts: IrExpr[]): IrExpr {
    return concat(this.o, ...parts);
  }

  /** The operands, flattened one level (`corporate, 203.0.113.0/24`). */
  private flat(items: readonly A.Expr[]): IrExpr {
    return { k: "builtin", name: "flatten", args: [{ k: "list", items: items.map((i) => this.L.expr(i, this.unit)), origin: this.o }], origin: this.o };
  }

  /** `all x in items: ok(x)` and the list of the items that are not ok, for the message. */
  private every(items: IrExpr, name: string, ok: (x: IrExpr) => IrExpr): { cond: IrExpr; failing: IrExpr } {
    const o = this.o;
    const v: IrVar = this.L.bind({}, name);
    const w: IrVar = this.L.bind({}, name);
    const x = (vv: IrVar): IrExpr => ({ k: "local", v: vv, origin: o });
    return {
      cond: { k: "quant", q: "all", v, coll: items, body: ok(x(v)), origin: o },
      failing: { k: "comp", elem: x(w), v: w, coll: items, where: this.not(ok(x(w))), origin: o },
    };
  }

  /** The source text of a list of operands, as written. */
  private textOf(items: readonly { readonly span: { readonly start: number; readonly end: number } }[]): string {
    return this.L.text(this.unit, { start: items[0]!.span.start, end: items.at(-1)!.span.end });
  }

  /** `ingress: …` or `egress: …`. */
  private label(words: string): string {
    const k = this.s.kind;
    return `${k === "Restricted" || k === "Enforced" || k === "MustAllow" || k === "AllowOnly" ? "egress" : "ingress"}: ${words}`;
  }

  private policyId(): IrExpr {
    return this.std("effective_policy_id", this.ws);
  }

  /** ` has enforcement mode … and dry-run products …`, or ` does not exist in the account`. */
  private policyState(): IrExpr {
    const { ws, o } = this;
    return this.iff(
      { k: "is", test: "present", e: this.std("effective_policy", ws), origin: o },
      this.concat(this.t(" has enforcement mode "), show(this.get(this.std("egress_access", ws), "policy_enforcement", "enforcement_mode")), this.t(" and dry-run products "), show(this.std("dry_run_products", ws))),
      this.t(" does not exist in the account"),
    );
  }

  // --- ingress ------------------------------------------------------------------------

  ipAccessListsEnforced(): LoweredStatement {
    const { ws, o } = this;
    const conf = this.get(ws, "workspace_conf", "enableIpAccessLists");
    const on: IrExpr = { k: "cmp", op: "==", l: conf, r: this.t("true"), origin: o };
    return {
      statement: this.label("ip access lists enforced"),
      cond: this.std("ip_access_lists_enforced", ws),
      message: this.iff(on, this.t("IP access lists are enabled but there is no enabled ALLOW list"), this.concat(this.t("IP access lists are not enforced: `enableIpAccessLists` is "), show(conf), this.t(", expected \"true\""))),
    };
  }

  allowOnlyFrom(s: Stmt<"AllowOnlyFrom">): LoweredStatement {
    const src = this.textOf(s.ranges);
    return {
      statement: this.label(`allow only from ${src}`),
      cond: this.std("ingress_allows_only", this.ws, this.flat(s.ranges)),
      message: this.concat(this.t(`addresses outside \`${src}\` are allowed: `), show(this.std("ingress_allowed_outside", this.ws, this.flat(s.ranges)))),
    };
  }

  denyFrom(s: Stmt<"DenyFrom">): LoweredStatement {
    const src = this.textOf(s.ranges);
    return {
      statement: this.label(`deny from ${src}`),
      cond: this.std("ingress_denies", this.ws, this.flat(s.ranges)),
      message: this.concat(this.t(`addresses in \`${src}\` are allowed: `), show(this.std("ingress_allowed_inside", this.ws, this.flat(s.ranges)))),
    };
  }

  privateLinkRequired(): LoweredStatement {
    const { ws } = this;
    return {
      statement: this.label("private link required"),
      cond: this.std("private_link_required", ws),
      message: this.iff(
        this.std("is_azure", ws),
        this.concat(
          this.t("front-end Private Link is not in place: public network access is "),
          show(this.get(ws, "azure_resource", "properties", "publicNetworkAccess")),
          this.iff(this.std("approved_ui_api_endpoint", ws), this.t(""), this.t(" and there is no approved `databricks_ui_api` private endpoint")),
        ),
        this.t("front-end Private Link is not in place: the workspace's private access settings do not disable public access"),
      ),
    };
  }

  dnsForwardingFor(s: Stmt<"DnsForwardingFor">): LoweredStatement {
    const q = this.every(this.flat(s.zones), "zone", (z) => this.std("dns_forwarded", z));
    return { statement: this.label(`dns forwarding for ${this.textOf(s.zones)}`), cond: q.cond, message: this.concat(this.t("no attested DNS conditional forwarding for "), show(q.failing)) };
  }

  // --- egress -------------------------------------------------------------------------

  restricted(): LoweredStatement {
    const { ws, o } = this;
    return {
      statement: this.label("restricted"),
      cond: this.std("egress_restricted", ws),
      message: this.concat(
        this.t("serverless egress is not restricted: policy "),
        show(this.policyId()),
        this.iff({ k: "is", test: "present", e: this.std("effective_policy", ws), origin: o }, this.concat(this.t(" has restriction mode "), show(this.std("restriction_mode", ws))), this.t(" does not exist in the account")),
      ),
    };
  }

  enforced(s: Stmt<"Enforced">): LoweredStatement {
    const { ws } = this;
    if (s.product === undefined) {
      return { statement: this.label("enforced"), cond: this.std("egress_enforced", ws), message: this.concat(this.t("serverless egress is not enforced: policy "), show(this.policyId()), this.policyState()) };
    }
    const p = this.L.expr(s.product, this.unit);
    return {
      statement: this.label(`enforced for ${this.L.text(this.unit, s.product.span)}`),
      cond: this.std("egress_enforced_for", ws, p),
      message: this.concat(this.t("serverless egress is not enforced for "), show(p), this.t(": policy "), show(this.policyId()), this.policyState()),
    };
  }

  mustAllow(s: Stmt<"MustAllow">): LoweredStatement {
    const { ws, o } = this;
    const items = this.flat(s.items);
    const q = s.storage ? this.every(items, "service", (x) => this.std("egress_allows_storage", ws, x)) : this.every(items, "name", (x) => this.std("egress_allows", ws, x));
    const cond: IrExpr = s.when === undefined ? q.cond : { k: "or", l: this.not(this.L.expr(s.when, this.unit)), r: q.cond, origin: o };
    const what = this.textOf(s.items);
    return {
      statement: this.label(`must allow ${s.storage ? "storage " : ""}${what}${s.when ? ` when ${this.L.text(this.unit, s.when.span)}` : ""}`),
      cond,
      message: s.storage
        ? this.concat(this.t("no allowed Azure storage destination for "), show(q.failing))
        : this.concat(this.t("serverless egress does not allow "), show(q.failing), this.t(": policy "), show(this.policyId())),
    };
  }

  allowOnly(s: Stmt<"AllowOnly">): LoweredStatement {
    const { ws, o } = this;
    const patterns = this.flat(s.items);
    const outside = this.every(this.std("allowed_destinations", ws), "destination", (d) => ({ k: "cmp", op: "matches", l: d, r: patterns, origin: o }));
    return {
      statement: this.label(`allow only ${this.textOf(s.items)}`),
      cond: this.std("egress_allows_only", ws, patterns),
      message: this.iff(
        this.std("egress_restricted", ws),
        this.concat(this.t("serverless egress allows destinations outside the approved list: "), show(outside.failing)),
        this.concat(this.t("serverless egress is not restricted, so every destination is allowed: policy "), show(this.policyId()), this.t(" has restriction mode "), show(this.std("restriction_mode", ws))),
      ),
    };
  }
}

export type { Origin };
