/**
 * The Wasm engine's module of a program for the CLI: the program compiled to a module
 * (`compile.ts`), loaded once per program (`evaluate.ts` evaluates it per export). The engine
 * seam (src/engine/wasm.ts) runs it.
 */

import type { IrProgram } from "../../ir/ir.js";
import { compileWasm, type WasmModule } from "./compile.js";
import { loadWasm, type Loaded } from "./evaluate.js";

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
