/**
 * Layout facts shared by the printers and the comment handler: which operators form chains
 * that break before the operator, which values a binding keeps on the line of its `=`, and
 * where parentheses are required when a tree is printed (the parser keeps the author's
 * parentheses as `Paren` nodes, so for a parsed file none is ever added).
 */

import type { BinaryOp, Expr } from "../../syntax/ast.js";
import type { Path, PNode } from "../types.js";

/** Operators printed as a flat chain, `a` / `op b` / `op c`; the value is the precedence. */
const CHAINS: Partial<Record<BinaryOp, number>> = { or: 2, and: 3, "??": 6, "+": 7, "-": 7 };

export function chainLevel(op: BinaryOp): number | undefined {
  return CHAINS[op];
}

/**
 * `let x = [` … `]`: a list literal always stays on the line of `=` and breaks inside (a call
 * or comprehension does so only when it does not fit on the next line: `binding` in
 * declarations.ts).
 */
export function hugsValue(value: Expr): boolean {
  return value.kind === "List";
}

/** Precedence of an expression (docs/language.md §3); 9 for primaries. */
export function precedence(e: PNode): number {
  switch (e.kind) {
    case "Quantified":
      return 1;
    case "Not":
      return 4;
    case "Is":
      return 5;
    case "Binary":
      return CHAINS[e.op] ?? 5;
    case "Member":
    case "Index":
    case "Call":
      return 8;
    default:
      return 9;
  }
}

/** `all x in xs: body` and `first x in xs where c` extend as far right as they can. */
const isGreedy = (e: PNode): boolean => e.kind === "Quantified" || e.kind === "First";

/** Whether nothing that could extend a greedy expression is printed after the node at `path`. */
function atTail(path: Path): boolean {
  for (let i = 0; ; i++) {
    const parent = path.getParentNode(i);
    const node = path.getNode(i);
    if (parent === null || node === null) return true;
    switch (parent.kind) {
      case "Binary":
        if (node === parent.left) return false;
        break;
      case "Not":
        break;
      case "Quantified":
        if (node !== parent.body) return true;
        break;
      case "First":
        if (node !== parent.where) return true;
        break;
      case "Index":
        return node === parent.index;
      case "Is":
      case "Member":
        return false;
      default:
        return true;
    }
  }
}

/** The lowest precedence an operand may have in its position without parentheses. */
function minimumPrecedence(parent: PNode, node: PNode): number {
  switch (parent.kind) {
    case "Binary": {
      const level = CHAINS[parent.op];
      if (level === undefined) return 6; // comparison operands are `??` expressions
      return node === parent.left ? level : level + 1; // chains associate to the left
    }
    case "Not":
      return 4;
    case "Is":
      return 6;
    case "Member":
    case "Index":
      return node === parent.object ? 8 : 0;
    case "Quantified":
      return node === parent.collection ? 2 : 0;
    default:
      return 0;
  }
}

/** A quantifier may stand as an operand of `and`, `or` and `not` (docs/language.md §7.1). */
function takesQuantifier(parent: PNode): boolean {
  return parent.kind === "Not" || (parent.kind === "Binary" && (parent.op === "and" || parent.op === "or"));
}

export function needsParens(path: Path): boolean {
  const node = path.node;
  const parent = path.parent;
  if (parent === null || node.kind === "Paren") return false;
  const min = node.kind === "Quantified" && takesQuantifier(parent) ? 0 : minimumPrecedence(parent, node);
  if (precedence(node) < min) return true;
  return isGreedy(node) && !atTail(path);
}
