/**
 * Conversions between JS data and Rego values, and Go's JSON encoding of values.
 *
 * Input: OPA receives input as JSON text and keeps each number's text (json.Number). A JS value
 * is treated as the JSON text JSON.stringify would produce: a number x has the text String(x),
 * `undefined` array elements become null and `undefined` properties are dropped; a bigint is
 * an exact integer.
 *
 * Output: numbers become JS numbers, except integers beyond 2^53, which become bigints (exact).
 * `toJSONText` prints a value as OPA does (json.Marshal of ast.JSON(v)): numbers verbatim,
 * object keys sorted, strings escaped like Go's encoder (HTML-safe: <, >, & as \u003c...).
 */

import { BuiltinError } from "./errors.js";
import { isJsonNumber, isNum, numFromText, numText, RNum } from "./number.js";
import { ObjectBuilder, RObject, compareStrings, type Value } from "./value.js";

export function toValue(x: unknown, path = "input"): Value {
  if (x === null) return null;
  switch (typeof x) {
    case "boolean":
    case "string":
      return x;
    case "number":
      if (!Number.isFinite(x)) throw new TypeError(`${path}: ${x} is not a JSON number`);
      return x === 0 ? 0 : x;
    case "bigint":
      return numFromText(x.toString());
    case "object": {
      if (Array.isArray(x)) return x.map((e, i) => (e === undefined ? null : toValue(e, `${path}[${i}]`)));
      if (x instanceof RObject || x instanceof RNum) return x;
      const b = new ObjectBuilder();
      for (const [k, v] of Object.entries(x as Record<string, unknown>)) {
        if (v !== undefined && typeof v !== "function") b.set(k, toValue(v, `${path}.${k}`));
      }
      return b.build();
    }
    default:
      throw new TypeError(`${path}: ${typeof x} is not JSON`);
  }
}

const INT = /^-?\d+$/;

export function fromValue(v: Value): unknown {
  if (typeof v === "number") return Number.isSafeInteger(v) || !INT.test(String(v)) ? v : BigInt(String(v));
  if (v === null || typeof v === "boolean" || typeof v === "string") return v;
  if (v instanceof RNum) {
    if (INT.test(v.text)) {
      const b = BigInt(v.text);
      return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
    }
    return Number(v.text);
  }
  if (Array.isArray(v)) return (v as readonly Value[]).map(fromValue);
  const out: Record<string, unknown> = {};
  for (const [k, x] of (v as RObject).entries()) out[typeof k === "string" ? k : toJSONText(k)] = fromValue(x);
  return out;
}

const HEX = "0123456789abcdef";

/** encoding/json's string encoder with HTML escaping (json.Marshal's default). */
export function goQuote(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c < 0x80) {
      if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x3c && c !== 0x3e && c !== 0x26) continue;
      switch (c) {
        case 0x22:
          esc = '\\"';
          break;
        case 0x5c:
          esc = "\\\\";
          break;
        case 0x08:
          esc = "\\b";
          break;
        case 0x0c:
          esc = "\\f";
          break;
        case 0x0a:
          esc = "\\n";
          break;
        case 0x0d:
          esc = "\\r";
          break;
        case 0x09:
          esc = "\\t";
          break;
        default:
          esc = "\\u00" + HEX[c >> 4] + HEX[c & 15];
      }
    } else if (c === 0x2028 || c === 0x2029) {
      esc = c === 0x2028 ? "\\u2028" : "\\u2029";
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const pair = c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (pair) {
        i++;
        continue;
      }
      esc = "\\ufffd"; // invalid UTF-8 (a lone surrogate) is replaced by U+FFFD
    } else continue;
    out += s.slice(start, i) + esc;
    start = i + 1;
  }
  return out + s.slice(start) + '"';
}

/** json.Marshal(ast.JSON(v)); throws BuiltinError for a number text Go rejects. */
export function toJSONText(v: Value): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "string") return goQuote(v);
  if (isNum(v)) {
    const t = numText(v);
    if (!isJsonNumber(t)) throw new BuiltinError(`json: invalid number literal ${JSON.stringify(t)}`);
    return t;
  }
  if (Array.isArray(v)) return "[" + (v as readonly Value[]).map(toJSONText).join(",") + "]";
  const pairs = (v as RObject).entries().map(([k, x]) => [typeof k === "string" ? k : toJSONText(k), x] as const);
  pairs.sort((a, b) => compareStrings(a[0], b[0]));
  return "{" + pairs.map(([k, x]) => goQuote(k) + ":" + toJSONText(x)).join(",") + "}";
}
