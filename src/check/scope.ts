/**
 * Symbols and scopes of name resolution.
 *
 * Lookup order: local scopes (quantifier, comprehension, `first`, `for` and def-parameter
 * variables, control lets), then the package (params, lets, defs, across all its files),
 * then unaliased imports, then the top-level fields of the export (`workspaces`, `account`,
 * …). The root of every local chain is a `Scope` whose fallback does the package/import/export
 * part, so checks never re-implement it.
 */

import type * as A from "../syntax/ast.js";
import type { Ty } from "../schema/types.js";
import type { Package, Unit } from "./program.js";

export type Binder = "for" | "quantifier" | "comprehension" | "first" | "def-param";

export type Sym =
  | { readonly kind: "param"; readonly name: string; readonly decl: A.ParamDecl; readonly unit: Unit; readonly pkg: Package }
  | { readonly kind: "let"; readonly name: string; readonly decl: A.LetDecl; readonly unit: Unit; readonly pkg: Package; readonly local: boolean }
  | { readonly kind: "def"; readonly name: string; readonly decl: A.DefDecl; readonly unit: Unit; readonly pkg: Package }
  | { readonly kind: "var"; readonly name: string; readonly ident: A.Ident; readonly ty: Ty; readonly binder: Binder }
  | { readonly kind: "module"; readonly name: string; readonly pkg: Package; readonly decl: A.ImportDecl }
  | { readonly kind: "root"; readonly name: string; readonly ty: Ty };

export interface Fallback {
  lookup(name: string): Sym | undefined;
  names(): Iterable<string>;
}

export class Scope {
  private readonly table = new Map<string, Sym>();

  constructor(
    private readonly parent: Scope | undefined,
    private readonly fallback?: Fallback,
  ) {}

  child(): Scope {
    return new Scope(this);
  }

  define(sym: Sym): void {
    this.table.set(sym.name, sym);
  }

  lookup(name: string): Sym | undefined {
    return this.table.get(name) ?? this.parent?.lookup(name) ?? this.fallback?.lookup(name);
  }

  /** Every visible name, for "did you mean". */
  names(): string[] {
    const out = new Set<string>(this.table.keys());
    for (const n of this.parent?.names() ?? []) out.add(n);
    for (const n of this.fallback?.names() ?? []) out.add(n);
    return [...out];
  }
}
