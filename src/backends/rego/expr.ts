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
import { children, forEachFree, isSharedConstant, MAX_MEMO_FREE, type Iteration } from "../../ir/free.js";
import { assertNever } from "../../util/assert-never.js";
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
  /**
   * Adds a helper: a function of `params` (a rule without arguments when there are none) whose
   * rules `rules` writes given its head; returns its name. Absent where every expression is
   * evaluated once per query anyway (the rules without arguments of package lets), so nothing
   * is memoised or hoisted there.
   */
  helper?(base: string, params: readonly string[], rules: (head: string) => string[]): string;
}

const PREDICATE_BUILTINS: Partial<Record<BuiltinName, string>> = { startswith: "lib.starts_with", endswith: "lib.ends_with", contains: "lib.has" };
const VALUE_BUILTINS: Partial<Record<BuiltinName, string>> = {
  count: "lib.size",
  lower: "lib.lowered",
  upper: "lib.uppered",
  cidr_size: "lib.cidr_size",
  flatten: "lib.flat",
  exclude: "lib.exclude",
  malformed: "lib.malformed",
  address_count: "lib.address_count",
  cidrs: "lib.cidrs",
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
export function freeVars(e: IrExpr, ctx: Pick<ExprContext, "letDeps">, out = new Set<number>(), bound = new Set<number>()): Set<number> {
  forEachFree(
    e,
    (v) => {
      const deps = ctx.letDeps(v);
      if (deps.length > 0) deps.forEach((d) => out.add(d));
      else out.add(v.id);
    },
    bound,
  );
  return out;
}

/**
 * The variables the body of an iteration uses besides the one it binds (a control let stands
 * for the subject), in id order: with its collection, the key under which OPA memoises the
 * helper function the iteration becomes (../../ir/free.ts `iterationKey`).
 */
function iterationVars(e: Iteration, ctx: Pick<ExprContext, "letDeps">): number[] {
  const out = new Set<number>();
  const parts = e.k === "comp" ? (e.where === undefined ? [e.elem] : [e.elem, e.where]) : e.k === "first" ? [e.where] : [e.body];
  for (const p of parts) freeVars(p, ctx, out, new Set([e.v.id]));
  return [...out].sort((a, b) => a - b);
}

/** Does `e` read a param, a package let or the export (rather than literals only)? */
function readsGlobals(e: IrExpr): boolean {
  return e.k === "param" || e.k === "global" || e.k === "root" || children(e).some(readsGlobals);
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

/** A rule body `{…}`, one statement a line. */
export function body(stmts: readonly string[]): string {
  return `{\n${(stmts.length > 0 ? stmts : ["true"]).map(indent).join("\n")}\n}`;
}

/** A comprehension `[head | body]`, on one line when short and simple, else one statement a line. */
export function comprehension(head: string, body: readonly string[]): string {
  const oneLine = `[${head} | ${body.join("; ")}]`;
  if (body.every((b) => !b.includes("\n")) && oneLine.length <= 90) return oneLine;
  return `[${head} |\n${body.map(indent).join("\n")}\n]`;
}

export class RegoExpr {
  /** Inside a hoisted constant: nothing in it is hoisted or memoised again. */
  private constant = false;

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
    const helper = this.ctx.helper;
    if (helper !== undefined && !this.constant && isSharedConstant(e) && readsGlobals(e)) {
      // One value per query (a list, builtin, concatenation or sum without free variables): a
      // rule without arguments, evaluated once, instead of once per call of the function using it.
      return this.hoisted(e, helper);
    }
    return this.valueOf(e, scope);
  }

  /** `e`, which has no free variables, as a rule without arguments (nothing in it hoisted again); its name. */
  private hoisted(e: IrExpr, helper: NonNullable<ExprContext["helper"]>): string {
    this.constant = true;
    try {
      const text = this.valueOf(e, { names: new Map(), locals: new Locals() });
      return helper.call(this.ctx, "value", [], (head) => [`${head} := ${text}`]);
    } finally {
      this.constant = false;
    }
  }

  private valueOf(e: IrExpr, scope: RegoScope): string {
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
      case "comp":
        return this.memoised(e, scope, (coll, inner) => {
          const x = this.bind(e.v, inner);
          const body = [`some ${x} in lib.elems(${coll})`, ...(e.where ? this.cond(e.where, inner) : [])];
          const elem = e.elem.k === "local" && e.elem.v.id === e.v.id ? x : undefined;
          if (elem !== undefined) return comprehension(x, [...body, `${x} != null`]);
          const y = inner.locals.fresh("item");
          return comprehension(y, [...body, `${y} := ${this.value(e.elem, inner)}`, `${y} != null`]);
        });
      case "first": {
        const render = (coll: string, inner: RegoScope) => {
          const x = this.bind(e.v, inner);
          return `lib.first(${comprehension(x, [`some ${x} in lib.elems(${coll})`, ...this.cond(e.where, inner)])})`;
        };
        return this.indexed(e, scope) ?? this.memoised(e, scope, render);
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
        const stmts = (q: "any" | "all", coll: string, inner: RegoScope): string[] => {
          const x = this.bind(e.v, inner);
          if (q === "all") return [`every ${x} in lib.elems(${coll}) {\n${this.cond(e.body, inner).map(indent).join("\n")}\n}`];
          return [`some ${x} in lib.elems(${coll})`, ...this.cond(e.body, inner)];
        };
        const q = e.q === "all" ? "all" : "any";
        const test = this.memoisedTest({ ...e, q }, scope, (coll, inner) => stmts(q, coll, inner));
        if (test !== undefined) return [e.q === "none" ? `not ${test}` : test];
        if (e.q === "none") return [`not ${this.aux("any", { ...e, q: "any" }, scope)}`];
        return stmts(q, v(e.coll), scope);
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

  /**
   * `first v in C where v.f == e`, C the same for the whole query (the account's network policies
   * searched by a workspace's policy id): a lookup in an object from each `f` to the first
   * element with it, built once per query, instead of a scan of C per call. An element whose `f`
   * is missing is never found, as `==` is false on a missing side.
   */
  private indexed(e: Extract<IrExpr, { k: "first" }>, scope: RegoScope): string | undefined {
    const helper = this.ctx.helper;
    if (helper === undefined || this.constant || e.where.k !== "cmp" || e.where.op !== "==") return undefined;
    const isKey = (x: IrExpr) => x.k === "get" && x.obj.k === "local" && x.obj.v.id === e.v.id;
    const mentions = (x: IrExpr) => {
      let found = false;
      forEachFree(x, (v) => (found ||= v.id === e.v.id));
      return found;
    };
    const [key, probe] = isKey(e.where.l) ? [e.where.l, e.where.r] : isKey(e.where.r) ? [e.where.r, e.where.l] : [undefined, undefined];
    if (key === undefined || key.k !== "get" || probe === undefined || mentions(probe)) return undefined;
    let closed = true;
    forEachFree(e.coll, () => (closed = false));
    if (!closed || !readsGlobals(e.coll)) return undefined;
    const coll = this.hoisted(e.coll, helper);
    const field = str(key.field);
    const keys = helper.call(this.ctx, "keys", [], (head) => [
      `${head} := ${comprehension("k", [`some x in lib.elems(${coll})`, `k := lib.field(x, ${field})`, "k != null"])}`,
    ]);
    // OPA indexes the comprehension assigned to `xs` by `k`: one pass over C, not one per key.
    const matching = comprehension("x", [`some x in lib.elems(${coll})`, `lib.field(x, ${field}) == k`]);
    const index = helper.call(this.ctx, "index", [], (head) => [
      `default ${head} := {}`,
      `${head} := {k: xs[0] |\n\tsome k in ${keys}\n${indent(`xs := ${matching}`)}\n} if count(${keys}) > 0`,
    ]);
    return `object.get(${index}, ${this.value(probe, scope)}, null)`;
  }

  /**
   * A comprehension or `first` as a call of a helper function of its collection and of the
   * variables its body uses (OPA memoises function calls by arguments, so subjects that share
   * a collection, e.g. workspaces bound to one network policy, share its value); written
   * inline where there is no helper or too many variables.
   */
  private memoised(e: Iteration, scope: RegoScope, render: (coll: string, inner: RegoScope) => string): string {
    const site = this.site(e, scope);
    if (site === undefined) return render(this.value(e.coll, scope), scope);
    const text = render(site.param, site.inner);
    return this.ctx.helper!(e.k === "comp" ? "list" : "first", site.params, (head) => [`${head} := ${text}`]) + site.args;
  }

  /**
   * A quantifier as a call of a helper function that is true or false (never undefined: OPA
   * memoises only defined results); undefined where it stays inline.
   */
  private memoisedTest(e: Iteration, scope: RegoScope, render: (coll: string, inner: RegoScope) => string[]): string | undefined {
    const site = this.site(e, scope);
    if (site === undefined) return undefined;
    const stmts = render(site.param, site.inner);
    const name = this.ctx.helper!(e.k === "quant" && e.q === "all" ? "every" : "some", site.params, (head) => [`${head} if ${body(stmts)} else := false`]);
    return name + site.args;
  }

  private site(e: Iteration, scope: RegoScope): { params: string[]; args: string; param: string; inner: RegoScope } | undefined {
    if (this.ctx.helper === undefined || this.constant) return undefined;
    const free = iterationVars(e, this.ctx);
    if (free.length > MAX_MEMO_FREE) return undefined;
    const outer = free.map((id) => scope.names.get(id) ?? `_unbound_${id}`);
    const locals = new Locals(outer);
    const param = locals.fresh("xs");
    const inner: RegoScope = { names: new Map(free.map((id, i) => [id, outer[i]!])), locals };
    const coll = this.value(e.coll, scope);
    return { params: [param, ...outer], args: `(${[coll, ...outer].join(", ")})`, param, inner };
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
