/**
 * Module, rule and body parsing (Rego v1 syntax), after OPA's v1/ast/parser.go:
 * - `package` path, imports (`rego.v1` and `future.keywords...` are dropped);
 * - rules: `[default] name[(args)] [:= | = term] [if body | if literal]` followed by `else`
 *   branches; a statement without a body is a constant (`x := 1`) or a fact-style function
 *   (`f(1, 8)`, value true), as OPA's ParseRuleFromExpr/ParseRuleFromCallExpr make them;
 * - bodies: literals separated by `;` or a newline (parseQuery: "expected \n or ; or }");
 * - `some x`, `some v in xs`, `some k, v in xs`, `every [k,] v in xs { ... }`, `not`.
 * Ref heads (`p.q := ...`), partial rules (`p[x]`, `contains`), `with` and sets are rejected.
 */

import type { Expr, ExprKind, Import, Module, RuleDef, RuleHead, Term } from "./ast.js";
import { RegoError, type Loc } from "./errors.js";
import { lex, type Token } from "./lexer.js";
import { KEYWORDS, TermParser } from "./parse-terms.js";

export function parseModule(file: string, src: string): Module {
  return new Parser(lex(file, src), file).module();
}

class Parser extends TermParser {
  constructor(
    toks: readonly Token[],
    private readonly file: string,
  ) {
    super(toks);
  }

  module(): Module {
    if (!this.isIdent("package")) this.fail(this.peek(), "expected package declaration");
    this.next();
    const pkg = this.parsePath().map((s) => s.name);
    const imports: Import[] = [];
    const rules: RuleDef[] = [];
    while (this.peek().kind !== "eof") {
      if (this.isIdent("import")) {
        const imp = this.parseImport();
        if (imp) imports.push(imp);
      } else if (this.isIdent("package")) this.fail(this.peek(), "unexpected package keyword");
      else rules.push(this.parseRule());
    }
    return { file: this.file, pkg, imports, rules };
  }

  /** ident ( .ident | ["string"] )* */
  private parsePath(): { name: string; loc: Loc }[] {
    const first = this.next();
    if (first.kind !== "ident") this.fail(first, "expected a path");
    const out = [{ name: first.text, loc: first.loc }];
    for (;;) {
      const t = this.peek();
      if (t.kind !== "punct" || t.wsBefore) break;
      if (t.text === ".") {
        this.next();
        const n = this.next();
        if (n.kind !== "ident") this.fail(n, "expected a name after .");
        out.push({ name: n.text, loc: n.loc });
      } else if (t.text === "[") {
        this.next();
        const s = this.next();
        if (s.kind !== "string") this.fail(s, "unexpected token: expecting string");
        this.expectPunct("]");
        out.push({ name: s.text, loc: s.loc });
      } else break;
    }
    return out;
  }

  private parseImport(): Import | undefined {
    const kw = this.next();
    const path = this.parsePath();
    const root = (path[0] as { name: string }).name;
    let alias: string | undefined;
    if (this.isIdent("as")) {
      this.next();
      const a = this.next();
      if (a.kind !== "ident" || KEYWORDS.has(a.text)) this.fail(a, "expected var");
      alias = a.text;
    }
    if (root === "rego" || root === "future") return undefined;
    if (root !== "data" && root !== "input") this.fail(kw, `unexpected import path, must begin with one of: {data, future, input, rego}, got: ${root}`);
    const last = (path[path.length - 1] as { name: string }).name;
    alias ??= last;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(alias) || KEYWORDS.has(alias)) this.fail(kw, `unexpected import path, must not end with a keyword, got: ${alias}`);
    return { root, path: path.slice(1).map((p) => p.name), alias, loc: kw.loc };
  }

  private parseRule(): RuleDef {
    const start = this.peek();
    let isDefault = false;
    if (this.isIdent("default")) {
      this.next();
      isDefault = true;
    }
    const nameTok = this.next();
    if (nameTok.kind !== "ident" || KEYWORDS.has(nameTok.text) || ["true", "false", "null"].includes(nameTok.text)) {
      this.fail(nameTok, `unexpected ${this.describe(nameTok)} token: expected rule head`);
    }
    const after = this.peek();
    if (after.kind === "punct" && !after.wsBefore && (after.text === "." || after.text === "[")) {
      this.unsupported(after, "rule heads with refs (partial rules, ref heads)");
    }
    let args: Term[] | undefined;
    if (after.kind === "punct" && after.text === "(" && !after.wsBefore) {
      this.next();
      args = this.parseList(")");
    }
    if (this.isIdent("contains")) this.unsupported(this.peek(), "multi-value rules (contains)");
    let value: Term | undefined;
    if (this.isPunct(":=") || this.isPunct("=")) {
      this.next();
      value = this.parseIn(true);
    }
    const head: RuleHead = { name: nameTok.text, ...(args ? { args } : {}), ...(value ? { value } : {}), loc: nameTok.loc };
    if (isDefault) {
      if (value === undefined) this.fail(nameTok, `expected default rule value term (e.g., default ${nameTok.text} := <VALUE>)`);
      if (args !== undefined) this.unsupported(nameTok, "default functions");
      return { head, body: [], isDefault, elses: [], loc: start.loc };
    }
    let body: Expr[];
    if (this.isIdent("if")) {
      this.next();
      body = this.parseRuleBody();
    } else if (this.isPunct("{")) {
      this.fail(this.peek(), "`if` keyword is required before rule body");
    } else {
      if (value === undefined && args === undefined) this.fail(nameTok, "var cannot be used for rule name");
      body = [];
    }
    const elses: { value?: Term; body: Expr[]; loc: Loc }[] = [];
    while (body.length > 0 && this.isIdent("else")) {
      const kw = this.next();
      let ev: Term | undefined;
      if (this.isPunct(":=") || this.isPunct("=")) {
        this.next();
        ev = this.parseIn(true);
      } else if (!this.isIdent("if") && !this.isPunct("{")) this.fail(this.peek(), "expected else value term or rule body");
      let ebody: Expr[] = [];
      if (this.isIdent("if")) {
        this.next();
        ebody = this.parseRuleBody();
      } else if (this.isPunct("{")) this.fail(this.peek(), "`if` keyword is required before rule body");
      elses.push({ ...(ev ? { value: ev } : {}), body: ebody, loc: kw.loc });
      if (ebody.length === 0) break;
    }
    if (this.isPunct("{")) this.unsupported(this.peek(), "chained rule bodies");
    return { head, body, isDefault, elses, loc: start.loc };
  }

  /**
   * After `if`: a single literal, or `{ body }`. As in parseRules, a leading `{` is first read
   * as a literal (`p if {"a": 1} == x`); a set literal or a failure means it is a body.
   */
  private parseRuleBody(): Expr[] {
    if (!this.isPunct("{")) return [this.parseLiteral()];
    // Try first what the braces most likely hold (an object has `}` or `key:` after `{`), then the other.
    const objectLike = this.isPunct("}", 1) || this.isPunct(":", 2);
    const asLiteral = (): Expr[] => [this.parseLiteral()];
    const asBody = (): Expr[] => {
      this.next();
      return this.parseBodyUntil("}");
    };
    const save = this.i;
    try {
      return objectLike ? asLiteral() : asBody();
    } catch (e) {
      if (!(e instanceof RegoError)) throw e;
      this.i = save;
      try {
        return objectLike ? asBody() : asLiteral();
      } catch {
        this.i = save;
        return objectLike ? asLiteral() : asBody(); // report the likelier reading's error
      }
    }
  }

  /** parseQuery: literals until `end`, separated by `;` or newlines; consumes `end`. */
  protected parseBodyUntil(end: string): Expr[] {
    if (this.isPunct(end)) this.fail(this.peek(), "found empty body");
    const body: Expr[] = [];
    for (;;) {
      body.push(this.parseLiteral());
      if (this.isPunct(";")) {
        this.next();
        continue;
      }
      if (this.isPunct(end)) {
        this.next();
        return body;
      }
      if (!this.peek().nlBefore) this.fail(this.peek(), `expected \\n or ; or ${end}`);
    }
  }

  private parseLiteral(): Expr {
    const start = this.peek();
    if (this.isIdent("some")) return this.parseSome();
    if (this.isIdent("every")) return this.parseEvery();
    let negated = false;
    if (this.isIdent("not")) {
      this.next();
      negated = true;
    }
    const lhs = this.parseIn(true);
    let kind: ExprKind;
    if (this.isPunct(":=") || this.isPunct("=")) {
      const op = this.next();
      const rhs = this.parseIn(true);
      kind = op.text === ":=" ? { e: "assign", lhs, rhs } : { e: "unify", lhs, rhs };
    } else kind = { e: "term", term: lhs };
    if (this.isIdent("with")) this.unsupported(this.peek(), "with modifiers");
    return { ...kind, negated, loc: start.loc };
  }

  private parseSome(): Expr {
    const kw = this.next();
    const save = this.i;
    const term = this.parseIn(true);
    if (term.t === "call" && term.fn.t === "var") {
      if (term.fn.name === "internal.member_2") {
        const [value, domain] = term.args as [Term, Term];
        return { e: "somein", value, domain, negated: false, loc: kw.loc };
      }
      if (term.fn.name === "internal.member_3") {
        const [key, value, domain] = term.args as [Term, Term, Term];
        return { e: "somein", key, value, domain, negated: false, loc: kw.loc };
      }
    }
    this.i = save;
    const vars: Term[] = [];
    for (;;) {
      const v = this.next();
      if (v.kind !== "ident" || KEYWORDS.has(v.text)) this.fail(v, "expected var");
      vars.push({ t: "var", name: v.text, loc: v.loc });
      if (!this.isPunct(",")) break;
      this.next();
    }
    return { e: "some", vars, negated: false, loc: kw.loc };
  }

  private parseEvery(): Expr {
    const kw = this.next();
    const term = this.parseIn(true);
    if (term.t !== "call" || term.fn.t !== "var" || !term.fn.name.startsWith("internal.member_")) {
      this.fail(kw, "expected `x[, y] in xs { ... }` expression");
    }
    const three = term.fn.name === "internal.member_3";
    const key = three ? term.args[0] : undefined;
    const value = term.args[three ? 1 : 0] as Term;
    const domain = term.args[three ? 2 : 1] as Term;
    if (key !== undefined && key.t !== "var") this.fail(kw, "expected key to be a variable");
    if (value.t !== "var") this.fail(kw, "expected value to be a variable");
    if (!this.isPunct("{")) this.fail(this.peek(), "missing body");
    this.next();
    const body = this.parseBodyUntil("}");
    if (this.isIdent("with")) this.unsupported(this.peek(), "with modifiers");
    return { e: "every", ...(key ? { key } : {}), value, domain, body, negated: false, loc: kw.loc };
  }
}

export { RegoError };
