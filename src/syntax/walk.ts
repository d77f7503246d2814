/**
 * Generic traversal of the AST.
 *
 * `childNodes` lists the direct children of any node, by an exhaustive switch: adding a
 * node kind fails `tsc` here until its children are listed. Checks that only need "visit
 * every expression" use `walk` instead of writing their own recursion.
 */

import { type AnyNode } from "./ast.js";
import { assertNever } from "../util/assert-never.js";

export function childNodes(n: AnyNode): AnyNode[] {
  const opt = <T extends AnyNode>(x: T | undefined): T[] => (x === undefined ? [] : [x]);
  switch (n.kind) {
    case "File":
      return [...opt(n.package), ...n.imports, ...n.decls];
    case "Package":
      return [n.name];
    case "Import":
      return [n.name, ...opt(n.alias)];
    case "Param":
    case "Let":
      return [n.name, n.value];
    case "Def":
      return [n.name, ...n.params, n.body];
    case "Control":
      return [n.id, n.title, ...n.items];
    case "Waiver":
      return [n.control, n.subject, n.until, n.reason, ...opt(n.approvedBy)];
    case "Test":
      return [n.name, n.given, ...n.expects];
    case "Expect":
      return [n.control, n.status, ...opt(n.subject)];
    case "Severity":
      return [n.level];
    case "Frameworks":
      return [...n.values];
    case "TextItem":
      return [n.text];
    case "Text":
      return [];
    case "For":
      return [n.variable, n.collection, ...opt(n.where)];
    case "Require":
      return [n.condition, ...opt(n.message)];
    case "Ingress":
    case "Egress":
      return [n.subject, ...n.statements];
    case "IpAccessListsEnforced":
    case "PrivateLinkRequired":
    case "Restricted":
      return [];
    case "AllowOnlyFrom":
    case "DenyFrom":
      return [...n.ranges];
    case "DnsForwardingFor":
      return [...n.zones];
    case "Enforced":
      return opt(n.product);
    case "MustAllow":
      return [...n.items, ...opt(n.when)];
    case "AllowOnly":
      return [...n.items];
    case "String":
      return [...n.parts];
    case "Number":
    case "Bool":
    case "Date":
    case "Net":
    case "Name":
    case "Error":
    case "Ident":
    case "QualifiedName":
    case "ControlId":
      return [];
    case "Call":
      return [...opt(n.qualifier), n.callee, ...n.args];
    case "Member":
      return [n.object, n.field];
    case "Index":
      return [n.object, n.index];
    case "List":
      return [...n.items];
    case "Comprehension":
      return [n.element, n.variable, n.collection, ...opt(n.where)];
    case "First":
      return [n.variable, n.collection, n.where];
    case "Paren":
      return [n.expr];
    case "Not":
      return [n.operand];
    case "Binary":
      return [n.left, n.right];
    case "Is":
      return [n.operand];
    case "Quantified":
      return [n.variable, n.collection, n.body];
    default:
      return assertNever(n);
  }
}

/** Visits `n` and its descendants depth-first; return `false` from `fn` to skip a subtree. */
export function walk(n: AnyNode, fn: (node: AnyNode, parent: AnyNode | undefined) => boolean | void, parent?: AnyNode): void {
  if (fn(n, parent) === false) return;
  for (const c of childNodes(n)) walk(c, fn, n);
}
