/**
 * Parsed Rego (the supported subset). Operators are calls of OPA's builtin names:
 * `==` equal, `!=` neq, `<` lt, `<=` lte, `>` gt, `>=` gte, `+` plus, `-` minus, `*` mul,
 * `/` div, `%` rem, `x in xs` internal.member_2, `k, v in xs` internal.member_3.
 */

import type { Loc } from "./errors.js";
import type { Value } from "./value.js";

export type Term =
  | { readonly t: "scalar"; readonly v: Value; readonly loc: Loc }
  | { readonly t: "var"; readonly name: string; readonly loc: Loc }
  /** head[path...]: `head` is a var or any other term (`f(x)[0]`, `[1][0]`). */
  | { readonly t: "ref"; readonly head: Term; readonly path: readonly Term[]; readonly loc: Loc }
  | { readonly t: "array"; readonly items: readonly Term[]; readonly loc: Loc }
  | { readonly t: "object"; readonly entries: readonly (readonly [Term, Term])[]; readonly loc: Loc }
  /** A call; `fn` is the operator as written: a var, a ref (`object.get`, `data.a.f`), or an op name. */
  | { readonly t: "call"; readonly fn: Term; readonly args: readonly Term[]; readonly loc: Loc }
  | { readonly t: "arraycomp"; readonly head: Term; readonly body: readonly Expr[]; readonly loc: Loc };

export type ExprKind =
  /** A bare term or call used as a statement. */
  | { readonly e: "term"; readonly term: Term }
  | { readonly e: "assign"; readonly lhs: Term; readonly rhs: Term }
  | { readonly e: "unify"; readonly lhs: Term; readonly rhs: Term }
  /** `some x, y` (declaration only). */
  | { readonly e: "some"; readonly vars: readonly Term[] }
  /** `some v in xs` / `some k, v in xs`. */
  | { readonly e: "somein"; readonly key?: Term; readonly value: Term; readonly domain: Term }
  | {
      readonly e: "every";
      readonly key?: Term;
      readonly value: Term;
      readonly domain: Term;
      readonly body: readonly Expr[];
    };

export type Expr = ExprKind & { readonly negated: boolean; readonly loc: Loc };

export interface RuleHead {
  readonly name: string;
  readonly args?: readonly Term[];
  /** Absent means `true`. */
  readonly value?: Term;
  readonly loc: Loc;
}

export interface RuleDef {
  readonly head: RuleHead;
  readonly body: readonly Expr[];
  readonly isDefault: boolean;
  /** `else` branches, in order; each shares the head's args. */
  readonly elses: readonly { readonly value?: Term; readonly body: readonly Expr[]; readonly loc: Loc }[];
  readonly loc: Loc;
}

export interface Import {
  /** "data" or "input" rooted path; `rego.v1` / `future.keywords` imports are dropped. */
  readonly root: "data" | "input";
  readonly path: readonly string[];
  readonly alias: string;
  readonly loc: Loc;
}

export interface Module {
  readonly file: string;
  readonly pkg: readonly string[];
  readonly imports: readonly Import[];
  readonly rules: readonly RuleDef[];
}
