/**
 * The `perimeter-ast` printer: one print function per node kind, in a map typed over every
 * kind (a new node kind fails `tsc` here until it has a printer), plus Prettier's comment
 * hooks and `# prettier-ignore`.
 *
 * `# prettier-ignore` on the line before a declaration, control item, block statement or
 * test line (or, inside an expression, before an operand the comment leads) prints that node
 * exactly as written.
 */

import type { Doc, Printer } from "prettier";
import { builders, utils } from "prettier/doc";
import { handleComment, IGNORE_COMMENT } from "./comments.js";
import { locEnd, locStart } from "./parser.js";
import * as C from "./print/control.js";
import * as D from "./print/declarations.js";
import * as E from "./print/expressions.js";
import { needsParens } from "./print/layout.js";
import { danglingTrailing } from "./print/shared.js";
import { leadingComments, type Kind, type NodeOf, type Options, type Path, type PComment, type PNode, type Print } from "./types.js";
import { visitorKeys } from "./visitor-keys.js";

type KindPrinter<K extends Kind> = (path: Path<NodeOf<K>>, options: Options, print: Print) => Doc;
/** One printer per node kind: a kind without one is a type error. */
export type Printers = { readonly [K in Kind]: KindPrinter<K> };

const unprintable = (what: string) => (): Doc => {
  throw new Error(`internal error: the formatter cannot print ${what}`);
};

export const PRINTERS: Printers = {
  File: D.printFile,
  Package: D.printPackage,
  Import: D.printImport,
  QualifiedName: (path) => path.node.parts.join("."),
  Param: D.printParam,
  Let: D.printLet,
  Def: D.printDef,
  Control: C.printControl,
  ControlId: (path) => path.node.id,
  Severity: C.printSeverity,
  Frameworks: C.printFrameworks,
  TextItem: C.printTextItem,
  For: C.printFor,
  Require: C.printRequire,
  Ingress: C.printPosture,
  Egress: C.printPosture,
  IpAccessListsEnforced: C.fixedStatement("ip access lists enforced"),
  AllowOnlyFrom: C.printAllowOnlyFrom,
  DenyFrom: C.printDenyFrom,
  PrivateLinkRequired: C.fixedStatement("private link required"),
  DnsForwardingFor: C.printDnsForwardingFor,
  Restricted: C.fixedStatement("restricted"),
  Enforced: C.printEnforced,
  MustAllow: C.printMustAllow,
  AllowOnly: C.printAllowOnly,
  Waiver: D.printWaiver,
  Test: D.printTest,
  Expect: D.printExpect,
  Ident: (path) => path.node.name,
  String: E.printString,
  Text: unprintable("string text outside its string"),
  Number: E.printNumber,
  Bool: E.printBool,
  Date: E.printDate,
  Net: E.printNet,
  Name: E.printName,
  Call: E.printCall,
  Member: E.printMember,
  Index: E.printIndex,
  List: E.printList,
  Comprehension: E.printComprehension,
  First: E.printFirst,
  Paren: E.printParen,
  Not: E.printNot,
  Binary: E.printBinary,
  Is: E.printIs,
  Quantified: E.printQuantified,
  Error: unprintable("a syntax error"),
};

/** Whether a `# prettier-ignore` comment stands before the node (not one moved there from inside it). */
export function isIgnored(node: PNode): boolean {
  return leadingComments(node).some((c) => c.span.end <= node.span.start && IGNORE_COMMENT.test(c.text));
}

function print(path: Path, options: Options, print: Print): Doc {
  const node = path.node;
  const printNode = PRINTERS[node.kind] as KindPrinter<Kind>;
  const doc = printNode(path as Path<never>, options, print);
  // A comment left dangling where the node's printer has no place for one still gets printed.
  const rest = danglingTrailing(node, options);
  return needsParens(path) ? ["(", doc, ")", rest] : [doc, rest];
}

export const perimeterPrinter: Printer<PNode> = {
  print,
  getVisitorKeys: visitorKeys,
  // A qualified name has no parts to hold a comment: one inside it belongs to its declaration.
  canAttachComment: (node) => typeof node.kind === "string" && node.kind !== "Text" && node.kind !== "QualifiedName",
  isBlockComment: () => false,
  printComment: (path) => (path.node as unknown as PComment).text,
  handleComments: { ownLine: handleComment, endOfLine: handleComment, remaining: handleComment },
  hasPrettierIgnore: (path) => isIgnored(path.node),
  printPrettierIgnored: (path, options) => utils.replaceEndOfLine(options.originalText.slice(locStart(path.node), locEnd(path.node)), builders.literalline),
};
