/**
 * The Wasm engine (`--engine wasm`, the default): the program compiled to an OPA-ABI module
 * (src/backends/wasm/), loaded once per program, evaluated one export at a time through the
 * npm OPA SDK. Gives each package's Report; the seam merges them (compose.ts).
 */

import { loadedPolicy } from "../backends/wasm/engine.js";
import { evaluateWasm } from "../backends/wasm/evaluate.js";
import type { Report } from "../report/report.js";
import type { PackageEngine } from "./engine.js";

export const wasmEngine: PackageEngine = {
  name: "wasm",
  packageReports(program, exports, ctx, done) {
    const loaded = loadedPolicy(program);
    const out: Report[][] = [];
    for (const exp of exports) {
      out.push(evaluateWasm(loaded, exp, ctx.now, ctx.params));
      done?.(out.length);
    }
    return out;
  },
};
