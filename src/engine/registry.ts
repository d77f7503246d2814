/**
 * The engines by name, and which one a run uses. The reference evaluator is always loaded; the
 * Wasm engine and the OPA engine (with the Rego backend it runs) are imported only when chosen,
 * so a command that never evaluates, or evaluates with another engine, never loads them.
 */

import { assertNever } from "../util/assert-never.js";
import { composed } from "./compose.js";
import { ENGINE_NAMES, EngineError, type Engine, type EngineName } from "./engine.js";
import { jsEngine } from "./js.js";

export interface EngineOptions {
  /** The OPA binary of the `opa` engine (default: `opa` on PATH). */
  readonly opa?: string | undefined;
}

/** The engine named `name`, ready to evaluate. */
export async function loadEngine(name: EngineName, options: EngineOptions = {}): Promise<Engine> {
  switch (name) {
    case "js":
      return jsEngine;
    case "wasm":
      return composed((await import("./wasm.js")).wasmEngine);
    case "opa":
      return composed((await import("./opa.js")).opaEngine(options));
    default:
      return assertNever(name);
  }
}

export function isEngineName(name: string): name is EngineName {
  return (ENGINE_NAMES as readonly string[]).includes(name);
}

/** An engine chosen by a flag or a configuration key: its name and, for `opa`, its binary. */
export interface EngineChoice {
  readonly engine?: string | undefined;
  readonly opa?: string | undefined;
}

/**
 * Which engine a run uses: the flags (`given`), else the configuration file (`configured`),
 * else the Wasm engine. Naming an OPA binary implies the OPA engine; naming one with another
 * engine is a mistake (an `EngineError` that says which).
 */
export function selectEngine(given: EngineChoice, configured: EngineChoice = {}): { readonly name: EngineName; readonly opa?: string } {
  const name = given.engine ?? (given.opa !== undefined ? "opa" : (configured.engine ?? (configured.opa !== undefined ? "opa" : ENGINE_NAMES[0])));
  if (!isEngineName(name)) throw new EngineError(`--engine must be one of ${ENGINE_NAMES.join(", ")}, not \`${name}\``);
  if (given.opa !== undefined && name !== "opa") throw new EngineError(`--opa is for --engine opa, not --engine ${name}`);
  const opa = given.opa ?? (name === "opa" ? configured.opa : undefined);
  return { name, ...(opa !== undefined ? { opa } : {}) };
}
