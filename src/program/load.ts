/**
 * From paths on disk to a checked program: the front end as the CLI and tools use it.
 *
 * Reads policy files (directories are searched for `*.perimeter`, sorted, so runs are
 * reproducible) and the bundled library (`policies/std/`), and runs `front-end.ts` on them:
 * parse, add the library packages imported unless a file given by the user declares that
 * package itself, check the whole program (a `test` block's export path must exist on disk).
 */

import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { findPolicyFiles } from "../io/policy-files.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { packagePath } from "../paths.js";
import { SourceFile } from "../source/source.js";
import type { CheckOptions } from "../check/index.js";
import type { Unit } from "../check/program.js";
import type { CheckResult } from "../check/index.js";
import { addImports, checkSources, checkWith, libraryOf, type FrontEnd } from "./front-end.js";

export { findPolicyFiles, POLICY_EXTENSION, readPolicyFiles, type Loaded } from "../io/policy-files.js";
export type { FrontEnd } from "./front-end.js";

let library: Unit[] | undefined;

/** The bundled library (`policies/std`), parsed once per process. */
export function libraryUnits(): Unit[] {
  if (library !== undefined) return library;
  const dir = packagePath("policies", "std");
  library = libraryOf(findPolicyFiles(dir).map((path) => new SourceFile(path, readFileSync(path, "utf8"))));
  return library;
}

/** Parses and checks policy sources, adding the library packages they import. */
export function frontEnd(sources: readonly SourceFile[], options: CheckOptions = {}, earlier: readonly Diagnostic[] = []): FrontEnd {
  return checkSources(sources, libraryUnits, withFixtures(options), earlier);
}

/** The user's units and the bundled library's units they import (the language server's front end). */
export function withLibrary(user: readonly Unit[]): Unit[] {
  return addImports(user, libraryUnits);
}

/** Checks units (from `withLibrary`) as `frontEnd` does. */
export function checkUnits(units: readonly Unit[], options: CheckOptions = {}): CheckResult {
  return checkWith(units, libraryUnits, withFixtures(options));
}

/** A `test` block's export path must exist on disk, relative to its file. */
function withFixtures(options: CheckOptions): CheckOptions {
  return { fileExists: (from, path) => existsSync(resolve(dirname(from), path)), ...options };
}

