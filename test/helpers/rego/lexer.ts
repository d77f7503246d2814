/**
 * Tokens of Rego source. Whitespace and `#` comments are skipped, but each token records whether
 * a newline preceded it (OPA's parseQuery needs `;` or a newline between literals) and whether
 * any whitespace preceded it (a ref or call continues only with an adjacent `.`, `[` or `(`).
 */

import { RegoError, type Loc } from "./errors.js";

export type TokKind = "ident" | "number" | "string" | "punct" | "eof";

export interface Token {
  readonly kind: TokKind;
  /** Identifier name, punctuation text, number text, or the decoded string. */
  readonly text: string;
  readonly loc: Loc;
  readonly nlBefore: boolean;
  readonly wsBefore: boolean;
}

const PUNCT2 = [":=", "==", "!=", "<=", ">="];
const PUNCT1 = "<>=+-*/%&|()[]{},;.:";

export function lex(file: string, src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let nl = false;
  let ws = false;
  const loc = (at: number): Loc => ({ file, line, col: at - lineStart + 1 });
  const fail = (at: number, msg: string): never => {
    throw new RegoError("rego_parse_error", msg, loc(at));
  };
  const push = (kind: TokKind, text: string, at: number, l: Loc = loc(at)): void => {
    out.push({ kind, text, loc: l, nlBefore: nl, wsBefore: ws });
    nl = false;
    ws = false;
  };
  while (i < src.length) {
    const c = src[i] as string;
    if (c === "\n") {
      i++;
      line++;
      lineStart = i;
      nl = ws = true;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      ws = true;
      continue;
    }
    if (c === "#") {
      while (i < src.length && src[i] !== "\n") i++;
      ws = true;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[A-Za-z0-9_]/.test(src[j] as string)) j++;
      push("ident", src.slice(i, j), i);
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(src.slice(i, i + 400));
      if (m === null) fail(i, "illegal number");
      const text = (m as RegExpExecArray)[0];
      if (/[A-Za-z0-9_.]/.test(src[i + text.length] ?? " ")) fail(i, `illegal number format`);
      push("number", text, i);
      i += text.length;
      continue;
    }
    if (c === '"') {
      const start = i;
      const l = loc(i);
      let j = i + 1;
      let s = "";
      for (;;) {
        const d = src[j];
        if (d === undefined || d === "\n") fail(start, "non-terminated string");
        if (d === '"') break;
        if (d === "\\") {
          const e = src[j + 1];
          const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
          if (e !== undefined && simple[e] !== undefined) {
            s += simple[e];
            j += 2;
            continue;
          }
          if (e === "u" && /^[0-9a-fA-F]{4}$/.test(src.slice(j + 2, j + 6))) {
            s += String.fromCharCode(parseInt(src.slice(j + 2, j + 6), 16));
            j += 6;
            continue;
          }
          fail(j, "illegal escape sequence in string");
        }
        s += d;
        j++;
      }
      push("string", s, start, l);
      i = j + 1;
      continue;
    }
    if (c === "`") {
      const start = i;
      const l = loc(i);
      let j = i + 1;
      while (j < src.length && src[j] !== "`") {
        if (src[j] === "\n") {
          line++;
          lineStart = j + 1;
        }
        j++;
      }
      if (j >= src.length) fail(start, "non-terminated raw string");
      push("string", src.slice(i + 1, j), start, l);
      i = j + 1;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (PUNCT2.includes(two)) {
      push("punct", two, i);
      i += 2;
      continue;
    }
    if (PUNCT1.includes(c)) {
      push("punct", c, i);
      i++;
      continue;
    }
    fail(i, `illegal token ${JSON.stringify(c)}`);
  }
  out.push({ kind: "eof", text: "", loc: loc(i), nlBefore: true, wsBefore: true });
  return out;
}
