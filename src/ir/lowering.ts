/**
 * What the lowering of posture statements (posture.ts) and of messages (messages.ts) needs from
 * the lowerer: an interface that `Lowerer` (lower.ts) implements, so those modules do not
 * import the module that imports them.
 */

import type { Unit } from "../check/index.js";
import type { Span } from "../source/source.js";
import type * as A from "../syntax/ast.js";
import type { IrExpr, IrVar, Origin } from "./ir.js";

export interface Lowering {
  /** Where an IR node comes from: the unit's file and the span. */
  origin(unit: Unit, span: Span): Origin;
  /** The source text of a span, as written. */
  text(unit: Unit, span: Span): string;
  /** A fresh variable for a binder (`key` identifies it; `name` is shown). */
  bind(key: object, name: string): IrVar;
  /** The IR of an expression. */
  expr(e: A.Expr, unit: Unit): IrExpr;
}
