// The benchmark harness works end to end (CI runs this seconds-long smoke run; the real
// numbers come from `npm run bench` and live in BENCHMARKS.md). No timing is asserted.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CASE, renderMarkdown, targets } from "../../bench/results.js";
import { findOpa, OPA_CASE, PROCESS } from "../../bench/opa.js";
import { runBenchmarks, SMOKE } from "../../bench/run.js";
import { STARTUP } from "../../bench/startup.js";

describe("npm run bench -- --smoke", () => {
  it("times every case on every size, compiles, measures memory and renders the tables", () => {
    const results = runBenchmarks({ ...SMOKE, command: "smoke", log: () => {} });
    expect(results.sizes.map((s) => s.size)).toEqual(["5KB", "100KB", "2MB"]);
    // Start-up: one round of every whole-process case (the bundled binary), against the floor.
    expect(results.startup?.cases.map((c) => c.name)).toEqual(Object.values(STARTUP));
    expect(results.startup!.cases.every((c) => c.medianMs > 0 && c.ratio > 0)).toBe(true);
    expect(renderMarkdown(results)).toContain("### Start-up (whole processes, same run)");
    // The language server: two edits of the largest policy file, through the protocol.
    expect(results.lsp?.edits).toBe(2);
    expect(results.lsp?.file).toBe(join("policies", "databricks", "apps", "ingress.perimeter"));
    expect(results.lsp!.medianMs).toBeGreaterThan(0);
    expect(renderMarkdown(results)).toContain("### Language server: an edit to its diagnostics");
    const cases = [CASE.evaluator, CASE.evaluatorText, CASE.wasmObject, CASE.wasmBytes, CASE.wasmVerdicts, CASE.baseline];
    expect(Object.values(CASE)).toEqual(cases);
    for (const s of results.sizes) {
      expect(s.timings.map((t) => t.name)).toEqual(cases);
      for (const t of s.timings) {
        expect(t.perSecond).toBeGreaterThan(0);
        expect(t.p99Us).toBeGreaterThanOrEqual(t.medianUs);
      }
    }
    expect(results.sizes[1]!.bytes).toBeGreaterThan(80_000);
    expect(results.sizes[2]!.bytes).toBeGreaterThan(1_500_000);
    expect(results.compileCold.map((c) => c.size).every((n) => n > 0)).toBe(true);
    // Every case on the 5 KB export (pages for the Wasm ones only), then Wasm bytes on 100 KB.
    expect(results.memory.map((m) => m.evaluations)).toEqual([...cases.map(() => 2_000), 200]);
    expect(results.memory.map((m) => m.name)).toEqual([...cases.map((c) => `${c}, 5KB export`), `${CASE.wasmBytes}, 100KB export`]);
    expect(results.memory.map((m) => m.pageGrowth === null)).toEqual([true, true, false, false, false, true, false]);
    // Beside OPA: each measurement once on the 5 KB export when OPA is installed, else a notice.
    if (findOpa() === undefined) {
      expect(results.opa).toBeNull();
      expect(results.opaNotice).toContain("OPA was not found");
    } else {
      const o = results.opa!;
      expect(o.go.map((g) => [g.name, g.size])).toEqual([[OPA_CASE.go, "5KB"]]);
      expect(o.go[0]!.meanUs).toBeGreaterThan(0);
      expect(o.wasm.map((w) => [w.name, w.size])).toEqual([[OPA_CASE.wasm, "5KB"]]);
      expect(o.wasmModuleBytes).toBeGreaterThan(0);
      expect(o.processes.map((p) => [p.name, p.size, p.runs])).toEqual([
        [PROCESS.floor, null, 1],
        ...[PROCESS.wasm, PROCESS.js, PROCESS.opa, PROCESS.opaEval].map((n) => [n, "5KB", 1]),
      ]);
    }
    const md = renderMarkdown(results);
    expect(md).toContain("### Targets");
    expect(md).toContain("### Beside OPA");
    expect(targets(results).length).toBeGreaterThanOrEqual(6);
  }, 120_000);
});
