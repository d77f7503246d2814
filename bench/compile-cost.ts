/**
 * What compiling the whole policy library costs: warm (in this process, everything loaded,
 * timed like the evaluation cases) and cold (a fresh Node process: loading the compiler's
 * modules, then compiling once), to Rego and to Wasm, from the policy sources to the output
 * files; and the size of what comes out.
 */

import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { packagePath } from "../src/paths.js";
import { compileWasm } from "../src/backends/wasm/compile.js";
import { emitRego } from "../src/backends/rego/emit.js";
import { compileLibrary } from "./setup.js";
import type { Case } from "./measure.js";

export type Target = "rego" | "wasm";

export function compileOnce(target: Target): number {
  const ir = compileLibrary();
  if (target === "rego") return emitRego(ir).reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  return compileWasm(ir).module.byteLength;
}

export function warmCompileCases(): Case[] {
  return (["rego", "wasm"] as const).map((t) => ({ name: `compile library to ${t === "rego" ? "Rego" : "Wasm"}, warm`, bytes: 0, run: () => compileOnce(t) }));
}

const script = (target: Target): string => `
const t0 = performance.now();
const { compileOnce } = await import(${JSON.stringify(pathToFileURL(packagePath("dist", "bench", "compile-cost.js")).href)});
const size = compileOnce(${JSON.stringify(target)});
process.stdout.write(JSON.stringify({ ms: performance.now() - t0, size }));
`;

export interface ColdCompile {
  readonly target: Target;
  /** Median over the runs: from the first import of the compiler to the output in memory. */
  readonly medianMs: number;
  readonly runs: number;
  /** Bytes of output: the Rego files together, or the Wasm module. */
  readonly size: number;
}

export function coldCompile(target: Target, runs: number): ColdCompile {
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script(target)], {
      cwd: packagePath(),
      encoding: "utf8",
    });
    const r = JSON.parse(out) as { ms: number; size: number };
    times.push(r.ms);
    size = r.size;
  }
  times.sort((a, b) => a - b);
  return { target, medianMs: times[Math.floor(times.length / 2)]!, runs, size };
}
