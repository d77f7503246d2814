/**
 * parse(): text → AST plus diagnostics. Never throws on any input.
 *
 * One lexer and one parser instance serve every call. The stages: refuse binary input,
 * tokenize (unexpected characters are reported and skipped), refuse absurd nesting before
 * the recursive-descent parser can exhaust the stack, parse (with error recovery only when
 * the text has a syntax error), convert to the AST. Each syntax error is reported once, at the token where it was detected.
 */

import { EOF, Lexer, type ILexingResult, type IRecognitionException, type IToken, type TokenType } from "chevrotain";
import { DiagnosticSink, type Diagnostic } from "../diagnostics/diagnostic.js";
import { span, type SourceFile } from "../source/source.js";
import type * as A from "./ast.js";
import type * as C from "./cst.js";
import { describeToken } from "./parse-errors.js";
import { parserInstance, underVitest, type PerimeterParser } from "./parser.js";
import { AstBuilder } from "./to-ast.js";
import * as T from "./tokens.js";
import { allTokens, LBracket, LCurly, LParen, RBracket, RCurly, RParen } from "./tokens.js";

export const MAX_NESTING = 100;
const MAX_SYNTAX_ERRORS = 100;

let lexerInstance: Lexer | undefined;
function lexer(): Lexer {
  return (lexerInstance ??= new Lexer(allTokens, {
    positionTracking: "full",
    ensureOptimizations: underVitest(),
    skipValidations: !underVitest(),
  }));
}

export interface ParseResult {
  readonly file: A.FileNode;
  readonly diagnostics: readonly Diagnostic[];
}

export function parseSource(source: SourceFile): ParseResult {
  const sink = new DiagnosticSink(source.path);
  const empty: A.FileNode = { kind: "File", path: source.path, imports: [], decls: [], comments: [], span: span(0, source.text.length) };
  const nul = source.text.indexOf("\u0000");
  if (nul >= 0) {
    sink.report("E0602", span(nul, nul + 1), "this is not a text file: it contains NUL bytes", { help: "policy files are UTF-8 text" });
    return { file: empty, diagnostics: sink.items };
  }
  const lexed = lex(source.text, 0, sink);
  const comments = (lexed.groups["comments"] ?? []).map((t) => ({ text: t.image, span: span(t.startOffset, t.startOffset + t.image.length) }));
  if (!nestingOk(lexed.tokens, 0, sink)) return { file: { ...empty, comments }, diagnostics: sink.items };

  const builder = new AstBuilder(sink, 0, (text, base) => parseInterpolation(text, base, sink), source.text.length);
  let parsed: Parsed<C.FileCstNode>;
  try {
    parsed = parse(lexed.tokens, (p) => p.file() as C.FileCstNode);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    sink.report("E0107", span(0, Math.min(1, source.text.length)), "the file is nested too deeply to parse");
    return { file: { ...empty, comments }, diagnostics: sink.items };
  }
  const { cst, errors } = parsed;
  reportParseErrors(errors, 0, source.text.length, sink, "file", lexed.tokens);
  const file = builder.file(cst, source.path, comments, source.text.length);
  return { file, diagnostics: limit(sink.items) };
}

/** The tokens of a text, comments and characters the lexer rejects left out (editors ask what surrounds a position). */
export function tokenize(text: string): IToken[] {
  return lexer().tokenize(text).tokens;
}

/** Parses a standalone expression (tests and tools). */
export function parseExpression(source: SourceFile): { expr: A.Expr; diagnostics: readonly Diagnostic[] } {
  const sink = new DiagnosticSink(source.path);
  const expr = parseInterpolation(source.text, 0, sink);
  return { expr, diagnostics: sink.items };
}

function parseInterpolation(text: string, base: number, sink: DiagnosticSink): A.Expr {
  const at = span(base, base + text.length);
  const lexed = lex(text, base, sink);
  if (!nestingOk(lexed.tokens, base, sink)) return { kind: "Error", span: at };
  let parsed: Parsed<C.ExpressionCstNode>;
  try {
    parsed = parse(lexed.tokens, (p) => p.expression() as C.ExpressionCstNode);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    sink.report("E0107", at, "this expression is nested too deeply");
    return { kind: "Error", span: at };
  }
  const { cst, errors } = parsed;
  reportParseErrors(errors, base, base + text.length, sink, "expression");
  const builder = new AstBuilder(sink, base, (t, b) => parseInterpolation(t, b, sink), base + text.length);
  return builder.expression(cst, at);
}

interface Parsed<N> {
  readonly cst: N;
  readonly errors: readonly IRecognitionException[];
}

/**
 * Runs a rule of the grammar on tokens: first without error recovery; on a syntax error, again
 * with it, so that the CST and the errors are the recovering parser's, as if it alone had run.
 */
function parse<N>(tokens: IToken[], rule: (p: PerimeterParser) => N): Parsed<N> {
  const fast = parserInstance(false);
  fast.input = tokens;
  const cst = rule(fast);
  if (fast.errors.length === 0) return { cst, errors: [] };
  const recovering = parserInstance(true);
  recovering.input = tokens;
  return { cst: rule(recovering), errors: recovering.errors };
}

function lex(text: string, base: number, sink: DiagnosticSink): ILexingResult {
  const result = lexer().tokenize(text);
  for (const err of result.errors.slice(0, MAX_SYNTAX_ERRORS)) {
    const ch = text.slice(err.offset, err.offset + 1);
    const run = text.slice(err.offset, err.offset + Math.max(1, err.length));
    const printable = !/[\x00-\x1f\x7f-\x9f\ufffd]/.test(run) && run.length <= 12;
    const shown = printable ? run : `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}`;
    const what = printable && run.length > 1 ? "characters" : "character";
    sink.report("E0101", span(base + err.offset, base + err.offset + Math.max(1, err.length)), `unexpected ${what} \`${shown}\``, {
      help: hintForCharacter(ch),
    });
  }
  return result;
}

function hintForCharacter(ch: string): string | undefined {
  switch (ch) {
    case "'":
      return 'strings use double quotes: "…"';
    case "!":
      return "write `not` for negation; `!=` is the only operator with `!`";
    case "&":
      return "write `and`";
    case "|":
      return "write `or`";
    case ";":
      return "statements need no terminator";
    case "/":
      return "comments start with `#`";
    case "*":
      return 'a wildcard domain is a string: "*.example.com"';
    default:
      return undefined;
  }
}

/** Refuses input nested deeper than MAX_NESTING brackets before the parser recurses into it. */
function nestingOk(tokens: readonly IToken[], base: number, sink: DiagnosticSink): boolean {
  let depth = 0;
  for (const t of tokens) {
    const tt = t.tokenType;
    if (tt === LParen || tt === LBracket || tt === LCurly) {
      if (++depth > MAX_NESTING) {
        sink.report("E0107", span(base + t.startOffset, base + t.startOffset + 1), `brackets nested more than ${MAX_NESTING} deep`, {
          help: "split the expression with `let` or `def`",
        });
        return false;
      }
    } else if (tt === RParen || tt === RBracket || tt === RCurly) {
      depth = Math.max(0, depth - 1);
    }
  }
  return true;
}

function reportParseErrors(errors: readonly IRecognitionException[], base: number, end: number, sink: DiagnosticSink, entry: "file" | "expression", tokens: readonly IToken[] = []): void {
  const seen = new Set<string>();
  for (const e of errors) {
    const tok = e.token;
    const atEof = tok.tokenType === EOF || !Number.isFinite(tok.startOffset);
    const brace = atEof ? undefined : unclosedBrace(e, tokens);
    if (brace !== undefined) {
      // A block whose `}` is missing shows only at the next declaration: report it there, and
      // point at the brace that is not closed.
      const s = span(base + tok.startOffset, base + tok.startOffset + tok.image.length);
      const key = `${s.start}:unclosed`;
      if (seen.has(key)) continue;
      seen.add(key);
      sink.report("E0104", s, `expected \`}\` before ${describeToken(tok)}: a block is not closed`, {
        help: "add the missing `}` where the block ends",
        related: [{ file: sink.file, span: span(base + brace.startOffset, base + brace.startOffset + 1), message: "this `{` is not closed" }],
      });
      continue;
    }
    let s = atEof ? span(Math.max(base, end - 1), end) : span(base + tok.startOffset, base + tok.startOffset + tok.image.length);
    // Something left incomplete at the end of a line ("x ==", "[1, 2", a missing `}`) is
    // noticed only at the next line's first word; point at where the text stopped instead.
    const prev = (e as { previousToken?: IToken }).previousToken;
    if (prev !== undefined && Number.isFinite(prev.startOffset) && (atEof || (startsItem(tok) && (prev.endLine ?? 0) < (tok.startLine ?? 0)))) {
      const after = base + prev.startOffset + prev.image.length;
      s = span(after, after);
    }
    let message = e.message;
    if (entry === "expression") {
      if (e.name === "NotAllInputParsedException") message = `unexpected ${describeToken(tok)} after the interpolated expression`;
      message = message.replace(/found end of file$/, "found `}`");
    }
    const key = `${s.start}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (e.name === "MismatchedTokenException" && T.hardKeywords.includes(tok.tokenType) && message.startsWith("expected a name")) {
      sink.report("E0108", s, `\`${tok.image}\` is a reserved word and cannot be a name`, { help: `choose another name, such as \`${tok.image}_\`` });
      continue;
    }
    // A comparison after a comparison (parser.ts also reports one after a `first … where` condition).
    if (COMPARISONS.has(tok.tokenType) && !atEof) message = `comparisons cannot be chained: \`${tok.image}\` follows another comparison`;
    if (message.startsWith("comparisons cannot be chained:")) {
      sink.report("E0104", s, message, { help: "join two comparisons with `and`, or group one with parentheses" });
      continue;
    }
    sink.report("E0104", s, message);
  }
}

/** Tokens that begin only a top-level declaration: one of them inside a block means its `}` is missing. */
const DECLARATION_STARTS: ReadonlySet<TokenType> = new Set(T.declarationKeywords);

/** Rules that end with the `}` of a block. */
const BLOCK_RULES: ReadonlySet<string> = new Set(["controlDecl", "ingressBlock", "egressBlock", "testDecl"]);

/**
 * The unmatched `{` before `e`'s token, when `e` is a block's missing `}` found at a token that
 * starts a declaration (`control A-1 "…" { … control A-2 …`).
 */
function unclosedBrace(e: IRecognitionException, tokens: readonly IToken[]): IToken | undefined {
  if (e.name !== "MismatchedTokenException" || !DECLARATION_STARTS.has(e.token.tokenType)) return undefined;
  const rule = e.context?.ruleStack.at(-1);
  if (rule === undefined || !BLOCK_RULES.has(rule)) return undefined;
  const at = tokens.indexOf(e.token);
  let depth = 0;
  for (let i = (at < 0 ? tokens.length : at) - 1; i >= 0; i--) {
    const tt = tokens[i]!.tokenType;
    if (tt === RCurly) depth++;
    else if (tt === LCurly) {
      if (depth === 0) return tokens[i];
      depth--;
    }
  }
  return undefined;
}

const COMPARISONS: ReadonlySet<TokenType> = new Set([T.EqEq, T.NotEq, T.Lt, T.LtEq, T.Gt, T.GtEq, T.Within, T.Overlaps, T.Matches]);

/** Tokens that begin a declaration, a control item, a block statement or close a block. */
const ITEM_STARTS: ReadonlySet<TokenType> = new Set([
  T.Package, T.Import, T.Param, T.Let, T.Def, T.Control, T.Waive, T.Test, T.Expect, T.Given,
  T.Severity, T.Frameworks, T.Remediation, T.Description, T.Docs, T.For, T.Require, T.Ingress, T.Egress,
  T.Allow, T.Deny, T.Ip, T.Private, T.Dns, T.Restricted, T.Enforced, T.Must, T.RCurly,
]);

function startsItem(tok: IToken): boolean {
  return ITEM_STARTS.has(tok.tokenType);
}

function limit(diags: Diagnostic[]): Diagnostic[] {
  return diags.length > MAX_SYNTAX_ERRORS * 2 ? diags.slice(0, MAX_SYNTAX_ERRORS * 2) : diags;
}
