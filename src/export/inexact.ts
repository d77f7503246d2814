/**
 * Numbers in the export text that the engines cannot hold as written.
 *
 * The engines keep an integer beyond 2^53 exact, as OPA does, when it is written as an
 * integer (`9876543210987655`, any length), or with a fraction or an exponent below 10^21
 * (`9876543210987655.0`, `9.876543210987655e15`): src/export/exact-json.ts,
 * src/eval/value.ts. Every other number is a float64, which is exact for what exports hold,
 * except: a non-integer beyond 2^53 (`9876543210987655.5`), an integer of 10^21 or more
 * written with an exponent or a fraction (`1.2345678901234567891e22`), whose float64 shows
 * as another number in keys and messages (`9876543210987656`, `1.2345678901234568e+22`), and
 * a number beyond the float64 range (`1e400`, read as Infinity). The loader reports each as
 * a warning at its JSON pointer, so the difference is never silent.
 *
 * The scan is a small tokenizer over text that `JSON.parse` has already accepted: it skips
 * strings, tracks the pointer through objects and arrays, and looks at number tokens. It runs
 * only when the parsed document holds a number beyond 2^53 at all (`hasUnsafeNumber`), which
 * keeps it off nearly every export.
 */

import { decimalOf, exactIntegerDigits, hasUnsafeNumber } from "./exact-json.js";
import { pointerOfTokens } from "./pointers.js";

export interface InexactNumber {
  /** RFC 6901 pointer into the text as written. */
  readonly pointer: string;
  /** The number as written. */
  readonly written: string;
  /** What the engines compute with: the nearest float64, as a message shows it. */
  readonly read: string;
}

interface Frame {
  readonly array: boolean;
  /** The array index, or the offset of the object's current key (its text up to `keyEnd`, decoded when a pointer is needed). */
  at: number;
  keyEnd: number;
  /** In an object: the next string is a key. */
  expectKey: boolean;
  /** In an object: the offset of the last occurrence of each key read so far (a later duplicate wins, as in `JSON.parse`). */
  readonly last?: Map<string, number>;
}

/** A number found, with the members it lies in: (object, key, that occurrence's offset). */
interface Found extends InexactNumber {
  readonly members: readonly { readonly last: Map<string, number>; readonly key: string; readonly at: number }[];
}

const QUOTE = 34;
const BACKSLASH = 92;

function isNumberChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69;
}

/** How messages show a float64 (src/eval/value.ts `show`). */
function shown(v: number): string {
  return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v);
}

/**
 * Does a number token beyond 2^53 (or out of range) read as a float64 that shows as another
 * number? Below 1e21 a float64 shows every digit of its value; from 1e21 on, the shortest
 * digits that read back as it (`1e300` shows as `1e+300`: the same number, no warning).
 */
function changes(token: string, v: number): boolean {
  if (!Number.isFinite(v)) return true;
  if (Number.isSafeInteger(v) || !Number.isInteger(v)) return false;
  const a = decimalOf(token);
  const b = decimalOf(shown(v));
  return a.neg !== b.neg || a.digits !== b.digits || a.exp !== b.exp;
}

/**
 * The numbers of `text` (valid JSON, parsed as `value`) that the engines read as another
 * value, in text order; at most `max`.
 */
export function inexactNumbers(text: string, value: unknown, max = 100): InexactNumber[] {
  const out: Found[] = [];
  if (!hasUnsafeNumber(value)) return out;
  const stack: Frame[] = [];
  const keyOf = (f: Frame): string => {
    const raw = text.slice(f.at + 1, f.keyEnd - 1);
    return raw.includes("\\") ? (JSON.parse(text.slice(f.at, f.keyEnd)) as string) : raw;
  };
  // A number in a member that a later duplicate key replaces is not in the document `JSON.parse`
  // gives (found by the export-loader fuzz target: a duplicated `workspaces` array gave a warning
  // whose pointer led nowhere): drop it when the duplicate comes, and keep scanning to see it.
  const live = (n: Found) => n.members.every((m) => m.last.get(m.key) === m.at);
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let j = i + 1;
      while (text.charCodeAt(j) !== QUOTE) j += text.charCodeAt(j) === BACKSLASH ? 2 : 1;
      const top = stack.at(-1);
      if (top !== undefined && !top.array && top.expectKey) {
        top.at = i;
        top.keyEnd = j + 1;
        top.expectKey = false;
        const key = keyOf(top);
        const had = top.last!.get(key);
        top.last!.set(key, i);
        if (had !== undefined) for (let k = out.length - 1; k >= 0; k--) if (!live(out[k]!)) out.splice(k, 1);
      }
      i = j + 1;
    } else if (c === 123 || c === 91) {
      stack.push(c === 91 ? { array: true, at: 0, keyEnd: 0, expectKey: false } : { array: false, at: 0, keyEnd: 0, expectKey: true, last: new Map() });
      i++;
    } else if (c === 125 || c === 93) {
      stack.pop();
      i++;
    } else if (c === 44) {
      const top = stack.at(-1);
      if (top !== undefined) {
        if (top.array) top.at++;
        else top.expectKey = true;
      }
      i++;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i;
      while (j < text.length && isNumberChar(text.charCodeAt(j))) j++;
      const token = text.slice(i, j);
      const v = Number(token);
      // At most `max` are kept; past that, numbers are still scanned for nothing but duplicates.
      if (out.length < max && changes(token, v) && exactIntegerDigits(token) === undefined) {
        const steps = stack.map((f) => (f.array ? f.at : keyOf(f)));
        const members = stack.filter((f) => !f.array).map((f) => ({ last: f.last!, key: keyOf(f), at: f.at }));
        out.push({ pointer: pointerOfTokens(steps), written: token, read: shown(v), members });
      }
      i = j;
    } else {
      i++;
    }
  }
  return out.map(({ pointer, written, read }) => ({ pointer, written, read }));
}
