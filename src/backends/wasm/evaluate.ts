/**
 * Evaluating a compiled module (the Wasm engine of `check --engine wasm` and `test`, and the
 * browser playground's): the module loaded through the npm OPA SDK (`loadPolicySync`),
 * evaluated per export. `engine.ts` compiles and caches the module of a program for the CLI.
 *
 * The module has one `report` entrypoint per package with controls (ids 0..n-1, before the
 * `verdicts` ones); the engine evaluates each and gives their Reports, which the engine seam
 * merges into the one the reference evaluator gives for the whole program (src/engine/).
 * `now` and the params go in as OPA data, set only when they change. The
 * export goes in as the document (the SDK writes it with `JSON.stringify`), or, when it holds
 * integers beyond 2^53 (`bigint`s, which `JSON.stringify` rejects), as its exact JSON bytes:
 * the module keeps their digits.
 */

import { exactJsonText } from "../../export/exact-json.js";
import type { LoadedExport } from "../../export/load.js";
import type { Report } from "../../report/report.js";
import { perimeterData, type ParamData } from "../data.js";
import type { WasmModule } from "./link.js";
import { loadPolicySync, type LoadedPolicy } from "./sdk.js";

/** A module loaded through the SDK, with the key of the data last set on it. */
export interface Loaded {
  readonly wasm: WasmModule;
  readonly policy: LoadedPolicy;
  dataKey?: string;
}

/** Instantiates a compiled module (synchronously: in a browser, only off the main thread). */
export function loadWasm(wasm: WasmModule): Loaded {
  return { wasm, policy: loadPolicySync(wasm.module) };
}

/** The Report of each package with controls on one export, on a loaded module (`reportPackages` order). */
export function evaluateWasm(l: Loaded, exp: LoadedExport, now: string, params: ParamData): Report[] {
  const data = perimeterData(now, params);
  const key = JSON.stringify(data);
  if (l.dataKey !== key) {
    l.policy.setData(data);
    l.dataKey = key;
  }
  const input = exp.exactIntegers ? (new TextEncoder().encode(exactJsonText(exp.document)).buffer as ArrayBuffer) : exp.document;
  return l.wasm.reports.map((_, i) => {
    const rs = l.policy.evaluate(input, i) as { result: Report }[];
    const r = rs[0];
    if (r === undefined) throw new Error("internal error: the Wasm report is undefined on a loaded export");
    return r.result;
  });
}
