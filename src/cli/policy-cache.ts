/**
 * Compiled policies, from the cache when they were compiled before (cache.ts): the IR, the
 * files it was built from with their digests, and, for the Wasm engine, the module. A warm
 * `check` reads the policy files, hashes them and loads the entry: nothing is parsed, checked,
 * lowered or compiled, and Chevrotain never builds its parser.
 *
 * The key is the digest of every policy file the user named (path as given and bytes), in
 * order, and of the tool's build (cache.ts). The library files a program imports (`std.*`) are
 * recorded with their digests in the entry and checked on every hit. Not in the key, and why:
 * - the params: they reach the module as OPA data at each evaluation (wasm/engine.ts), never
 *   its code, and they are loaded and checked against the IR on every run, cached or not, so
 *   a bad params file is reported the same way;
 * - `--now`: the date changes only waiver-expiry warnings, which `check` does not print, never
 *   the IR (it reaches the evaluation as data too).
 * Only programs without errors are stored: policy errors are printed from a real compilation.
 * The compiler (Chevrotain, the checker, the lowering) is imported only on a miss.
 */

import type { WasmModule } from "../backends/wasm/compile.js";
import { loadedPolicy } from "../backends/wasm/engine.js";
import type { IrProgram } from "../ir/ir.js";
import { readPolicyFiles } from "../io/policy-files.js";
import { sha256 } from "../api/digest.js";
import { getJson, type Cache } from "./cache.js";
import { fileDigest, unitDigests, type UnitDigest } from "../api/inputs.js";
import type { Output } from "./io.js";

export interface Compiled {
  readonly ir: IrProgram;
  /** Every file of the program (user and library), for the reports' list of policies. */
  readonly units: readonly UnitDigest[];
  /** Whether the entry came from the cache (for tests and `PERIMETER_DEBUG`). */
  readonly cached: boolean;
}

/** What a cache entry holds besides the module (which is a second entry, `<key>.wasm`). */
interface Entry {
  readonly ir: IrProgram;
  readonly units: readonly UnitDigest[];
  /** The module's metadata and the digest of its bytes; absent when it was not compiled. */
  readonly wasm?: Omit<WasmModule, "module"> & { readonly sha256: string };
}

/**
 * The program of `paths`, from `cache` when it holds it; otherwise compiled (errors printed,
 * `InputError` thrown, as `compilePolicies`) and stored. With `wasm`, the Wasm engine's module
 * is loaded too (from the cache, or compiled and stored).
 */
export async function compileCached(paths: readonly string[], io: Output, now: string, cache: Cache | undefined, options: { wasm: boolean }): Promise<Compiled> {
  const loaded = readPolicyFiles(paths);
  const compile = async () => (await import("./policy.js")).compilePolicies(paths, io, now, loaded);
  if (cache === undefined || loaded.diagnostics.length > 0) {
    const { ir, front } = await compile();
    return { ir, units: unitDigests(front), cached: false };
  }
  const key = cache.key("policies", loaded.sources.map((s) => [s.path, fileDigest(s.path) ?? sha256(s.text)]));
  const hit = readEntry(cache, key);
  if (hit !== undefined) {
    const module = options.wasm && hit.wasm !== undefined ? readModule(cache, key, hit.wasm.sha256) : undefined;
    if (!options.wasm || module !== undefined) {
      if (module !== undefined) loadedPolicy(hit.ir, { ...hit.wasm!, module });
      return { ir: hit.ir, units: hit.units, cached: true };
    }
    // The entry lacks a readable module: compile it from the cached IR and store both again.
    const wasm = loadedPolicy(hit.ir).wasm;
    store(cache, key, hit.ir, hit.units, wasm);
    return { ir: hit.ir, units: hit.units, cached: true };
  }
  const { ir, front } = await compile();
  const units = unitDigests(front);
  store(cache, key, ir, units, options.wasm ? loadedPolicy(ir).wasm : undefined);
  return { ir, units, cached: false };
}

function store(cache: Cache, key: string, ir: IrProgram, units: readonly UnitDigest[], wasm: WasmModule | undefined): void {
  let meta: Entry["wasm"];
  if (wasm !== undefined) {
    const { module, ...rest } = wasm;
    meta = { ...rest, sha256: sha256(module) };
    cache.put(`${key}.wasm`, module);
  }
  const entry: Entry = { ir, units, ...(meta !== undefined ? { wasm: meta } : {}) };
  cache.put(`${key}.json`, JSON.stringify(entry));
}

/** The entry, when it is readable, well-formed, and its library files are unchanged on disk. */
function readEntry(cache: Cache, key: string): Entry | undefined {
  const json = getJson(cache, `${key}.json`);
  if (json === undefined || typeof json["ir"] !== "object" || json["ir"] === null || !Array.isArray(json["units"])) return undefined;
  const entry = json as unknown as Entry;
  // User files are in the key; the library files they imported are checked here.
  for (const u of entry.units) if (!u.user && fileDigest(u.path) !== u.sha256) return undefined;
  return entry;
}

function readModule(cache: Cache, key: string, digest: string): Uint8Array | undefined {
  const bytes = cache.get(`${key}.wasm`);
  return bytes !== undefined && sha256(bytes) === digest ? new Uint8Array(bytes) : undefined;
}
