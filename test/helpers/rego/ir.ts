/**
 * The compiled form evaluated by eval.ts: variables are frame slots, refs are resolved to their
 * roots (input, data, a rule, or a local term), calls to a builtin or a user function.
 */

import type { Loc } from "./errors.js";
import type { Value } from "./value.js";

export interface Builtin {
  readonly name: string;
  readonly arity: number;
  /** A function: the result, or undefined for no result; throws BuiltinError on bad operands. */
  readonly fn?: (args: readonly Value[]) => Value | undefined;
  /** A relation (walk): emits each result, stopping when `emit` returns true. */
  readonly rel?: (args: readonly Value[], emit: (v: Value) => boolean) => boolean;
}

export type RefBase =
  | { readonly b: "input" }
  | { readonly b: "data" }
  | { readonly b: "rule"; readonly rs: RuleSet }
  | { readonly b: "term"; readonly t: CT };

export type CallTarget = { readonly kind: "builtin"; readonly bi: Builtin } | { readonly kind: "func"; readonly rs: RuleSet };

export type CT =
  | { readonly k: "const"; readonly v: Value }
  | { readonly k: "var"; readonly slot: number; readonly name: string; readonly loc: Loc }
  | { readonly k: "ref"; readonly base: RefBase; readonly path: readonly CT[]; readonly loc: Loc }
  | { readonly k: "array"; readonly items: readonly CT[] }
  | { readonly k: "object"; readonly entries: readonly (readonly [CT, CT])[] }
  | { readonly k: "call"; readonly target: CallTarget; readonly args: readonly CT[]; readonly loc: Loc }
  | { readonly k: "comp"; readonly head: CT; readonly body: readonly CExpr[]; readonly loc: Loc };

export type CExpr =
  | { readonly k: "term"; readonly t: CT; readonly neg: boolean; readonly loc: Loc }
  | { readonly k: "unify"; readonly a: CT; readonly b: CT; readonly neg: boolean; readonly loc: Loc }
  | { readonly k: "somein"; readonly key?: CT; readonly value: CT; readonly domain: CT; readonly loc: Loc }
  | {
      readonly k: "every";
      readonly key?: CT;
      readonly value: CT;
      readonly domain: CT;
      readonly body: readonly CExpr[];
      readonly loc: Loc;
    };

/** One branch of a definition: the main body or an `else`. */
export interface Branch {
  readonly args: readonly CT[];
  readonly body: readonly CExpr[];
  readonly value: CT;
  readonly nslots: number;
  readonly loc: Loc;
}

/** All definitions of a rule or function at one path. */
export interface RuleSet {
  readonly path: readonly string[];
  readonly kind: "rule" | "func";
  readonly arity: number;
  readonly loc: Loc;
  /** Each definition is its main branch followed by its `else` branches. */
  defs: Branch[][];
  dflt?: Value;
  /** OPA's IndexResult.EarlyExit: every branch has the same constant value. */
  earlyExit: boolean;
  /** Rule sets this one refers to (for the recursion check). */
  deps: Set<RuleSet>;
}
