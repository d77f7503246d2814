/**
 * What every rule emitter of a Rego module shares: the sink that names and collects the helper
 * rules an expression needs, and how a predicate's body is written. Its own module so that the
 * package emitter (module.ts) and the control emitter (control.ts) both use it without importing
 * each other.
 */

import { body } from "./expr.js";

/** Rules added while writing one file (auxiliary predicates), emitted after their user. */
export class RuleSink {
  readonly pending: string[] = [];
  private readonly counters = new Map<string, number>();
  /** Helpers by their rules' text (with a placeholder name): one helper for equal definitions. */
  readonly helpers = new Map<string, string>();

  constructor(readonly prefix: string) {}

  name(base: string): string {
    const n = (this.counters.get(base) ?? 0) + 1;
    this.counters.set(base, n);
    return `${this.prefix}_${base}${n === 1 ? "" : `_${n}`}`;
  }

  flush(): string[] {
    return this.pending.splice(0);
  }
}

/**
 * The operator and right-hand side of a predicate with body `stmts`: a constant condition is
 * written as a value (`f(x) := false`; `not f(x)` holds for it as for an undefined one), since
 * Regal's constant-condition flags `if { false }`.
 */
export function predicate(stmts: readonly string[]): [op: string, text: string] {
  if (stmts.length === 0 || (stmts.length === 1 && stmts[0] === "true")) return [":=", "true"];
  if (stmts.length === 1 && stmts[0] === "false") return [":=", "false"];
  return ["if", body(stmts)];
}
