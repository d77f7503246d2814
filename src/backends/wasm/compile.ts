/**
 * IR → OPA-ABI WebAssembly as the CLI does it: the prebuilt runtime read from the package
 * (`npm run build` compiles runtime/ to dist/src/backends/wasm/runtime.wasm)
 * and linked with the program by `link.ts`, which says what the module holds.
 */

import { existsSync, readFileSync } from "node:fs";
import type { IrProgram } from "../../ir/ir.js";
import { packagePath } from "../../paths.js";
import { linkWasm, type WasmModule } from "./link.js";
import type { SerializeOptions } from "./serialize.js";

export type { WasmModule } from "./link.js";

export const RUNTIME_PATH = ["dist", "src", "backends", "wasm", "runtime.wasm"] as const;

let runtimeCache: Uint8Array | undefined;

/** The prebuilt runtime module. */
export function runtimeWasm(): Uint8Array {
  if (runtimeCache !== undefined) return runtimeCache;
  const path = packagePath(...RUNTIME_PATH);
  if (!existsSync(path)) throw new Error(`perimeter: the Wasm runtime ${path} is missing; build it with \`npm run build\``);
  return (runtimeCache = new Uint8Array(readFileSync(path)));
}

export function compileWasm(program: IrProgram, runtime: Uint8Array = runtimeWasm(), options: SerializeOptions = {}): WasmModule {
  return linkWasm(program, runtime, options);
}
