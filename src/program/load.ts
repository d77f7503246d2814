/**
 * From paths on disk to a checked program: the front end as the CLI and tools use it.
 *
 * Reads policy files (directories are searched for `*.perimeter`, sorted, so runs are
 * reproducible), parses them, adds the library packages they import (`std.*`, bundled in
 * `policies/std/`) unless a file given by the user declares that package itself, and checks
 * the whole program. The checker does not run while any file has a syntax error.
 */

import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { findPolicyFiles } from "./files.js";
import { hasErrors, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { packagePath } from "../paths.js";
import { SourceFile } from "../source/source.js";
import { checkProgram, type CheckedProgram, type CheckOptions } from "../check/index.js";
import { makeUnit, type Unit } from "../check/program.js";
import { parseSource } from "../syntax/parse.js";
import { POSTURE_PACKAGE } from "../check/control.js";

export { findPolicyFiles, POLICY_EXTENSION, readPolicyFiles, type Loaded } from "./files.js";

let library: Unit[] | undefined;

/** The bundled library (`policies/std`), parsed once per process. */
export function libraryUnits(): Unit[] {
  if (library !== undefined) return library;
  const dir = packagePath("policies", "std");
  library = findPolicyFiles(dir).map((path) => {
    const source = new SourceFile(path, readFileSync(path, "utf8"));
    return makeUnit(source, parseSource(source).file, false);
  });
  return library;
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

/** Parses and checks policy sources, adding the library packages they import. */
export function frontEnd(sources: readonly SourceFile[], options: CheckOptions = {}, earlier: readonly Diagnostic[] = []): FrontEnd {
  const diagnostics: Diagnostic[] = [...earlier];
  const units: Unit[] = [];
  for (const source of sources) {
    const parsed = parseSource(source);
    diagnostics.push(...parsed.diagnostics);
    units.push(makeUnit(source, parsed.file, true));
  }
  const provided = new Set(units.map((u) => u.pkg));
  const pending = units.flatMap((u) => u.file.imports.map((i) => i.name.parts.join(".")));
  if (units.some(usesPosture)) pending.push(POSTURE_PACKAGE);
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (provided.has(name)) continue;
    const found = libraryUnits().filter((u) => u.pkg === name);
    if (found.length === 0) continue; // the checker reports the unknown import
    provided.add(name);
    for (const u of found) {
      units.push(u);
      pending.push(...u.file.imports.map((i) => i.name.parts.join(".")));
    }
  }
  const files = new Map(units.map((u) => [u.source.path, u.source] as const));
  if (hasErrors(diagnostics)) return { units, files, diagnostics: sortDiagnostics(diagnostics) };
  let packages: string[] | undefined;
  let names: Map<string, string> | undefined;
  // The library is parsed only when a package is imported from it or a diagnostic suggests one
  // of its names: `check policies` on the shipped library itself never parses it twice.
  const checked = checkProgram(units, {
    fileExists: (from, path) => existsSync(resolve(dirname(from), path)),
    get libraryPackages() {
      return (packages ??= [...new Set(libraryUnits().map((u) => u.pkg))]);
    },
    get libraryNames() {
      return (names ??= libraryNames(libraryUnits()));
    },
    ...options,
  });
  const all = sortDiagnostics([...diagnostics, ...checked.diagnostics]);
  return hasErrors(all) ? { units, files, diagnostics: all } : { program: checked.program, units, files, diagnostics: all };
}
