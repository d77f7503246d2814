/**
 * Integers in the export text that float64 cannot hold exactly.
 *
 * Every engine computes with JavaScript numbers (the Wasm runtime mirrors them), so an integer
 * beyond 2^53 written in the export (an Azure workspace id can have 16 digits, up to
 * 9999999999999999) becomes the nearest float64: 9876543210987655 is read as 9876543210987656.
 * A subject key, a message or a waiver that names it would then name another workspace,
 * silently. The loader reports each such integer as a warning at its JSON pointer, so the
 * difference is never silent. (`perimeter export` writes ids as the APIs return them.)
 *
 * The scan is a small tokenizer over text that `JSON.parse` has already accepted: it skips
 * strings, tracks the pointer through objects and arrays, and looks only at plain integer
 * tokens (no fraction, no exponent) of 16 digits or more. It runs only when the parsed
 * document holds an integer beyond 2^53 at all, which keeps it off nearly every export.
 */

import { pointerOfTokens } from "./pointers.js";

export interface InexactInteger {
  /** RFC 6901 pointer into the text as written. */
  readonly pointer: string;
  /** The digits as written (with a leading `-` when negative). */
  readonly written: string;
  /** What the engines compute with: the nearest float64, as JavaScript prints it. */
  readonly read: string;
}

interface Frame {
  readonly array: boolean;
  /** The array index, or the object's current key. */
  at: number | string;
  /** In an object: the next string is a key. */
  expectKey: boolean;
}

const QUOTE = 34;
const BACKSLASH = 92;

function isNumberChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69;
}

/** Does the parsed value hold an integer beyond 2^53 (iteratively: no depth limit)? */
function hasUnsafeInteger(value: unknown): boolean {
  const todo: unknown[] = [value];
  while (todo.length > 0) {
    const v = todo.pop();
    if (typeof v === "number") {
      if (Number.isInteger(v) && !Number.isSafeInteger(v)) return true;
    } else if (typeof v === "object" && v !== null) {
      // One push per element: spreading a list of millions would overflow the stack.
      for (const x of Array.isArray(v) ? v : Object.values(v)) todo.push(x);
    }
  }
  return false;
}

/**
 * The integers of `text` (valid JSON, parsed as `value`) that float64 rounds, in text order;
 * at most `max`.
 */
export function inexactIntegers(text: string, value: unknown, max = 100): InexactInteger[] {
  const out: InexactInteger[] = [];
  if (!hasUnsafeInteger(value)) return out;
  const stack: Frame[] = [];
  const path = (): (string | number)[] => stack.map((f) => f.at);
  let i = 0;
  while (i < text.length && out.length < max) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let j = i + 1;
      while (text.charCodeAt(j) !== QUOTE) j += text.charCodeAt(j) === BACKSLASH ? 2 : 1;
      const top = stack.at(-1);
      if (top !== undefined && !top.array && top.expectKey) {
        top.at = JSON.parse(text.slice(i, j + 1)) as string;
        top.expectKey = false;
      }
      i = j + 1;
    } else if (c === 123 || c === 91) {
      stack.push({ array: c === 91, at: c === 91 ? 0 : "", expectKey: c === 123 });
      i++;
    } else if (c === 125 || c === 93) {
      stack.pop();
      i++;
    } else if (c === 44) {
      const top = stack.at(-1);
      if (top !== undefined) {
        if (top.array) top.at = (top.at as number) + 1;
        else top.expectKey = true;
      }
      i++;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i;
      while (j < text.length && isNumberChar(text.charCodeAt(j))) j++;
      const token = text.slice(i, j);
      if (/^-?\d{16,}$/.test(token)) {
        const read = String(Number(token));
        if (read !== token) out.push({ pointer: pointerOfTokens(path()), written: token, read });
      }
      i = j;
    } else {
      i++;
    }
  }
  return out;
}
