/**
 * A test-only interpreter of the Rego v1 subset that Perimeter's compiler emits, following OPA's
 * semantics (v1/ast, v1/topdown). test/rego-interpreter/README.md lists the subset and the
 * points where OPA's behaviour was read from its code.
 *
 *   const engine = new RegoEngine([{ path: "lib.rego", text }], data);
 *   engine.evaluate("data.perimeter.lib.report", input); // JS value, or undefined
 *
 * Construction parses and compiles every module and throws RegoError (with file:line:col) on a
 * parse error, an unsupported construct, an unsafe var, an undefined function, a rule conflict
 * or recursion. Evaluation throws RegoError for OPA's runtime errors (eval_conflict_error, ...);
 * builtin errors make the expression undefined, as OPA does by default, and are listed in
 * `lastBuiltinErrors` (or raised with `{ strictBuiltinErrors: true }`, like
 * `opa eval --strict-builtin-errors`).
 */

import { fromValue, toJSONText, toValue } from "./convert.js";
import { RegoError, type RecordedBuiltinError } from "./errors.js";
import { Evaluator, query } from "./eval-rules.js";
import { parseModule } from "./parser.js";
import { buildProgram, type PkgNode } from "./program.js";
import { RObject, type Value } from "./value.js";

export { RegoError, BuiltinError, type RecordedBuiltinError, type Loc } from "./errors.js";
export { toJSONText } from "./convert.js";
export type { Value } from "./value.js";

export interface RegoModule {
  path: string;
  text: string;
}

export interface RegoEngineOptions {
  /** Raise builtin errors (eval_builtin_error) instead of making the expression undefined. */
  strictBuiltinErrors?: boolean;
}

/** Splits `data.a.b["c"]` into ["a", "b", "c"]. */
export function parseDataRef(ref: string): string[] {
  const m = /^data((?:\.[A-Za-z_][A-Za-z0-9_]*|\["(?:[^"\\]|\\.)*"\])*)$/.exec(ref);
  if (m === null) throw new RegoError("rego_parse_error", `not a data ref: ${ref}`);
  const out: string[] = [];
  for (const seg of (m[1] as string).matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[("(?:[^"\\]|\\.)*")\]/g)) {
    out.push(seg[1] ?? (JSON.parse(seg[2] as string) as string));
  }
  return out;
}

export class RegoEngine {
  private readonly root: PkgNode;
  private readonly data: Value;
  private readonly strict: boolean;
  /** The builtin errors recorded by the last evaluation. */
  lastBuiltinErrors: readonly RecordedBuiltinError[] = [];

  constructor(modules: RegoModule[], data?: unknown, options: RegoEngineOptions = {}) {
    this.root = buildProgram(modules.map((m) => parseModule(m.path, m.text)));
    this.data = data === undefined ? RObject.empty : toValue(data, "data");
    this.strict = options.strictBuiltinErrors ?? false;
  }

  /** The value of a `data` ref as Rego values, or undefined. */
  evaluateValue(ref: string, input?: unknown): Value | undefined {
    const ev = new Evaluator(this.root, this.data, input === undefined ? undefined : toValue(input), this.strict);
    try {
      return query(ev, parseDataRef(ref));
    } finally {
      this.lastBuiltinErrors = ev.errors;
    }
  }

  /** The value of a `data` ref as JS data (integers beyond 2^53 as bigints), or undefined. */
  evaluate(ref: string, input?: unknown): unknown {
    const v = this.evaluateValue(ref, input);
    return v === undefined ? undefined : fromValue(v);
  }

  /** The value as OPA prints it (json.Marshal: numbers verbatim, keys sorted), or undefined. */
  evaluateJSON(ref: string, input?: unknown): string | undefined {
    const v = this.evaluateValue(ref, input);
    return v === undefined ? undefined : toJSONText(v);
  }
}
