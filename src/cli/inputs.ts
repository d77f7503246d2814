/**
 * The inputs of a run as the reports stamp them: every policy file the program was built
 * from (the user's and the bundled library files they imported) and every export, each with
 * the SHA-256 of its bytes as read from disk, and paths shown relative to the working
 * directory when they are inside it.
 */

import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { FrontEnd } from "../program/load.js";
import type { Unit } from "../check/program.js";
import { packageRoot } from "../paths.js";
import { sha256, type FileDigest } from "../report/run.js";

/** `policies/x.perimeter` for a file under `cwd`; `<perimeter>/policies/std/…` for the bundled library; else as given. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const abs = resolve(cwd, file);
  const rel = relative(cwd, abs);
  if (!rel.startsWith("..") && !isAbsolute(rel)) return isAbsolute(file) ? rel.split(sep).join("/") : file;
  const lib = relative(packageRoot(), abs);
  if (!lib.startsWith("..") && !isAbsolute(lib)) return `<perimeter>/${lib.split(sep).join("/")}`;
  return file;
}

export function fileDigest(file: string): string | undefined {
  try {
    return sha256(readFileSync(file));
  } catch {
    return undefined;
  }
}

/** A file of tests only (`test` blocks, imports, a package line): it defines no control and nothing a control uses. */
function isTestFile(u: Unit): boolean {
  return u.file.decls.length > 0 && u.file.decls.every((d) => d.kind === "Test");
}

/** The policy files of a compiled program, user files first, each with its digest and role. */
export function policyDigests(front: FrontEnd, cwd = process.cwd()): FileDigest[] {
  const units = [...front.units].sort((a, b) => Number(b.user) - Number(a.user));
  const out: FileDigest[] = [];
  const seen = new Set<string>();
  for (const u of units) {
    const path = u.source.path;
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ path: displayPath(path, cwd), sha256: fileDigest(path) ?? sha256(u.source.text), role: !u.user ? "library" : isTestFile(u) ? "test" : "policy" });
  }
  return out;
}
