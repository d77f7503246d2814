/**
 * Highlighting of Perimeter in CodeMirror 6 from the lexer's own token definitions
 * (src/syntax/tokens.ts), so the page colours exactly the words the compiler reads as
 * keywords, literals and names. Each line is lexed by the Chevrotain lexer (no Perimeter
 * token spans lines: strings, comments and literals are single-line), and every token type
 * is mapped to a Lezer highlight tag by `tagOf`, which names each token kind once.
 */

import { StreamLanguage, type StreamParser, type StringStream } from "@codemirror/language";
import { tags, type Tag } from "@lezer/highlight";
import { Lexer, type IToken, type TokenType } from "chevrotain";
import * as T from "../../src/syntax/tokens.js";

const OPERATOR_WORDS = new Set<TokenType>([T.And, T.Or, T.Not, T.In, T.Is, T.Missing, T.Present, T.Within, T.Overlaps, T.Matches]);
const COMPARISONS = new Set<TokenType>([T.Coalesce, T.EqEq, T.NotEq, T.LtEq, T.GtEq, T.Lt, T.Gt, T.Equals, T.Plus, T.Minus]);
const BRACKETS = new Set<TokenType>([T.LParen, T.RParen, T.LBracket, T.RBracket, T.LCurly, T.RCurly]);
const HARD = new Set<TokenType>(T.hardKeywords);
const SOFT = new Set<TokenType>(T.softKeywords);

/** The tag of a token type; `afterDot` for a word right after `.` (a field name, whatever its spelling). */
export function tagOf(type: TokenType, afterDot = false): Tag | undefined {
  if (afterDot && (type === T.Identifier || HARD.has(type) || SOFT.has(type))) return tags.propertyName;
  if (type === T.Comment) return tags.lineComment;
  if (type === T.StringToken) return tags.string;
  if (type === T.UnterminatedString) return tags.invalid;
  if (type === T.IPv4 || type === T.IPv6) return tags.atom;
  if (type === T.DateToken) return tags.special(tags.number);
  if (type === T.NumberToken) return tags.number;
  if (type === T.ControlId) return tags.labelName;
  if (type === T.True || type === T.False) return tags.bool;
  if (OPERATOR_WORDS.has(type)) return tags.operatorKeyword;
  if (HARD.has(type)) return tags.keyword;
  // Statement words of ingress/egress blocks, ordinary names elsewhere.
  if (SOFT.has(type)) return tags.controlKeyword;
  if (type === T.Identifier) return tags.variableName;
  if (COMPARISONS.has(type)) return tags.operator;
  if (BRACKETS.has(type)) return tags.bracket;
  if (type === T.Comma || type === T.Colon || type === T.Dot) return tags.punctuation;
  return undefined; // whitespace and the categories (Word, StringLiteral), which no token is lexed as
}

let lexer: Lexer | undefined;

interface LineState {
  /** The line last lexed, and its tokens by start column. */
  line: string;
  tokens: Map<number, IToken>;
  afterDot: boolean;
}

/** Names the tags, so the stream parser can return a token name per tag. */
const TAGS: Record<string, Tag> = {};
function nameOf(tag: Tag): string {
  for (const [k, v] of Object.entries(TAGS)) if (v === tag) return k;
  const name = `perimeter${Object.keys(TAGS).length}`;
  TAGS[name] = tag;
  return name;
}

const parser: StreamParser<LineState> = {
  name: "perimeter",
  startState: () => ({ line: "", tokens: new Map(), afterDot: false }),
  copyState: (s) => ({ ...s }),
  token(stream: StringStream, state: LineState): string | null {
    if (stream.sol() || state.line !== stream.string) {
      lexer ??= new Lexer(T.allTokens, { positionTracking: "onlyOffset", skipValidations: true, ensureOptimizations: false });
      const { tokens, groups } = lexer.tokenize(stream.string);
      state.line = stream.string;
      state.tokens = new Map([...tokens, ...(groups["comments"] ?? [])].map((t) => [t.startOffset, t] as const));
      if (stream.sol()) state.afterDot = false;
    }
    if (stream.eatSpace()) return null;
    const tok = state.tokens.get(stream.pos);
    if (tok === undefined || tok.image.length === 0) {
      stream.next(); // a character the lexer rejects
      return nameOf(tags.invalid);
    }
    stream.pos += tok.image.length;
    const tag = tagOf(tok.tokenType, state.afterDot);
    state.afterDot = tok.tokenType === T.Dot;
    return tag === undefined ? null : nameOf(tag);
  },
  tokenTable: TAGS,
};

// Every tag a token can get, named before the language reads the token table.
for (const t of T.allTokens) {
  const tag = tagOf(t);
  if (tag !== undefined) nameOf(tag);
}
nameOf(tags.propertyName);
nameOf(tags.invalid);

export const perimeterLanguage = StreamLanguage.define(parser);
