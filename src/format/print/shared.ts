/**
 * Building blocks shared by the printers: comma-separated lists, `{ … }` blocks with one item
 * per line, and the printing of dangling comments (comments attached to a node rather than
 * before or after one of its children; see `../comments.ts`).
 */

import type { Doc } from "prettier";
import { builders } from "prettier/doc";
import { isNextLineEmpty, isOwnLine, isPreviousLineEmpty } from "../text.js";
import { danglingComments, trailingComments, type Options, type PComment, type PNode } from "../types.js";

export const { breakParent, group, hardline, ifBreak, indent, join, line, lineSuffix, softline } = builders;

/**
 * Whether the author left a blank line after a node (after its comments on the same or the
 * following lines, which keep their own blank lines).
 */
export function blankLineAfter(node: PNode, options: Options): boolean {
  const end = Math.max(node.span.end, ...trailingComments(node).map((c) => c.span.end));
  return isNextLineEmpty(options.originalText, end);
}

function take(comments: readonly PComment[]): PComment[] {
  for (const c of comments) c.printed = true;
  return [...comments];
}

/** Dangling comments one per line (a single blank line kept between them), for the inside of a block. */
export function danglingBlock(node: PNode, options: Options, marker?: string): Doc[] {
  const parts: Doc[] = [];
  for (const c of take(danglingComments(node, marker))) {
    if (parts.length > 0) parts.push(hardline, isPreviousLineEmpty(options.originalText, c.span.start) ? hardline : "");
    parts.push(c.text);
  }
  return parts;
}

/**
 * Dangling comments just before a closing token (`)`, `]`, `is …`): each on the line where it
 * was (after the last child, or on a line of its own), then a line break.
 */
export function danglingInline(node: PNode, options: Options): Doc {
  const comments = take(danglingComments(node));
  if (comments.length === 0) return "";
  return [...comments.map((c, i) => [i > 0 || isOwnLine(options.originalText, c.span.start) ? hardline : " ", c.text]), hardline];
}

/** Dangling comments printed like trailing comments of the node (after its last token). */
export function danglingTrailing(node: PNode, options: Options): Doc {
  const comments = danglingComments(node).filter((c) => c.printed !== true);
  return take(comments).map((c, i) =>
    i === 0 && !isOwnLine(options.originalText, c.span.start) ? [lineSuffix([" ", c.text]), breakParent] : lineSuffix([hardline, c.text]),
  );
}

/**
 * `a, b, c` that breaks one item per line; an empty line the author left between two items is
 * kept when the list is broken.
 */
export function commaList(items: readonly PNode[], docs: readonly Doc[], options: Options): Doc[] {
  const parts: Doc[] = [];
  items.forEach((item, i) => {
    parts.push(docs[i]!);
    if (i < items.length - 1) parts.push(",", line, blankLineAfter(item, options) ? softline : "");
  });
  return parts;
}

/** `keyword a, b, c`, or the keyword alone with the items indented below it, one per line. */
export function keywordList(keyword: string, items: readonly PNode[], docs: readonly Doc[], options: Options): Doc {
  return group([keyword, indent([line, ...commaList(items, docs, options)])]);
}

/** Items one per line: one blank line where the author left at least one. */
export function itemLines(items: readonly PNode[], docs: readonly Doc[], options: Options): Doc[] {
  const parts: Doc[] = [];
  items.forEach((_item, i) => {
    if (i > 0) parts.push(hardline, blankLineAfter(items[i - 1]!, options) ? hardline : "");
    parts.push(docs[i]!);
  });
  return parts;
}

/** `head {` items `}`, or `head {}` when empty; dangling comments go inside the braces. */
export function block(head: Doc, node: PNode, body: Doc[], options: Options): Doc {
  const dangling = danglingBlock(node, options);
  if (body.length === 0 && dangling.length === 0) return [head, " {}"];
  const inside = dangling.length > 0 && body.length > 0 ? [...dangling, hardline, ...body] : [...dangling, ...body];
  return [head, " {", indent([hardline, ...inside]), hardline, "}"];
}
