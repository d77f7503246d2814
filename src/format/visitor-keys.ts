/**
 * The fields of each node kind that hold child nodes, for Prettier's comment attachment.
 *
 * The map is typed over every node kind, so adding a kind to the AST fails `tsc` here until
 * its children are listed. A string literal lists none: it is printed exactly as written, and
 * the lexer never produces a comment inside one (a `#` there is text).
 */

import type { AnyNode } from "../syntax/ast.js";

// Over the AST's nodes directly (types.ts, which names them for the printer, imports this module).
type Keys = { readonly [K in AnyNode["kind"]]: readonly (keyof Extract<AnyNode, { kind: K }> & string)[] };

const KEYS: Keys = {
  File: ["package", "imports", "decls"],
  Package: ["name"],
  Import: ["name", "alias"],
  QualifiedName: [],
  Param: ["name", "value"],
  Let: ["name", "value"],
  Def: ["name", "params", "body"],
  Control: ["id", "title", "items"],
  ControlId: [],
  Severity: ["level"],
  Frameworks: ["values"],
  TextItem: ["text"],
  For: ["variable", "collection", "where"],
  Require: ["condition", "message"],
  Ingress: ["subject", "statements"],
  Egress: ["subject", "statements"],
  IpAccessListsEnforced: [],
  AllowOnlyFrom: ["ranges"],
  DenyFrom: ["ranges"],
  PrivateLinkRequired: [],
  DnsForwardingFor: ["zones"],
  Restricted: [],
  Enforced: ["product"],
  MustAllow: ["items", "when"],
  AllowOnly: ["items"],
  Waiver: ["control", "subject", "until", "reason", "approvedBy"],
  Test: ["name", "given", "expects"],
  Expect: ["control", "status", "subject"],
  Ident: [],
  String: [],
  Text: [],
  Number: [],
  Bool: [],
  Date: [],
  Net: [],
  Name: [],
  Call: ["qualifier", "callee", "args"],
  Member: ["object", "field"],
  Index: ["object", "index"],
  List: ["items"],
  Comprehension: ["element", "variable", "collection", "where"],
  First: ["variable", "collection", "where"],
  Paren: ["expr"],
  Not: ["operand"],
  Binary: ["left", "right"],
  Is: ["operand"],
  Quantified: ["variable", "collection", "body"],
  Error: [],
};

export function visitorKeys(node: AnyNode): string[] {
  return [...(KEYS[node.kind] ?? [])];
}
