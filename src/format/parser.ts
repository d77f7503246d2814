/**
 * The `perimeter` parser for Prettier: `parseSource` from the compiler's front end, so the
 * formatter and the compiler can never disagree about what a file means.
 *
 * A file with a syntax error is refused: `parse` throws a `PerimeterSyntaxError` whose message
 * names the line and column of the first error (and whose `loc` lets Prettier show the code
 * frame), so Prettier fails instead of formatting a tree that error recovery patched up.
 * Only errors count; the front end reports no warnings while parsing.
 */

import type { Parser } from "prettier";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { SourceFile } from "../source/source.js";
import { parseSource } from "../syntax/parse.js";
import type { PComment, PNode } from "./types.js";

export class PerimeterSyntaxError extends SyntaxError {
  /** For Prettier's code frame: 1-based line and column of the first error. */
  readonly loc: { start: { line: number; column: number } };

  constructor(
    readonly diagnostics: readonly Diagnostic[],
    source: SourceFile,
  ) {
    const first = diagnostics[0]!;
    const at = source.position(first.span.start);
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more syntax error${diagnostics.length > 2 ? "s" : ""})` : "";
    super(`${first.code}: ${first.message} at line ${at.line}, column ${at.column}${more}`);
    this.name = "SyntaxError";
    this.loc = { start: { line: at.line, column: at.column } };
  }
}

/** Parses `text` for formatting; throws `PerimeterSyntaxError` on any error. */
export function parseForFormat(text: string, path = "<input>"): PNode {
  const source = new SourceFile(path, text);
  const { file, diagnostics } = parseSource(source);
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new PerimeterSyntaxError(errors, source);
  // Trailing whitespace is not part of what a comment says, and the printer never keeps any.
  const comments: PComment[] = file.comments.map((c) => ({ text: c.text.trimEnd(), value: c.text, span: c.span }));
  return { ...file, comments };
}

export const locStart = (node: PNode | PComment): number => node.span.start;
export const locEnd = (node: PNode | PComment): number => node.span.end;

export const perimeterParser: Parser<PNode> = {
  parse: (text, options) => parseForFormat(text, options.filepath ?? "<input>"),
  astFormat: "perimeter-ast",
  locStart,
  locEnd,
};
