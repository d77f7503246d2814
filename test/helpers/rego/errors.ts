/**
 * Errors of the test-only Rego interpreter.
 *
 * `RegoError` carries an OPA-style error code (`rego_parse_error`, `rego_unsafe_var_error`,
 * `rego_type_error`, `rego_recursion_error`, `eval_conflict_error`, `eval_builtin_error`, ...)
 * and the `file:line:col` location of the offending construct.
 * `BuiltinError` is thrown by builtin implementations; the evaluator turns it into an undefined
 * expression (OPA's default, non-strict mode) or into a `RegoError` (strict mode).
 */

export interface Loc {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export function fmtLoc(loc: Loc | undefined): string {
  return loc === undefined ? "<unknown>" : `${loc.file}:${loc.line}:${loc.col}`;
}

export class RegoError extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly loc?: Loc,
  ) {
    super(`${fmtLoc(loc)}: ${code}: ${detail}`);
    this.name = "RegoError";
  }
}

/** An error raised by a builtin (OPA's builtins.ErrOperand and friends). */
export class BuiltinError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BuiltinError";
  }
}

/** A builtin error recorded during a non-strict evaluation (the expression became undefined). */
export interface RecordedBuiltinError {
  readonly builtin: string;
  readonly message: string;
  readonly loc: Loc;
}
