/**
 * The inputs of a run as the reports stamp them: every policy file the program was built
 * from (the user's and the bundled library files they imported) and every export, each with
 * the SHA-256 of its bytes as read from disk, and paths shown relative to the working
 * directory when they are inside it; and the reason a path cannot be read.
 */

import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { FrontEnd } from "../program/load.js";
import { packageRoot } from "../paths.js";
import { fileDigests, isTestFile, type UnitDigest } from "../report/digests.js";
import type { FileDigest } from "../report/run.js";
import { sha256 } from "./digest.js";

/** `policies/x.perimeter` for a file under `cwd`; `<perimeter>/policies/std/…` for the bundled library; else as given. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const abs = resolve(cwd, file);
  const rel = relative(cwd, abs);
  if (!rel.startsWith("..") && !isAbsolute(rel)) return isAbsolute(file) ? rel.split(sep).join("/") : file;
  const lib = relative(packageRoot(), abs);
  if (!lib.startsWith("..") && !isAbsolute(lib)) return `<perimeter>/${lib.split(sep).join("/")}`;
  return file;
}

export type { UnitDigest } from "../report/digests.js";

export function fileDigest(file: string): string | undefined {
  try {
    return sha256(readFileSync(file));
  } catch {
    return undefined;
  }
}

/** The files of a compiled program with their digests (what the cache of compiled policies keeps). */
export function unitDigests(front: FrontEnd): UnitDigest[] {
  return front.units.map((u) => ({ path: u.source.path, sha256: fileDigest(u.source.path) ?? sha256(u.source.text), user: u.user, test: isTestFile(u) }));
}

/** The policy files of a compiled program, user files first, each with its digest and role. */
export function policyDigests(front: FrontEnd | readonly UnitDigest[], cwd = process.cwd()): FileDigest[] {
  return fileDigests("units" in front ? unitDigests(front) : front, (path) => displayPath(path, cwd));
}
