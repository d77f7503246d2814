/**
 * IR expressions as Rego.
 *
 * Two translations, following the runtime library's conventions (lib-source.ts):
 * - `value(e)`: a term that is always defined; a missing value is `null`;
 * - `cond(e)`: body statements that all succeed exactly when the condition is true.
 * A condition in value position becomes `count([true | …]) > 0`; a value in condition
 * position becomes `… == true` (so a missing boolean is false). Disjunctions, negations of
 * several statements and `none` quantifiers become auxiliary predicates whose parameters are
 * the variables they use, emitted after the rule that needs them.
 */

import type { BuiltinName, IrExpr, IrVar } from "../../ir/ir.js";
import { forEachFree } from "../../ir/free.js";
import { assertNever } from "../../syntax/ast.js";
import { call, Locals, str } from "./names.js";

export interface RegoScope {
  /** Rego name of an IR variable in the rule being written. */
  readonly names: Map<number, string>;
  readonly locals: Locals;
}

export interface ExprContext {
  /** The Rego reference of a param, let or def of `pkg` (qualified when another package). */
  ref(pkg: string, name: string, kind: "param" | "let" | "def"): string;
  /** Whether a def compiles to a partial predicate (its body is a condition). */
  isPredicate(pkg: string, name: string): boolean;
  /** For a control let variable: the call that computes it, given the rule's scope. */
  letCall(v: IrVar, scope: RegoScope): string | undefined;
  /** Variables a control let depends on (the subject), for auxiliary predicates. */
  letDeps(v: IrVar): readonly number[];
  /** Adds an auxiliary predicate; returns its name. */
  auxiliary(base: string, params: readonly string[], bodies: readonly (readonly string[])[]): string;
}

const PREDICATE_BUILTINS: Partial<Record<BuiltinName, string>> = { startswith: "lib.starts_with", endswith: "lib.ends_with", contains: "lib.has" };
const VALUE_BUILTINS: Partial<Record<BuiltinName, string>> = {
  count: "lib.size",
  lower: "lib.lowered",
  upper: "lib.uppered",
  cidr_size: "lib.cidr_size",
  flatten: "lib.flat",
  exclude: "lib.exclude",
  show: "lib.show",
  text: "lib.text",
};
const CMP: Record<string, string> = {
  "!=": "lib.differs",
  "<": "lib.less",
  "<=": "lib.at_most",
  ">": "lib.greater",
  ">=": "lib.at_least",
  in: "lib.member",
  "not in": "lib.not_member",
  within: "lib.within",
  overlaps: "lib.overlaps",
  matches: "lib.matches",
};

/** Is this IR node a condition (true/false) rather than a value? */
export function isCondition(e: IrExpr, ctx: Pick<ExprContext, "isPredicate">): boolean {
  switch (e.k) {
    case "cmp":
    case "and":
    case "or":
    case "not":
    case "quant":
    case "is":
      return true;
    case "lit":
      return typeof e.value === "boolean";
    case "builtin":
      return PREDICATE_BUILTINS[e.name] !== undefined;
    case "call":
      return ctx.isPredicate(e.pkg, e.name);
    default:
      return false;
  }
}

/**
 * The IR variables an expression uses that it does not bind itself; a local bound by a Rego
 * `let` rule stands for the variables that rule depends on (`letDeps`).
 */
export function freeVars(e: IrExpr, ctx: Pick<ExprContext, "letDeps">, out = new Set<number>()): Set<number> {
  forEachFree(e, (v) => {
    const deps = ctx.letDeps(v);
    if (deps.length > 0) deps.forEach((d) => out.add(d));
    else out.add(v.id);
  });
  return out;
}

/** The alternatives of `a or b or …`, left to right (a single one when `e` is not an `or`). */
export function alternatives(e: IrExpr): IrExpr[] {
  if (e.k !== "or") return [e];
  return [...alternatives(e.l), ...alternatives(e.r)];
}

/** Indents every line of a (possibly multi-line) statement by one tab. */
export function indent(s: string): string {
  return s
    .split("\n")
    .map((l) => `\t${l}`)
    .join("\n");
}

/** A comprehension `[head | body]`, on one line when short and simple, else one statement a line. */
export function comprehension(head: string, body: readonly string[]): string {
  const oneLine = `[${head} | ${body.join("; ")}]`;
  if (body.every((b) => !b.includes("\n")) && oneLine.length <= 90) return oneLine;
  return `[${head} |\n${body.map(indent).join("\n")}\n]`;
}

export class RegoExpr {
  constructor(private readonly ctx: ExprContext) {}

  private bind(v: IrVar, scope: RegoScope): string {
    const n = scope.locals.fresh(v.name);
    scope.names.set(v.id, n);
    return n;
  }

  private local(v: IrVar, scope: RegoScope): string {
    const call = this.ctx.letCall(v, scope);
    if (call !== undefined) return call;
    const n = scope.names.get(v.id);
    if (n === undefined) throw new Error(`internal error: unbound variable ${v.name}#${v.id} in Rego emission`);
    return n;
  }

  /** A term that is always defined; null stands for a missing value. */
  value(e: IrExpr, scope: RegoScope): string {
    if (isCondition(e, this.ctx) && !(e.k === "lit")) return `count(${comprehension("true", this.cond(e, scope))}) > 0`;
    const v = (x: IrExpr) => this.value(x, scope);
    switch (e.k) {
      case "lit":
        return JSON.stringify(e.value);
      case "list": {
        const items = e.items.map(v);
        const literal = e.items.every((i) => i.k === "lit" || (i.k === "list" && i.items.every((j) => j.k === "lit")));
        return literal ? `[${items.join(", ")}]` : `lib.compact([${items.join(", ")}])`;
      }
      case "root":
        return "input";
      case "param":
        return this.ctx.ref(e.pkg, e.name, "param");
      case "global":
        return this.ctx.ref(e.pkg, e.name, "let");
      case "local":
        return this.local(e.v, scope);
      case "call":
        return call(this.ctx.ref(e.pkg, e.name, "def"), e.args.map(v));
      case "builtin": {
        const fn = VALUE_BUILTINS[e.name];
        if (fn === undefined) throw new Error(`internal error: builtin ${e.name} has no value form`);
        return `${fn}(${e.args.map(v).join(", ")})`;
      }
      case "get":
        return `lib.field(${v(e.obj)}, ${str(e.field)})`;
      case "index":
        return `lib.nth(${v(e.obj)}, ${v(e.index)})`;
      case "comp": {
        const coll = v(e.coll);
        const x = this.bind(e.v, scope);
        const body = [`some ${x} in lib.elems(${coll})`, ...(e.where ? this.cond(e.where, scope) : [])];
        const elem = e.elem.k === "local" && e.elem.v.id === e.v.id ? x : undefined;
        if (elem !== undefined) return comprehension(x, [...body, `${x} != null`]);
        const y = scope.locals.fresh("item");
        return comprehension(y, [...body, `${y} := ${v(e.elem)}`, `${y} != null`]);
      }
      case "first": {
        const coll = v(e.coll);
        const x = this.bind(e.v, scope);
        return `lib.first(${comprehension(x, [`some ${x} in lib.elems(${coll})`, ...this.cond(e.where, scope)])})`;
      }
      case "coalesce":
        return `lib.coalesce(${v(e.l)}, ${v(e.r)})`;
      case "arith":
        return `lib.${e.op === "+" ? "sum_of" : "difference"}(${v(e.l)}, ${v(e.r)})`;
      case "concat":
        return `concat("", [${e.parts.map(v).join(", ")}])`;
      case "if":
        return `lib.choose(${v(e.test)}, ${v(e.then)}, ${v(e.else)})`;
      case "cmp":
      case "and":
      case "or":
      case "not":
      case "quant":
      case "is":
        throw new Error("internal error: condition reached value()");
      default:
        return assertNever(e);
    }
  }

  /** Body statements that succeed exactly when `e` is true. */
  cond(e: IrExpr, scope: RegoScope): string[] {
    const v = (x: IrExpr) => this.value(x, scope);
    switch (e.k) {
      case "lit":
        return e.value === true ? ["true"] : e.value === false ? ["false"] : [`${v(e)} == true`];
      case "and":
        return [...this.cond(e.l, scope), ...this.cond(e.r, scope)];
      case "or":
        return [this.disjunction(e, scope)];
      case "not": {
        const inner = this.cond(e.e, scope);
        if (inner.length === 1 && (inner[0] === "true" || inner[0] === "false")) return [inner[0] === "true" ? "false" : "true"];
        if (inner.length === 1 && !/^(some|every|not) /.test(inner[0]!) && !inner[0]!.includes(":=")) return [`not ${inner[0]}`];
        return [`not ${this.aux("inner", e.e, scope)}`];
      }
      case "quant": {
        const coll = v(e.coll);
        if (e.q === "all") {
          const x = this.bind(e.v, scope);
          return [`every ${x} in lib.elems(${coll}) {\n${this.cond(e.body, scope).map(indent).join("\n")}\n}`];
        }
        if (e.q === "any") {
          const x = this.bind(e.v, scope);
          return [`some ${x} in lib.elems(${coll})`, ...this.cond(e.body, scope)];
        }
        return [`not ${this.aux("any", { ...e, q: "any" }, scope)}`];
      }
      case "is":
        return [`${v(e.e)} ${e.test === "present" ? "!=" : "=="} null`];
      case "cmp": {
        const l = v(e.l);
        const r = v(e.r);
        if (e.op === "==") {
          const literal = (x: IrExpr) => x.k === "lit";
          return [literal(e.l) || literal(e.r) ? `${l} == ${r}` : `lib.equals(${l}, ${r})`];
        }
        return [`${CMP[e.op]}(${l}, ${r})`];
      }
      case "call":
        return this.ctx.isPredicate(e.pkg, e.name) ? [call(this.ctx.ref(e.pkg, e.name, "def"), e.args.map(v))] : [`${v(e)} == true`];
      case "builtin": {
        const p = PREDICATE_BUILTINS[e.name];
        return p !== undefined ? [`${p}(${e.args.map(v).join(", ")})`] : [`${v(e)} == true`];
      }
      default:
        return [`${v(e)} == true`];
    }
  }

  /** `a or b or …`: an auxiliary predicate with one body per alternative. */
  private disjunction(e: IrExpr, scope: RegoScope): string {
    return this.auxCall("either", e, scope, alternatives(e));
  }

  /** An auxiliary predicate that holds when `e` does. */
  private aux(base: string, e: IrExpr, scope: RegoScope): string {
    return this.auxCall(base, e, scope, [e]);
  }

  private auxCall(base: string, whole: IrExpr, scope: RegoScope, alternatives: readonly IrExpr[]): string {
    const free = [...freeVars(whole, this.ctx)].sort((a, b) => a - b);
    const outer = free.map((id) => scope.names.get(id) ?? `_unbound_${id}`);
    const bodies = alternatives.map((alt) => {
      const inner: RegoScope = { names: new Map(free.map((id, i) => [id, outer[i]!])), locals: new Locals(outer) };
      return this.cond(alt, inner);
    });
    const name = this.ctx.auxiliary(base, outer, bodies);
    return call(name, outer);
  }
}
