/**
 * RE2 (Go regexp, Perl syntax) to JavaScript translation, and Go's FindAll iteration.
 *
 * Differences handled: Go's `.` excludes only `\n` (JS also excludes `\r`, U+2028/9); Go's `\s`
 * is `[\t\n\f\r ]` (JS's is Unicode); flags (?i)(?m)(?s)(?U) are scoped in Go (Node 20 has no
 * inline modifiers: m and s are compiled into the anchors and dots, U swaps greediness, i is
 * the JS flag when it covers the whole pattern and is otherwise emulated by case-expanding
 * literals); Go accepts `\Q..\E`, `\x{...}`, octal, `\pL`, `[[:alpha:]]`, a literal `{` that
 * starts no repeat, escaped punctuation. Constructs RE2 rejects (lookaround, backreferences,
 * repeat counts over 1000, nested repetition operators) are errors, as in Go.
 * Every literal is emitted as a `\u{...}` escape; the JS regex uses the `u` flag.
 */

import { BuiltinError } from "./errors.js";

export interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

const PERL: Record<string, string> = { d: "0-9", w: "0-9A-Za-z_", s: "\\t\\n\\f\\r " };
const POSIX: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\u{0}-\\u{7f}",
  blank: "\\t ",
  cntrl: "\\u{0}-\\u{1f}\\u{7f}",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\u{b}\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

const esc = (cp: number): string => `\\u{${cp.toString(16)}}`;

export function fail(msg: string): never {
  throw new BuiltinError(`error parsing regexp: ${msg}`);
}

export class Translator {
  private i = 0;
  private readonly cps: number[];
  constructor(
    private readonly src: string,
    private readonly globalI: boolean,
  ) {
    this.cps = [...src].map((c) => c.codePointAt(0) as number);
  }

  private peek(o = 0): number | undefined {
    return this.cps[this.i + o];
  }
  private ch(o = 0): string {
    const c = this.peek(o);
    return c === undefined ? "" : String.fromCodePoint(c);
  }

  translate(flags: Flags): string {
    const out = this.alternation(flags, false);
    if (this.i < this.cps.length) fail(`unexpected ): \`${this.src}\``);
    return out;
  }

  private alternation(flags: Flags, inGroup: boolean): string {
    const parts: string[] = [this.sequence(flags)];
    while (this.ch() === "|") {
      this.i++;
      parts.push(this.sequence(flags));
    }
    if (inGroup && this.ch() !== ")") fail(`missing closing ): \`${this.src}\``);
    return parts.join("|");
  }

  private sequence(flags: Flags): string {
    let out = "";
    for (;;) {
      const c = this.ch();
      if (c === "" || c === "|" || c === ")") return out;
      if (c === "(" && this.ch(1) === "?" && /[imsU:-]/.test(this.ch(2))) {
        const save = this.i;
        this.i += 2;
        const nf = this.flagSpec(flags);
        if (this.ch() === ")") {
          this.i++;
          Object.assign(flags, nf);
          continue;
        }
        if (this.ch() === ":") {
          this.i++;
          const inner = this.alternation({ ...nf }, true);
          this.i++;
          out += this.quantify(`(?:${inner})`, flags);
          continue;
        }
        this.i = save;
        fail(`invalid or unsupported Perl syntax: \`(?\``);
      }
      const atom = this.atom(flags);
      out += this.quantify(atom, flags);
    }
  }

  private flagSpec(flags: Flags): Flags {
    const nf = { ...flags };
    let neg = false;
    for (;;) {
      const c = this.ch();
      if (c === "-") {
        if (neg) fail("invalid or unsupported Perl syntax: `(?-`");
        neg = true;
      } else if (c === "i" || c === "m" || c === "s" || c === "U") nf[c] = !neg;
      else return nf;
      this.i++;
    }
  }

  private quantify(atom: string, flags: Flags): string {
    let q = "";
    const c = this.ch();
    if (c === "*" || c === "+" || c === "?") {
      q = c;
      this.i++;
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.offset()));
      if (m === null) return atom;
      const lo = Number(m[1]);
      const hi = m[2] === undefined ? lo : m[3] === "" ? undefined : Number(m[3]);
      if (lo > 1000 || (hi !== undefined && (hi > 1000 || hi < lo))) fail(`invalid repeat count: \`${m[0]}\``);
      q = m[0];
      this.i += [...m[0]].length;
    } else return atom;
    if (atom === "") fail(`missing argument to repetition operator: \`${q}\``);
    let lazy = false;
    if (this.ch() === "?") {
      lazy = true;
      this.i++;
    }
    if (flags.U) lazy = !lazy;
    const n = this.ch();
    if (n === "*" || n === "+" || n === "?" || (n === "{" && /^\{\d+(,\d*)?\}/.test(this.src.slice(this.offset())))) {
      fail(`invalid nested repetition operator: \`${q}${n}\``);
    }
    return `(?:${atom})${q}${lazy ? "?" : ""}`;
  }

  private offset(): number {
    return [...this.src].slice(0, this.i).join("").length;
  }

  private lit(cp: number, flags: Flags): string {
    if (flags.i && !this.globalI) {
      const s = String.fromCodePoint(cp);
      const vs = new Set([cp, ...[s.toLowerCase(), s.toUpperCase()].filter((x) => [...x].length === 1).map((x) => x.codePointAt(0) as number)]);
      if (vs.size > 1) return `[${[...vs].map(esc).join("")}]`;
    }
    return esc(cp);
  }

  private atom(flags: Flags): string {
    const c = this.ch();
    this.i++;
    switch (c) {
      case ".":
        return flags.s ? "[\\u{0}-\\u{10ffff}]" : "[^\\n]";
      case "^":
        return flags.m ? "(?:^|(?<=\\n))" : "^";
      case "$":
        return flags.m ? "(?:$|(?=\\n))" : "$";
      case "(": {
        let open = "(";
        if (this.ch() === "?") {
          const m = /^\?P?<([A-Za-z0-9_]+)>/.exec(this.src.slice(this.offset()));
          if (m === null) fail(`invalid or unsupported Perl syntax: \`(?${this.ch(1)}\``);
          open = `(?<${(m as RegExpExecArray)[1]}>`;
          this.i += (m as RegExpExecArray)[0].length;
        }
        const inner = this.alternation({ ...flags }, true);
        this.i++;
        return `${open}${inner})`;
      }
      case "[":
        return this.charClass(flags);
      case "\\":
        return this.escape(flags, false);
      case "*":
      case "+":
      case "?":
        return fail(`missing argument to repetition operator: \`${c}\``);
      default:
        return this.lit(c.codePointAt(0) as number, flags);
    }
  }

  /** After a backslash; inClass: inside [...]. Returns JS source (a class body item if inClass). */
  private escape(flags: Flags, inClass: boolean): string {
    const c = this.ch();
    this.i++;
    if (c === "") fail("trailing backslash at end of expression");
    if ("dDwWsS".includes(c)) {
      const set = PERL[c.toLowerCase()] as string;
      const neg = c === c.toUpperCase();
      if (inClass) return neg ? fail("negated Perl class in class unsupported") : set;
      return neg ? `[^${set}]` : `[${set}]`;
    }
    if (c === "p" || c === "P") {
      let name: string;
      if (this.ch() === "{") {
        const end = this.src.indexOf("}", this.offset());
        if (end < 0) fail("invalid character class range");
        name = this.src.slice(this.offset() + 1, end);
        this.i += [...name].length + 2;
      } else {
        name = this.ch();
        this.i++;
      }
      let neg = c === "P";
      if (name.startsWith("^")) {
        neg = !neg;
        name = name.slice(1);
      }
      const body = name === "Any" ? "\\u{0}-\\u{10ffff}" : name.length <= 2 ? `\\p{${name}}` : `\\p{Script=${name}}`;
      if (inClass) return neg ? fail("negated Unicode class in class unsupported") : body;
      return neg ? `[^${body}]` : `[${body}]`;
    }
    if (!inClass) {
      if (c === "A") return "^";
      if (c === "z") return "$";
      if (c === "b") return "\\b";
      if (c === "B") return "\\B";
      if (c === "Q") {
        let out = "";
        while (this.i < this.cps.length && !(this.ch() === "\\" && this.ch(1) === "E")) out += this.lit(this.cps[this.i++] as number, flags);
        if (this.i < this.cps.length) this.i += 2;
        return out;
      }
    }
    const simple: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    if (simple[c] !== undefined) return esc(simple[c] as number);
    if (c === "x") {
      let hex: string;
      if (this.ch() === "{") {
        const end = this.src.indexOf("}", this.offset());
        hex = end < 0 ? "" : this.src.slice(this.offset() + 1, end);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || parseInt(hex, 16) > 0x10ffff) fail("invalid escape sequence: `\\x{`");
        this.i += hex.length + 2;
      } else {
        hex = this.ch() + this.ch(1);
        if (!/^[0-9A-Fa-f]{2}$/.test(hex)) fail("invalid escape sequence: `\\x`");
        this.i += 2;
      }
      return inClass ? esc(parseInt(hex, 16)) : this.lit(parseInt(hex, 16), flags);
    }
    if (/[0-7]/.test(c)) {
      if (c !== "0" && !/[0-7]/.test(this.ch())) fail(`invalid escape sequence: \`\\${c}\``);
      let oct = c;
      while (oct.length < 3 && /[0-7]/.test(this.ch())) oct += this.ch(), this.i++;
      return inClass ? esc(parseInt(oct, 8)) : this.lit(parseInt(oct, 8), flags);
    }
    const cp = c.codePointAt(0) as number;
    if (cp < 0x80 && /[^A-Za-z0-9]/.test(c)) return inClass ? esc(cp) : this.lit(cp, flags);
    return fail(`invalid escape sequence: \`\\${c}\``);
  }

  private charClass(flags: Flags): string {
    let neg = false;
    if (this.ch() === "^") {
      neg = true;
      this.i++;
    }
    const items: string[] = [];
    let first = true;
    for (;;) {
      const c = this.ch();
      if (c === "") fail(`missing closing ]: \`${this.src}\``);
      if (c === "]" && !first) break;
      first = false;
      if (c === "[" && this.ch(1) === ":") {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.offset()));
        if (m && POSIX[m[2] as string] !== undefined) {
          if (m[1] === "^") fail("negated POSIX class in class unsupported");
          items.push(POSIX[m[2] as string] as string);
          this.i += m[0].length;
          continue;
        }
      }
      const lo = this.classChar(flags);
      if (typeof lo === "string") {
        items.push(lo);
        continue;
      }
      if (this.ch() === "-" && this.ch(1) !== "]" && this.ch(1) !== "") {
        this.i++;
        const hi = this.classChar(flags);
        if (typeof hi === "string") fail("invalid character class range");
        if (hi < lo) fail("invalid character class range");
        items.push(this.range(lo, hi, flags));
      } else items.push(this.range(lo, lo, flags));
    }
    this.i++;
    return `[${neg ? "^" : ""}${items.join("")}]`;
  }

  /** A code point, or a string for a class escape such as \d or \pL. */
  private classChar(flags: Flags): number | string {
    const c = this.ch();
    this.i++;
    if (c !== "\\") return c.codePointAt(0) as number;
    const save = this.i;
    const n = this.ch();
    if ("dDwWsSpP".includes(n)) return this.escape(flags, true);
    this.i = save;
    const s = this.escape(flags, true);
    const m = /^\\u\{([0-9a-f]+)\}$/.exec(s);
    return m ? parseInt(m[1] as string, 16) : s;
  }

  private range(lo: number, hi: number, flags: Flags): string {
    let out = lo === hi ? esc(lo) : `${esc(lo)}-${esc(hi)}`;
    if (flags.i && !this.globalI && hi - lo < 2000) {
      const extra = new Set<number>();
      for (let cp = lo; cp <= hi; cp++) {
        const s = String.fromCodePoint(cp);
        for (const x of [s.toLowerCase(), s.toUpperCase()]) if ([...x].length === 1) extra.add(x.codePointAt(0) as number);
      }
      for (const x of extra) if (x < lo || x > hi) out += esc(x);
    }
    return out;
  }
}
