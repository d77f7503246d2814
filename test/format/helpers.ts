// Shared by the formatter tests: format with the plugin (from src/, through Vite), and the
// two invariants every formatted file must keep: the same AST (spans aside) and the same comments.
import * as prettier from "prettier";
import plugin from "../../src/format/index.js";
import { SourceFile } from "../../src/source/source.js";
import { dumpAst } from "../../src/syntax/dump.js";
import { parseSource } from "../../src/syntax/parse.js";

export function format(text: string, options: prettier.Options = {}): Promise<string> {
  return prettier.format(text, { ...options, parser: "perimeter", plugins: [plugin] });
}

/** The parse of `text`, or an exception naming its first syntax error. */
function parsed(text: string) {
  const source = new SourceFile("input.perimeter", text);
  const r = parseSource(source);
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`syntax error: ${errors[0]!.message} at ${JSON.stringify(source.position(errors[0]!.span.start))}`);
  return { file: r.file, source };
}

/** `dumpAst` without the `@l:c-l:c` spans: what the file means, not where it is written. */
export function dumpWithoutSpans(text: string): string {
  const { file, source } = parsed(text);
  return dumpAst(file, source).replace(/ @\d+:\d+-\d+:\d+$/gm, "").replace(/=@\d+:\d+-\d+:\d+/g, "=@");
}

/** The comments of a file in order (trailing whitespace is not part of a comment's text). */
export function commentsOf(text: string): string[] {
  return parsed(text).file.comments.map((c) => c.text.trimEnd());
}

export function hasSyntaxErrors(text: string): boolean {
  return parseSource(new SourceFile("input.perimeter", text)).diagnostics.some((d) => d.severity === "error");
}

/** Formats twice and returns both results. */
export async function formatTwice(text: string, options: prettier.Options = {}): Promise<{ once: string; twice: string }> {
  const once = await format(text, options);
  return { once, twice: await format(once, options) };
}
