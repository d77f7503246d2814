/**
 * Scopes and variable declarations (v1/ast/compile.go rewriteLocalVars, resolveRefs):
 * - declared vars (function args, `:=`, `some`, `every`) shadow globals; any other var that names
 *   a rule of the package, an import, `input` or `data` is that document; remaining vars are
 *   implicit locals bound by unification or ref iteration;
 * - `:=` on a var already declared in the scope is "var x assigned above", on one used earlier
 *   "var x referenced above";
 * - a comprehension or `every` body is a nested scope that sees the enclosing body's vars.
 */

import type { Expr, Term } from "./ast.js";
import { RegoError, type Loc } from "./errors.js";
import type { Builtin, RuleSet } from "./ir.js";

export interface Env {
  readonly pkg: readonly string[];
  readonly local: ReadonlyMap<string, RuleSet>;
  readonly imports: ReadonlyMap<string, { readonly root: "data" | "input"; readonly path: readonly string[] }>;
  readonly builtin: (name: string) => Builtin | undefined;
  /** The rule set at exactly `path` under data, if any. */
  readonly ruleSetAt: (path: readonly string[]) => RuleSet | undefined;
  /** Every rule set under the node at `path` (the dependencies of a data ref reaching a package). */
  readonly ruleSetsUnder: (path: readonly string[]) => RuleSet[];
  readonly deps: Set<RuleSet>;
}

export class Slots {
  n = 0;
}

export class Scope {
  readonly names = new Map<string, number>();
  readonly declared = new Set<string>();
  readonly own = new Set<number>();
  constructor(
    readonly frame: Slots,
    readonly parent?: Scope,
  ) {}
  lookup(name: string): number | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const v = s.names.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }
  newSlot(): number {
    const s = this.frame.n++;
    this.own.add(s);
    return s;
  }
}

export const err = (code: string, msg: string, loc: Loc): never => {
  throw new RegoError(code, msg, loc);
};

export function isGlobal(name: string, env: Env): boolean {
  return name === "input" || name === "data" || env.local.has(name) || env.imports.has(name);
}

/** Registers the implicit vars of a term (not inside closures or call operators). */
export function implicit(t: Term, sc: Scope, env: Env): void {
  switch (t.t) {
    case "var":
      if (t.name !== "_" && sc.lookup(t.name) === undefined && !isGlobal(t.name, env)) sc.names.set(t.name, sc.newSlot());
      return;
    case "ref":
      implicit(t.head, sc, env);
      for (const p of t.path) implicit(p, sc, env);
      return;
    case "array":
      for (const x of t.items) implicit(x, sc, env);
      return;
    case "object":
      for (const [k, v] of t.entries) {
        implicit(k, sc, env);
        implicit(v, sc, env);
      }
      return;
    case "call":
      for (const a of t.args) implicit(a, sc, env);
      return;
    default:
      return;
  }
}

/** Declares the vars of an assignment/`some` target. */
export function declare(t: Term, sc: Scope, env: Env, checkAbove: boolean): void {
  switch (t.t) {
    case "var": {
      if (t.name === "_") return;
      if (checkAbove && sc.declared.has(t.name)) err("rego_compile_error", `var ${t.name} assigned above`, t.loc);
      if (checkAbove && sc.names.has(t.name)) err("rego_compile_error", `var ${t.name} referenced above`, t.loc);
      if (!sc.names.has(t.name)) sc.names.set(t.name, sc.newSlot());
      sc.declared.add(t.name);
      return;
    }
    case "array":
      for (const x of t.items) declare(x, sc, env, checkAbove);
      return;
    case "object":
      for (const [k, v] of t.entries) {
        implicit(k, sc, env);
        declare(v, sc, env, checkAbove);
      }
      return;
    case "scalar":
      return;
    default:
      err("rego_compile_error", "cannot assign to " + (t.t === "ref" ? "ref" : t.t), t.loc);
  }
}

export function collect(body: readonly Expr[], sc: Scope, env: Env): void {
  for (const e of body) {
    switch (e.e) {
      case "assign":
        if (e.negated) err("rego_compile_error", "cannot negate an assignment", e.loc);
        implicit(e.rhs, sc, env);
        declare(e.lhs, sc, env, true);
        break;
      case "unify":
        implicit(e.lhs, sc, env);
        implicit(e.rhs, sc, env);
        break;
      case "term":
        implicit(e.term, sc, env);
        break;
      case "some":
        for (const v of e.vars) declare(v, sc, env, true);
        break;
      case "somein":
        implicit(e.domain, sc, env);
        if (e.key) declare(e.key, sc, env, true);
        declare(e.value, sc, env, true);
        break;
      case "every":
        implicit(e.domain, sc, env);
        break;
    }
  }
}

/** Function args are declared vars (shadowing globals); the same var twice unifies. */
export function declareArgs(args: readonly Term[], sc: Scope, env: Env): void {
  for (const a of args) declare(a, sc, env, false);
}

export function implicitOf(t: Term, sc: Scope, env: Env): void {
  implicit(t, sc, env);
}

