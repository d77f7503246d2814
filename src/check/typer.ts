/**
 * Name resolution and typing of expressions — the checker's core pass.
 *
 * `expr()` resolves every name (recording it in `ctx.refs`), gives every expression a type
 * (recorded in `ctx.types`) and reports what cannot work whatever the data: unknown names and
 * fields (with the closest spelling), operators applied to the wrong kinds of value, enum
 * strings a field can never hold, literals that are not what their position needs.
 *
 * A `def` has no declared parameter types. Its body is checked once with parameters of type
 * `any` (errors that hold for every call) and again for each distinct list of argument types
 * it is called with (errors that depend on the data, such as a misspelt field of the
 * workspace passed in); those carry a note pointing at the call.
 */

import { closest, didYouMean } from "../diagnostics/suggest.js";
import type { Related } from "../diagnostics/diagnostic.js";
import { fieldNames, fieldType } from "../schema/index.js";
import { showTy, T, type ObjectTy, type StringTy, type Ty } from "../schema/types.js";
import type { Span } from "../source/source.js";
import { plainString, unparen, type Expr } from "../syntax/ast.js";
import { assertNever } from "../util/assert-never.js";
import type * as A from "../syntax/ast.js";
import { BUILTINS } from "./builtins.js";
import type { CheckContext } from "./context.js";
import { checkDomainPosition, checkEnumPosition, checkNetPosition } from "./positions.js";
import type { DeclRef, Unit } from "./program.js";
import { Scope, type Sym } from "./scope.js";
import { comparable, elemOf, isBoolish, isDomainish, isEnum, isNetish, join, orderable, tyKey } from "./ty.js";

export class Typer {
  private readonly letTypes = new Map<object, Ty>();
  private readonly inProgress = new Set<object>();
  private readonly instances = new Map<string, Ty>();
  private readonly defStack: A.DefDecl[] = [];
  private callNote: Related | undefined;
  private recording = true;
  /** Inside an interpolated message: `??` may supply any fallback text. */
  private inMessage = false;

  constructor(
    private readonly ctx: CheckContext,
    /** The root scope of a unit: package names, imports, export fields. */
    private readonly unitScope: (unit: Unit) => Scope,
    /** Imports of `unit` that provide `name`, when more than one does. */
    private readonly ambiguity: (unit: Unit, name: string) => readonly string[],
  ) {}

  private report(code: Parameters<CheckContext["report"]>[0], unit: Unit, span: Span, message: string, extras: { help?: string | undefined; fix?: { span: Span; replacement: string } } = {}): void {
    const related = this.callNote ? [this.callNote] : undefined;
    this.ctx.report(code, unit, span, message, related ? { ...extras, related } : extras);
  }

  // --- declarations -------------------------------------------------------------------------

  /** Type of a package-level (or imported) param or let, computed once; cycles are reported. */
  declType(sym: Sym & { kind: "param" | "let" }): Ty {
    const known = this.letTypes.get(sym.decl);
    if (known !== undefined) return known;
    if (this.inProgress.has(sym.decl)) {
      this.report("E0206", sym.unit, sym.decl.name.span, `\`${sym.name}\` depends on itself`);
      return T.any;
    }
    this.inProgress.add(sym.decl);
    const saved = this.callNote;
    this.callNote = undefined;
    const t = this.expr(sym.decl.value, this.unitScope(sym.unit), sym.unit);
    this.callNote = saved;
    this.inProgress.delete(sym.decl);
    this.letTypes.set(sym.decl, t);
    return t;
  }

  /** Checks a def body once with untyped (`any`) parameters. */
  defGeneric(ref: DeclRef<A.DefDecl>): void {
    const scope = this.unitScope(ref.unit).child();
    for (const p of ref.decl.params) scope.define({ kind: "var", name: p.name, ident: p, ty: T.any, binder: "def-param" });
    this.defStack.push(ref.decl);
    this.expr(ref.decl.body, scope, ref.unit);
    this.defStack.pop();
  }

  /** Result type of a def for these argument types, checking the body for them. */
  private instantiate(sym: Sym & { kind: "def" }, args: readonly Ty[], call: A.CallExpr, unit: Unit): Ty {
    const key = `${sym.pkg.name}.${sym.name}(${args.map(tyKey).join(",")})`;
    const known = this.instances.get(key);
    if (known !== undefined) return known;
    if (this.defStack.includes(sym.decl)) {
      this.report("E0206", sym.unit, sym.decl.name.span, `\`${sym.name}\` calls itself`, { help: "defs may not be recursive; unroll the recursion or use a quantifier" });
      this.instances.set(key, T.any);
      return T.any;
    }
    const scope = this.unitScope(sym.unit).child();
    sym.decl.params.forEach((p, i) => scope.define({ kind: "var", name: p.name, ident: p, ty: args[i] ?? T.any, binder: "def-param" }));
    const saved = { note: this.callNote, rec: this.recording };
    this.callNote ??= { file: unit.source.path, span: call.span, message: `in this call of \`${sym.name}\`` };
    this.recording = false;
    this.defStack.push(sym.decl);
    const t = this.expr(sym.decl.body, scope, sym.unit);
    this.defStack.pop();
    this.callNote = saved.note;
    this.recording = saved.rec;
    this.instances.set(key, t);
    return t;
  }

  // --- expressions -----------------------------------------------------------------------------

  expr(e: Expr, scope: Scope, unit: Unit): Ty {
    const t = this.exprInner(e, scope, unit);
    if (this.recording) this.ctx.types.set(e, t);
    return t;
  }

  /** Types the interpolations of a message (an `else` text or a remediation). */
  message(s: A.StringLit, scope: Scope, unit: Unit): void {
    this.expr(s, scope, unit);
  }

  /** Types a condition and requires a boolean. */
  condition(e: Expr, scope: Scope, unit: Unit): void {
    const t = this.expr(e, scope, unit);
    if (!isBoolish(t)) {
      this.report("E0306", unit, e.span, `a condition must be true or false, but \`${this.ctx.text(unit, e.span)}\` is ${article(showTy(t))}`, { help: boolHelp(t) });
    }
  }

  private exprInner(e: Expr, scope: Scope, unit: Unit): Ty {
    switch (e.kind) {
      case "String": {
        const saved = this.inMessage;
        this.inMessage = true;
        for (const p of e.parts) if (p.kind !== "Text") this.expr(p, scope, unit);
        this.inMessage = saved;
        return T.string;
      }
      case "Number":
        return T.number;
      case "Bool":
        return T.bool;
      case "Date":
        return T.date;
      case "Net":
        return T.net;
      case "Name":
        return this.name(e, scope, unit);
      case "Call":
        return this.call(e, scope, unit);
      case "Member":
        return this.member(e, scope, unit);
      case "Index":
        return this.index(e, scope, unit);
      case "List":
        return T.list(e.items.map((i) => this.expr(i, scope, unit)).reduce<Ty>((a, b) => join(a, b), T.any));
      case "Comprehension": {
        const inner = this.bind(e.variable, e.collection, scope, unit, "comprehension");
        if (e.where !== undefined) this.condition(e.where, inner, unit);
        return T.list(this.expr(e.element, inner, unit));
      }
      case "First": {
        const inner = this.bind(e.variable, e.collection, scope, unit, "first");
        this.condition(e.where, inner, unit);
        const v = inner.lookup(e.variable.name);
        return v?.kind === "var" ? v.ty : T.any;
      }
      case "Paren":
        return this.expr(e.expr, scope, unit);
      case "Not":
        this.condition(e.operand, scope, unit);
        return T.bool;
      case "Binary":
        return this.binary(e, scope, unit);
      case "Is":
        this.expr(e.operand, scope, unit);
        return T.bool;
      case "Quantified": {
        const inner = this.bind(e.variable, e.collection, scope, unit, "quantifier");
        this.condition(e.body, inner, unit);
        return T.bool;
      }
      case "Error":
        return T.any;
      default:
        return assertNever(e);
    }
  }

  /** Types `collection`, and returns a scope in which `variable` is one of its elements. */
  bind(variable: A.Ident, collection: Expr, scope: Scope, unit: Unit, binder: "for" | "quantifier" | "comprehension" | "first"): Scope {
    return this.bindTyped(variable, collection, scope, unit, binder).scope;
  }

  bindTyped(variable: A.Ident, collection: Expr, scope: Scope, unit: Unit, binder: "for" | "quantifier" | "comprehension" | "first"): { scope: Scope; collectionTy: Ty } {
    const ct = this.expr(collection, scope, unit);
    let elem = elemOf(ct);
    if (elem === undefined) {
      const text = this.ctx.text(unit, collection.span);
      this.report("E0305", unit, collection.span, `\`${text}\` is ${article(showTy(ct))}, not a list`, {
        help: ct.kind === "object" ? (ct.subject !== undefined && binder === "for" ? `to make it the only subject, write \`[${text}]\`` : "iterate over one of its list fields") : undefined,
      });
      elem = T.any;
    }
    const inner = scope.child();
    inner.define({ kind: "var", name: variable.name, ident: variable, ty: elem, binder });
    return { scope: inner, collectionTy: ct };
  }

  private name(e: A.NameRef, scope: Scope, unit: Unit): Ty {
    const sym = scope.lookup(e.name);
    if (sym === undefined) {
      this.report("E0201", unit, e.span, `unknown name \`${e.name}\``, { help: this.importHelp(e.name) ?? didYouMean(e.name, scope.names()) ?? unknownNameHelp(e.name) });
      return T.any;
    }
    this.ctx.refs.set(e, sym);
    this.noteUse(sym, unit, e);
    switch (sym.kind) {
      case "var":
      case "root":
        return sym.ty;
      case "param":
      case "let":
        return sym.kind === "let" && sym.local ? (this.letTypes.get(sym.decl) ?? T.any) : this.declType(sym);
      case "def":
        this.report("E0311", unit, e.span, `\`${e.name}\` is a function; call it as \`${e.name}(…)\``);
        return T.any;
      case "module":
        this.report("E0311", unit, e.span, `\`${e.name}\` is an imported module; name one of its declarations, as in \`${e.name}.something\``);
        return T.any;
      default:
        return assertNever(sym);
    }
  }

  /** Records that a declaration (and the import that brought it) is used; reports ambiguous imports. */
  private noteUse(sym: Sym, unit: Unit, at: A.NameRef | A.CallExpr): void {
    if (sym.kind === "param" || sym.kind === "let" || sym.kind === "def") {
      this.ctx.used.add(sym.decl);
      if (sym.pkg.name !== unit.pkg) {
        for (const imp of unit.file.imports) if (imp.name.parts.join(".") === sym.pkg.name) this.ctx.used.add(imp);
        const from = this.ambiguity(unit, sym.name);
        if (from.length > 1) {
          for (const imp of unit.file.imports) if (from.includes(imp.name.parts.join("."))) this.ctx.used.add(imp);
          const span = at.kind === "Call" ? at.callee.span : at.span;
          this.report("E0208", unit, span, `\`${sym.name}\` is declared in more than one imported package: ${from.map((p) => `\`${p}\``).join(", ")}`, {
            help: "import one of them with `as` and qualify the name",
          });
        }
      }
    } else if (sym.kind === "module") {
      this.ctx.used.add(sym.decl);
    }
  }

  /** "`uses_node` is declared in `std.databricks`: add `import std.databricks`", when it is. */
  private importHelp(name: string): string | undefined {
    const pkg = this.ctx.options.libraryNames?.get(name);
    return pkg === undefined ? undefined : `\`${name}\` is declared in \`${pkg}\`: add \`import ${pkg}\``;
  }

  setLocalLetType(decl: A.LetDecl, t: Ty): void {
    this.letTypes.set(decl, t);
  }

  private member(e: A.MemberExpr, scope: Scope, unit: Unit): Ty {
    // `alias.name` reads a declaration of an aliased import.
    const obj = unparen(e.object);
    if (obj.kind === "Name") {
      const s = scope.lookup(obj.name);
      if (s?.kind === "module") {
        this.ctx.used.add(s.decl);
        this.ctx.refs.set(obj, s);
        const target = s.pkg.params.get(e.field.name) ?? s.pkg.lets.get(e.field.name);
        if (target === undefined) {
          const names = [...s.pkg.params.keys(), ...s.pkg.lets.keys()];
          this.report("E0201", unit, e.field.span, `package \`${s.pkg.name}\` has no param or let \`${e.field.name}\``, { help: didYouMean(e.field.name, names) });
          return T.any;
        }
        this.ctx.used.add(target.decl);
        const sym: Sym =
          target.decl.kind === "Param"
            ? { kind: "param", name: e.field.name, decl: target.decl, unit: target.unit, pkg: s.pkg }
            : { kind: "let", name: e.field.name, decl: target.decl as A.LetDecl, unit: target.unit, pkg: s.pkg, local: false };
        this.ctx.refs.set(e, sym);
        return this.declType(sym as Sym & { kind: "param" | "let" });
      }
    }
    const ot = this.expr(e.object, scope, unit);
    return this.field(ot, e.field, e.object, unit);
  }

  private field(ot: Ty, field: A.Ident, object: Expr, unit: Unit): Ty {
    switch (ot.kind) {
      case "any":
        return T.any;
      case "object": {
        const ft = fieldType(ot, field.name);
        if (ft !== undefined) return ft;
        const names = fieldNames(ot);
        this.report("E0301", unit, field.span, `unknown field \`${field.name}\` on \`${ot.name}\``, {
          help: didYouMean(field.name, names) ?? (names.length <= 12 ? `the fields of \`${ot.name}\` are ${names.map((n) => `\`${n}\``).join(", ")}` : undefined),
        });
        return T.any;
      }
      case "list": {
        const text = this.ctx.text(unit, object.span);
        this.report("E0302", unit, field.span, `\`${text}\` is a list, so it has no field \`${field.name}\``, {
          help: `look inside its elements: \`any x in ${text}: x.${field.name} …\`, \`first x in ${text} where …\` or \`[x.${field.name} for x in ${text}]\``,
        });
        return T.any;
      }
      default:
        this.report("E0302", unit, field.span, `\`${this.ctx.text(unit, object.span)}\` is ${article(showTy(ot))}, which has no fields`);
        return T.any;
    }
  }

  private index(e: A.IndexExpr, scope: Scope, unit: Unit): Ty {
    const ot = this.expr(e.object, scope, unit);
    const it = this.expr(e.index, scope, unit);
    if (ot.kind === "list") {
      if (it.kind !== "number" && it.kind !== "any") this.report("E0303", unit, e.index.span, `a list index must be a number, not ${article(showTy(it))}`);
      return ot.elem;
    }
    if (ot.kind === "object") {
      const key = unparen(e.index);
      const name = key.kind === "String" ? plainString(key) : undefined;
      if (name !== undefined) return this.field(ot, { kind: "Ident", name, span: key.span }, e.object, unit);
      return ot.rest ?? T.any;
    }
    if (ot.kind === "any") return T.any;
    this.report("E0302", unit, e.span, `\`${this.ctx.text(unit, e.object.span)}\` is ${article(showTy(ot))}; only lists and objects can be indexed`);
    return T.any;
  }

  private call(e: A.CallExpr, scope: Scope, unit: Unit): Ty {
    const args = e.args.map((a) => this.expr(a, scope, unit));
    const sym = this.resolveFunction(e, scope, unit);
    if (sym === "builtin") return this.builtin(e, args, unit);
    if (sym === undefined) return T.any;
    this.ctx.refs.set(e, sym);
    this.noteUse(sym, unit, e);
    if (e.args.length !== sym.decl.params.length) {
      this.report("E0205", unit, e.span, `\`${sym.name}\` takes ${plural(sym.decl.params.length, "argument")}, but ${e.args.length} ${e.args.length === 1 ? "was" : "were"} given`, {
        help: `it is declared as \`${sym.name}(${sym.decl.params.map((p) => p.name).join(", ")})\``,
      });
      return T.any;
    }
    return this.instantiate(sym, args, e, unit);
  }

  private resolveFunction(e: A.CallExpr, scope: Scope, unit: Unit): (Sym & { kind: "def" }) | "builtin" | undefined {
    const name = e.callee.name;
    if (e.qualifier !== undefined) {
      const q = scope.lookup(e.qualifier.name);
      if (q?.kind !== "module") {
        this.report("E0204", unit, e.qualifier.span, `\`${e.qualifier.name}\` is not an imported module`, {
          help: "functions take their subject as an argument: write `f(x)`, not `x.f()`",
        });
        return undefined;
      }
      this.ctx.used.add(q.decl);
      const d = q.pkg.defs.get(name);
      if (d === undefined) {
        this.report("E0204", unit, e.callee.span, `package \`${q.pkg.name}\` has no def \`${name}\``, { help: didYouMean(name, q.pkg.defs.keys()) });
        return undefined;
      }
      return { kind: "def", name, decl: d.decl, unit: d.unit, pkg: q.pkg };
    }
    const sym = scope.lookup(name);
    if (sym?.kind === "def") return sym;
    if (sym === undefined || sym.kind === "root") {
      if (BUILTINS.has(name)) return "builtin";
    }
    if (sym !== undefined && sym.kind !== "root") {
      this.report("E0204", unit, e.callee.span, `\`${name}\` is not a function`);
      return undefined;
    }
    const candidates = [...BUILTINS.keys(), ...scope.names().filter((n) => scope.lookup(n)?.kind === "def")];
    this.report("E0204", unit, e.callee.span, `unknown function \`${name}\``, { help: this.importHelp(name) ?? didYouMean(name, candidates) });
    return undefined;
  }

  private builtin(e: A.CallExpr, args: readonly Ty[], unit: Unit): Ty {
    const b = BUILTINS.get(e.callee.name)!;
    if (args.length !== b.params.length) {
      this.report("E0205", unit, e.span, `\`${b.name}\` takes ${plural(b.params.length, "argument")}, but ${args.length} ${args.length === 1 ? "was" : "were"} given`, {
        help: `it is \`${b.name}(${b.params.join(", ")})\``,
      });
      return T.any;
    }
    const r = b.check(args);
    if ("index" in r) {
      const arg = e.args[r.index]!;
      this.report("E0307", unit, arg.span, `${r.message}, but \`${this.ctx.text(unit, arg.span)}\` is ${article(showTy(args[r.index]!))}`);
      return T.any;
    }
    if (b.name === "exclude" || b.name === "cidr_size" || b.name === "address_count" || b.name === "cidrs") for (const a of e.args) checkNetPosition(this.ctx, a, unit);
    return r;
  }

  private binary(e: A.BinaryExpr, scope: Scope, unit: Unit): Ty {
    if (e.op === "and" || e.op === "or") {
      this.condition(e.left, scope, unit);
      this.condition(e.right, scope, unit);
      return T.bool;
    }
    const lt = this.expr(e.left, scope, unit);
    const rt = this.expr(e.right, scope, unit);
    const mismatch = (why: string, help?: string) => this.report("E0303", unit, e.span, why, { help });
    const shown = (x: Expr, t: Ty) => `\`${this.ctx.text(unit, x.span)}\` (${showTy(t)})`;
    switch (e.op) {
      case "==":
      case "!=":
        if (!comparable(lt, rt)) mismatch(`cannot compare ${shown(e.left, lt)} with ${shown(e.right, rt)}`, compareHelp(e.left, lt, e.right, rt));
        this.enumPair(e.left, lt, e.right, rt, unit);
        return T.bool;
      case "<":
      case "<=":
      case ">":
      case ">=":
        if (!orderable(lt, rt)) mismatch(`\`${e.op}\` orders numbers, dates or strings, not ${shown(e.left, lt)} and ${shown(e.right, rt)}`);
        return T.bool;
      case "in":
      case "not in": {
        const elem = elemOf(rt);
        if (elem === undefined) {
          mismatch(`\`${e.op}\` needs a list on its right, but ${shown(e.right, rt)} is not one`, rt.kind === "string" ? "to look for text inside a string, use `contains(text, part)`" : undefined);
        } else {
          if (!comparable(lt, elem)) mismatch(`a ${showTy(lt)} is never an element of ${shown(e.right, rt)}`);
          this.enumPair(e.left, lt, e.right, elem, unit, true);
        }
        return T.bool;
      }
      case "within":
      case "overlaps":
        if (!isNetish(lt) || !isNetish(rt)) {
          const bad = !isNetish(lt) ? shown(e.left, lt) : shown(e.right, rt);
          mismatch(`\`${e.op}\` compares addresses and ranges, but ${bad} is not one`);
        }
        checkNetPosition(this.ctx, e.left, unit);
        checkNetPosition(this.ctx, e.right, unit);
        return T.bool;
      case "matches":
        if (!isDomainish(lt) || !isDomainish(rt)) {
          const bad = !isDomainish(lt) ? shown(e.left, lt) : shown(e.right, rt);
          mismatch(`\`matches\` compares DNS names and patterns, but ${bad} is not one`);
        }
        checkDomainPosition(this.ctx, e.left, unit);
        checkDomainPosition(this.ctx, e.right, unit);
        return T.bool;
      case "??":
        // In a message, `x ?? "not set"` is just words: no type or enum constraint on the fallback.
        if (this.inMessage) return lt.kind === rt.kind ? join(lt, rt) : T.any;
        if (!comparable(lt, rt) && lt.kind !== "any" && rt.kind !== "any") mismatch(`the default ${shown(e.right, rt)} does not have the type of ${shown(e.left, lt)}`);
        if (isEnum(lt)) return this.enumDefault(lt, e.left, e.right, unit);
        return join(lt, rt);
      case "+":
        if (lt.kind === "any" || rt.kind === "any") return lt.kind === "any" ? rt : lt;
        if (lt.kind === "number" && rt.kind === "number") return T.number;
        if (lt.kind === "string" && rt.kind === "string") return T.string;
        if (lt.kind === "list" && rt.kind === "list") return T.list(join(lt.elem, rt.elem));
        mismatch(`\`+\` adds numbers or joins strings or lists, not ${shown(e.left, lt)} and ${shown(e.right, rt)}`);
        return T.any;
      case "-":
        if ((lt.kind === "number" || lt.kind === "any") && (rt.kind === "number" || rt.kind === "any")) return T.number;
        mismatch(`\`-\` subtracts numbers, not ${shown(e.left, lt)} and ${shown(e.right, rt)}`, isNetish(lt) && isNetish(rt) ? "to remove addresses from ranges, use `exclude(ranges, removed)`" : undefined);
        return T.any;
      default:
        return assertNever(e.op as never, "operator");
    }
  }

  /**
   * `field ?? "default"` on an enum field: a default close to one of the values is a typo
   * (`"ENFORCE"` for `"ENFORCED"`) and reported; any other default is a sentinel the author
   * chose (`"NONE"`), and joins the values the expression can have.
   */
  private enumDefault(lt: StringTy & { enum: readonly string[] }, left: Expr, right: Expr, unit: Unit): Ty {
    const r = unparen(right);
    const value = r.kind === "String" ? plainString(r) : undefined;
    if (value === undefined || lt.enum.includes(value)) return lt;
    if (closest(value, lt.enum).length > 0) {
      checkEnumPosition(this.ctx, right, unit, lt.enum, describe(left));
      return lt;
    }
    return { kind: "string", enum: [...lt.enum, value] };
  }

  /** A string literal on one side of a comparison with an enum field must be one of its values. */
  private enumPair(left: Expr, lt: Ty, right: Expr, rt: Ty, unit: Unit, rightIsList = false): void {
    if (isEnum(lt)) checkEnumPosition(this.ctx, right, unit, lt.enum, describe(left));
    if (isEnum(rt) && !rightIsList) checkEnumPosition(this.ctx, left, unit, rt.enum, describe(right));
    if (isEnum(rt) && rightIsList) checkEnumPosition(this.ctx, left, unit, rt.enum, describe(right));
  }

  /** The type of the subject collection's elements, checked to have a stable key. */
  subjectType(collection: Expr, ct: Ty, unit: Unit): ObjectTy | undefined {
    const elem = elemOf(ct);
    if (elem?.kind === "object" && elem.subject !== undefined) return elem;
    // Not a list (reported by bindTyped), or unknown because of an earlier error.
    if (elem === undefined || elem.kind === "any") return undefined;
    this.report("E0308", unit, collection.span, `the subjects of a control need a stable key, but the elements of \`${this.ctx.text(unit, collection.span)}\` are ${article(showTy(elem))}`, {
      help: "iterate over a collection of the export, such as `workspaces`, `ws.apps` or `account.network_policies`",
    });
    return undefined;
  }
}

/** Completes "`"x"` is not …" for an enum comparison with `e`. */
function describe(e: Expr): string {
  const x = unparen(e);
  if (x.kind === "Member") return `a possible value of \`${x.field.name}\``;
  if (x.kind === "Index") return describe(x.object);
  if (x.kind === "Call") return `a possible value of \`${x.callee.name}(…)\``;
  return "a possible value here";
}

export function article(s: string): string {
  if (s.startsWith("`")) return `${/^`[aeiou]/i.test(s) ? "an" : "a"} ${s}`;
  return `${/^[aeiou]/i.test(s) ? "an" : "a"} ${s}`;
}

function plural(n: number, w: string): string {
  return `${n} ${w}${n === 1 ? "" : "s"}`;
}

function boolHelp(t: Ty): string | undefined {
  switch (t.kind) {
    case "string":
      return isEnum(t) ? `compare it with one of its values, e.g. \`== "${t.enum[0]}"\`` : 'compare it with a value, e.g. `x == "true"`';
    case "list":
      return "test it with `count(xs) > 0`, or a quantifier: `any x in xs: …`";
    case "number":
      return "compare it, e.g. `x > 0`";
    case "object":
      return "test whether it exists with `is present`";
    default:
      return undefined;
  }
}

function compareHelp(left: Expr, a: Ty, right: Expr, b: Ty): string | undefined {
  for (const [lit, other] of [[unparen(right), a], [unparen(left), b]] as const) {
    const text = lit.kind === "String" ? plainString(lit) : undefined;
    if (other.kind === "number" && text !== undefined && /^-?\d+(\.\d+)?$/.test(text)) return `the other side is a number: write \`${text}\` without quotes`;
    if (other.kind === "bool" && (text === "true" || text === "false")) return `the other side is a boolean: write \`${text}\` without quotes`;
    if (other.kind === "string" && lit.kind === "Number") return `the other side is text: quote the value, \`"${lit.raw}"\``;
    if (other.kind === "string" && lit.kind === "Bool") return `the other side is text: quote the value, \`"${lit.value}"\``;
  }
  return undefined;
}

function unknownNameHelp(name: string): string | undefined {
  if (/^[A-Z]/.test(name)) return "names are lower case; string values need double quotes";
  return undefined;
}
