// The lexer's start-character and line-break hints (src/syntax/tokens.ts `startsWith`) state
// what Chevrotain would otherwise compute from each pattern when the lexer is built. They are
// checked against a lexer that computes them: the same first-character dispatch table and the
// same line-terminator flags, and the same tokens on every policy file of the repository.
import { readFileSync } from "node:fs";
import { Lexer, type TokenType } from "chevrotain";
import { describe, expect, it } from "vitest";
import { findPolicyFiles } from "../../src/io/policy-files.js";
import { packagePath } from "../../src/paths.js";
import { allTokens } from "../../src/syntax/tokens.js";

interface PatternConfig { readonly tokenTypeIdx: number; readonly canLineTerminator: boolean }
interface LexerInternals {
  readonly charCodeToPatternIdxToConfig: Record<string, (PatternConfig[] | undefined)[]>;
  readonly patternIdxToConfig: Record<string, PatternConfig[]>;
  readonly canModeBeOptimized: Record<string, boolean>;
}

/** The token types as they would be without hints: Chevrotain analyses their patterns. */
function unhinted(tokens: readonly TokenType[]): TokenType[] {
  const copies = new Map<TokenType, TokenType>();
  for (const t of tokens) {
    if (!(t.PATTERN instanceof RegExp)) continue; // custom matchers must carry their hint
    const copy: Record<string, unknown> = { ...t };
    delete copy["START_CHARS_HINT"];
    delete copy["LINE_BREAKS"];
    copies.set(t, copy as unknown as TokenType);
  }
  const swap = (t: TokenType) => copies.get(t) ?? t;
  for (const copy of copies.values()) {
    const alt = copy.LONGER_ALT;
    if (alt !== undefined) (copy as { LONGER_ALT?: TokenType | TokenType[] }).LONGER_ALT = Array.isArray(alt) ? alt.map(swap) : swap(alt);
  }
  return tokens.map(swap);
}

const options = { positionTracking: "full", ensureOptimizations: true } as const;
const hinted = new Lexer(allTokens, options);
const computed = new Lexer(unhinted(allTokens), options);

function internals(lexer: Lexer): LexerInternals {
  return lexer as unknown as LexerInternals;
}

describe("lexer hints", () => {
  it("some token types carry hints (the test compares something)", () => {
    expect(allTokens.filter((t) => t.PATTERN instanceof RegExp && t.START_CHARS_HINT !== undefined).length).toBeGreaterThan(70);
  });

  it("give the first-character dispatch Chevrotain computes from the patterns", () => {
    const table = (l: Lexer) =>
      internals(l).charCodeToPatternIdxToConfig["defaultMode"]!.map((configs) => (configs ?? []).map((c) => c.tokenTypeIdx));
    expect(internals(hinted).canModeBeOptimized["defaultMode"]).toBe(true);
    expect(table(hinted)).toEqual(table(computed));
  });

  it("give the line-terminator flags Chevrotain computes from the patterns", () => {
    const flags = (l: Lexer) => internals(l).patternIdxToConfig["defaultMode"]!.map((c) => [c.tokenTypeIdx, c.canLineTerminator]);
    expect(flags(hinted)).toEqual(flags(computed));
  });

  it("lex every policy file of the repository as the computed lexer does", () => {
    const files = [...findPolicyFiles(packagePath("policies")), ...findPolicyFiles(packagePath("examples")), ...findPolicyFiles(packagePath("test"))];
    expect(files.length).toBeGreaterThan(20);
    const shape = (r: ReturnType<Lexer["tokenize"]>) => ({
      tokens: r.tokens.map((t) => [t.tokenType.name, t.startOffset, t.endOffset, t.startLine, t.startColumn, t.endLine, t.endColumn]),
      errors: r.errors.map((e) => [e.offset, e.length, e.line, e.column]),
    });
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect(shape(hinted.tokenize(text)), file).toEqual(shape(computed.tokenize(text)));
    }
  });
});
