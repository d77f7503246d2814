/**
 * String literals: escapes and `{expr}` interpolation.
 *
 * The lexer hands over a whole string token (nested strings inside `{…}` included). This
 * module decodes escapes (`\" \\ \n \t \{ \}`), splits the text into `Text` parts and
 * interpolated expressions, and parses each expression with the caller's `parseExpr`, at
 * its real offset so spans and diagnostics point into the file.
 */

import type { DiagnosticSink } from "../diagnostics/diagnostic.js";
import { span } from "../source/source.js";
import type { Expr, StringLit, TextPart } from "./ast.js";
import { scanString } from "./tokens.js";

export type ParseExpr = (text: string, base: number) => Expr;

const escapes: Record<string, string> = { '"': '"', "\\": "\\", n: "\n", t: "\t", "{": "{", "}": "}" };

/** Converts the image of a string token starting at file offset `base`. */
export function convertString(image: string, base: number, terminated: boolean, sink: DiagnosticSink, parseExpr: ParseExpr): StringLit {
  const whole = span(base, base + image.length);
  if (!terminated) {
    // `"a { b"`: the quote is there, but an unclosed `{` swallowed it into an interpolation.
    const brace = unescapedBrace(image);
    if (brace >= 0 && image.indexOf('"', brace) > 0) {
      sink.report("E0106", span(base + brace, base + brace + 1), "unterminated interpolation: `{` without its `}`", {
        help: "write `\\{` for a literal brace",
      });
      return { kind: "String", parts: [{ kind: "Text", value: image.slice(1), span: span(base + 1, base + image.length) }], span: whole };
    }
    sink.report("E0102", whole, "unterminated string", {
      help: 'add the closing `"`; a string ends on the line where it starts (write `\\n` for a line break)',
    });
  }
  const end = terminated ? image.length - 1 : image.length;
  const parts: (TextPart | Expr)[] = [];
  let text = "";
  let textStart = 1;
  const flush = (upTo: number) => {
    if (text.length > 0) parts.push({ kind: "Text", value: text, span: span(base + textStart, base + upTo) });
    text = "";
  };
  let i = 1;
  while (i < end) {
    const c = image[i]!;
    if (c === "\\") {
      const next = image[i + 1];
      const decoded = next === undefined ? undefined : escapes[next];
      if (decoded === undefined) {
        sink.report("E0103", span(base + i, base + i + (next === undefined ? 1 : 2)), `invalid escape \`\\${next ?? ""}\` in string`, {
          help: 'the escapes are `\\"`, `\\\\`, `\\n`, `\\t`, `\\{` and `\\}`',
        });
        text += next ?? "";
      } else {
        text += decoded;
      }
      i += 2;
      continue;
    }
    if (c === "{") {
      const close = findClose(image, i + 1, end);
      if (close < 0) {
        // An unterminated string already has its error; do not pile a second one on it.
        if (terminated) sink.report("E0106", span(base + i, base + end), "unterminated interpolation: `{` without its `}`", {
          help: "write `\\{` for a literal brace",
        });
        text += image.slice(i, end);
        i = end;
        continue;
      }
      flush(i);
      const inner = image.slice(i + 1, close);
      if (inner.trim() === "") {
        sink.report("E0106", span(base + i, base + close + 1), "empty interpolation `{}`", {
          help: "put an expression between the braces, or write `\\{` for a literal brace",
        });
        parts.push({ kind: "Error", span: span(base + i, base + close + 1) });
      } else {
        parts.push(parseExpr(inner, base + i + 1));
      }
      i = close + 1;
      textStart = i;
      continue;
    }
    text += c;
    i++;
  }
  flush(end);
  return { kind: "String", parts, span: whole };
}

/** Index of the first `{` not preceded by a backslash escape, or -1. */
function unescapedBrace(image: string): number {
  for (let i = 1; i < image.length; i++) {
    if (image[i] === "\\") i++;
    else if (image[i] === "{") return i;
  }
  return -1;
}

/** Index of the `}` matching an interpolation whose body starts at `i`, or -1. */
function findClose(image: string, i: number, end: number): number {
  let depth = 1;
  while (i < end) {
    const c = image.charCodeAt(i);
    if (c === 34) {
      const after = scanString(image, i);
      if (after < 0 || after > end) return -1;
      i = after;
      continue;
    }
    if (c === 123) depth++;
    else if (c === 125 && --depth === 0) return i;
    i++;
  }
  return -1;
}
