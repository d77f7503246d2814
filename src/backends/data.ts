/**
 * The OPA data document a compiled program reads (the Rego and the Wasm module alike):
 * `data.perimeter.now` (the evaluation date) and `data.perimeter.params` (package → name →
 * value). Shared by the Wasm and OPA engines and by whoever runs a compiled bundle.
 */

/**
 * The site parameters as the compiled engines take them: package → name → value. The reference
 * evaluator's `ParamValues` (eval/interp.ts) is one; the backends never need its value type,
 * only to write the values as data, so they do not import the evaluator for it.
 */
export type ParamData = ReadonlyMap<string, ReadonlyMap<string, unknown>>;

/** The OPA data document of an evaluation: `{"perimeter": {"now", "params"}}`. */
export function perimeterData(now: string | null, params: ParamData): { perimeter: Record<string, unknown> } {
  const p: Record<string, Record<string, unknown>> = {};
  for (const [pkg, values] of params) p[pkg] = Object.fromEntries(values);
  return { perimeter: now === null ? { params: p } : { now, params: p } };
}
