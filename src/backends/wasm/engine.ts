/**
 * The Wasm engine of `check --engine wasm` and `test`: the program compiled to a module
 * (`compile.ts`), loaded once per program and evaluated per export (`evaluate.ts`, which says
 * how the per-package Reports are merged and how `now`, the params and the export go in).
 */

import type { ParamValues } from "../../eval/interp.js";
import type { LoadedExport } from "../../export/load.js";
import type { IrProgram } from "../../ir/ir.js";
import type { Report } from "../../report/report.js";
import { compileWasm, type WasmModule } from "./compile.js";
import { evaluateWasm, loadWasm, type Loaded } from "./evaluate.js";

export { mergeReports, perimeterData } from "./evaluate.js";

const cache = new WeakMap<IrProgram, Loaded>();

/**
 * The loaded module of a program (compiled and instantiated once per program); `compiled`, a
 * module compiled from this program earlier (the CLI's cache of compiled policies), saves
 * compiling it again.
 */
export function loadedPolicy(program: IrProgram, compiled?: WasmModule): Loaded {
  let l = cache.get(program);
  if (l === undefined) {
    l = loadWasm(compiled ?? compileWasm(program));
    cache.set(program, l);
  }
  return l;
}

/** The Report of one export on the Wasm engine (the same document `reportFor` gives). */
export function wasmReport(program: IrProgram, exp: LoadedExport, now: string, params: ParamValues): Report {
  return evaluateWasm(loadedPolicy(program), program, exp, now, params);
}
