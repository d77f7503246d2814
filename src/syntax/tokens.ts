/**
 * Token types of the Perimeter language (docs/language.md, "Lexical structure").
 *
 * Order in `allTokens` matters: Chevrotain tries patterns in order and takes the first
 * that matches, so network literals come before numbers and identifiers, dates before
 * numbers, and keywords before identifiers (each keyword has `longer_alt: Identifier`, so
 * `forwarding_rules` stays one identifier).
 *
 * Three kinds of words:
 * - hard keywords are reserved everywhere except after `.` (export fields such as
 *   `egress` are reachable as `policy.egress`);
 * - soft keywords (`allow`, `only`, `deny`, `ip`, …) are statement words inside
 *   `ingress`/`egress` blocks and ordinary names elsewhere: they carry the `Identifier`
 *   category, so any rule that consumes an identifier accepts them;
 * - everything a field name may be is in the `Word` category.
 *
 * Malformed literals (an address with an octet of 300, a date of February 30th) still lex
 * as literals, so the checker can report them with a precise message instead of the
 * parser reporting a confusing syntax error.
 */

import { createToken, Lexer, type CustomPatternMatcherReturn, type TokenType } from "chevrotain";

/** Category: anything usable as a field name after `.`. */
export const Word = createToken({ name: "Word", pattern: Lexer.NA });
/** Category: every string token, terminated or not. */
export const StringLiteral = createToken({ name: "StringLiteral", pattern: Lexer.NA });

/**
 * What the lexer would otherwise work out from each pattern when it is built: the characters
 * a token can start with (its first-character dispatch) and that it never spans a line break
 * (position tracking). Stating them saves about 20 ms of every start-up, which Chevrotain
 * spends parsing the patterns with its regexp parser; test/syntax/lexer-hints.test.ts checks
 * the hints against a lexer that computes them.
 */
function startsWith(chars: string): { start_chars_hint: string[]; line_breaks: false } {
  return { start_chars_hint: [...chars], line_breaks: false };
}

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /[ \t\r\n\f\v\uFEFF\u00A0]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
  start_chars_hint: [..." \t\r\n\f\v\uFEFF\u00A0"],
});
export const Comment = createToken({ name: "Comment", pattern: /#[^\n\r]*/, group: "comments", ...startsWith("#") });

/** A terminated string: `"…"` on one line; `{…}` interpolations may hold nested strings. */
export const StringToken = createToken({
  name: "String",
  pattern: { exec: (text: string, offset: number) => matchString(text, offset) },
  line_breaks: false,
  start_chars_hint: ['"'],
  categories: [StringLiteral],
});

/** A string missing its closing quote: runs to the end of the line. Reported by the AST stage. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /"[^\n\r]*/,
  ...startsWith('"'),
  categories: [StringLiteral],
});

const HEX_START = [..."0123456789abcdefABCDEF:"];
const DIGITS = "0123456789";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** IPv6 address or CIDR: any run of hex groups and colons holding `::` or at least seven colons. */
export const IPv6 = createToken({
  name: "IPv6",
  pattern: { exec: (text: string, offset: number) => matchIPv6(text, offset) },
  line_breaks: false,
  start_chars_hint: HEX_START,
});

/** IPv4 address or CIDR: digits with at least two dots (so `1.2.3` is reported, not mis-lexed). */
export const IPv4 = createToken({ name: "IPv4", pattern: /\d+(?:\.\d+){2,}(?:\/\d*)?/, ...startsWith(DIGITS) });
export const DateToken = createToken({ name: "Date", pattern: /\d{4}-\d{2}-\d{2}(?![\d])/, ...startsWith(DIGITS) });
export const NumberToken = createToken({ name: "Number", pattern: /\d+(?:\.\d+)?/, ...startsWith(DIGITS) });
export const ControlId = createToken({ name: "ControlId", pattern: /[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+/, ...startsWith(UPPER) });

export const Identifier = createToken({ name: "Identifier", pattern: /[A-Za-z_][A-Za-z0-9_]*/, categories: [Word], ...startsWith(`${UPPER}${UPPER.toLowerCase()}_`) });

function keyword(word: string, soft = false): TokenType {
  return createToken({
    name: soft ? `Soft_${word}` : `Kw_${word}`,
    label: `\`${word}\``,
    pattern: new RegExp(`${word}(?![A-Za-z0-9_])`),
    longer_alt: Identifier,
    categories: soft ? [Identifier, Word] : [Word],
    ...startsWith(word[0]!),
  });
}

// --- hard keywords -------------------------------------------------------------------
export const Package = keyword("package");
export const Import = keyword("import");
export const As = keyword("as");
export const Param = keyword("param");
export const Let = keyword("let");
export const Def = keyword("def");
export const Control = keyword("control");
export const Waive = keyword("waive");
export const For = keyword("for");
export const Until = keyword("until");
export const Reason = keyword("reason");
export const ApprovedBy = keyword("approved_by");
export const Test = keyword("test");
export const Given = keyword("given");
export const Expect = keyword("expect");
export const Severity = keyword("severity");
export const Frameworks = keyword("frameworks");
export const Remediation = keyword("remediation");
export const Description = keyword("description");
export const Docs = keyword("docs");
export const Require = keyword("require");
export const Else = keyword("else");
export const Ingress = keyword("ingress");
export const Egress = keyword("egress");
export const Any = keyword("any");
export const All = keyword("all");
export const None = keyword("none");
export const In = keyword("in");
export const Where = keyword("where");
export const First = keyword("first");
export const Or = keyword("or");
export const And = keyword("and");
export const Not = keyword("not");
export const Is = keyword("is");
export const Missing = keyword("missing");
export const Present = keyword("present");
export const Within = keyword("within");
export const Overlaps = keyword("overlaps");
export const Matches = keyword("matches");
export const True = keyword("true");
export const False = keyword("false");

// --- soft keywords: statement words of ingress/egress blocks ---------------------------
export const Ip = keyword("ip", true);
export const Access = keyword("access", true);
export const Lists = keyword("lists", true);
export const Enforced = keyword("enforced", true);
export const Allow = keyword("allow", true);
export const Only = keyword("only", true);
export const From = keyword("from", true);
export const Deny = keyword("deny", true);
export const Private = keyword("private", true);
export const Link = keyword("link", true);
export const Required = keyword("required", true);
export const Dns = keyword("dns", true);
export const Forwarding = keyword("forwarding", true);
export const Restricted = keyword("restricted", true);
export const Must = keyword("must", true);
export const Storage = keyword("storage", true);
export const When = keyword("when", true);

// --- punctuation ------------------------------------------------------------------------
const punct = (name: string, pattern: RegExp, label: string) => createToken({ name, pattern, label: `\`${label}\``, ...startsWith(label[0]!) });
export const Coalesce = punct("Coalesce", /\?\?/, "??");
export const EqEq = punct("EqEq", /==/, "==");
export const NotEq = punct("NotEq", /!=/, "!=");
export const LtEq = punct("LtEq", /<=/, "<=");
export const GtEq = punct("GtEq", />=/, ">=");
export const Lt = punct("Lt", /</, "<");
export const Gt = punct("Gt", />/, ">");
export const Equals = punct("Equals", /=/, "=");
export const Plus = punct("Plus", /\+/, "+");
export const Minus = punct("Minus", /-/, "-");
export const LParen = punct("LParen", /\(/, "(");
export const RParen = punct("RParen", /\)/, ")");
export const LBracket = punct("LBracket", /\[/, "[");
export const RBracket = punct("RBracket", /\]/, "]");
export const LCurly = punct("LCurly", /\{/, "{");
export const RCurly = punct("RCurly", /\}/, "}");
export const Comma = punct("Comma", /,/, ",");
export const Colon = punct("Colon", /:/, ":");
export const Dot = punct("Dot", /\./, ".");

/** Keywords that begin only a top-level declaration (never a control item or an expression). */
export const declarationKeywords: readonly TokenType[] = [Package, Import, Param, Def, Control, Waive, Test];

export const hardKeywords: readonly TokenType[] = [
  Package, Import, As, Param, Let, Def, Control, Waive, For, Until, Reason, ApprovedBy, Test, Given, Expect,
  Severity, Frameworks, Remediation, Description, Docs, Require, Else, Ingress, Egress, Any, All, None, In,
  Where, First, Or, And, Not, Is, Missing, Present, Within, Overlaps, Matches, True, False,
];
export const softKeywords: readonly TokenType[] = [
  Ip, Access, Lists, Enforced, Allow, Only, From, Deny, Private, Link, Required, Dns, Forwarding, Restricted,
  Must, Storage, When,
];

/** The reserved words, for "`x` is a reserved word" diagnostics. */
export const reservedWords: ReadonlySet<string> = new Set(hardKeywords.map((t) => String(t.LABEL).slice(1, -1)));

export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  StringToken,
  UnterminatedString,
  IPv6,
  IPv4,
  DateToken,
  NumberToken,
  ControlId,
  ...hardKeywords,
  ...softKeywords,
  Identifier,
  Coalesce, EqEq, NotEq, LtEq, GtEq, Lt, Gt, Equals, Plus, Minus,
  LParen, RParen, LBracket, RBracket, LCurly, RCurly, Comma, Colon, Dot,
  Word,
  StringLiteral,
];

// --- custom matchers ------------------------------------------------------------------

/** Index just past the closing quote of the string starting at `offset`, or -1. */
export function scanString(text: string, offset: number): number {
  let i = offset + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) return i + 1;
    if (c === 10 || c === 13) return -1;
    if (c === 92 /* \ */) {
      i += 2;
      continue;
    }
    if (c === 123 /* { */) {
      i = scanInterpolation(text, i + 1);
      if (i < 0) return -1;
      continue;
    }
    i++;
  }
  return -1;
}

/** Index just past the `}` closing an interpolation whose body starts at `i`, or -1. */
export function scanInterpolation(text: string, i: number): number {
  let depth = 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return -1;
    if (c === 34) {
      // A string nested inside the interpolation, e.g. "{lower(x) ?? "none"}".
      const end = scanString(text, i);
      if (end < 0) return -1;
      i = end;
      continue;
    }
    if (c === 123) depth++;
    else if (c === 125 /* } */ && --depth === 0) return i + 1;
    i++;
  }
  return -1;
}

function matchString(text: string, offset: number): CustomPatternMatcherReturn | null {
  if (text.charCodeAt(offset) !== 34) return null;
  const end = scanString(text, offset);
  return end < 0 ? null : [text.slice(offset, end)];
}

const ipv6Candidate = /(?:[0-9A-Fa-f]*:){2,}[0-9A-Fa-f.]*(?:\/\d*)?/y;

function matchIPv6(text: string, offset: number): CustomPatternMatcherReturn | null {
  ipv6Candidate.lastIndex = offset;
  const m = ipv6Candidate.exec(text);
  if (m === null) return null;
  const s = m[0];
  const addr = s.split("/")[0]!;
  const colons = addr.split(":").length - 1;
  if (!addr.includes("::") && colons < 7) return null;
  return [s];
}
