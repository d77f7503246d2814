/**
 * IR → OPA-ABI WebAssembly, given the prebuilt runtime's bytes: the runtime
 * (runtime/, compiled by `npm run build` to dist/src/backends/wasm/runtime.wasm)
 * with the serialised program patched in at the end of its static data. `compile.ts` reads
 * the runtime from disk for the CLI; the browser playground passes the bytes it bundles.
 *
 * One module serves every site and every day: `now` and the params come from OPA `data`
 * (`{"perimeter": {"now": …, "params": {pkg: {param: value}}}}`). Entrypoints: per package
 * with controls, `<package path>/report` (ids 0..n-1 in package-name order), then
 * `<package path>/verdicts` (ids n..2n-1, src/report/verdicts.ts). Deterministic: the same
 * program gives the same bytes.
 */

import type { IrProgram } from "../../ir/ir.js";
import { MAX_INITIAL_PAGES } from "./abi.js";
import { patchRuntime, runtimeLayout } from "./patch.js";
import { serializeProgram, type SerializeOptions } from "./serialize.js";

export interface WasmModule {
  readonly module: Uint8Array;
  /** Entrypoint names, by id: every `reports` entry, then every `verdicts` entry. */
  readonly entrypoints: readonly string[];
  /** `<package path>/report` of each package with controls, in package-name order (ids 0..n-1). */
  readonly reports: readonly string[];
  /** `<package path>/verdicts` of the same packages, in the same order (ids n..2n-1). */
  readonly verdicts: readonly string[];
  /** Pages of the memory import's minimum (at most MAX_INITIAL_PAGES). */
  readonly pages: number;
}

/** The module of `program`: `runtime` (the prebuilt runtime's bytes) with the program patched in. */
export function linkWasm(program: IrProgram, runtime: Uint8Array, options: SerializeOptions = {}): WasmModule {
  const { blobBase } = runtimeLayout(runtime);
  const blob = serializeProgram(program, blobBase, options);
  const { module, pages } = patchRuntime(runtime, blob.bytes);
  if (pages > MAX_INITIAL_PAGES) {
    throw new Error(`perimeter: the compiled policy needs ${pages} pages of initial memory; OPA SDKs default to ${MAX_INITIAL_PAGES}`);
  }
  return { module, entrypoints: blob.entrypoints, reports: blob.reports, verdicts: blob.verdicts, pages };
}
