/**
 * checkProgram(): the typed program, or the reasons it is not one.
 *
 * Passes, in order: group files into packages (duplicate names), resolve imports, type
 * package-level params and lets, check def bodies generically, type every control, then run
 * the independent checks of `checks/`. Warnings in files the user did not name (the
 * bundled library) are dropped; errors never are. Diagnostics come back sorted.
 */

import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/suggest.js";
import { exportRootType } from "../schema/index.js";
import type { ObjectTy } from "../schema/types.js";
import type * as A from "../syntax/ast.js";
import type { Check } from "./checks/check.js";
import { controlStructure } from "./checks/control-structure.js";
import { identifiers } from "./checks/identifiers.js";
import { interpolationNotAllowed } from "./checks/interpolation-not-allowed.js";
import { literals } from "./checks/literals.js";
import { negatedEquality } from "./checks/negated-equality.js";
import { negatedMissing } from "./checks/negated-missing.js";
import { valueType } from "./checks/value-type.js";
import { redundantRanges } from "./checks/redundant-ranges.js";
import { tests } from "./checks/tests.js";
import { duplicateControl } from "./checks/duplicate-control.js";
import { unused } from "./checks/unused.js";
import { vacuousQuantifier } from "./checks/vacuous-quantifier.js";
import { waivers } from "./checks/waivers.js";
import { CheckContext, type CheckOptions } from "./context.js";
import { checkControl } from "./control.js";
import { buildPackages, type DeclRef, type Package, type Unit } from "./program.js";
import { Scope, type Fallback, type Sym } from "./scope.js";
import { Typer } from "./typer.js";

export type { CheckOptions } from "./context.js";
export type { Unit, Package, DeclRef } from "./program.js";
export type { Sym } from "./scope.js";

export const CHECKS: readonly Check[] = [
  controlStructure,
  duplicateControl,
  waivers,
  tests,
  literals,
  identifiers,
  interpolationNotAllowed,
  valueType,
  unused,
  negatedEquality,
  negatedMissing,
  vacuousQuantifier,
  redundantRanges,
];

export interface CheckedProgram {
  readonly packages: ReadonlyMap<string, Package>;
  readonly units: readonly Unit[];
  readonly refs: ReadonlyMap<A.NameRef | A.CallExpr | A.MemberExpr, Sym>;
  readonly types: CheckContext["types"];
  /** The element type of each control's subjects (absent when its `for` is broken). */
  readonly subjects: ReadonlyMap<A.ControlDecl, ObjectTy>;
}

export interface CheckResult {
  readonly program: CheckedProgram;
  readonly diagnostics: readonly Diagnostic[];
}

class UnitResolver implements Fallback {
  private readonly imported: { decl: A.ImportDecl; pkg: Package }[] = [];

  constructor(
    private readonly pkg: Package,
    private readonly root: ObjectTy,
  ) {}

  addImport(decl: A.ImportDecl, pkg: Package): void {
    this.imported.push({ decl, pkg });
  }

  private declIn(pkg: Package, name: string): Sym | undefined {
    const p = pkg.params.get(name);
    if (p) return { kind: "param", name, decl: p.decl, unit: p.unit, pkg };
    const l = pkg.lets.get(name);
    if (l) return { kind: "let", name, decl: l.decl, unit: l.unit, pkg, local: false };
    const d = pkg.defs.get(name);
    if (d) return { kind: "def", name, decl: d.decl, unit: d.unit, pkg };
    return undefined;
  }

  lookup(name: string): Sym | undefined {
    const own = this.declIn(this.pkg, name);
    if (own) return own;
    for (const { decl, pkg } of this.imported) {
      if (decl.alias !== undefined) {
        if (decl.alias.name === name) return { kind: "module", name, pkg, decl };
        continue;
      }
      const s = this.declIn(pkg, name);
      if (s) return s;
    }
    const ty = this.root.fields.get(name);
    return ty === undefined ? undefined : { kind: "root", name, ty };
  }

  providers(name: string): string[] {
    return this.imported.filter(({ decl, pkg }) => decl.alias === undefined && this.declIn(pkg, name) !== undefined).map(({ pkg }) => pkg.name);
  }

  *names(): Iterable<string> {
    yield* this.pkg.params.keys();
    yield* this.pkg.lets.keys();
    yield* this.pkg.defs.keys();
    for (const { decl, pkg } of this.imported) {
      if (decl.alias !== undefined) yield decl.alias.name;
      else {
        yield* pkg.params.keys();
        yield* pkg.lets.keys();
        yield* pkg.defs.keys();
      }
    }
    yield* this.root.fields.keys();
  }
}

export function checkProgram(units: readonly Unit[], options: CheckOptions = {}): CheckResult {
  const early: Diagnostic[] = [];
  const packages = buildPackages(units, (d) => early.push(d), (code, unit, span, message, extras) => diagnostic(code, unit.source.path, span, message, extras));
  const ctx = new CheckContext(packages, units, options);
  for (const d of early) ctx.push(d);
  const root = exportRootType();

  const resolvers = new Map<Unit, UnitResolver>();
  const scopes = new Map<Unit, Scope>();
  for (const unit of units) {
    const resolver = new UnitResolver(packages.get(unit.pkg)!, root);
    for (const imp of unit.file.imports) {
      const name = imp.name.parts.join(".");
      if (name === "") continue;
      const target = packages.get(name);
      if (target === undefined) {
        ctx.used.add(imp); // reported as unknown; not also as unused
        ctx.report("E0203", unit, imp.name.span, `no package \`${name}\` to import`, {
          help: didYouMean(name, [...packages.keys(), ...(options.libraryPackages ?? [])]) ?? "import a package declared by one of the files being checked, or one of the library (`std.databricks`)",
        });
        continue;
      }
      resolver.addImport(imp, target);
    }
    resolvers.set(unit, resolver);
    scopes.set(unit, new Scope(undefined, resolver));
  }

  const typer = new Typer(
    ctx,
    (unit) => scopes.get(unit)!,
    (unit, name) => resolvers.get(unit)?.providers(name) ?? [],
  );
  const subjects = new Map<A.ControlDecl, ObjectTy>();
  guardDepth(ctx, units, () => {
    for (const pkg of packages.values()) {
      for (const [name, p] of pkg.params) typer.declType({ kind: "param", name, decl: p.decl, unit: p.unit, pkg });
      for (const [name, l] of pkg.lets) typer.declType({ kind: "let", name, decl: l.decl, unit: l.unit, pkg, local: false });
      for (const d of pkg.defs.values()) typer.defGeneric(d);
      for (const c of pkg.controls) {
        const s = checkControl(ctx, typer, c as DeclRef<A.ControlDecl>, scopes.get(c.unit)!);
        if (s !== undefined) subjects.set(c.decl, s);
      }
    }
    for (const check of CHECKS) check.run(ctx);
  });

  const userFiles = new Set(units.filter((u) => u.user).map((u) => u.source.path));
  const diagnostics = sortDiagnostics(ctx.diagnostics.filter((d) => d.severity === "error" || userFiles.has(d.file)));
  return { program: { packages, units, refs: ctx.refs, types: ctx.types, subjects }, diagnostics };
}

/** Absurdly deep expressions (not caught by the parser's bracket limit) become a diagnostic, not a crash. */
function guardDepth(ctx: CheckContext, units: readonly Unit[], run: () => void): void {
  try {
    run();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const unit = units.find((u) => u.user) ?? units[0];
    if (unit !== undefined) ctx.report("E0107", unit, { start: 0, end: 0 }, "an expression is nested too deeply to check");
  }
}
