/**
 * The diagnostics of `perimeter lint`, from the cache when the same files were linted before
 * (cache.ts): a pre-commit hook on unchanged policies reads them back instead of parsing and
 * checking everything again, and Chevrotain is imported only on a miss.
 *
 * What the diagnostics depend on, and how each is covered:
 * - the files named (paths as given and bytes, in order): the key;
 * - the date (`--now`, waiver-expiry warnings): the key;
 * - the tool (its checks, messages): the build in the key (cache.ts);
 * - the library files the policies import (`std.*`): recorded with their digests, checked on
 *   every hit;
 * - the test fixtures whose existence the checker looked up (W0108): recorded with the answer,
 *   looked up again on every hit.
 * A miss, or any of these that changed, lints from source and stores the result.
 */

import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { readPolicyFiles } from "../io/policy-files.js";
import { sha256 } from "../api/digest.js";
import { SourceFile } from "../source/source.js";
import { getJson, type Cache } from "./cache.js";
import { fileDigest } from "../api/inputs.js";

export interface Linted {
  /** The files the user named, as read. */
  readonly sources: readonly SourceFile[];
  /** Every file a diagnostic can point into (the user's and the library files imported). */
  readonly files: ReadonlyMap<string, SourceFile>;
  readonly diagnostics: readonly Diagnostic[];
  readonly cached: boolean;
}

interface Entry {
  readonly diagnostics: Diagnostic[];
  readonly library: { readonly path: string; readonly sha256: string }[];
  readonly probes: { readonly from: string; readonly path: string; readonly exists: boolean }[];
}

export async function lintCached(paths: readonly string[], now: string, cache: Cache | undefined): Promise<Linted> {
  const loaded = readPolicyFiles(paths);
  const key = cache?.key("lint", { today: now, files: loaded.sources.map((s) => [s.path, fileDigest(s.path) ?? sha256(s.text)]), read: loaded.diagnostics });
  if (cache !== undefined && key !== undefined) {
    const hit = readEntry(cache, key, loaded.sources);
    if (hit !== undefined) return hit;
  }
  const { frontEnd } = await import("../program/load.js");
  const probes: Entry["probes"] = [];
  const fe = frontEnd(
    loaded.sources,
    {
      today: now,
      fileExists: (from, path) => {
        const exists = existsSync(resolve(dirname(from), path));
        probes.push({ from, path, exists });
        return exists;
      },
    },
    loaded.diagnostics,
  );
  if (cache !== undefined && key !== undefined) {
    const library = fe.units.filter((u) => !u.user).map((u) => ({ path: u.source.path, sha256: fileDigest(u.source.path) ?? sha256(u.source.text) }));
    const entry: Entry = { diagnostics: [...fe.diagnostics], library, probes };
    cache.put(key, JSON.stringify(entry));
  }
  return { sources: loaded.sources, files: fe.files, diagnostics: fe.diagnostics, cached: false };
}

function readEntry(cache: Cache, key: string, sources: readonly SourceFile[]): Linted | undefined {
  const json = getJson(cache, key);
  if (json === undefined || !Array.isArray(json["diagnostics"]) || !Array.isArray(json["library"]) || !Array.isArray(json["probes"])) return undefined;
  const entry = json as unknown as Entry;
  const files = new Map(sources.map((s) => [s.path, s] as const));
  for (const lib of entry.library) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(lib.path);
    } catch {
      return undefined;
    }
    if (sha256(bytes) !== lib.sha256) return undefined;
    if (!files.has(lib.path)) files.set(lib.path, new SourceFile(lib.path, bytes.toString("utf8")));
  }
  for (const p of entry.probes) if (existsSync(resolve(dirname(p.from), p.path)) !== p.exists) return undefined;
  // Every diagnostic must point into a file we have (else the entry is not this run's).
  if (entry.diagnostics.some((d) => !files.has(d.file))) return undefined;
  return { sources, files, diagnostics: entry.diagnostics, cached: true };
}
