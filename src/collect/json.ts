/**
 * Lossless JSON for API responses and the export file.
 *
 * Databricks ids are int64 (`workspace_id`, `created_by`, `principal_id`): a 16-digit workspace id
 * above 2^53 would silently change under `JSON.parse`, and the collector would then ask for the
 * wrong workspace (`/workspaces/{id}/network`) and write an id the account does not have. So
 * `parseJson` keeps every integer literal that is not a safe integer as a `BigIntText` (its
 * digits, verbatim), and `stringifyJson` writes those digits back unchanged.
 *
 * How: a scan outside string literals replaces each unsafe integer by a string carrying a
 * per-process random mark; `JSON.parse` (iterative in V8) then does the real parsing, and a
 * reviver turns the marked strings into `BigIntText`. Writing reverses it. Nothing here throws.
 */

import { randomBytes } from "node:crypto";

const MARK = `@perimeter-int-${randomBytes(8).toString("hex")}:`;
const MARKED = new RegExp(`"${MARK}(-?\\d+)"`, "g");
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** An integer too large for a JavaScript number, kept as its decimal digits. */
export class BigIntText {
  constructor(readonly digits: string) {}
  toJSON(): string {
    return MARK + this.digits;
  }
}

export type JsonParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** Marks the unsafe integer literals of `text`; undefined when there is none (the common case). */
function markUnsafeIntegers(text: string): string | undefined {
  let out: string[] | undefined;
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // a string literal: skip to its closing quote
      i++;
      while (i < text.length && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c ? 2 : 1;
      i++;
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (m === null) return undefined; // not JSON: let JSON.parse report it
      const token = m[0];
      if (!/[.eE]/.test(token) && !Number.isSafeInteger(Number(token))) {
        out ??= [];
        out.push(text.slice(copied, i), `"${MARK}${token}"`);
        copied = i + token.length;
      }
      i += token.length;
      continue;
    }
    i++;
  }
  if (out === undefined) return undefined;
  out.push(text.slice(copied));
  return out.join("");
}

export function parseJson(text: string): JsonParse {
  try {
    const marked = markUnsafeIntegers(text);
    if (marked === undefined) return { ok: true, value: JSON.parse(text) as unknown };
    const value = JSON.parse(marked, (_key, v: unknown) => (typeof v === "string" && v.startsWith(MARK) ? new BigIntText(v.slice(MARK.length)) : v)) as unknown;
    return { ok: true, value };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** Pretty JSON (two spaces, final newline) with `BigIntText` written as the number it is. */
export function stringifyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(MARKED, "$1")}\n`;
}

/** The decimal text of an integer id (a safe integer or a `BigIntText`), or undefined. */
export function integerText(v: unknown): string | undefined {
  if (typeof v === "number" && Number.isSafeInteger(v)) return String(v);
  if (v instanceof BigIntText) return v.digits;
  return undefined;
}
