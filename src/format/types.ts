/**
 * The shapes the Prettier plugin works on.
 *
 * The plugin formats the AST of `src/syntax/ast.ts` as it is: Prettier walks it, attaches
 * each `#` comment to a node (it adds a `comments` array to that node) and hands the printer
 * an `AstPath` over it. `PComment` is a comment as Prettier sees it: our `Comment` plus the
 * fields Prettier reads (`value`) and writes (`leading`, `trailing`, `printed`, …).
 */

import type { AstPath, Doc, ParserOptions } from "prettier";
import type { AnyNode } from "../syntax/ast.js";
import type { Span } from "../source/source.js";
import { visitorKeys } from "./visitor-keys.js";

export type PNode = AnyNode;
export type Kind = PNode["kind"];
export type NodeOf<K extends Kind> = Extract<PNode, { kind: K }>;

export interface PComment {
  readonly text: string;
  /** Prettier's name for the text (used in its "was not printed" error). */
  readonly value: string;
  readonly span: Span;
  leading?: boolean;
  trailing?: boolean;
  printed?: boolean;
  /** Set by the comment handler for comments printed at a fixed place by their node's printer. */
  marker?: string;
  enclosingNode?: PNode;
  precedingNode?: PNode;
  followingNode?: PNode;
}

export type Options = ParserOptions<PNode>;
export type Print = (selector?: string | number | Array<string | number> | AstPath<PNode>) => Doc;
export type Path<T extends PNode = PNode> = AstPath<T>;

/** The comments Prettier attached to a node (none before attachment). */
export function attached(node: PNode): PComment[] {
  const c = (node as { comments?: unknown }).comments;
  return Array.isArray(c) ? (c as PComment[]) : [];
}

export const leadingComments = (node: PNode): PComment[] => attached(node).filter((c) => c.leading === true);
export const trailingComments = (node: PNode): PComment[] => attached(node).filter((c) => c.trailing === true);
export const danglingComments = (node: PNode, marker?: string): PComment[] =>
  attached(node).filter((c) => c.leading !== true && c.trailing !== true && c.marker === marker);

export function hasComments(node: PNode): boolean {
  return attached(node).length > 0;
}

/** Whether a comment is attached to the node or to any node inside it. */
export function containsComments(node: PNode): boolean {
  if (hasComments(node)) return true;
  return visitorKeys(node).some((k) => {
    const v = (node as unknown as Record<string, unknown>)[k];
    return Array.isArray(v) ? v.some((c) => containsComments(c as PNode)) : v !== undefined && containsComments(v as PNode);
  });
}
