/**
 * CST → AST.
 *
 * One function per grammar rule, typed against the generated CST (`cst.d.ts`), so renaming
 * a rule or a label in the parser fails `tsc` here. Error recovery can leave any child
 * missing, so every child access goes through `one()`/`many()` and a missing expression
 * becomes an `ErrorExpr` spanning where it should have been.
 *
 * All offsets are shifted by `base`: interpolated expressions are parsed from a substring
 * of the file and must still point into it.
 */

import type { CstNode, IToken } from "chevrotain";
import type { DiagnosticSink } from "../diagnostics/diagnostic.js";
import { span, type Span } from "../source/source.js";
import type * as A from "./ast.js";
import type * as C from "./cst.js";
import { convertString, type ParseExpr } from "./strings.js";
import { StringToken } from "./tokens.js";

export class AstBuilder {
  constructor(
    private readonly sink: DiagnosticSink,
    private readonly base: number,
    private readonly parseExpr: ParseExpr,
    /** Where a node with no located tokens is placed (end of the text). */
    private readonly fallback: number,
  ) {}

  // --- positions ----------------------------------------------------------------------------

  private tok(t: IToken | undefined): Span {
    if (t === undefined || !Number.isFinite(t.startOffset)) return span(this.fallback, this.fallback);
    const end = Number.isFinite(t.endOffset) ? (t.endOffset as number) + 1 : t.startOffset + t.image.length;
    return span(this.base + t.startOffset, this.base + end);
  }

  private node(n: CstNode | undefined): Span {
    const loc = n?.location;
    if (loc === undefined || !Number.isFinite(loc.startOffset)) return span(this.fallback, this.fallback);
    const end = Number.isFinite(loc.endOffset) ? (loc.endOffset as number) + 1 : loc.startOffset;
    return span(this.base + loc.startOffset, this.base + end);
  }

  private ident(t: IToken | undefined): A.Ident {
    return { kind: "Ident", name: t?.image ?? "", span: this.tok(t) };
  }

  private errorExpr(at: Span): A.ErrorExpr {
    return { kind: "Error", span: at };
  }

  // --- file structure -------------------------------------------------------------------------

  file(n: C.FileCstNode, path: string, comments: A.Comment[], length: number): A.FileNode {
    let pkg: A.PackageDecl | undefined;
    const imports: A.ImportDecl[] = [];
    const decls: A.Decl[] = [];
    for (const top of n.children.topLevel ?? []) {
      const c = top.children;
      if (c.packageDecl?.[0]) {
        const p = this.packageDecl(c.packageDecl[0]);
        if (pkg !== undefined) this.sink.report("E0105", p.span, "a file declares its package only once");
        else if (imports.length > 0 || decls.length > 0)
          this.sink.report("E0105", p.span, "`package` must come first in the file", { help: "move it above the imports and declarations" });
        else pkg = p;
      } else if (c.importDecl?.[0]) {
        const i = this.importDecl(c.importDecl[0]);
        if (decls.length > 0)
          this.sink.report("E0105", i.span, "`import` must come before the declarations", { help: "move the import to the top, after `package`" });
        imports.push(i);
      } else if (c.paramDecl?.[0]) decls.push(this.paramDecl(c.paramDecl[0]));
      else if (c.letDecl?.[0]) decls.push(this.letDecl(c.letDecl[0]));
      else if (c.defDecl?.[0]) decls.push(this.defDecl(c.defDecl[0]));
      else if (c.controlDecl?.[0]) decls.push(this.controlDecl(c.controlDecl[0]));
      else if (c.waiverDecl?.[0]) decls.push(this.waiverDecl(c.waiverDecl[0]));
      else if (c.testDecl?.[0]) decls.push(this.testDecl(c.testDecl[0]));
    }
    const file: A.FileNode = { kind: "File", path, imports, decls, comments, span: span(0, length) };
    return pkg === undefined ? file : { ...file, package: pkg };
  }

  private packageDecl(n: C.PackageDeclCstNode): A.PackageDecl {
    return { kind: "Package", name: this.qualifiedName(n.children.qualifiedName?.[0], this.node(n)), span: this.node(n) };
  }

  private importDecl(n: C.ImportDeclCstNode): A.ImportDecl {
    const c = n.children;
    const imp: A.ImportDecl = { kind: "Import", name: this.qualifiedName(c.qualifiedName?.[0], this.node(n)), span: this.node(n) };
    return c.alias?.[0] ? { ...imp, alias: this.ident(c.alias[0]) } : imp;
  }

  private qualifiedName(n: C.QualifiedNameCstNode | undefined, at: Span): A.QualifiedName {
    if (n === undefined) return { kind: "QualifiedName", parts: [], span: at };
    const toks = [...(n.children.Identifier ?? []), ...(n.children.Word ?? [])].sort((a, b) => a.startOffset - b.startOffset);
    return { kind: "QualifiedName", parts: toks.map((t) => t.image), span: this.node(n) };
  }

  private paramDecl(n: C.ParamDeclCstNode): A.ParamDecl {
    const c = n.children;
    return { kind: "Param", name: this.ident(c.Identifier?.[0]), value: this.expression(c.expression?.[0], this.node(n)), span: this.node(n) };
  }

  private letDecl(n: C.LetDeclCstNode): A.LetDecl {
    const c = n.children;
    return { kind: "Let", name: this.ident(c.Identifier?.[0]), value: this.expression(c.expression?.[0], this.node(n)), span: this.node(n) };
  }

  private defDecl(n: C.DefDeclCstNode): A.DefDecl {
    const c = n.children;
    return {
      kind: "Def",
      name: this.ident(c.name?.[0]),
      params: (c.params ?? []).map((p) => this.ident(p)),
      body: this.expression(c.expression?.[0], this.node(n)),
      span: this.node(n),
    };
  }

  // --- controls ---------------------------------------------------------------------------------

  private controlDecl(n: C.ControlDeclCstNode): A.ControlDecl {
    const c = n.children;
    const id = c.ControlId?.[0];
    return {
      kind: "Control",
      id: { kind: "ControlId", id: id?.image ?? "", span: this.tok(id) },
      title: this.string(c.StringLiteral?.[0], this.node(n)),
      items: (c.controlItem ?? []).map((i) => this.controlItem(i)).filter((i): i is A.ControlItem => i !== undefined),
      span: this.node(n),
    };
  }

  private controlItem(n: C.ControlItemCstNode): A.ControlItem | undefined {
    const c = n.children;
    if (c.severityItem?.[0]) {
      const s = c.severityItem[0];
      return { kind: "Severity", level: this.ident(s.children.Identifier?.[0]), span: this.node(s) };
    }
    if (c.frameworksItem?.[0]) {
      const f = c.frameworksItem[0];
      return { kind: "Frameworks", values: (f.children.StringLiteral ?? []).map((t) => this.string(t, this.node(f))), span: this.node(f) };
    }
    if (c.textItem?.[0]) {
      const t = c.textItem[0].children;
      const which = t.Kw_remediation ? "remediation" : t.Kw_description ? "description" : "docs";
      return { kind: "TextItem", which, text: this.string(t.StringLiteral?.[0], this.node(c.textItem[0])), span: this.node(c.textItem[0]) };
    }
    if (c.forItem?.[0]) return this.forItem(c.forItem[0]);
    if (c.letDecl?.[0]) return this.letDecl(c.letDecl[0]);
    if (c.requireItem?.[0]) {
      const r = c.requireItem[0];
      const req: A.RequireItem = { kind: "Require", condition: this.expression(r.children.expression?.[0], this.node(r)), span: this.node(r) };
      const msg = r.children.StringLiteral?.[0];
      return msg ? { ...req, message: this.string(msg, this.node(r)) } : req;
    }
    if (c.ingressBlock?.[0]) {
      const b = c.ingressBlock[0];
      return {
        kind: "Ingress",
        subject: this.expression(b.children.expression?.[0], this.node(b)),
        statements: (b.children.ingressStmt ?? []).map((s) => this.ingressStmt(s)).filter((s): s is A.IngressStmt => s !== undefined),
        span: this.node(b),
      };
    }
    if (c.egressBlock?.[0]) {
      const b = c.egressBlock[0];
      return {
        kind: "Egress",
        subject: this.expression(b.children.expression?.[0], this.node(b)),
        statements: (b.children.egressStmt ?? []).map((s) => this.egressStmt(s)).filter((s): s is A.EgressStmt => s !== undefined),
        span: this.node(b),
      };
    }
    return undefined;
  }

  private forItem(n: C.ForItemCstNode): A.ForItem {
    const c = n.children;
    const item: A.ForItem = {
      kind: "For",
      variable: this.ident(c.Identifier?.[0]),
      collection: this.expression(c.collection?.[0], this.node(n)),
      span: this.node(n),
    };
    return c.where?.[0] ? { ...item, where: this.expression(c.where[0], this.node(n)) } : item;
  }

  private ingressStmt(n: C.IngressStmtCstNode): A.IngressStmt | undefined {
    const c = n.children;
    const at = this.node(n);
    const list = () => this.exprList(c.exprList?.[0], at);
    if (c.Soft_ip) return { kind: "IpAccessListsEnforced", span: at };
    if (c.Soft_allow) return { kind: "AllowOnlyFrom", ranges: list(), span: at };
    if (c.Soft_deny) return { kind: "DenyFrom", ranges: list(), span: at };
    if (c.Soft_private) return { kind: "PrivateLinkRequired", span: at };
    if (c.Soft_dns) return { kind: "DnsForwardingFor", zones: list(), span: at };
    return undefined;
  }

  private egressStmt(n: C.EgressStmtCstNode): A.EgressStmt | undefined {
    const c = n.children;
    const at = this.node(n);
    if (c.Soft_restricted) return { kind: "Restricted", span: at };
    if (c.Soft_enforced) {
      return c.product?.[0] ? { kind: "Enforced", product: this.expression(c.product[0], at), span: at } : { kind: "Enforced", span: at };
    }
    if (c.Soft_must) {
      const stmt: A.MustAllow = { kind: "MustAllow", storage: c.Soft_storage !== undefined, items: this.exprList(c.exprList?.[0], at), span: at };
      return c.when?.[0] ? { ...stmt, when: this.expression(c.when[0], at) } : stmt;
    }
    if (c.Soft_allow) return { kind: "AllowOnly", items: this.exprList(c.exprList?.[0], at), span: at };
    return undefined;
  }

  private exprList(n: C.ExprListCstNode | undefined, at: Span): A.Expr[] {
    if (n === undefined) return [this.errorExpr(at)];
    return (n.children.expression ?? []).map((e) => this.expression(e, this.node(n)));
  }

  // --- waivers and tests --------------------------------------------------------------------------

  private waiverDecl(n: C.WaiverDeclCstNode): A.WaiverDecl {
    const c = n.children;
    const at = this.node(n);
    const id = c.ControlId?.[0];
    const date = c.Date?.[0];
    const w: A.WaiverDecl = {
      kind: "Waiver",
      control: { kind: "ControlId", id: id?.image ?? "", span: this.tok(id) },
      subject: this.subjectKey(c.subjectKey?.[0], at),
      until: { kind: "Date", raw: date?.image ?? "", span: this.tok(date) },
      reason: this.string(c.StringLiteral?.[0], at),
      span: at,
    };
    const approved = c.StringLiteral?.[1];
    return approved ? { ...w, approvedBy: this.string(approved, at) } : w;
  }

  private subjectKey(n: C.SubjectKeyCstNode | undefined, at: Span): A.SubjectKey {
    const num = n?.children.Number?.[0];
    if (num) return this.number(num);
    return this.string(n?.children.StringLiteral?.[0], at);
  }

  private testDecl(n: C.TestDeclCstNode): A.TestDecl {
    const c = n.children;
    const at = this.node(n);
    return {
      kind: "Test",
      name: this.string(c.StringLiteral?.[0], at),
      given: this.string(c.StringLiteral?.[1], at),
      expects: (c.expectItem ?? []).map((e) => this.expectItem(e)),
      span: at,
    };
  }

  private expectItem(n: C.ExpectItemCstNode): A.ExpectItem {
    const c = n.children;
    const id = c.ControlId?.[0];
    const e: A.ExpectItem = {
      kind: "Expect",
      control: { kind: "ControlId", id: id?.image ?? "", span: this.tok(id) },
      status: this.ident(c.status?.[0]),
      span: this.node(n),
    };
    return c.subjectKey?.[0] ? { ...e, subject: this.subjectKey(c.subjectKey[0], this.node(n)) } : e;
  }

  // --- expressions -------------------------------------------------------------------------------

  expression(n: C.ExpressionCstNode | undefined, at: Span): A.Expr {
    const or = n?.children.orExpr?.[0];
    return or ? this.orExpr(or) : this.errorExpr(n ? this.node(n) : span(at.end, at.end));
  }

  private fold(operands: A.Expr[], ops: { op: A.BinaryOp; span: Span }[]): A.Expr {
    let acc = operands[0]!;
    for (let i = 1; i < operands.length; i++) {
      let right = operands[i]!;
      // A hole left by recovery has no location of its own: place it after the left operand.
      if (right.kind === "Error" && right.span.start >= this.fallback) right = this.errorExpr(span(acc.span.end, acc.span.end));
      const op = ops[i - 1] ?? { op: ops[0]?.op ?? "or", span: right.span };
      acc = { kind: "Binary", op: op.op, left: acc, right, opSpan: op.span, span: span(acc.span.start, right.span.end) };
    }
    return acc;
  }

  private orExpr(n: C.OrExprCstNode): A.Expr {
    const operands = (n.children.operands ?? []).map((o) => this.andExpr(o));
    if (operands.length === 0) return this.errorExpr(this.node(n));
    return this.fold(operands, (n.children.Kw_or ?? []).map((t) => ({ op: "or", span: this.tok(t) })));
  }

  private andExpr(n: C.AndExprCstNode): A.Expr {
    const operands = (n.children.operands ?? []).map((o) => this.notExpr(o));
    if (operands.length === 0) return this.errorExpr(this.node(n));
    return this.fold(operands, (n.children.Kw_and ?? []).map((t) => ({ op: "and", span: this.tok(t) })));
  }

  private notExpr(n: C.NotExprCstNode): A.Expr {
    const c = n.children;
    if (c.Kw_not) {
      const inner = c.notExpr?.[0];
      return { kind: "Not", operand: inner ? this.notExpr(inner) : this.errorExpr(this.node(n)), span: this.node(n) };
    }
    if (c.quantified?.[0]) return this.quantified(c.quantified[0]);
    if (c.compareExpr?.[0]) return this.compareExpr(c.compareExpr[0]);
    return this.errorExpr(this.node(n));
  }

  private quantified(n: C.QuantifiedCstNode): A.QuantifiedExpr {
    const c = n.children;
    const at = this.node(n);
    const coll = c.collection?.[0];
    return {
      kind: "Quantified",
      quantifier: c.Kw_any ? "any" : c.Kw_all ? "all" : "none",
      variable: this.ident(c.Identifier?.[0]),
      collection: coll ? this.orExpr(coll) : this.errorExpr(at),
      body: this.expression(c.body?.[0], at),
      span: at,
    };
  }

  private compareExpr(n: C.CompareExprCstNode): A.Expr {
    const c = n.children;
    const leftNode = c.left?.[0];
    const left = leftNode ? this.coalesceExpr(leftNode) : this.errorExpr(this.node(n));
    if (c.Kw_is) {
      const test = c.Kw_missing ? "missing" : "present";
      return { kind: "Is", operand: left, test, negated: c.Kw_not !== undefined, span: this.node(n) };
    }
    const opNode = c.compareOp?.[0];
    if (opNode === undefined) return left;
    const rightNode = c.right?.[0];
    const right = rightNode ? this.coalesceExpr(rightNode) : this.errorExpr(span(this.node(n).end, this.node(n).end));
    return { kind: "Binary", op: this.compareOp(opNode), left, right, opSpan: this.node(opNode), span: this.node(n) };
  }

  private compareOp(n: C.CompareOpCstNode): A.BinaryOp {
    const c = n.children;
    if (c.EqEq) return "==";
    if (c.NotEq) return "!=";
    if (c.LtEq) return "<=";
    if (c.GtEq) return ">=";
    if (c.Lt) return "<";
    if (c.Gt) return ">";
    if (c.Kw_in) return c.Kw_not ? "not in" : "in";
    if (c.Kw_within) return "within";
    if (c.Kw_overlaps) return "overlaps";
    return "matches";
  }

  private coalesceExpr(n: C.CoalesceExprCstNode): A.Expr {
    const operands = (n.children.operands ?? []).map((o) => this.additiveExpr(o));
    if (operands.length === 0) return this.errorExpr(this.node(n));
    return this.fold(operands, (n.children.Coalesce ?? []).map((t) => ({ op: "??", span: this.tok(t) })));
  }

  private additiveExpr(n: C.AdditiveExprCstNode): A.Expr {
    const operands = (n.children.operands ?? []).map((o) => this.postfixExpr(o));
    if (operands.length === 0) return this.errorExpr(this.node(n));
    const ops = (n.children.ops ?? []).map((t) => ({ op: (t.image === "+" ? "+" : "-") as A.BinaryOp, span: this.tok(t) }));
    return this.fold(operands, ops);
  }

  private postfixExpr(n: C.PostfixExprCstNode): A.Expr {
    const c = n.children;
    const prim = c.primary?.[0];
    let acc: A.Expr = prim ? this.primary(prim) : this.errorExpr(this.node(n));
    const suffixes: (C.MemberSuffixCstNode | C.IndexSuffixCstNode)[] = [...(c.memberSuffix ?? []), ...(c.indexSuffix ?? [])];
    suffixes.sort((a, b) => (a.location?.startOffset ?? 0) - (b.location?.startOffset ?? 0));
    for (const s of suffixes) {
      const end = this.node(s).end;
      if (s.name === "memberSuffix") {
        const m = s as C.MemberSuffixCstNode;
        const field = this.ident(m.children.Word?.[0]);
        const args = m.children.callArgs?.[0];
        if (args === undefined) {
          acc = { kind: "Member", object: acc, field, span: span(acc.span.start, end) };
        } else if (acc.kind === "Name") {
          acc = { kind: "Call", qualifier: { kind: "Ident", name: acc.name, span: acc.span }, callee: field, args: this.callArgs(args), span: span(acc.span.start, end) };
        } else {
          this.sink.report("E0104", span(field.span.start, end), `\`${field.name}(…)\` cannot be called on a value`, {
            help: "functions take their subject as an argument: write `f(x)`, not `x.f()`",
          });
          acc = this.errorExpr(span(acc.span.start, end));
        }
      } else {
        const idx = s as C.IndexSuffixCstNode;
        acc = { kind: "Index", object: acc, index: this.expression(idx.children.expression?.[0], this.node(idx)), span: span(acc.span.start, end) };
      }
    }
    return acc;
  }

  private callArgs(n: C.CallArgsCstNode): A.Expr[] {
    return (n.children.args ?? []).map((a) => this.expression(a, this.node(n)));
  }

  private primary(n: C.PrimaryCstNode): A.Expr {
    const c = n.children;
    if (c.literal?.[0]) return this.literal(c.literal[0]);
    if (c.nameOrCall?.[0]) {
      const nc = c.nameOrCall[0];
      const id = this.ident(nc.children.Identifier?.[0]);
      const args = nc.children.callArgs?.[0];
      if (args === undefined) return { kind: "Name", name: id.name, span: id.span };
      return { kind: "Call", callee: id, args: this.callArgs(args), span: this.node(nc) };
    }
    if (c.listOrComprehension?.[0]) return this.listOrComprehension(c.listOrComprehension[0]);
    if (c.firstExpr?.[0]) {
      const f = c.firstExpr[0];
      const at = this.node(f);
      return {
        kind: "First",
        variable: this.ident(f.children.Identifier?.[0]),
        collection: this.expression(f.children.collection?.[0], at),
        where: this.expression(f.children.where?.[0], at),
        span: at,
      };
    }
    if (c.parenExpr?.[0]) {
      const p = c.parenExpr[0];
      return { kind: "Paren", expr: this.expression(p.children.expression?.[0], this.node(p)), span: this.node(p) };
    }
    return this.errorExpr(this.node(n));
  }

  private literal(n: C.LiteralCstNode): A.Expr {
    const c = n.children;
    if (c.StringLiteral?.[0]) return this.string(c.StringLiteral[0], this.node(n));
    if (c.Number?.[0]) return this.number(c.Number[0]);
    if (c.Date?.[0]) return { kind: "Date", raw: c.Date[0].image, span: this.tok(c.Date[0]) };
    if (c.IPv4?.[0]) return { kind: "Net", raw: c.IPv4[0].image, family: 4, span: this.tok(c.IPv4[0]) };
    if (c.IPv6?.[0]) return { kind: "Net", raw: c.IPv6[0].image, family: 6, span: this.tok(c.IPv6[0]) };
    if (c.Kw_true?.[0]) return { kind: "Bool", value: true, span: this.tok(c.Kw_true[0]) };
    if (c.Kw_false?.[0]) return { kind: "Bool", value: false, span: this.tok(c.Kw_false[0]) };
    return this.errorExpr(this.node(n));
  }

  private listOrComprehension(n: C.ListOrComprehensionCstNode): A.Expr {
    const c = n.children;
    const at = this.node(n);
    const items = (c.items ?? []).map((e) => this.expression(e, at));
    if (c.Kw_for) {
      const comp: A.ComprehensionExpr = {
        kind: "Comprehension",
        element: items[0] ?? this.errorExpr(at),
        variable: this.ident(c.Identifier?.[0]),
        collection: this.expression(c.collection?.[0], at),
        span: at,
      };
      return c.where?.[0] ? { ...comp, where: this.expression(c.where[0], at) } : comp;
    }
    return { kind: "List", items, span: at };
  }

  // --- tokens ------------------------------------------------------------------------------------

  private number(t: IToken): A.NumberLit {
    return { kind: "Number", value: Number(t.image), raw: t.image, span: this.tok(t) };
  }

  string(t: IToken | undefined, at: Span): A.StringLit {
    if (t === undefined || !Number.isFinite(t.startOffset)) return { kind: "String", parts: [], span: span(at.end, at.end) };
    return convertString(t.image, this.base + t.startOffset, t.tokenType === StringToken, this.sink, this.parseExpr);
  }
}
