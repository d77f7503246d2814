/**
 * The program: parsed files grouped into packages.
 *
 * A package is every file that declares the same `package` name (a file without one forms
 * a package named after the file). Its params, lets and defs share one namespace across its
 * files. Files the user named are `user` units; files pulled in from the bundled library
 * (`std.*`) are not: their warnings are not the user's business.
 */

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../source/source.js";
import type * as A from "../syntax/ast.js";

export interface Unit {
  readonly source: SourceFile;
  readonly file: A.FileNode;
  readonly pkg: string;
  readonly user: boolean;
}

export interface DeclRef<T> {
  readonly decl: T;
  readonly unit: Unit;
}

export interface Package {
  readonly name: string;
  readonly units: Unit[];
  readonly params: Map<string, DeclRef<A.ParamDecl>>;
  readonly lets: Map<string, DeclRef<A.LetDecl>>;
  readonly defs: Map<string, DeclRef<A.DefDecl>>;
  readonly controls: DeclRef<A.ControlDecl>[];
  readonly waivers: DeclRef<A.WaiverDecl>[];
  readonly tests: DeclRef<A.TestDecl>[];
}

/** The package name of a file: its `package` declaration, or its file name in snake case. */
export function packageNameOf(file: A.FileNode): string {
  if (file.package !== undefined && file.package.name.parts.length > 0) return file.package.name.parts.join(".");
  const base = file.path.split(/[\\/]/).pop() ?? "main";
  const stem = base.replace(/\.[^.]*$/, "");
  const snake = stem.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  return /^[a-z_]/.test(snake) ? snake : `p_${snake || "main"}`;
}

export function makeUnit(source: SourceFile, file: A.FileNode, user: boolean): Unit {
  return { source, file, pkg: packageNameOf(file), user };
}

/** Groups units into packages; reports names declared twice in one package. */
export function buildPackages(units: readonly Unit[], report: (d: Diagnostic) => void, diag: DiagFactory): Map<string, Package> {
  const packages = new Map<string, Package>();
  for (const unit of units) {
    let pkg = packages.get(unit.pkg);
    if (pkg === undefined) {
      pkg = { name: unit.pkg, units: [], params: new Map(), lets: new Map(), defs: new Map(), controls: [], waivers: [], tests: [] };
      packages.set(unit.pkg, pkg);
    }
    pkg.units.push(unit);
    for (const decl of unit.file.decls) {
      switch (decl.kind) {
        case "Param":
        case "Let":
        case "Def": {
          const name = decl.name.name;
          if (name === "") break;
          const prior = pkg.params.get(name) ?? pkg.lets.get(name) ?? pkg.defs.get(name);
          if (prior !== undefined) {
            report(
              diag("E0202", unit, decl.name.span, `\`${name}\` is declared twice in package \`${pkg.name}\``, {
                related: [{ file: prior.unit.source.path, span: prior.decl.name.span, message: "first declared here" }],
              }),
            );
            break;
          }
          if (decl.kind === "Param") pkg.params.set(name, { decl, unit });
          else if (decl.kind === "Let") pkg.lets.set(name, { decl, unit });
          else pkg.defs.set(name, { decl, unit });
          break;
        }
        case "Control":
          pkg.controls.push({ decl, unit });
          break;
        case "Waiver":
          pkg.waivers.push({ decl, unit });
          break;
        case "Test":
          pkg.tests.push({ decl, unit });
          break;
      }
    }
  }
  return packages;
}

export type DiagFactory = (
  code: import("../diagnostics/codes.js").Code,
  unit: Unit,
  span: import("../source/source.js").Span,
  message: string,
  extras?: import("../diagnostics/diagnostic.js").DiagnosticExtras,
) => Diagnostic;
