/**
 * From text to a parsed JSON value, with positions for syntax errors (decoding a file's
 * bytes into that text is `io/export-file.ts`).
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
  return new JsonScanner(text).firstError();
}

/** What follows a value: another value is expected, or the text is done (valid, or invalid at an offset). */
type AfterValue = { readonly next: true } | { readonly next: false; readonly error: number | undefined };

/**
 * A validating scan of JSON text without building values: one pass, an explicit stack of open
 * containers (no recursion, so any depth). Each `scan…` method consumes one construct at `i`
 * and returns false with `i` at the offending character.
 */
class JsonScanner {
  private readonly n: number;
  private readonly stack: number[] = [];
  private i = 0;

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  firstError(): number | undefined {
    for (;;) {
      const opened = this.scanValue();
      if (opened === false) return this.i >= this.n ? this.n : this.i;
      if (opened === "container") continue;
      const after = this.afterValue();
      if (!after.next) return after.error;
    }
  }

  /** A value at `i`: a scalar, an empty container, or the opening of one (its first key included). */
  private scanValue(): "scalar" | "container" | false {
    const { text } = this;
    this.skipWs();
    if (this.i >= this.n) return false;
    const c = text.charAt(this.i);
    if (c === "{" || c === "[") return this.open(c);
    if (c === '"') return this.scanString() && "scalar";
    if (c === "-" || (c >= "0" && c <= "9")) return this.scanNumber() && "scalar";
    const word = c === "t" ? "true" : c === "f" ? "false" : c === "n" ? "null" : undefined;
    if (word === undefined) return false;
    for (let k = 0; k < word.length; k++, this.i++) if (text.charAt(this.i) !== word.charAt(k)) return false;
    return "scalar";
  }

  /** `{` or `[` at `i`: an empty container is a scalar; else it is pushed (an object's first key read). */
  private open(c: "{" | "["): "scalar" | "container" | false {
    this.i++;
    this.skipWs();
    if (this.text.charAt(this.i) === (c === "{" ? "}" : "]")) {
      this.i++;
      return "scalar";
    }
    this.stack.push(c === "{" ? OBJECT : ARRAY);
    if (c === "{" && !this.scanKey()) return false;
    return "container";
  }

  /** After a complete value: close containers until the next element starts, or the text ends. */
  private afterValue(): AfterValue {
    const { text, n } = this;
    for (;;) {
      this.skipWs();
      const top = this.stack[this.stack.length - 1];
      if (top === undefined) return { next: false, error: this.i < n ? this.i : undefined };
      if (this.i >= n) return { next: false, error: n };
      const d = text.charAt(this.i);
      if (d === ",") {
        this.i++;
        if (top === OBJECT && !this.scanKey()) return { next: false, error: this.i };
        return { next: true };
      }
      if ((top === ARRAY && d === "]") || (top === OBJECT && d === "}")) {
        this.i++;
        this.stack.pop();
      } else return { next: false, error: this.i };
    }
  }

  private skipWs(): void {
    while (this.i < this.n) {
      const c = this.text.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.i++;
      else break;
    }
  }

  /** A string starting at `i` (a `"`). */
  private scanString(): boolean {
    this.i++;
    while (this.i < this.n) {
      const c = this.text.charCodeAt(this.i);
      if (c === 0x22) {
        this.i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        if (!this.scanEscape()) return false;
      } else this.i++;
    }
    return false;
  }

  /** An escape starting at `i` (a backslash): `\uXXXX` or one of `\" \\ \/ \b \f \n \r \t`. */
  private scanEscape(): boolean {
    const { text } = this;
    if (text.charCodeAt(this.i + 1) === 0x75) {
      for (let k = 2; k < 6; k++) {
        if (!/[0-9a-fA-F]/.test(text.charAt(this.i + k))) {
          this.i += k;
          return false;
        }
      }
      this.i += 6;
      return true;
    }
    if (this.i + 1 < this.n && '"\\/bfnrt'.includes(text.charAt(this.i + 1))) {
      this.i += 2;
      return true;
    }
    this.i++;
    return false;
  }

  private digits(): number {
    const s = this.i;
    while (this.i < this.n && this.text.charCodeAt(this.i) >= 0x30 && this.text.charCodeAt(this.i) <= 0x39) this.i++;
    return this.i - s;
  }

  private scanNumber(): boolean {
    const { text } = this;
    if (text.charAt(this.i) === "-") this.i++;
    if (text.charAt(this.i) === "0") this.i++;
    else if (this.digits() === 0) return false;
    if (text.charAt(this.i) === ".") {
      this.i++;
      if (this.digits() === 0) return false;
    }
    if (text.charAt(this.i) === "e" || text.charAt(this.i) === "E") {
      this.i++;
      if (text.charAt(this.i) === "+" || text.charAt(this.i) === "-") this.i++;
      if (this.digits() === 0) return false;
    }
    return true;
  }

  /** An object key and its colon. */
  private scanKey(): boolean {
    this.skipWs();
    if (this.text.charAt(this.i) !== '"' || !this.scanString()) return false;
    this.skipWs();
    if (this.text.charAt(this.i) !== ":") return false;
    this.i++;
    return true;
  }
}
