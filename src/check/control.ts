/**
 * Typing of control bodies and their posture statements.
 *
 * Items are checked in order, in a scope that grows: the `for` variable is visible to the
 * items after it, a control `let` to the items after the let. `remediation` interpolations
 * see only package-level names (remediation is per control, not per subject). Posture
 * statements (`ingress`/`egress` blocks) check their operands' kinds and literals here;
 * their meaning lives in `std.databricks` and the lowering.
 */

import { showTy, type ObjectTy } from "../schema/types.js";
import { type Expr } from "../syntax/ast.js";
import { assertNever } from "../util/assert-never.js";
import type * as A from "../syntax/ast.js";
import type { CheckContext } from "./context.js";
import { isLocated } from "./located.js";
import { checkDomainPosition, checkEnumPosition, checkNetPosition } from "./positions.js";
import type { DeclRef, Unit } from "./program.js";
import type { Scope } from "./scope.js";
import { isDomainish, isNetish } from "./ty.js";
import { article, type Typer } from "./typer.js";

/** The package whose defs give posture statements their meaning; loaded whenever one is used. */
export const POSTURE_PACKAGE = "std.databricks";
export const EGRESS_PRODUCTS = ["apps", "dbsql", "ml_serving"] as const;
export const STORAGE_SERVICES = ["blob", "dfs"] as const;

export function checkControl(ctx: CheckContext, typer: Typer, ref: DeclRef<A.ControlDecl>, root: Scope): ObjectTy | undefined {
  const unit = ref.unit;
  let scope = root.child();
  let subject: ObjectTy | undefined;
  for (const item of ref.decl.items) {
    switch (item.kind) {
      case "Severity":
      case "Frameworks":
        break;
      case "TextItem":
        // Only remediation may interpolate (other texts are rejected by the interpolation check);
        // it is per control, so it sees package-level names, not the subject.
        if (item.which === "remediation") typer.message(item.text, root, unit);
        break;
      case "For": {
        const bound = typer.bindTyped(item.variable, item.collection, scope, unit, "for");
        scope = bound.scope;
        const ty = typer.subjectType(item.collection, bound.collectionTy, unit);
        if (ty !== undefined && !isLocated(ctx, item.collection)) {
          ctx.report("E0308", unit, item.collection.span, `the subjects of a control must be objects of the export, but \`${ctx.text(unit, item.collection.span)}\` is computed`, {
            help: "iterate over a path of the export (`workspaces`, `account.network_policies`), a list of paths (`[account]`), `[x.y for x in … where …]` or `flatten` of those; filter with `where`",
          });
        } else subject = ty ?? subject;
        if (item.where !== undefined) typer.condition(item.where, scope, unit);
        break;
      }
      case "Let": {
        const t = typer.expr(item.value, scope, unit);
        typer.setLocalLetType(item, t);
        scope = scope.child();
        scope.define({ kind: "let", name: item.name.name, decl: item, unit, pkg: ctx.packages.get(unit.pkg)!, local: true });
        break;
      }
      case "Require":
        typer.condition(item.condition, scope, unit);
        if (item.message !== undefined) typer.message(item.message, scope, unit);
        break;
      case "Ingress":
      case "Egress":
        // Posture statements read std.databricks: an import of it is used by them.
        for (const imp of unit.file.imports) if (imp.name.parts.join(".") === POSTURE_PACKAGE) ctx.used.add(imp);
        postureSubject(ctx, typer, item.subject, scope, unit, item.kind === "Ingress" ? "ingress" : "egress");
        for (const s of item.statements) statement(ctx, typer, s, scope, unit);
        break;
      default:
        assertNever(item, "control item");
    }
  }
  return subject;
}

function postureSubject(ctx: CheckContext, typer: Typer, e: Expr, scope: Scope, unit: Unit, block: string): void {
  const t = typer.expr(e, scope, unit);
  if (t.kind === "any" || (t.kind === "object" && t.subject?.kind === "workspace")) return;
  ctx.report("E0310", unit, e.span, `an \`${block}\` block describes a workspace, but \`${ctx.text(unit, e.span)}\` is ${article(showTy(t))}`, {
    help: "write the control's workspace variable, as in `for ws in workspaces` … `" + block + " ws { … }`",
  });
}

function statement(ctx: CheckContext, typer: Typer, s: A.IngressStmt | A.EgressStmt, scope: Scope, unit: Unit): void {
  const kinds = (items: readonly Expr[], ok: (t: ReturnType<Typer["expr"]>) => boolean, what: string, words: string) => {
    for (const e of items) {
      const t = typer.expr(e, scope, unit);
      if (!ok(t)) ctx.report("E0311", unit, e.span, `\`${words}\` takes ${what}, but \`${ctx.text(unit, e.span)}\` is ${article(showTy(t))}`);
    }
  };
  switch (s.kind) {
    case "IpAccessListsEnforced":
    case "PrivateLinkRequired":
    case "Restricted":
      return;
    case "AllowOnlyFrom":
    case "DenyFrom":
      kinds(s.ranges, (t) => isNetish(t) && t.kind !== "netset", "addresses and ranges", s.kind === "DenyFrom" ? "deny from" : "allow only from");
      for (const e of s.ranges) checkNetPosition(ctx, e, unit);
      return;
    case "DnsForwardingFor":
      kinds(s.zones, isDomainish, "DNS zones", "dns forwarding for");
      for (const e of s.zones) checkDomainPosition(ctx, e, unit);
      return;
    case "Enforced":
      if (s.product !== undefined) {
        kinds([s.product], (t) => t.kind === "string" || t.kind === "any", "a product name", "enforced for");
        checkEnumPosition(ctx, s.product, unit, EGRESS_PRODUCTS, "a serverless product");
      }
      return;
    case "MustAllow":
      if (s.storage) {
        kinds(s.items, isDomainish, "Azure storage services", "must allow storage");
        for (const e of s.items) checkEnumPosition(ctx, e, unit, STORAGE_SERVICES, "an Azure storage service");
      } else {
        kinds(s.items, isDomainish, "DNS names and patterns", "must allow");
        for (const e of s.items) checkDomainPosition(ctx, e, unit);
      }
      if (s.when !== undefined) typer.condition(s.when, scope, unit);
      return;
    case "AllowOnly":
      kinds(s.items, isDomainish, "DNS names and patterns", "allow only");
      for (const e of s.items) checkDomainPosition(ctx, e, unit);
      return;
    default:
      assertNever(s, "posture statement");
  }
}
