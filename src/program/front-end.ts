/**
 * From policy sources to a checked program, given the library: the front end without a file
 * system (`load.ts` reads the files and the bundled `policies/std`; the browser playground
 * passes the texts it bundles).
 *
 * Parses the sources, adds the library packages they import (`std.*`) unless a source
 * declares that package itself, and checks the whole program. The checker does not run while
 * any file has a syntax error.
 */

import { hasErrors, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../source/source.js";
import { checkProgram, type CheckedProgram, type CheckOptions, type CheckResult } from "../check/index.js";
import { makeUnit, type Unit } from "../check/program.js";
import { parseSource } from "../syntax/parse.js";
import { POSTURE_PACKAGE } from "../check/control.js";

/** Library sources parsed into units (not the user's: `user` is false). */
export function libraryOf(sources: readonly SourceFile[]): Unit[] {
  return sources.map((source) => makeUnit(source, parseSource(source).file, false));
}

function libraryNames(lib: readonly Unit[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const u of lib) for (const d of u.file.decls) if (d.kind === "Def" || d.kind === "Let" || d.kind === "Param") names.set(d.name.name, u.pkg);
  return names;
}

/** Whether a unit has `ingress`/`egress` blocks, whose meaning is defined in std.databricks. */
function usesPosture(u: Unit): boolean {
  return u.file.decls.some((d) => d.kind === "Control" && d.items.some((i) => i.kind === "Ingress" || i.kind === "Egress"));
}

export interface FrontEnd {
  /** Present when there are no errors. */
  readonly program?: CheckedProgram;
  readonly units: readonly Unit[];
  readonly files: ReadonlyMap<string, SourceFile>;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The library: its units, or a function that gives them, called only when a package is imported
 * from it or a diagnostic suggests one of its names (the CLI parses the bundled library lazily,
 * so `check policies` on the shipped library itself never parses it twice).
 */
export type Library = readonly Unit[] | (() => readonly Unit[]);

const unitsOf = (lib: Library): readonly Unit[] => (typeof lib === "function" ? lib() : lib);

/**
 * The user's units followed by the library units they import (transitively), and
 * `std.databricks` when a control has `ingress`/`egress` blocks; a package the user's files
 * declare themselves is not taken from the library.
 */
export function addImports(user: readonly Unit[], lib: Library): Unit[] {
  const units = [...user];
  const provided = new Set(units.map((u) => u.pkg));
  const pending = units.flatMap((u) => u.file.imports.map((i) => i.name.parts.join(".")));
  if (units.some(usesPosture)) pending.push(POSTURE_PACKAGE);
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (provided.has(name)) continue;
    const found = unitsOf(lib).filter((u) => u.pkg === name);
    if (found.length === 0) continue; // the checker reports the unknown import
    provided.add(name);
    for (const u of found) {
      units.push(u);
      pending.push(...u.file.imports.map((i) => i.name.parts.join(".")));
    }
  }
  return units;
}

/** The units of `sources` and of the packages of `lib` they import (transitively), and the syntax errors. */
function withImports(sources: readonly SourceFile[], lib: Library, earlier: readonly Diagnostic[]): { units: Unit[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [...earlier];
  const user: Unit[] = [];
  for (const source of sources) {
    const parsed = parseSource(source);
    diagnostics.push(...parsed.diagnostics);
    user.push(makeUnit(source, parsed.file, true));
  }
  return { units: addImports(user, lib), diagnostics };
}

/** Checks units (from `addImports`), with the library's package and declaration names for suggestions. */
export function checkWith(units: readonly Unit[], lib: Library, options: CheckOptions = {}): CheckResult {
  let packages: string[] | undefined;
  let names: Map<string, string> | undefined;
  return checkProgram(units, {
    get libraryPackages() {
      return (packages ??= [...new Set(unitsOf(lib).map((u) => u.pkg))]);
    },
    get libraryNames() {
      return (names ??= libraryNames(unitsOf(lib)));
    },
    ...options,
  });
}

/** Parses and checks policy sources, adding the packages of `lib` they import. */
export function checkSources(sources: readonly SourceFile[], lib: Library, options: CheckOptions = {}, earlier: readonly Diagnostic[] = []): FrontEnd {
  const { units, diagnostics } = withImports(sources, lib, earlier);
  const files = new Map(units.map((u) => [u.source.path, u.source] as const));
  if (hasErrors(diagnostics)) return { units, files, diagnostics: sortDiagnostics(diagnostics) };
  const checked = checkWith(units, lib, options);
  const all = sortDiagnostics([...diagnostics, ...checked.diagnostics]);
  return hasErrors(all) ? { units, files, diagnostics: all } : { program: checked.program, units, files, diagnostics: all };
}

/**
 * The checker's type of every expression of the sources, also when the program has type
 * errors (not when a source has a syntax error: undefined then): what an editor completes
 * field names from.
 */
export function expressionTypes(sources: readonly SourceFile[], lib: Library, options: CheckOptions = {}): { types: CheckedProgram["types"]; units: readonly Unit[] } | undefined {
  const { units, diagnostics } = withImports(sources, lib, []);
  return hasErrors(diagnostics) ? undefined : { types: checkWith(units, lib, options).program.types, units };
}
