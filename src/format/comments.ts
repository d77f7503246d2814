/**
 * Where each comment goes: Prettier's `handleComments` hooks.
 *
 * Prettier finds, for each comment, the smallest node enclosing it (E) and the children of E
 * just before (P) and after (F) it. Every comment is then attached here, never by Prettier's
 * defaults, by rules chosen so that formatting is idempotent: a comment must land where, on
 * re-parsing the output, the same rule puts it back in the same place.
 *
 * - In a *container* (the file, a control, an ingress/egress block, a test), items stand on
 *   their own lines. A comment on the line of an item trails it; a comment on its own line
 *   leads the next item, or trails the last one (before `}` or the end of the file), or dangles
 *   in an empty block. In a block header, the first comment after the header on its line trails
 *   the header (it is printed after the `{`), later ones go inside the block, and a comment
 *   between the words of the header goes above the block.
 * - Inside an item or an expression, a comment trails P when the printer can break the line
 *   right after P (so the comment stays between P and F). Otherwise, directly inside an item,
 *   it moves to the line above the item; inside an expression it leads F (printed just before
 *   F, then a line break); with no F, it dangles on E, whose printer puts it before its closing
 *   token.
 */

import type { ControlDecl, EgressBlock, FileNode, IngressBlock, TestDecl } from "../syntax/ast.js";
import { chainLevel, hugsValue } from "./print/layout.js";
import { isOwnLine } from "./text.js";
import type { Kind, NodeOf, PComment, PNode } from "./types.js";

/** The marker of comments printed before a test's `given` (they belong inside the braces). */
export const BEFORE_GIVEN = "before-given";

type Container = FileNode | ControlDecl | IngressBlock | EgressBlock | TestDecl;

function isContainer(n: PNode): n is Container {
  return n.kind === "File" || n.kind === "Control" || n.kind === "Ingress" || n.kind === "Egress" || n.kind === "Test";
}

/** The children printed one per line inside a container. */
export function containerItems(n: Container): readonly PNode[] {
  switch (n.kind) {
    case "File":
      return [...(n.package ? [n.package] : []), ...n.imports, ...n.decls];
    case "Control":
      return n.items;
    case "Ingress":
    case "Egress":
      return n.statements;
    case "Test":
      return [n.given, ...n.expects];
  }
}

function addComment(node: PNode, comment: PComment, leading: boolean, trailing: boolean, marker?: string): boolean {
  comment.leading = leading;
  comment.trailing = trailing;
  if (marker !== undefined) comment.marker = marker;
  comment.printed = false;
  const holder = node as unknown as { comments?: PComment[] };
  (holder.comments ??= []).push(comment);
  return true;
}

const addLeading = (n: PNode, c: PComment) => addComment(n, c, true, false);
const addTrailing = (n: PNode, c: PComment) => addComment(n, c, false, true);
const addDangling = (n: PNode, c: PComment, marker?: string) => addComment(n, c, false, false, marker);

/** The parts of a container before its `{`. */
function header(n: Container): readonly PNode[] {
  switch (n.kind) {
    case "File":
      return [];
    case "Control":
      return [n.id, n.title];
    case "Ingress":
    case "Egress":
      return [n.subject];
    case "Test":
      return [n.name];
  }
}

/** Nodes that stand on lines of their own in a container: declarations, items, statements, expectations. */
const ITEM_KINDS: ReadonlySet<Kind> = new Set<Kind>([
  "Package", "Import", "Param", "Let", "Def", "Waiver", "Expect",
  "Severity", "Frameworks", "TextItem", "For", "Require",
  "IpAccessListsEnforced", "AllowOnlyFrom", "DenyFrom", "PrivateLinkRequired", "DnsForwardingFor",
  "Restricted", "Enforced", "MustAllow", "AllowOnly",
]);

export const IGNORE_COMMENT = /^#\s*prettier-ignore\s*$/;

/** Items in which a comment stayed where no line can break (see `handleComment`). */
const keptInside = new WeakSet<PNode>();

/** The one handler for own-line, end-of-line and remaining comments. */
export function handleComment(comment: PComment, text: string, _options: unknown, ast: PNode): boolean {
  const enclosing = comment.enclosingNode ?? ast;
  const { precedingNode: p, followingNode: f } = comment;
  if (isContainer(enclosing)) return attachInContainer(enclosing, p, f, isOwnLine(text, comment.span.start), comment);
  if (p !== undefined && breaksAfter(enclosing, p)) return addTrailing(lastPrinted(enclosing, p), comment);
  // Inside an item, where no line break can follow: the comment goes on the line above the item,
  // except `# prettier-ignore`, which stays before the operand it keeps as written (and then so
  // do the item's later comments, to keep them in order).
  if (ITEM_KINDS.has(enclosing.kind) && !keptInside.has(enclosing)) {
    if (f === undefined || !IGNORE_COMMENT.test(comment.text)) return addLeading(enclosing, comment);
    keptInside.add(enclosing);
  }
  if (f !== undefined) return addLeading(f, comment);
  return addDangling(enclosing, comment);
}

/** Containers whose header already holds a comment (comments are attached in text order). */
const headerCommentsSeen = new WeakSet<Container>();

function attachInContainer(e: Container, p: PNode | undefined, f: PNode | undefined, ownLine: boolean, c: PComment): boolean {
  const items = containerItems(e);
  if (p !== undefined && items.includes(p)) {
    // After an item: on its line, or before the next item, or before `}` / the end of the file.
    return f !== undefined && ownLine ? addLeading(f, c) : addTrailing(p, c);
  }
  // Before the last part of the header (`control ID "title" {`, `ingress SUBJECT {`, `test
  // "name" {`): on the line above the block.
  const last = header(e).at(-1);
  if (last !== undefined && p !== last && f !== undefined) {
    if (!keptInside.has(e) && !IGNORE_COMMENT.test(c.text)) return addLeading(e, c);
    keptInside.add(e);
    return addLeading(f, c);
  }
  // After the header: the first comment, if on a line with code, stays after the `{` (only one
  // fits there); the others go inside the block, in their order.
  const first = !headerCommentsSeen.has(e);
  headerCommentsSeen.add(e);
  const firstItem = items[0];
  if (firstItem === undefined) return addDangling(e, c);
  if (!ownLine && first && last !== undefined) return addTrailing(last, c);
  if (e.kind === "Test") return addDangling(e, c, BEFORE_GIVEN);
  return addLeading(firstItem, c);
}

/**
 * A comment trailing the left operand of a flattened chain (`a and b and c`) is attached to
 * the last operand printed before it, because the printer never prints the inner chain nodes
 * as nodes of their own (so their comments would be lost).
 */
function lastPrinted(e: PNode, p: PNode): PNode {
  if (e.kind !== "Binary" || p !== e.left) return p;
  const level = chainLevel(e.op);
  let n: PNode = p;
  while (level !== undefined && n.kind === "Binary" && chainLevel(n.op) === level) n = n.right;
  return n;
}

type BreakRule = { readonly [K in Kind]: (node: NodeOf<K>, child: PNode) => boolean };

const never = () => false;

/**
 * Whether the printer of a node can break the line right after one of its children, in a
 * group that encloses the child (so a line comment after the child forces that break). Kept
 * beside the printers' layout choices in `print/`; the idempotency tests hold them together.
 */
const BREAKS_AFTER: BreakRule = {
  File: never,
  Control: never,
  Ingress: never,
  Egress: never,
  Test: never,
  Package: never,
  Import: never,
  QualifiedName: never,
  Param: (n, c) => c === n.name && !hugsValue(n.value),
  Let: (n, c) => c === n.name && !hugsValue(n.value),
  Def: (n, c) => c !== n.name,
  ControlId: never,
  Severity: never,
  Frameworks: () => true,
  TextItem: never,
  For: (n, c) => c === n.collection,
  Require: (n, c) => c === n.condition,
  IpAccessListsEnforced: never,
  AllowOnlyFrom: () => true,
  DenyFrom: () => true,
  PrivateLinkRequired: never,
  DnsForwardingFor: () => true,
  Restricted: never,
  Enforced: never,
  MustAllow: (n, c) => c !== n.when,
  AllowOnly: () => true,
  Waiver: (n, c) => c !== n.control,
  Expect: never,
  Ident: never,
  String: never,
  Text: never,
  Number: never,
  Bool: never,
  Date: never,
  Net: never,
  Name: never,
  Call: (n, c) => c !== n.qualifier && (c !== n.callee || n.args.length > 0),
  Member: never,
  Index: never,
  List: () => true,
  Comprehension: (n, c) => c !== n.variable,
  First: (n, c) => c === n.collection,
  Paren: never,
  Not: never,
  Binary: (n, c) => c === n.left,
  Is: never,
  Quantified: (n, c) => c === n.collection,
  Error: never,
};

export function breaksAfter(node: PNode, child: PNode): boolean {
  return (BREAKS_AFTER[node.kind] as (n: PNode, c: PNode) => boolean)(node, child);
}
