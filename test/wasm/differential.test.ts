// The Wasm module against the reference evaluator: for the shipped policies and the test
// corpus, on every example export and in three settings (today with defaults; a later day
// with site overrides; no date), every path of the npm SDK and of the raw ABI gives the
// evaluator's Report byte for byte, and every verdicts entrypoint the Report's verdicts.
import { describe, expect, it } from "vitest";
import { loadPolicy, loadPolicySync } from "../../src/backends/wasm/sdk.js";
import { lowerProgram } from "../../src/ir/lower.js";
import { compileWasm } from "../../src/backends/wasm/compile.js";
import { verdicts } from "../../src/report/verdicts.js";
import { lint } from "../helpers/front.js";
import { exampleExports, mergedReport, packageOf, packageProgram, perimeterData, program, PROGRAMS, rawHost, referenceReport, SETTINGS, wasmOf } from "./helpers.js";

describe.each(Object.keys(PROGRAMS))("%s", (name) => {
  const ir = program(name);
  const wasm = wasmOf(name);
  const exports = exampleExports();

  it("has a report entrypoint per package with controls, then a verdicts entrypoint per package", () => {
    const pkgs = [...new Set(ir.controls.map((c) => c.package))].sort();
    expect(wasm.reports).toEqual(pkgs.map((p) => `${p.replaceAll(".", "/")}/report`));
    expect(wasm.verdicts).toEqual(pkgs.map((p) => `${p.replaceAll(".", "/")}/verdicts`));
    expect(wasm.entrypoints).toEqual([...wasm.reports, ...wasm.verdicts]);
    expect(loadPolicySync(wasm.module).entrypoints).toEqual(Object.fromEntries(wasm.entrypoints.map((e, i) => [e, i])));
  });

  it("loadPolicy, object input, fast path: the evaluator's Report on every export and setting", async () => {
    const policy = await loadPolicy(wasm.module);
    let compared = 0;
    for (const s of SETTINGS) {
      const params = s.params(ir);
      policy.setData(perimeterData(s.now, params));
      for (const exp of exports) {
        const results = wasm.reports.map((_, i) => policy.evaluate(exp.document, i));
        const got = JSON.stringify(mergedReport(ir, results, s.now, params, exp.document));
        expect(got, `${exp.file} (${s.name})`).toBe(JSON.stringify(referenceReport(ir, exp, s.now, params)));
        wasm.verdicts.forEach((ep, i) => {
          const want = verdicts(referenceReport(packageProgram(ir, packageOf(ep)), exp, s.now, params));
          expect(JSON.stringify(policy.evaluate(exp.document, wasm.reports.length + i)[0].result), `${exp.file} ${ep} (${s.name})`).toBe(JSON.stringify(want));
        });
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
        const results = wasm.reports.map((ep) => policy.evaluate(bytes.buffer, ep));
        expect(JSON.stringify(mergedReport(ir, results, s.now, params, exp.document)), `${exp.file} (${s.name})`).toBe(JSON.stringify(referenceReport(ir, exp, s.now, params)));
        for (const ep of wasm.verdicts) {
          const want = verdicts(referenceReport(packageProgram(ir, packageOf(ep)), exp, s.now, params));
          expect(JSON.stringify(policy.evaluate(bytes.buffer, ep)[0].result), `${exp.file} ${ep} (${s.name})`).toBe(JSON.stringify(want));
        }
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
        const results = wasm.reports.map((_, i) => policy.evaluate(exp.document, i));
        expect(JSON.stringify(mergedReport(ir, results, s.now, params, exp.document)), `${exp.file} (${s.name})`).toBe(JSON.stringify(referenceReport(ir, exp, s.now, params)));
        for (const ep of wasm.verdicts) {
          const want = verdicts(referenceReport(packageProgram(ir, packageOf(ep)), exp, s.now, params));
          expect(JSON.stringify(policy.evaluate(exp.document, ep)[0].result), `${exp.file} ${ep} (${s.name}, slow)`).toBe(JSON.stringify(want));
        }
      }
    }
  });

  it("raw ABI: opa_eval's bytes are [{\"result\": JSON.stringify(report or verdicts)}], and so are eval + opa_json_dump's (JSON) and the Rego form", () => {
    const host = rawHost(wasm.module);
    for (const s of SETTINGS) {
      const params = s.params(ir);
      host.setData(JSON.stringify(perimeterData(s.now, params)));
      for (const exp of exports) {
        const text = JSON.stringify(exp.document);
        wasm.entrypoints.forEach((ep, i) => {
          const report = referenceReport(packageProgram(ir, packageOf(ep)), exp, s.now, params);
          const want = `[{"result":${JSON.stringify(ep.endsWith("/verdicts") ? verdicts(report) : report)}}]`;
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

  it("has a report (then a verdicts) entrypoint per package with controls, in package-name order, and the engine merges the reports into the evaluator's Report", async () => {
    expect(fe.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(wasm.entrypoints).toEqual(["alpha/one/report", "zeta/two/report", "alpha/one/verdicts", "zeta/two/verdicts"]);
    expect(wasm.reports).toEqual(["alpha/one/report", "zeta/two/report"]);
    const policy = await loadPolicy(wasm.module);
    for (const s of SETTINGS) {
      const params = s.params(ir);
      policy.setData(perimeterData(s.now, params));
      for (const exp of exampleExports()) {
        const results = wasm.reports.map((ep) => policy.evaluate(exp.document, ep));
        expect(JSON.stringify(mergedReport(ir, results, s.now, params, exp.document))).toBe(JSON.stringify(referenceReport(ir, exp, s.now, params)));
        // Each entrypoint alone: its package's controls and waivers (its verdicts: theirs).
        wasm.reports.forEach((ep, i) => {
          expect(JSON.stringify((results[i] as { result: unknown }[])[0]!.result)).toBe(JSON.stringify(referenceReport(packageProgram(ir, packageOf(ep)), exp, s.now, params)));
        });
        for (const ep of wasm.verdicts) {
          const want = verdicts(referenceReport(packageProgram(ir, packageOf(ep)), exp, s.now, params));
          expect(JSON.stringify(policy.evaluate(exp.document, ep)[0].result)).toBe(JSON.stringify(want));
        }
      }
    }
  });
});
