/**
 * The OPA engine (`--engine opa`): the program compiled to Rego and evaluated by a real OPA
 * binary (src/backends/opa/engine.ts: one `opa eval` process per batch of exports). Loaded
 * only when chosen (registry.ts). Its failures (no binary, OPA exiting non-zero) become
 * `EngineError`s with OPA's one-line message.
 */

import { OpaFailed, OpaUnavailable, opaReports } from "../backends/opa/engine.js";
import { EngineError, type PackageEngine } from "./engine.js";

export interface OpaEngineOptions {
  /** The binary: a path, or a name looked up on PATH (default `opa`). */
  readonly opa?: string | undefined;
}

export function opaEngine(options: OpaEngineOptions = {}): PackageEngine {
  return {
    name: "opa",
    packageReports(program, exports, ctx, done) {
      try {
        return opaReports(program, [...exports], ctx.now, ctx.params, { ...(options.opa !== undefined ? { opa: options.opa } : {}), ...(done ? { progress: done } : {}) });
      } catch (e) {
        if (e instanceof OpaUnavailable || e instanceof OpaFailed) throw new EngineError(e.message);
        throw e;
      }
    },
  };
}
