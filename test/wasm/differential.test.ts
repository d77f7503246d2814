// The Wasm module against the reference evaluator: for the shipped policies and the test
// corpus, on every example export and in three settings (today with defaults; a later day
// with site overrides; no date), every path of the npm SDK and of the raw ABI gives the
// evaluator's Report byte for byte.
import { describe, expect, it } from "vitest";
import { loadPolicy, loadPolicySync } from "../../src/backends/wasm/sdk.js";
import type { IrProgram } from "../../src/ir/ir.js";
import { lowerProgram } from "../../src/ir/lower.js";
import { compileWasm } from "../../src/backends/wasm/compile.js";
import { lint } from "../helpers/front.js";
import { exampleExports, mergedReport, perimeterData, program, PROGRAMS, rawHost, referenceReport, SETTINGS, wasmOf } from "./helpers.js";

/** The program an entrypoint covers: one package's controls and waivers. */
function packageProgram(ir: IrProgram, pkg: string): IrProgram {
  const ids = new Set(ir.controls.filter((c) => c.package === pkg).map((c) => c.id));
  return { ...ir, controls: ir.controls.filter((c) => ids.has(c.id)), waivers: ir.waivers.filter((w) => ids.has(w.control)) };
}

describe.each(Object.keys(PROGRAMS))("%s", (name) => {
  const ir = program(name);
  const wasm = wasmOf(name);
  const exports = exampleExports();

  it("has one report entrypoint per package with controls", () => {
    const pkgs = [...new Set(ir.controls.map((c) => c.package))].sort();
    expect(wasm.entrypoints).toEqual(pkgs.map((p) => `${p.replaceAll(".", "/")}/report`));
  });

  it("loadPolicy, object input, fast path: the evaluator's Report on every export and setting", async () => {
    const policy = await loadPolicy(wasm.module);
    let compared = 0;
    for (const s of SETTINGS) {
      const params = s.params(ir);
      policy.setData(perimeterData(s.now, params));
      for (const exp of exports) {
        const results = wasm.entrypoints.map((_, i) => policy.evaluate(exp.document, i));
        const got = JSON.stringify(mergedReport(ir, results, s.now, params, exp.document));
        expect(got, `${exp.file} (${s.name})`).toBe(JSON.stringify(referenceReport(ir, exp, s.now, params)));
        compared++;
      }
    }
    expect(compared).toBe(SETTINGS.length * exports.length);
  });

  it("loadPolicySync, ArrayBuffer input and entrypoints by name: the same", () => {
    const policy = loadPolicySync(wasm.module);
    for (const s of SETTINGS) {
      const params = s.params(ir);
      policy.setData(new TextEncoder().encode(JSON.stringify(perimeterData(s.now, params))).buffer as ArrayBuffer);
      for (const exp of exports) {
        const bytes = new TextEncoder().encode(JSON.stringify(exp.document));
        const results = wasm.entrypoints.map((ep) => policy.evaluate(bytes.buffer, ep));
        expect(JSON.stringify(mergedReport(ir, results, s.now, params, exp.document)), `${exp.file} (${s.name})`).toBe(JSON.stringify(referenceReport(ir, exp, s.now, params)));
      }
    }
  });

  it("the SDK's slow path (minor version forced below 2): the same", () => {
    const policy = loadPolicySync(wasm.module);
    (policy as unknown as { minorVersion: number }).minorVersion = 1;
    for (const s of SETTINGS) {
      const params = s.params(ir);
      policy.setData(perimeterData(s.now, params));
      for (const exp of exports) {
        const results = wasm.entrypoints.map((_, i) => policy.evaluate(exp.document, i));
        expect(JSON.stringify(mergedReport(ir, results, s.now, params, exp.document)), `${exp.file} (${s.name})`).toBe(JSON.stringify(referenceReport(ir, exp, s.now, params)));
      }
    }
  });

  it("raw ABI: opa_eval's bytes are [{\"result\": JSON.stringify(report)}], and so are eval + opa_json_dump's (JSON) and the Rego form", () => {
    const host = rawHost(wasm.module);
    for (const s of SETTINGS) {
      const params = s.params(ir);
      host.setData(JSON.stringify(perimeterData(s.now, params)));
      for (const exp of exports) {
        const text = JSON.stringify(exp.document);
        wasm.entrypoints.forEach((ep, i) => {
          const pkg = ir.controls.find((c) => `${c.package.replaceAll(".", "/")}/report` === ep)!.package;
          const want = `[{"result":${JSON.stringify(referenceReport(packageProgram(ir, pkg), exp, s.now, params))}}]`;
          expect(host.evalFast(i, new TextEncoder().encode(text)), `${exp.file} ${ep} (${s.name})`).toBe(want);
          expect(host.evalSlow(i, text), `${exp.file} ${ep} (${s.name}, slow)`).toBe(want);
          expect(host.evalFast(i, new TextEncoder().encode(text), 1)).toBe(`{${want.slice(1, -1)}}`);
        });
      }
    }
    expect(host.aborts).toEqual([]);
  });
});

describe("a program of several packages with controls", () => {
  const text = (pkg: string, id: string, until: string) => `package ${pkg}
import std.databricks

control ${id} "conf ${pkg}" {
  severity high
  for ws in workspaces
  require ws.workspace_conf.enableIpAccessLists == "true" else "lists off on {ws.workspace_id}"
}

waive ${id} for "2718281828459045" until ${until} reason "r ${pkg}"
`;
  const fe = lint(text("zeta.two", "Z-1", "2027-01-31"), { extra: { "a.perimeter": text("alpha.one", "A-1", "2026-12-31"), "m.perimeter": "package mid.none\nlet x = 1\n" } });
  const ir = lowerProgram(fe.program!);
  const wasm = compileWasm(ir);

  it("has one entrypoint per package with controls, in package-name order, and the engine merges them into the evaluator's Report", async () => {
    expect(fe.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(wasm.entrypoints).toEqual(["alpha/one/report", "zeta/two/report"]);
    const policy = await loadPolicy(wasm.module);
    for (const s of SETTINGS) {
      const params = s.params(ir);
      policy.setData(perimeterData(s.now, params));
      for (const exp of exampleExports()) {
        const results = wasm.entrypoints.map((ep) => policy.evaluate(exp.document, ep));
        expect(JSON.stringify(mergedReport(ir, results, s.now, params, exp.document))).toBe(JSON.stringify(referenceReport(ir, exp, s.now, params)));
        // Each entrypoint alone: its package's controls and waivers.
        wasm.entrypoints.forEach((ep, i) => {
          const pkg = ep.replace(/\/report$/, "").replaceAll("/", ".");
          expect(JSON.stringify((results[i] as { result: unknown }[])[0]!.result)).toBe(JSON.stringify(referenceReport(packageProgram(ir, pkg), exp, s.now, params)));
        });
      }
    }
  });
});
