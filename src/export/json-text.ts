/**
 * From text to a parsed JSON value, with positions for syntax errors (decoding a file's
 * bytes into that text is `load-file.ts`).
 *
 * `parseJsonText` runs `JSON.parse`; on a syntax error it reports the 1-based line and column
 * of the parser's position (`at position N` in V8 messages, the end of the text for
 * "Unexpected end of JSON input"). V8 messages of the form `Unexpected token 'x', "…" is not
 * valid JSON` carry no position, so `findJsonSyntaxError`, a small iterative scanner of the
 * RFC 8259 grammar, finds it.
 *
 * Invariants:
 * - Nothing here throws; every failure is a value.
 * - The scanner is iterative (an explicit stack), so deeply nested input cannot overflow.
 * - Offsets and columns count UTF-16 code units, like `SourceFile` positions.
 */

import { SourceFile } from "../source/source.js";

export type JsonParseResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string; readonly line: number; readonly column: number };

/** `JSON.parse` with a positioned, lowercase message on failure. A leading byte-order mark is ignored. */
export function parseJsonText(rawText: string): JsonParseResult {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const { message, offset } = describeSyntaxError(text, raw);
    const pos = new SourceFile("", text).position(offset);
    return { ok: false, message, line: pos.line, column: pos.column };
  }
}

/** The message and offset of a V8 `JSON.parse` failure on `text`. */
function describeSyntaxError(text: string, raw: string): { message: string; offset: number } {
  if (text.trim() === "") return { message: "the file is empty: expected a JSON object", offset: 0 };
  if (/^Unexpected end of JSON input/.test(raw)) {
    return { message: "unexpected end of JSON input (is the file truncated?)", offset: text.length };
  }
  const at = /\bat position (\d+)/.exec(raw);
  const stated = at ? Number(at[1]) : undefined;
  const offset = stated !== undefined && stated <= text.length ? stated : (findJsonSyntaxError(text) ?? text.length);
  const message = cleanMessage(raw, text, offset);
  // A complaint about the very end of the text is almost always a truncated file.
  if (text.slice(offset).trim() === "") return { message: `${message} at the end of the input (is the file truncated?)`, offset };
  return { message, offset };
}

/** V8's message without position, snippet or line suffix, starting lowercase. */
function cleanMessage(raw: string, text: string, offset: number): string {
  // Everything from the position on goes, with the `(line N column M)` V8 12 (Node 22) appends.
  let m = raw.replace(/\s+in JSON at position \d+.*$/s, "").replace(/\s+at position \d+.*$/s, "");
  if (/^Unexpected token\b/.test(m) && /is not valid JSON$/.test(m)) m = `unexpected ${describeChar(text, offset)}`;
  if (m === "") m = "invalid JSON";
  return m.charAt(0).toLowerCase() + m.slice(1);
}

function describeChar(text: string, offset: number): string {
  const cp = text.codePointAt(offset);
  if (cp === undefined) return "end of input";
  const named: Record<number, string> = { 0x0a: "line break", 0x0d: "line break", 0x09: "tab", 0x20: "space" };
  if (named[cp] !== undefined) return named[cp];
  if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) || cp === 0xfffd) {
    return `character U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return `character '${String.fromCodePoint(cp)}'`;
}

const ARRAY = 0;
const OBJECT = 1;

/**
 * Offset of the first character that makes `text` invalid JSON (`text.length` when the input
 * ends too early), or undefined when the text is valid JSON.
 */
export function findJsonSyntaxError(text: string): number | undefined {
  const n = text.length;
  const stack: number[] = [];
  let i = 0;
  const skipWs = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  /** Scans a string starting at `i` (a `"`); returns false with `i` at the offending character. */
  const scanString = (): boolean => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text.charCodeAt(i + 1);
        if (e === 0x75) {
          for (let k = 2; k < 6; k++) {
            if (!/[0-9a-fA-F]/.test(text.charAt(i + k))) {
              i += k;
              return false;
            }
          }
          i += 6;
        } else if (i + 1 < n && '"\\/bfnrt'.includes(text.charAt(i + 1))) i += 2;
        else {
          i++;
          return false;
        }
      } else i++;
    }
    return false;
  };
  const digits = (): number => {
    const s = i;
    while (i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    return i - s;
  };
  const scanNumber = (): boolean => {
    if (text.charAt(i) === "-") i++;
    if (text.charAt(i) === "0") i++;
    else if (digits() === 0) return false;
    if (text.charAt(i) === ".") {
      i++;
      if (digits() === 0) return false;
    }
    if (text.charAt(i) === "e" || text.charAt(i) === "E") {
      i++;
      if (text.charAt(i) === "+" || text.charAt(i) === "-") i++;
      if (digits() === 0) return false;
    }
    return true;
  };
  /** Expects an object key and its colon; false with `i` at the offending character. */
  const scanKey = (): boolean => {
    skipWs();
    if (text.charAt(i) !== '"' || !scanString()) return false;
    skipWs();
    if (text.charAt(i) !== ":") return false;
    i++;
    return true;
  };

  for (;;) {
    // A value is expected at `i`.
    skipWs();
    if (i >= n) return n;
    const c = text.charAt(i);
    let scalar = true;
    if (c === "{" || c === "[") {
      i++;
      skipWs();
      if (text.charAt(i) === (c === "{" ? "}" : "]")) i++;
      else {
        stack.push(c === "{" ? OBJECT : ARRAY);
        if (c === "{" && !scanKey()) return i;
        scalar = false;
      }
    } else if (c === '"') {
      if (!scanString()) return i;
    } else if (c === "-" || (c >= "0" && c <= "9")) {
      if (!scanNumber()) return i;
    } else {
      const word = c === "t" ? "true" : c === "f" ? "false" : c === "n" ? "null" : undefined;
      if (word === undefined) return i;
      for (let k = 0; k < word.length; k++, i++) if (text.charAt(i) !== word.charAt(k)) return i;
    }
    if (!scalar) continue;
    // After a complete value: close containers or move to the next element.
    let next = false;
    while (!next) {
      skipWs();
      const top = stack[stack.length - 1];
      if (top === undefined) return i < n ? i : undefined;
      if (i >= n) return n;
      const d = text.charAt(i);
      if (d === ",") {
        i++;
        if (top === OBJECT && !scanKey()) return i;
        next = true;
      } else if ((top === ARRAY && d === "]") || (top === OBJECT && d === "}")) {
        i++;
        stack.pop();
      } else return i;
    }
  }
}
