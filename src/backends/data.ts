/**
 * The OPA data document a compiled program reads (the Rego and the Wasm module alike):
 * `data.perimeter.now` (the evaluation date) and `data.perimeter.params` (package → name →
 * value). Shared by the Wasm and OPA engines and by whoever runs a compiled bundle.
 */

import type { ParamValues } from "../eval/interp.js";

/** The OPA data document of an evaluation: `{"perimeter": {"now", "params"}}`. */
export function perimeterData(now: string | null, params: ParamValues): { perimeter: Record<string, unknown> } {
  const p: Record<string, Record<string, unknown>> = {};
  for (const [pkg, values] of params) p[pkg] = Object.fromEntries(values);
  return { perimeter: now === null ? { params: p } : { now, params: p } };
}
