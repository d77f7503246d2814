/**
 * Formatting: the whole document through Prettier and the `perimeter/prettier` plugin, as
 * `perimeter fmt` does (a Prettier configuration file that applies is honoured; the editor's
 * tab size and spaces/tabs choice apply when no configuration sets them). A document with a
 * syntax error is left as it is (no edits), as `fmt` leaves such a file.
 */

import type { FormattingOptions, TextEdit } from "vscode-languageserver";
import { parseSource } from "../syntax/parse.js";
import { SourceFile } from "../source/source.js";
import { toRange } from "./diagnostics.js";

export async function formatDocument(path: string, text: string, options: FormattingOptions): Promise<TextEdit[]> {
  const source = new SourceFile(path, text);
  if (parseSource(source).diagnostics.some((d) => d.severity === "error")) return [];
  const prettier = await import("prettier");
  const { default: plugin } = await import("../format/index.js");
  const config = (await prettier.resolveConfig(path, { editorconfig: true })) ?? {};
  const formatted = await prettier.format(text, { tabWidth: options.tabSize, useTabs: !options.insertSpaces, ...config, filepath: path, parser: "perimeter", plugins: [plugin] });
  if (formatted === text) return [];
  return [{ range: toRange(source, { start: 0, end: text.length }), newText: formatted }];
}
