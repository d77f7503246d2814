/**
 * Term-level parsing, following OPA's parser (v1/ast/parser.go): the binding precedence is
 * `in` < relations (== != < > <= >=) < `|` < `&` < `+ -` < `* / %` < terms, all left-associative;
 * a ref or call continues only with an adjacent `.`, `[` or `(` (parseTermFinish scans without
 * skipping whitespace); an array comprehension's head is a single term (`[x + 1 | ...]` is not a
 * comprehension in OPA either); `{...}` after a term context is an object (sets are unsupported).
 */

import type { Expr, Term } from "./ast.js";
import { RegoError, type Loc } from "./errors.js";
import type { Token } from "./lexer.js";
import { numFromText } from "./number.js";

export const KEYWORDS = new Set(["package", "import", "as", "default", "else", "every", "if", "in", "not", "some", "with"]);

/**
 * Infix operators: the call operator is the symbol itself (parseTermOp), which no rule name can
 * shadow; ast.BuiltinMap also keys builtins by their Infix.
 */
export const INFIX: Record<string, string> = {
  "==": "equal",
  "!=": "neq",
  "<": "lt",
  "<=": "lte",
  ">": "gt",
  ">=": "gte",
  "+": "plus",
  "-": "minus",
  "*": "mul",
  "/": "div",
  "%": "rem",
  "|": "or",
  "&": "and",
  "internal.member_2": "internal.member_2",
  "internal.member_3": "internal.member_3",
};
const RELATIONS: Record<string, string> = { "==": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">=" };
const ARITH: Record<string, string> = { "+": "+", "-": "-" };
const FACTOR: Record<string, string> = { "*": "*", "/": "/", "%": "%" };

export function opTerm(name: string, loc: Loc): Term {
  return { t: "var", name, loc };
}

export function callOf(op: string, args: Term[], loc: Loc): Term {
  return { t: "call", fn: opTerm(op, loc), args, loc };
}

export abstract class TermParser {
  protected i = 0;
  constructor(protected readonly toks: readonly Token[]) {}

  protected abstract parseBodyUntil(end: string): Expr[];

  protected peek(o = 0): Token {
    return (this.toks[this.i + o] ?? this.toks[this.toks.length - 1]) as Token;
  }
  protected next(): Token {
    const t = this.peek();
    if (this.i < this.toks.length - 1) this.i++;
    return t;
  }
  protected isPunct(p: string, o = 0): boolean {
    const t = this.peek(o);
    return t.kind === "punct" && t.text === p;
  }
  protected isIdent(name: string, o = 0): boolean {
    const t = this.peek(o);
    return t.kind === "ident" && t.text === name;
  }
  protected fail(tok: Token, msg: string): never {
    throw new RegoError("rego_parse_error", msg, tok.loc);
  }
  protected unsupported(tok: Token, what: string): never {
    throw new RegoError("rego_unsupported_error", `unsupported by the test interpreter: ${what}`, tok.loc);
  }
  protected expectPunct(p: string): Token {
    if (!this.isPunct(p)) this.fail(this.peek(), `expected ${p} but found ${this.describe(this.peek())}`);
    return this.next();
  }
  protected describe(t: Token): string {
    return t.kind === "eof" ? "end of file" : t.kind === "string" ? "string" : JSON.stringify(t.text);
  }

  /** parseTermInfixCall (keyVal: `k, v in xs` allowed). */
  parseIn(keyVal: boolean): Term {
    let lhs = this.parseRelation();
    if (keyVal && this.isPunct(",")) {
      const save = this.i;
      this.next();
      const mhs = this.parseRelation();
      if (this.isIdent("in")) {
        this.next();
        const rhs = this.parseRelation();
        lhs = callOf("internal.member_3", [lhs, mhs, rhs], lhs.loc);
      } else this.i = save;
    }
    while (this.isIdent("in")) {
      this.next();
      const rhs = this.parseRelation();
      lhs = callOf("internal.member_2", [lhs, rhs], lhs.loc);
    }
    return lhs;
  }

  private binary(ops: Record<string, string>, sub: () => Term): Term {
    let lhs = sub();
    for (;;) {
      const t = this.peek();
      const op = t.kind === "punct" ? ops[t.text] : undefined;
      if (op === undefined) return lhs;
      this.next();
      lhs = callOf(op, [lhs, sub()], lhs.loc);
    }
  }

  protected parseRelation(): Term {
    return this.binary(RELATIONS, () => this.parseOr());
  }
  private parseOr(): Term {
    return this.binary({ "|": "|" }, () => this.parseAnd());
  }
  private parseAnd(): Term {
    return this.binary({ "&": "&" }, () => this.parseArith());
  }
  private parseArith(): Term {
    return this.binary(ARITH, () => this.parseFactor());
  }
  private parseFactor(): Term {
    return this.binary(FACTOR, () => this.parseTerm());
  }

  parseTerm(): Term {
    const t = this.peek();
    let term: Term;
    if (t.kind === "number") {
      this.next();
      term = { t: "scalar", v: numFromText(t.text), loc: t.loc };
    } else if (t.kind === "string") {
      this.next();
      term = { t: "scalar", v: t.text, loc: t.loc };
    } else if (t.kind === "ident") {
      this.next();
      if (t.text === "true" || t.text === "false") term = { t: "scalar", v: t.text === "true", loc: t.loc };
      else if (t.text === "null") term = { t: "scalar", v: null, loc: t.loc };
      else {
        if (KEYWORDS.has(t.text)) this.fail(t, `unexpected ${t.text} keyword`);
        term = { t: "var", name: t.text, loc: t.loc };
      }
    } else if (t.kind === "punct" && t.text === "-") {
      this.next();
      const n = this.peek();
      if (n.kind !== "number") this.fail(t, "unexpected - token: expected a number");
      this.next();
      term = { t: "scalar", v: numFromText("-" + n.text), loc: t.loc };
    } else if (t.kind === "punct" && t.text === "[") term = this.parseArray();
    else if (t.kind === "punct" && t.text === "{") term = this.parseObject();
    else if (t.kind === "punct" && t.text === "(") {
      this.next();
      term = this.parseIn(true);
      this.expectPunct(")");
    } else this.fail(t, `unexpected ${this.describe(t)} token`);
    return this.parseFinish(term);
  }

  /** Refs and calls: `.name`, `[term]`, `(args)`, each adjacent to what precedes it. */
  private parseFinish(head: Term): Term {
    let term = head;
    const path: Term[] = [];
    const flush = (): void => {
      if (path.length > 0) term = { t: "ref", head: term, path: path.splice(0), loc: head.loc };
    };
    for (;;) {
      const t = this.peek();
      if (t.kind !== "punct" || t.wsBefore) break;
      if (t.text === ".") {
        this.next();
        const n = this.peek();
        if (n.kind !== "ident" || n.wsBefore) this.fail(n, "expected a name after .");
        this.next();
        path.push({ t: "scalar", v: n.text, loc: n.loc });
      } else if (t.text === "[") {
        this.next();
        path.push(this.parseIn(false));
        this.expectPunct("]");
      } else if (t.text === "(") {
        flush();
        if (term.t !== "var" && term.t !== "ref") this.fail(t, "illegal call operator");
        this.next();
        const args = this.parseList(")");
        term = { t: "call", fn: term, args, loc: term.loc };
      } else break;
    }
    flush();
    return term;
  }

  protected parseList(end: string): Term[] {
    const items: Term[] = [];
    while (!this.isPunct(end)) {
      items.push(this.parseIn(false));
      if (this.isPunct(",")) this.next();
      else if (!this.isPunct(end)) this.fail(this.peek(), `expected , or ${end}`);
    }
    this.next();
    return items;
  }

  private parseArray(): Term {
    const open = this.next();
    if (this.isPunct("]")) {
      this.next();
      return { t: "array", items: [], loc: open.loc };
    }
    const save = this.i;
    const head = this.parseTerm();
    if (this.isPunct("|")) {
      this.next();
      const body = this.parseBodyUntil("]");
      return { t: "arraycomp", head, body, loc: open.loc };
    }
    this.i = save;
    return { t: "array", items: this.parseList("]"), loc: open.loc };
  }

  private parseObject(): Term {
    const open = this.next();
    const entries: [Term, Term][] = [];
    if (this.isPunct("}")) {
      this.next();
      return { t: "object", entries, loc: open.loc };
    }
    // parseSetOrObject: a single term first, so that `{x | ...}` is a comprehension.
    const save = this.i;
    this.parseTerm();
    if (this.isPunct("|")) this.unsupported(this.peek(), "set comprehensions");
    if (this.isPunct(",") || this.isPunct("}")) this.unsupported(this.peek(), "set literals");
    this.i = save;
    for (;;) {
      const key = this.parseIn(false);
      if (!this.isPunct(":")) this.unsupported(this.peek(), "set literals");
      this.next();
      if (entries.length === 0) {
        // parseObject: a single term first, so that `{k: v | ...}` is a comprehension.
        const at = this.i;
        this.parseTerm();
        if (this.isPunct("|")) this.unsupported(this.peek(), "object comprehensions");
        this.i = at;
      }
      entries.push([key, this.parseIn(false)]);
      if (this.isPunct(",")) {
        this.next();
        if (this.isPunct("}")) break;
        continue;
      }
      if (this.isPunct("}")) break;
      this.fail(this.peek(), "expected , or }");
    }
    this.next();
    return { t: "object", entries, loc: open.loc };
  }
}
