/**
 * The policy files a report stamps (`RunInfo.policies`): each with its digest and role, user
 * files first, once each. The CLI reads the digests from disk and shows paths relative to
 * the working directory (src/api/inputs.ts); the browser playground hashes the texts it
 * holds and shows their names as they are.
 */

import type { Unit } from "../check/program.js";
import type { FileDigest } from "./run.js";

/** A file of tests only (`test` blocks, imports, a package line): it defines no control and nothing a control uses. */
export function isTestFile(u: Unit): boolean {
  return u.file.decls.length > 0 && u.file.decls.every((d) => d.kind === "Test");
}

/** A policy file a program was built from, as read: its path as given, its digest, whether the user named it. */
export interface UnitDigest {
  readonly path: string;
  readonly sha256: string;
  readonly user: boolean;
  /** A file of tests only: listed apart, outside the policy-set digest. */
  readonly test: boolean;
}

/** The digests of a program's files, user files first, each listed once with its role; `display` gives the path shown. */
export function fileDigests(all: readonly UnitDigest[], display: (path: string) => string): FileDigest[] {
  const units = [...all].sort((a, b) => Number(b.user) - Number(a.user));
  const out: FileDigest[] = [];
  const seen = new Set<string>();
  for (const u of units) {
    if (seen.has(u.path)) continue;
    seen.add(u.path);
    out.push({ path: display(u.path), sha256: u.sha256, role: !u.user ? "library" : u.test ? "test" : "policy" });
  }
  return out;
}
