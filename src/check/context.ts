/**
 * State shared by the checker's passes: the packages, the resolution and type tables the
 * core pass fills, and the diagnostic list (deduplicated: a def body checked once per call
 * signature must not repeat the same error).
 */

import type { Code } from "../diagnostics/codes.js";
import { diagnostic, type Diagnostic, type DiagnosticExtras } from "../diagnostics/diagnostic.js";
import type { Ty } from "../schema/types.js";
import type { Span } from "../source/source.js";
import type * as A from "../syntax/ast.js";
import type { Package, Unit } from "./program.js";
import type { Sym } from "./scope.js";

export interface CheckOptions {
  /** Today's date (`YYYY-MM-DD`, UTC) for the expired-waiver warning; omitted: not checked. */
  readonly today?: string;
  /** Whether a test's `given` file exists (relative paths resolved by the caller). */
  readonly fileExists?: (fromFile: string, path: string) => boolean;
  /** Packages of the bundled library, offered by "did you mean" for an unknown import. */
  readonly libraryPackages?: readonly string[];
  /** Names the library's packages declare (name → package), to suggest the missing import. */
  readonly libraryNames?: ReadonlyMap<string, string>;
}

export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  /** Name and call resolutions (for lowering and for the unused-declaration warnings). */
  readonly refs = new Map<A.NameRef | A.CallExpr | A.MemberExpr, Sym>();
  /** Types of expressions outside def bodies, and of def bodies with untyped parameters. */
  readonly types = new Map<A.Expr, Ty>();
  /** Declarations read somewhere (params, lets, defs, imports). */
  readonly used = new Set<object>();

  constructor(
    readonly packages: ReadonlyMap<string, Package>,
    readonly units: readonly Unit[],
    readonly options: CheckOptions,
  ) {}

  report(code: Code, unit: Unit, span: Span, message: string, extras?: DiagnosticExtras): void {
    const key = `${code}|${unit.source.path}|${span.start}|${span.end}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.diagnostics.push(diagnostic(code, unit.source.path, span, message, extras));
  }

  push(d: Diagnostic): void {
    const key = `${d.code}|${d.file}|${d.span.start}|${d.span.end}|${d.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.diagnostics.push(d);
  }

  /** Source text of a node, for messages (shortened). */
  text(unit: Unit, span: Span): string {
    const s = unit.source.text.slice(span.start, span.end).replace(/\s+/g, " ");
    return s.length > 60 ? `${s.slice(0, 57)}…` : s;
  }
}
