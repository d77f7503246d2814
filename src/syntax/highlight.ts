/**
 * Syntax highlighting: which TextMate scope each token of the lexer (tokens.ts) gets.
 *
 * The one classification shared by every highlighter: the VS Code grammar
 * (editors/vscode/syntaxes/perimeter.tmLanguage.json) is generated from it by
 * grammar/textmate.ts, and `highlightText` applies it to the lexer's own tokens, for a
 * highlighter without a TextMate engine (the browser playground). A test tokenises the
 * library with both and requires the same scope at every token.
 *
 * Three rules depend on context rather than on the token alone:
 * - a word after `.` is a field (`policy.egress`), or a function when a `(` follows
 *   (`dbx.uses_python(a)`), whatever its token;
 * - a name followed by `(` is a call: a built-in function (check/builtins.ts) or a def;
 *   (both only on one line: TextMate matches a line at a time, and `x.` at the end of a
 *   line with its field on the next one is left to the language server);
 * - soft keywords are statement words inside the `{…}` of an `ingress`/`egress` block and
 *   ordinary names everywhere else.
 */

import { Lexer, type IToken, type TokenType } from "chevrotain";
import { BUILTINS } from "../check/builtins.js";
import * as t from "./tokens.js";

/** The scopes, by role. Every name ends in `.perimeter`, as TextMate conventions ask. */
export const SCOPES = {
  comment: "comment.line.number-sign.perimeter",
  string: "string.quoted.double.perimeter",
  /** The quotes, inside `string`, in the TextMate grammar only. */
  stringBegin: "punctuation.definition.string.begin.perimeter",
  stringEnd: "punctuation.definition.string.end.perimeter",
  unterminatedString: "string.quoted.double.unterminated.perimeter",
  escape: "constant.character.escape.perimeter",
  interpolation: "meta.interpolation.perimeter",
  interpolationBegin: "punctuation.section.interpolation.begin.perimeter",
  interpolationEnd: "punctuation.section.interpolation.end.perimeter",
  ipv4: "constant.numeric.ip-address.v4.perimeter",
  ipv6: "constant.numeric.ip-address.v6.perimeter",
  date: "constant.numeric.date.perimeter",
  number: "constant.numeric.decimal.perimeter",
  controlId: "entity.name.type.control-id.perimeter",
  importKeyword: "keyword.control.import.perimeter",
  declarationKeyword: "storage.type.perimeter",
  blockKeyword: "keyword.control.block.perimeter",
  controlKeyword: "keyword.control.perimeter",
  metadataKeyword: "keyword.other.metadata.perimeter",
  quantifier: "keyword.operator.quantifier.perimeter",
  wordOperator: "keyword.operator.word.perimeter",
  boolean: "constant.language.boolean.perimeter",
  statementKeyword: "keyword.other.statement.perimeter",
  identifier: "variable.other.perimeter",
  property: "variable.other.property.perimeter",
  function: "entity.name.function.perimeter",
  builtin: "support.function.builtin.perimeter",
  comparison: "keyword.operator.comparison.perimeter",
  coalesce: "keyword.operator.coalesce.perimeter",
  arithmetic: "keyword.operator.arithmetic.perimeter",
  assignment: "keyword.operator.assignment.perimeter",
  parenBegin: "punctuation.section.parens.begin.perimeter",
  parenEnd: "punctuation.section.parens.end.perimeter",
  bracketBegin: "punctuation.section.brackets.begin.perimeter",
  bracketEnd: "punctuation.section.brackets.end.perimeter",
  braceBegin: "punctuation.section.braces.begin.perimeter",
  braceEnd: "punctuation.section.braces.end.perimeter",
  comma: "punctuation.separator.comma.perimeter",
  colon: "punctuation.separator.colon.perimeter",
  accessor: "punctuation.accessor.perimeter",
} as const;

export type Role = keyof typeof SCOPES;

/** Each hard keyword's role; a keyword missing here fails the grammar's generation and a test. */
const HARD_KEYWORD_ROLES: Readonly<Record<string, Role>> = {
  package: "importKeyword", import: "importKeyword", as: "importKeyword",
  param: "declarationKeyword", let: "declarationKeyword", def: "declarationKeyword",
  control: "declarationKeyword", waive: "declarationKeyword", test: "declarationKeyword",
  ingress: "blockKeyword", egress: "blockKeyword",
  for: "controlKeyword", where: "controlKeyword", require: "controlKeyword", else: "controlKeyword",
  until: "controlKeyword", given: "controlKeyword", expect: "controlKeyword",
  severity: "metadataKeyword", frameworks: "metadataKeyword", remediation: "metadataKeyword",
  description: "metadataKeyword", docs: "metadataKeyword", reason: "metadataKeyword", approved_by: "metadataKeyword",
  any: "quantifier", all: "quantifier", none: "quantifier", first: "quantifier",
  in: "wordOperator", or: "wordOperator", and: "wordOperator", not: "wordOperator", is: "wordOperator",
  missing: "wordOperator", present: "wordOperator", within: "wordOperator", overlaps: "wordOperator", matches: "wordOperator",
  true: "boolean", false: "boolean",
};

/** The word a keyword token stands for (its label without the backquotes). */
export function keywordWord(type: TokenType): string {
  return String(type.LABEL).slice(1, -1);
}

const ROLE_OF_TOKEN: ReadonlyMap<TokenType, Role> = new Map<TokenType, Role>([
  [t.Comment, "comment"],
  [t.StringToken, "string"],
  [t.UnterminatedString, "unterminatedString"],
  [t.IPv6, "ipv6"],
  [t.IPv4, "ipv4"],
  [t.DateToken, "date"],
  [t.NumberToken, "number"],
  [t.ControlId, "controlId"],
  [t.Identifier, "identifier"],
  ...t.hardKeywords.map((k): [TokenType, Role] => [k, hardKeywordRole(k)]),
  ...t.softKeywords.map((k): [TokenType, Role] => [k, "statementKeyword"]),
  [t.Coalesce, "coalesce"],
  [t.EqEq, "comparison"], [t.NotEq, "comparison"], [t.LtEq, "comparison"], [t.GtEq, "comparison"], [t.Lt, "comparison"], [t.Gt, "comparison"],
  [t.Equals, "assignment"],
  [t.Plus, "arithmetic"], [t.Minus, "arithmetic"],
  [t.LParen, "parenBegin"], [t.RParen, "parenEnd"],
  [t.LBracket, "bracketBegin"], [t.RBracket, "bracketEnd"],
  [t.LCurly, "braceBegin"], [t.RCurly, "braceEnd"],
  [t.Comma, "comma"], [t.Colon, "colon"], [t.Dot, "accessor"],
]);

function hardKeywordRole(type: TokenType): Role {
  const role = HARD_KEYWORD_ROLES[keywordWord(type)];
  if (role === undefined) throw new Error(`highlight: the hard keyword \`${keywordWord(type)}\` has no role in HARD_KEYWORD_ROLES`);
  return role;
}

/** The tokens that are only categories or skipped, and so are never highlighted. */
export const UNHIGHLIGHTED: ReadonlySet<TokenType> = new Set([t.WhiteSpace, t.Word, t.StringLiteral]);

/** The role of a token out of context (a soft keyword's role inside a statement block). */
export function tokenRole(type: TokenType): Role {
  const role = ROLE_OF_TOKEN.get(type);
  if (role === undefined) throw new Error(`highlight: the token ${type.name} has no role`);
  return role;
}

/** The hard keywords of one role, in lexer order. */
export function hardKeywordsOf(role: Role): TokenType[] {
  return t.hardKeywords.filter((k) => hardKeywordRole(k) === role);
}

/** The built-in functions' names, sorted. */
export function builtinNames(): string[] {
  return [...BUILTINS.keys()].sort();
}

export interface Highlight {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  readonly scope: string;
}

let lexerInstance: Lexer | undefined;

/**
 * Highlights of a text, in order: comments, tokens, and inside each terminated string its
 * escapes and interpolations (whose expressions are highlighted in turn). Characters the
 * lexer refuses get no highlight.
 */
export function highlightText(text: string): Highlight[] {
  lexerInstance ??= new Lexer(t.allTokens, { positionTracking: "onlyOffset", ensureOptimizations: false });
  return highlightAt(text, 0);
}

function highlightAt(text: string, base: number): Highlight[] {
  const lexed = lexerInstance!.tokenize(text);
  const out: Highlight[] = [];
  const push = (start: number, end: number, role: Role) => out.push({ start: base + start, end: base + end, scope: SCOPES[role] });
  for (const c of lexed.groups["comments"] ?? []) push(c.startOffset, c.startOffset + c.image.length, "comment");
  const tokens = lexed.tokens;
  let pendingBlock = false;
  let blockDepth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const type = tok.tokenType;
    const start = tok.startOffset;
    const end = start + tok.image.length;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const afterDot = prev?.tokenType === t.Dot && sameLine(text, prev.startOffset + 1, start);
    const beforeParen = next?.tokenType === t.LParen && sameLine(text, end, next.startOffset);
    const soft = t.softKeywords.includes(type);
    const isWord = type === t.Identifier || soft || t.hardKeywords.includes(type);
    if (afterDot && isWord) push(start, end, beforeParen ? "function" : "property");
    else if (type === t.StringToken) out.push(...stringHighlights(tok, base));
    else if ((type === t.Identifier || soft) && beforeParen) push(start, end, BUILTINS.has(tok.image) ? "builtin" : "function");
    else if (soft) push(start, end, blockDepth > 0 && !pendingBlock ? "statementKeyword" : "identifier");
    else push(start, end, tokenRole(type));
    // An `ingress`/`egress` keyword opens a statement block at its next `{`, or gives up at a
    // `}` before one; the block ends at its first `}` (the grammar has no other braces in it).
    if (afterDot) continue;
    if (type === t.Ingress || type === t.Egress) pendingBlock = true;
    else if (type === t.LCurly && pendingBlock) {
      pendingBlock = false;
      blockDepth++;
    } else if (type === t.RCurly) {
      if (pendingBlock) pendingBlock = false;
      else if (blockDepth > 0) blockDepth--;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Whether no line break separates two offsets (TextMate matches one line at a time). */
function sameLine(text: string, from: number, to: number): boolean {
  return !/[\r\n]/.test(text.slice(from, to));
}

/** A terminated string: the quotes and text, each escape, and each interpolation's parts. */
function stringHighlights(tok: IToken, base: number): Highlight[] {
  const image = tok.image;
  const at = base + tok.startOffset;
  const out: Highlight[] = [];
  let textStart = 0;
  const flushText = (end: number) => {
    if (end > textStart) out.push({ start: at + textStart, end: at + end, scope: SCOPES.string });
  };
  let i = 1;
  while (i < image.length - 1) {
    const c = image[i];
    if (c === "\\") {
      flushText(i);
      out.push({ start: at + i, end: at + i + 2, scope: SCOPES.escape });
      i += 2;
      textStart = i;
    } else if (c === "{") {
      flushText(i);
      const close = t.scanInterpolation(image, i + 1) - 1;
      out.push({ start: at + i, end: at + i + 1, scope: SCOPES.interpolationBegin });
      out.push(...highlightAt(image.slice(i + 1, close), at + i + 1));
      out.push({ start: at + close, end: at + close + 1, scope: SCOPES.interpolationEnd });
      i = close + 1;
      textStart = i;
    } else i++;
  }
  flushText(image.length);
  return out;
}
