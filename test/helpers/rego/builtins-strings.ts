/**
 * String builtins after v1/topdown/strings.go (Go string semantics: runes are code points,
 * strings.Split/Contains/HasPrefix, unicode.ToLower/ToUpper simple case mappings).
 */

import { bfTrunc, toBF } from "./bigfloat.js";
import { BuiltinError } from "./errors.js";
import type { Builtin } from "./ir.js";
import { int64Of, isNum, numFromText, numText } from "./number.js";
import { arg, intOp, isAscii, numOp, runes, strOp, stringsOp, typeErr } from "./operands.js";
import { findAll, compileRegex, regexMatches } from "./regex.js";
import type { Value } from "./value.js";

/** unicode.ToLower on one rune: JS's mapping when it is a single code point (İ → i). */
function lowerRune(c: string): string {
  const l = c.toLowerCase();
  if ([...l].length === 1) return l;
  return c === "\u0130" ? "i" : c;
}

/** unicode.ToUpper on one rune: JS's mapping when single; Greek iota-subscript forms map to their titlecase. */
function upperRune(c: string): string {
  const u = c.toUpperCase();
  if ([...u].length === 1) return u;
  const cp = c.codePointAt(0) as number;
  if (cp >= 0x1f80 && cp <= 0x1faf && (cp & 0xf) < 8) return String.fromCodePoint(cp + 8);
  if (cp === 0x1fb3 || cp === 0x1fc3 || cp === 0x1ff3) return String.fromCodePoint(cp + 9);
  return c;
}

function mapRunes(s: string, f: (c: string) => string, ascii: (s: string) => string): string {
  if (isAscii(s)) return ascii(s);
  return runes(s).map(f).join("");
}

function split(s: string, d: string): Value[] {
  if (!s.includes(d)) return [s];
  if (d === "") return runes(s);
  return s.split(d);
}

function substring(args: readonly Value[]): Value {
  const base = strOp(args, 0);
  const start = intOp(args, 1);
  const length = intOp(args, 2);
  if (start < 0) throw new BuiltinError("negative offset");
  if (base === "") return "";
  const rs = isAscii(base) ? null : runes(base);
  const n = rs ? rs.length : base.length;
  if (start >= n) return "";
  if (length < 0) return rs ? rs.slice(start).join("") : base.slice(start);
  const upto = Math.min(n, start + length);
  return rs ? rs.slice(start, upto).join("") : base.slice(start, upto);
}

function indexof(args: readonly Value[]): Value {
  const base = strOp(args, 0);
  const search = strOp(args, 1);
  if (search === "") throw new BuiltinError("empty search character");
  if (isAscii(base) && isAscii(search)) return base.indexOf(search);
  const b = runes(base);
  const s = runes(search);
  for (let i = 0; i + s.length <= b.length; i++) {
    let ok = true;
    for (let j = 0; j < s.length && ok; j++) ok = b[i + j] === s[j];
    if (ok) return i;
  }
  return -1;
}

function replace(args: readonly Value[]): Value {
  const s = strOp(args, 0);
  const old = strOp(args, 1);
  const neu = strOp(args, 2);
  if (old === "") return s === "" ? neu : neu + runes(s).join(neu) + neu;
  return s.split(old).join(neu);
}

function formatInt(args: readonly Value[]): Value {
  const input = numOp(args, 0);
  const base = numText(numOp(args, 1));
  const radix = { "2": 2, "8": 8, "10": 10, "16": 16 }[base];
  if (radix === undefined) throw new BuiltinError("operand 2 must be one of {2, 8, 10, 16}");
  if (radix === 10) {
    const i = int64Of(input);
    if (i !== undefined) return i.toString();
  }
  return bfTrunc(toBF(input)).toString(radix);
}

/** builtinToNumber (casts.go): the string's own text becomes the number's text. */
function toNumber(args: readonly Value[]): Value {
  const v = arg(args, 0);
  if (v === null) return 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (isNum(v)) return v;
  if (typeof v !== "string") throw typeErr(1, v, "null", "boolean", "number", "string");
  const lower = v.replace(/^[+-]+/, "").toLowerCase();
  if (lower === "inf" || lower === "infinity" || lower === "nan") throw typeErr(1, v, "valid number string");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) throw new BuiltinError(`strconv.ParseFloat: parsing ${JSON.stringify(v)}: invalid syntax`);
  if (!Number.isFinite(Number(v))) throw new BuiltinError(`strconv.ParseFloat: parsing ${JSON.stringify(v)}: value out of range`);
  return numFromText(v);
}

function regexFindAll(args: readonly Value[]): Value {
  const pattern = strOp(args, 0);
  const s = strOp(args, 1);
  const n = intOp(args, 2);
  const re = compileRegex(pattern);
  return findAll(re, s, n).map((m) => Array.from(m, (g) => g ?? ""));
}

const fn = (name: string, arity: number, f: (args: readonly Value[]) => Value | undefined): Builtin => ({ name, arity, fn: f });

export const stringBuiltins: Builtin[] = [
  fn("concat", 2, (a) => stringsOp(a, 1).join(strOp(a, 0))),
  fn("split", 2, (a) => split(strOp(a, 0), strOp(a, 1))),
  fn("substring", 3, substring),
  fn("contains", 2, (a) => strOp(a, 0).includes(strOp(a, 1))),
  fn("startswith", 2, (a) => strOp(a, 0).startsWith(strOp(a, 1))),
  fn("endswith", 2, (a) => strOp(a, 0).endsWith(strOp(a, 1))),
  fn("lower", 1, (a) => mapRunes(strOp(a, 0), lowerRune, (s) => s.toLowerCase())),
  fn("upper", 1, (a) => mapRunes(strOp(a, 0), upperRune, (s) => s.toUpperCase())),
  fn("replace", 3, replace),
  fn("strings.reverse", 1, (a) => runes(strOp(a, 0)).reverse().join("")),
  fn("indexof", 2, indexof),
  fn("format_int", 2, formatInt),
  fn("to_number", 1, toNumber),
  fn("regex.match", 2, (a) => regexMatches(strOp(a, 0), strOp(a, 1))),
  fn("regex.find_all_string_submatch_n", 3, regexFindAll),
  fn("trim_space", 1, (a) => strOp(a, 0).replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, "")),
];
