// Memory stays flat: after many evaluations through the npm SDK (object and ArrayBuffer
// input, with data changes in between), the Wasm memory has not grown and the process RSS
// has grown by less than 5%. PERIMETER_WASM_MEMORY_EVALS sets the count (default 100,000).
import { describe, expect, it } from "vitest";
import { loadPolicySync } from "../../src/backends/wasm/sdk.js";
import { defaultParams } from "../../src/eval/params.js";
import { loadExport } from "../../src/io/export-file.js";
import { perimeterData, program, wasmOf } from "./helpers.js";
import { runCount } from "../helpers/env.js";

const EVALS = runCount("PERIMETER_WASM_MEMORY_EVALS", 100_000);

describe("memory", () => {
  it(`is flat over ${EVALS} evaluations`, () => {
    const ir = program("policies");
    const policy = loadPolicySync(wasmOf("policies").module);
    const mem = (policy as unknown as { mem: { buffer: ArrayBuffer } }).mem;
    const exp = loadExport("examples/exports/contoso-prod-azure-compliant.json").export!;
    const bytes = new TextEncoder().encode(JSON.stringify(exp.document)).buffer;
    const data = [perimeterData("2026-11-28", defaultParams(ir)), perimeterData("2027-02-01", defaultParams(ir))];
    policy.setData(data[0]!);
    const want = JSON.stringify(policy.evaluate(exp.document));
    // Warm up (JIT, first growth), then measure.
    for (let i = 0; i < 500; i++) policy.evaluate(bytes);
    globalThis.gc?.();
    const memBefore = mem.buffer.byteLength;
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    for (let i = 1; i <= EVALS; i++) {
      if (i % 10_000 === 0) policy.setData(data[(i / 10_000) % 2]!);
      const r = i % 10 === 0 ? policy.evaluate(exp.document) : policy.evaluate(bytes);
      if (i % 25_000 === 0) expect(r[0].result.controls.length).toBe(ir.controls.length);
    }
    const ms = performance.now() - t0;
    policy.setData(data[0]!);
    expect(JSON.stringify(policy.evaluate(exp.document))).toBe(want);
    globalThis.gc?.();
    const memAfter = mem.buffer.byteLength;
    const rssAfter = process.memoryUsage().rss;
    console.log(`${EVALS} evaluations in ${(ms / 1000).toFixed(1)} s: Wasm memory ${memBefore} -> ${memAfter} bytes; RSS ${(rssBefore / 2 ** 20).toFixed(1)} -> ${(rssAfter / 2 ** 20).toFixed(1)} MiB`);
    expect(memAfter).toBe(memBefore);
    expect(rssAfter).toBeLessThan(rssBefore * 1.05);
  }, 300_000);
});
