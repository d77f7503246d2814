/**
 * JSON whose integers beyond 2^53 stay exact, for the engines.
 *
 * OPA keeps each JSON number's text, so a 16-digit Azure workspace id such as
 * 9876543210987655 keeps its digits in OPA's keys, messages and comparisons, where
 * `JSON.parse` gives the nearest float64, 9876543210987656. `parseExactJson` reads as a
 * `bigint` (the evaluator's exact integers, src/eval/value.ts) every number whose value is an
 * integer beyond the safe integers: written as an integer, of any length; or written with a
 * fraction or an exponent (`9876543210987655.0`, `9.876543210987655e15`) and below 10^21,
 * where messages show every digit (OPA prints such a number's digits with `format_int`).
 * Everything else is read as `JSON.parse` reads it. `exactJsonText` writes the `bigint`s back
 * as their digits (the Wasm engine's input). The Wasm runtime applies the same rule
 * (runtime/src/value.ts `numValue`).
 *
 * How: a scan outside string literals replaces each such integer by a string carrying a
 * per-process random mark; V8's `JSON.parse` (iterative, so any depth) does the parsing, and
 * an iterative walk turns the marked strings into `bigint`s. Writing reverses it. Both run
 * only when there is such an integer (`hasUnsafeNumber` on the parsed value tells the
 * loader): the mark, the second parse and the walk cost about four plain `JSON.parse`s.
 *
 * Invariants: the text given to `parseExactJson` is valid JSON (the loader parsed it first);
 * duplicate keys keep the last value, as `JSON.parse` does; no `bigint` is a safe integer.
 */

// Web Crypto's getRandomValues: global in Node 20 and in browsers (the playground).
const MARK = `@perimeter-exact-${Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, "0")).join("")}:`;
const MARKED = new RegExp(`"${MARK}(-?\\d+)"`, "g");
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** A JSON number token as digits (no leading or trailing zeros) times 10^exp. */
export function decimalOf(token: string): { neg: boolean; digits: string; exp: number } {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(token)!;
  const frac = m[3] ?? "";
  const all = (m[2]! + frac).replace(/^0+/, "");
  const digits = all.replace(/0+$/, "");
  const exp = Number(m[4] ?? 0) - frac.length + (all.length - digits.length);
  return { neg: m[1] === "-" && digits !== "", digits, exp: digits === "" ? 0 : exp };
}

/** The most digits an exact integer written with a fraction or an exponent may have (below 10^21). */
const MAX_FORM_DIGITS = 21;

/**
 * The digits (with `-` when negative) of the exact integer a JSON number token denotes, when
 * the engines keep it exact (see above); undefined when they read it as a float64.
 */
export function exactIntegerDigits(token: string): string | undefined {
  let plain = true;
  for (let i = token.charCodeAt(0) === 0x2d ? 1 : 0; i < token.length && plain; i++) {
    const c = token.charCodeAt(i);
    plain = c >= 0x30 && c <= 0x39;
  }
  const v = Number(token);
  if (plain) return Number.isSafeInteger(v) ? undefined : token;
  // Below 2^53 in float64, the value is below 2^53 or not an integer.
  if (!(Math.abs(v) >= 2 ** 53)) return undefined;
  const d = decimalOf(token);
  if (d.exp < 0 || d.digits.length + d.exp > MAX_FORM_DIGITS) return undefined;
  return `${d.neg ? "-" : ""}${d.digits}${"0".repeat(d.exp)}`;
}

/**
 * Does a parsed value hold a number beyond the safe integers: an integer float64 beyond 2^53,
 * or an infinity (iteratively: no depth limit)? Every number `parseExactJson` reads as a
 * `bigint` is one under `JSON.parse`, so without one the plain parse is already exact.
 */
export function hasUnsafeNumber(value: unknown): boolean {
  const todo: unknown[] = [value];
  while (todo.length > 0) {
    const v = todo.pop();
    if (typeof v === "number") {
      if (!Number.isSafeInteger(v) && (Number.isInteger(v) || !Number.isFinite(v))) return true;
    } else if (typeof v === "object" && v !== null) {
      // One push per element: spreading a list of millions would overflow the stack.
      for (const x of Array.isArray(v) ? v : Object.values(v)) todo.push(x);
    }
  }
  return false;
}

/** `text` with its exact integers marked as strings of their digits; undefined when it has none. */
function markExactIntegers(text: string): string | undefined {
  let out: string[] | undefined;
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i++;
      while (i < text.length && text.charCodeAt(i) !== QUOTE) i += text.charCodeAt(i) === BACKSLASH ? 2 : 1;
      i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      const token = NUMBER.exec(text)?.[0] ?? text.charAt(i);
      const digits = exactIntegerDigits(token);
      if (digits !== undefined) {
        (out ??= []).push(text.slice(copied, i), `"${MARK}${digits}"`);
        copied = i + token.length;
      }
      i += token.length;
    } else i++;
  }
  if (out === undefined) return undefined;
  out.push(text.slice(copied));
  return out.join("");
}

/**
 * The value of valid JSON text with its integers beyond 2^53 (written without fraction or
 * exponent, or below 10^21) as `bigint`s; undefined when it has none. Throws only on invalid JSON.
 */
export function exactJsonValue(text: string): unknown {
  const marked = markExactIntegers(text);
  if (marked === undefined) return undefined;
  const value = JSON.parse(marked) as unknown;
  // A walk replacing the marked strings costs a fraction of a reviver (a call per value).
  const todo: unknown[] = [value];
  while (todo.length > 0) {
    const v = todo.pop() as Record<string, unknown> | unknown[];
    for (const k of Array.isArray(v) ? v.keys() : Object.keys(v)) {
      const x = (v as Record<string | number, unknown>)[k];
      if (typeof x === "string") {
        if (x.startsWith(MARK)) (v as Record<string | number, unknown>)[k] = BigInt(x.slice(MARK.length));
      } else if (typeof x === "object" && x !== null) todo.push(x);
    }
  }
  return typeof value === "string" && value.startsWith(MARK) ? BigInt(value.slice(MARK.length)) : value;
}

/** Parses valid JSON text, its exact integers beyond 2^53 as `bigint`s. Throws only on invalid JSON. */
export function parseExactJson(text: string): unknown {
  return exactJsonValue(text) ?? (JSON.parse(text) as unknown);
}

/** `JSON.stringify(value)`, with each `bigint` written as its digits. */
export function exactJsonText(value: unknown): string {
  let marked = false;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== "bigint") return v;
    marked = true;
    return MARK + v.toString();
  });
  return marked ? text.replace(MARKED, "$1") : text;
}
