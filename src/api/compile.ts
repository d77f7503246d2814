/**
 * `compile`: policies compiled to what OPA and its SDKs run — Rego v1 files, an OPA-ABI
 * WebAssembly module, an OPA bundle (.tar.gz) of either — or to the IR as text (for reviewing
 * what a policy means). Returns the files or bytes (deterministic: compiling twice gives
 * identical bytes); writing them is the caller's (`perimeter compile -o`).
 */

import { bundle } from "../backends/bundle.js";
import { emitRego, type RegoFile } from "../backends/rego/emit.js";
import { compileWasm } from "../backends/wasm/compile.js";
import type { IrProgram } from "../ir/ir.js";
import { printProgram } from "../ir/print.js";
import type { Invalid } from "./problems.js";
import { compilePolicies } from "./policies.js";
import { todayUtc } from "../util/date.js";

export const TARGETS = ["rego", "wasm", "bundle", "wasm-bundle", "ir"] as const;
export type Target = (typeof TARGETS)[number];

export type Compiled =
  /** The IR as text. */
  | { readonly target: "ir"; readonly text: string }
  /** Rego v1 files (path relative to the output directory, text): one directory per package, plus perimeter/lib. */
  | { readonly target: "rego"; readonly files: readonly RegoFile[] }
  /** The OPA bundle (.tar.gz) of the Rego files. */
  | { readonly target: "bundle"; readonly bytes: Uint8Array; readonly files: readonly RegoFile[] }
  /** The Wasm module, or the OPA bundle holding it, with the module's entrypoints (a report and a verdicts entrypoint per package with controls). */
  | { readonly target: "wasm" | "wasm-bundle"; readonly bytes: Uint8Array; readonly module: Uint8Array; readonly entrypoints: readonly string[] };

export interface CompileOptions {
  /** Policy files and folders. */
  readonly policies: readonly string[];
  readonly target: Target;
  /** The date the checker warns of expiring waivers by (default: today, UTC). */
  readonly now?: string;
}

/**
 * The bundle's data roots: the root of every package (its full path when it is under
 * `perimeter`), and `perimeter/lib`; `data.perimeter.now` and `data.perimeter.params` stay
 * outside, for the user to set.
 */
export function bundleRoots(ir: IrProgram): string[] {
  const root = (name: string) => (name.split(".")[0] === "perimeter" ? name.replace(/\./g, "/") : name.split(".")[0]!);
  return [...new Set(["perimeter/lib", ...ir.packages.map((p) => root(p.name))])].sort();
}

/** The default parameters as OPA data (`data.perimeter.params`): package → name → value. */
export function defaultParamsData(ir: IrProgram): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const p of ir.packages) if (p.params.length > 0) out[p.name] = Object.fromEntries(p.params.map((x) => [x.name, x.value]));
  return out;
}

/** A program compiled to a target. */
export function compileProgram(ir: IrProgram, target: Target): Compiled {
  switch (target) {
    case "ir":
      return { target, text: printProgram(ir) };
    case "wasm":
    case "wasm-bundle": {
      const wasm = compileWasm(ir);
      const bytes = target === "wasm" ? wasm.module : bundle({ roots: bundleRoots(ir), wasm: { module: wasm.module, entrypoints: wasm.entrypoints } });
      return { target, bytes, module: wasm.module, entrypoints: wasm.entrypoints };
    }
    case "rego":
      return { target, files: emitRego(ir) };
    case "bundle": {
      const files = emitRego(ir);
      return { target, bytes: bundle({ rego: files, roots: bundleRoots(ir) }), files };
    }
  }
}

/** Policy files compiled to a target, or their errors. */
export function compile(options: CompileOptions): ({ readonly ok: true } & Compiled) | Invalid {
  const compiled = compilePolicies(options.policies, { now: options.now ?? todayUtc() });
  if (!compiled.ok) return compiled;
  return { ok: true, ...compileProgram(compiled.ir, options.target) };
}
