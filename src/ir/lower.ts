/**
 * Lowering: the checked AST becomes the IR.
 *
 * Runs only on a program without errors. Names are resolved through the checker's `refs`
 * table; every binder gets a fresh `IrVar` (unique id) so backends never deal with
 * shadowing. Posture statements become requirements calling `std.databricks`
 * (`posture.ts`), requirements without an `else` get a generated message (`messages.ts`),
 * and every requirement and `where` conjunct records the export slots it reads (`reads.ts`).
 */

import type { CheckedProgram, Unit } from "../check/index.js";
import { BUILTINS } from "../check/builtins.js";
import { parseNet, formatNet } from "../net/ip.js";
import type { ObjectTy, Ty } from "../schema/types.js";
import type { Span } from "../source/source.js";
import * as A from "../syntax/ast.js";
import { assertNever } from "../util/assert-never.js";
import { DEFAULT_SEVERITY, isSeverity } from "../util/severity.js";
import type { BuiltinName, IrCondition, IrControl, IrExpr, IrPackage, IrParam, IrProgram, IrRequirement, IrTest, IrVar, IrWaiver, Json, Origin, ParamType } from "./ir.js";
import { generatedMessage, interpolated } from "./messages.js";
import { lowerStatement } from "./posture.js";
import { locate } from "./locate.js";
import type { Lowering } from "./lowering.js";
import { ReadAnalysis } from "./reads.js";
import { withMalformedReads } from "./malformed.js";

export class Lowerer implements Lowering {
  private readonly vars = new Map<object, IrVar>();
  private nextId = 0;

  constructor(readonly program: CheckedProgram) {}

  origin(unit: Unit, span: Span): Origin {
    return { file: unit.source.path, span, line: unit.source.position(span.start).line };
  }

  text(unit: Unit, span: Span): string {
    return unit.source.text.slice(span.start, span.end).replace(/\s+/g, " ").trim();
  }

  bind(key: object, name: string): IrVar {
    const v = { name, id: ++this.nextId };
    this.vars.set(key, v);
    return v;
  }

  private varOf(key: object, what: string): IrVar {
    const v = this.vars.get(key);
    if (v === undefined) throw new Error(`internal error: unbound ${what}`);
    return v;
  }

  expr(e: A.Expr, unit: Unit): IrExpr {
    const origin = this.origin(unit, e.span);
    switch (e.kind) {
      case "String": {
        const value = A.plainString(e);
        if (value === undefined) return interpolated(this, e, unit);
        return { k: "lit", value, origin };
      }
      case "Number":
        return { k: "lit", value: e.value, origin };
      case "Bool":
        return { k: "lit", value: e.value, origin };
      case "Date":
        return { k: "lit", value: e.raw, origin };
      case "Net":
        return { k: "lit", value: netText(e.raw), origin };
      case "Name":
        return this.name(e, unit, origin);
      case "Call":
        return this.call(e, unit, origin);
      case "Member": {
        const sym = this.program.refs.get(e);
        if (sym?.kind === "param") return { k: "param", pkg: sym.pkg.name, name: sym.name, origin };
        if (sym?.kind === "let") return { k: "global", pkg: sym.pkg.name, name: sym.name, origin };
        return { k: "get", obj: this.expr(e.object, unit), field: e.field.name, origin };
      }
      case "Index":
        return { k: "index", obj: this.expr(e.object, unit), index: this.expr(e.index, unit), origin };
      case "List":
        return { k: "list", items: e.items.map((i) => this.expr(i, unit)), origin };
      case "Comprehension": {
        const coll = this.expr(e.collection, unit);
        const v = this.bind(e.variable, e.variable.name);
        const elem = this.expr(e.element, unit);
        return e.where === undefined ? { k: "comp", elem, v, coll, origin } : { k: "comp", elem, v, coll, where: this.expr(e.where, unit), origin };
      }
      case "First": {
        const coll = this.expr(e.collection, unit);
        const v = this.bind(e.variable, e.variable.name);
        return { k: "first", v, coll, where: this.expr(e.where, unit), origin };
      }
      case "Quantified": {
        const coll = this.expr(e.collection, unit);
        const v = this.bind(e.variable, e.variable.name);
        return { k: "quant", q: e.quantifier, v, coll, body: this.expr(e.body, unit), origin };
      }
      case "Paren":
        return this.expr(e.expr, unit);
      case "Not":
        return { k: "not", e: this.expr(e.operand, unit), origin };
      case "Binary":
        return this.binary(e, unit, origin);
      case "Is": {
        const absent = (e.test === "missing") !== e.negated;
        return { k: "is", test: absent ? "missing" : "present", e: this.expr(e.operand, unit), origin };
      }
      case "Error":
        throw new Error("internal error: lowering a program with syntax errors");
      default:
        return assertNever(e);
    }
  }

  private name(e: A.NameRef, unit: Unit, origin: Origin): IrExpr {
    const sym = this.program.refs.get(e);
    switch (sym?.kind) {
      case "var":
        return { k: "local", v: this.varOf(sym.ident, `variable \`${e.name}\``), origin };
      case "let":
        return sym.local ? { k: "local", v: this.varOf(sym.decl, `let \`${e.name}\``), origin } : { k: "global", pkg: sym.pkg.name, name: sym.name, origin };
      case "param":
        return { k: "param", pkg: sym.pkg.name, name: sym.name, origin };
      case "root":
        return { k: "get", obj: { k: "root", origin }, field: sym.name, origin };
      default:
        throw new Error(`internal error: unresolved name \`${e.name}\` at ${unit.source.path}:${origin.line}`);
    }
  }

  private call(e: A.CallExpr, unit: Unit, origin: Origin): IrExpr {
    const args = e.args.map((a) => this.expr(a, unit));
    const sym = this.program.refs.get(e);
    if (sym?.kind === "def") return { k: "call", pkg: sym.pkg.name, name: sym.name, args, origin };
    if (BUILTINS.has(e.callee.name)) return { k: "builtin", name: e.callee.name as BuiltinName, args, origin };
    throw new Error(`internal error: unresolved call \`${e.callee.name}\``);
  }

  private binary(e: A.BinaryExpr, unit: Unit, origin: Origin): IrExpr {
    const l = this.expr(e.left, unit);
    const r = this.expr(e.right, unit);
    switch (e.op) {
      case "and":
      case "or":
        return { k: e.op, l, r, origin };
      case "??":
        return { k: "coalesce", l, r, origin };
      case "+":
      case "-":
        return { k: "arith", op: e.op, l, r, origin };
      default:
        return { k: "cmp", op: e.op, l, r, origin };
    }
  }
}

/** Canonical text of a (checked, valid) address literal. */
export function netText(raw: string): string {
  const r = parseNet(raw);
  return r.ok ? formatNet(r.value) : raw;
}

/** The conjuncts of a `where`: `a and (b and c)` gives a, b, c. */
function conjuncts(e: A.Expr): A.Expr[] {
  const x = A.unparen(e);
  return x.kind === "Binary" && x.op === "and" ? [...conjuncts(x.left), ...conjuncts(x.right)] : [x];
}

function paramType(t: Ty | undefined): ParamType {
  switch (t?.kind) {
    case "string":
      return "string";
    case "number":
      return "number";
    case "bool":
      return "bool";
    case "date":
      return "date";
    case "net":
      return "net";
    case "list":
      return { list: paramType(t.elem) };
    default:
      return "any";
  }
}

function literalJson(e: A.Expr): Json {
  const x = A.unparen(e);
  switch (x.kind) {
    case "String":
      return A.plainString(x) ?? "";
    case "Number":
    case "Bool":
      return x.value;
    case "Date":
      return x.raw;
    case "Net":
      return netText(x.raw);
    case "List":
      return x.items.map(literalJson);
    default:
      throw new Error("internal error: a param default that is not a literal");
  }
}

function keyText(k: A.SubjectKey): string {
  return k.kind === "Number" ? k.raw : (A.plainString(k) ?? "");
}

export function lowerProgram(program: CheckedProgram): IrProgram {
  const L = new Lowerer(program);
  const reads = new ReadAnalysis(program);
  const packages: IrPackage[] = [];
  const controls: IrControl[] = [];
  const waivers: IrWaiver[] = [];
  const tests: IrTest[] = [];
  const names = [...program.packages.keys()].sort();
  for (const name of names) {
    const pkg = program.packages.get(name)!;
    const params: IrParam[] = [...pkg.params.values()].map(({ decl, unit }) => ({
      name: decl.name.name,
      type: paramType(program.types.get(decl.value)),
      value: literalJson(decl.value),
      origin: L.origin(unit, decl.span),
    }));
    const lets = [...pkg.lets.values()].map(({ decl, unit }) => ({ name: decl.name.name, value: L.expr(decl.value, unit), origin: L.origin(unit, decl.span) }));
    const defs = [...pkg.defs.values()].map(({ decl, unit }) => {
      const ps = decl.params.map((p) => L.bind(p, p.name));
      return { name: decl.name.name, params: ps, body: L.expr(decl.body, unit), origin: L.origin(unit, decl.span) };
    });
    packages.push({ name, params, lets, defs });
  }
  reads.setPackages(packages);
  const byName = new Map(packages.map((p) => [p.name, p]));
  for (const name of names) {
    const pkg = program.packages.get(name)!;
    for (const { decl, unit } of pkg.controls) controls.push(lowerControl(L, reads, decl, unit, name, byName));
    for (const { decl, unit } of pkg.waivers) {
      const w: IrWaiver = { control: decl.control.id, key: keyText(decl.subject), until: decl.until.raw, reason: A.plainString(decl.reason) ?? "", origin: L.origin(unit, decl.span) };
      waivers.push(decl.approvedBy ? { ...w, approvedBy: A.plainString(decl.approvedBy) ?? "" } : w);
    }
    for (const { decl, unit } of pkg.tests) {
      tests.push({
        name: A.plainString(decl.name) ?? "",
        given: A.plainString(decl.given) ?? "",
        expects: decl.expects.map((x) => {
          const base = { control: x.control.id, status: x.status.name as "pass", origin: L.origin(unit, x.span) };
          return x.subject ? { ...base, key: keyText(x.subject) } : base;
        }),
        origin: L.origin(unit, decl.span),
      });
    }
  }
  return withMalformedReads({ packages, controls, waivers, tests });
}

function lowerControl(L: Lowerer, reads: ReadAnalysis, c: A.ControlDecl, unit: Unit, pkg: string, packages: ReadonlyMap<string, IrPackage>): IrControl {
  const subjectTy = L.program.subjects.get(c);
  const forItem = c.items.find((i): i is A.ForItem => i.kind === "For");
  if (forItem === undefined || subjectTy === undefined) throw new Error(`internal error: control ${c.id.id} has no subject`);
  const item = <K extends string>(k: K, which?: string) => c.items.find((i) => i.kind === k && (which === undefined || (i as A.TextItem).which === which));
  const text = (which: string) => {
    const t = item("TextItem", which) as A.TextItem | undefined;
    return t === undefined ? undefined : A.plainString(t.text);
  };
  const collection = L.expr(forItem.collection, unit);
  const v = L.bind(forItem.variable, forItem.variable.name);
  const scope = reads.subjectScope(v, subjectTy);
  const cond = (e: IrExpr): IrCondition => ({ expr: e, reads: scope.reads(e) });
  const where = forItem.where === undefined ? [] : conjuncts(forItem.where).map((w) => cond(L.expr(w, unit)));
  const lets: IrControl["lets"][number][] = [];
  const requirements: IrRequirement[] = [];
  for (const it of c.items) {
    if (it.kind === "Let") {
      const value = L.expr(it.value, unit);
      const lv = L.bind(it, it.name.name);
      scope.bindLet(lv, value);
      lets.push({ v: lv, value, reads: scope.reads(value) });
    } else if (it.kind === "Require") {
      const e = L.expr(it.condition, unit);
      const message = it.message === undefined ? generatedMessage(L, it.condition, e, unit) : L.expr(it.message, unit);
      requirements.push({ index: requirements.length + 1, statement: "require", expr: e, reads: scope.reads(e), message, origin: L.origin(unit, it.span) });
    } else if (it.kind === "Ingress" || it.kind === "Egress") {
      const subject = L.expr(it.subject, unit);
      for (const s of it.statements) {
        const low = lowerStatement(L, s, subject, unit);
        requirements.push({ index: requirements.length + 1, statement: low.statement, expr: low.cond, reads: scope.reads(low.cond), message: low.message, origin: L.origin(unit, s.span) });
      }
    }
  }
  const sev = (item("Severity") as A.SeverityItem | undefined)?.level.name;
  const fw = item("Frameworks") as A.FrameworksItem | undefined;
  const remediation = item("TextItem", "remediation") as A.TextItem | undefined;
  const control: IrControl = {
    id: c.id.id,
    title: A.plainString(c.title) ?? "",
    severity: isSeverity(sev) ? sev : DEFAULT_SEVERITY,
    frameworks: (fw?.values ?? []).map((s) => A.plainString(s) ?? ""),
    package: pkg,
    origin: L.origin(unit, c.id.span),
    subject: {
      v,
      collection: { expr: collection, reads: reads.exportReads(collection) },
      source: locate(collection, packages),
      where,
      kind: subjectTy.subject!.kind,
      key: subjectTy.subject!.key,
      label: subjectTy.subject!.label,
    },
    lets,
    requirements,
  };
  const description = text("description");
  const docs = text("docs");
  return {
    ...control,
    ...(remediation ? { remediation: L.expr(remediation.text, unit) } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(docs !== undefined ? { docs } : {}),
  };
}

export type { ObjectTy };
