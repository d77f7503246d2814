/**
 * Printers for expressions.
 *
 * Literals print exactly as written: a string keeps its escapes and interpolations (its
 * source text is copied), an address or date its spelling. Chains of `or`, `and`, `??` and
 * `+`/`-` break before each operator, the continuation lines indented one level; a chain of a
 * tighter operator nested as the first operand of a looser one is indented one more level, so
 * the structure stays visible without adding parentheses. A comparison breaks before its
 * operator too; quantifier bodies after the `:`; `first` and comprehensions before `where`
 * (and `for`); calls and lists break one argument or item per line, a broken list with a
 * trailing comma.
 */

import type { Doc } from "prettier";
import type {
  BinaryExpr,
  BoolLit,
  CallExpr,
  ComprehensionExpr,
  DateLit,
  FirstExpr,
  IndexExpr,
  IsExpr,
  ListExpr,
  MemberExpr,
  NameRef,
  NetLit,
  NotExpr,
  NumberLit,
  ParenExpr,
  QuantifiedExpr,
  StringLit,
} from "../../syntax/ast.js";
import { hasComments, type Options, type Path, type PNode, type Print } from "../types.js";
import { chainLevel } from "./layout.js";
import { commaList, danglingBlock, danglingInline, group, hardline, ifBreak, indent, line, softline } from "./shared.js";

export const printString = (path: Path<StringLit>, options: Options): Doc => options.originalText.slice(path.node.span.start, path.node.span.end);
export const printNumber = (path: Path<NumberLit>): Doc => path.node.raw;
export const printBool = (path: Path<BoolLit>): Doc => (path.node.value ? "true" : "false");
export const printDate = (path: Path<DateLit>): Doc => path.node.raw;
export const printNet = (path: Path<NetLit>): Doc => path.node.raw;
export const printName = (path: Path<NameRef>): Doc => path.node.name;

/**
 * `(` items `)` or `[` items `]`, broken one per line, for the caller to group (a call groups
 * it with its callee, so a comment after the callee breaks the line after `(`); dangling
 * comments inside when empty.
 */
function bracketed(open: string, close: string, node: PNode, items: readonly PNode[], docs: readonly Doc[], options: Options, trailingComma: boolean): Doc {
  if (items.length === 0) {
    const dangling = danglingBlock(node, options);
    return dangling.length === 0 ? [open, close] : [open, indent([hardline, ...dangling]), hardline, close];
  }
  return [open, indent([softline, ...commaList(items, docs, options), trailingComma ? ifBreak(",") : ""]), softline, close];
}

export function printCall(path: Path<CallExpr>, options: Options, print: Print): Doc {
  const node = path.node;
  const callee = node.qualifier ? [print("qualifier"), ".", print("callee")] : print("callee");
  return group([callee, bracketed("(", ")", node, node.args, path.map(() => print(), "args"), options, false)]);
}

/** `x.field`; after an IPv6 literal, `.` needs a space, or the lexer would read it as part of the address. */
export function printMember(path: Path<MemberExpr>, _options: Options, print: Print): Doc {
  const object = path.node.object;
  return [print("object"), endsWithIPv6(object) ? " ." : ".", print("field")];
}

export function printIndex(path: Path<IndexExpr>, options: Options, print: Print): Doc {
  return [print("object"), "[", print("index"), danglingInline(path.node, options), "]"];
}

export function printList(path: Path<ListExpr>, options: Options, print: Print): Doc {
  return group(bracketed("[", "]", path.node, path.node.items, path.map(() => print(), "items"), options, true));
}

export function printComprehension(path: Path<ComprehensionExpr>, _options: Options, print: Print): Doc {
  const where = path.node.where ? [line, "where ", print("where")] : "";
  return group(["[", indent([softline, print("element"), line, "for ", print("variable"), " in ", print("collection"), where]), softline, "]"]);
}

export function printFirst(_path: Path<FirstExpr>, _options: Options, print: Print): Doc {
  return group(["first ", print("variable"), " in ", print("collection"), indent([line, "where ", print("where")])]);
}

export function printParen(path: Path<ParenExpr>, options: Options, print: Print): Doc {
  return ["(", print("expr"), danglingInline(path.node, options), ")"];
}

export const printNot = (_path: Path<NotExpr>, _options: Options, print: Print): Doc => ["not ", print("operand")];

export function printIs(path: Path<IsExpr>, options: Options, print: Print): Doc {
  const node = path.node;
  const dangling = danglingInline(node, options);
  return [print("operand"), dangling === "" ? " " : dangling, "is ", node.negated ? "not " : "", node.test];
}

/** Whether the last token of an expression is an IPv6 literal (which would swallow a `:` or `.` written right after it). */
export function endsWithIPv6(e: PNode): boolean {
  for (;;) {
    switch (e.kind) {
      case "Net":
        return e.family === 6;
      case "Binary":
        e = e.right;
        break;
      case "Not":
        e = e.operand;
        break;
      case "Quantified":
        e = e.body;
        break;
      case "First":
        e = e.where;
        break;
      default:
        return false;
    }
  }
}

export function printQuantified(path: Path<QuantifiedExpr>, _options: Options, print: Print): Doc {
  const colon = endsWithIPv6(path.node.collection) ? " :" : ":";
  return group([path.node.quantifier, " ", print("variable"), " in ", print("collection"), colon, indent([line, print("body")])]);
}

/** Whether the left operand continues the chain of `node` (it is printed flat, not as a node of its own). */
function continuesChain(node: BinaryExpr): node is BinaryExpr & { left: BinaryExpr } {
  const level = chainLevel(node.op);
  return level !== undefined && node.left.kind === "Binary" && chainLevel(node.left.op) === level && !hasComments(node.left);
}

/** The operands of a chain: the first, then `line op operand` for each further one. */
function chainParts(path: Path<BinaryExpr>, print: Print): Doc[] {
  const node = path.node;
  const head = continuesChain(node) ? path.call((left) => chainParts(left as Path<BinaryExpr>, print), "left") : [print("left")];
  return [...head, line, node.op, " ", print("right")];
}

export function printBinary(path: Path<BinaryExpr>, _options: Options, print: Print): Doc {
  const node = path.node;
  const level = chainLevel(node.op);
  if (level === undefined) return group([print("left"), indent([line, node.op, " ", print("right")])]);
  const [first, ...rest] = chainParts(path, print);
  let firstOperand: PNode = node;
  while (firstOperand.kind === "Binary" && chainLevel(firstOperand.op) === level) firstOperand = firstOperand.left;
  const nested = firstOperand.kind === "Binary" && (chainLevel(firstOperand.op) ?? 5) > level;
  return group([nested ? indent(first!) : first!, indent(rest)]);
}
