// The real TextMate engine of VS Code (vscode-textmate on the Oniguruma WebAssembly build of
// vscode-oniguruma) loaded with the extension's grammar, for the grammar tests.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as onig from "vscode-oniguruma";
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from "vscode-textmate";
import { packagePath } from "../../src/paths.js";

export const GRAMMAR_FILE = packagePath("editors", "vscode", "syntaxes", "perimeter.tmLanguage.json");

/** One token of one line: its columns (end exclusive), text and scope stack (outermost first). */
export interface LineToken {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly scopes: readonly string[];
}

let loaded: Promise<IGrammar> | undefined;

/** The grammar as VS Code loads it: parsed from the committed file, compiled by Oniguruma. */
export function perimeterGrammar(): Promise<IGrammar> {
  return (loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
    await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new onig.OnigScanner(patterns),
        createOnigString: (text: string) => new onig.OnigString(text),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === "source.perimeter" ? parseRawGrammar(readFileSync(GRAMMAR_FILE, "utf8"), GRAMMAR_FILE) : null,
    });
    const grammar = await registry.loadGrammar("source.perimeter");
    if (grammar === null) throw new Error(`cannot load ${GRAMMAR_FILE}`);
    return grammar;
  })());
}

/** Tokenises a text line by line, carrying the rule stack across lines as VS Code does. */
export async function tokenize(text: string): Promise<LineToken[]> {
  const grammar = await perimeterGrammar();
  const out: LineToken[] = [];
  let stack = INITIAL;
  text.split(/\r?\n/).forEach((lineText, line) => {
    const r = grammar.tokenizeLine(lineText, stack);
    if (r.stoppedEarly) throw new Error(`tokenisation stopped early on line ${line + 1}`);
    for (const tok of r.tokens) {
      const end = Math.min(tok.endIndex, lineText.length);
      out.push({ line, start: tok.startIndex, end, text: lineText.slice(tok.startIndex, end), scopes: tok.scopes });
    }
    stack = r.ruleStack;
  });
  return out;
}
