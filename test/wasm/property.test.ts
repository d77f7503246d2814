// Property-based differential test: on random exports generated from the schema (see
// arbitrary.ts), random evaluation dates and random site parameters, the Wasm module's
// result bytes on an export's JSON text are `[{"result":` + JSON.stringify(the reference
// evaluator's Report on the same text, read as the export loader reads it: integers beyond
// 2^53 exact) + `}]`
// for every program (the shipped policies and the test corpus), and those of each verdicts
// entrypoint `[{"result":` + JSON.stringify(the Report's verdicts) + `}]`.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyOverrides, defaultParams } from "../../src/eval/params.js";
import { evaluate } from "../../src/eval/run.js";
import { exactJsonText, parseExactJson } from "../../src/export/exact-json.js";
import type { IrProgram } from "../../src/ir/ir.js";
import { verdicts } from "../../src/report/verdicts.js";
import { genExport } from "./arbitrary.js";
import { exampleExports, perimeterData, program, PROGRAMS, rawHost, wasmOf } from "./helpers.js";
import { runCount } from "../helpers/env.js";

const NOWS = [null, "2026-11-28", "2027-01-31", "2027-02-01", "2030-01-01", "1999-12-31"];
const CORPORATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "203.0.113.0/24", "0.0.0.0/0", "2001:db8::/32", "10.1.2.3", "::/0"];
const APPROVED = ["*.databricksapps.com", "pypi.org", "files.pythonhosted.org", "registry.npmjs.org", "*.blob.core.windows.net", "*.com", "example.com"];
const RUNS = runCount("PERIMETER_WASM_PROPERTY_RUNS", 250);

function packageProgram(ir: IrProgram, pkg: string): IrProgram {
  const ids = new Set(ir.controls.filter((c) => c.package === pkg).map((c) => c.id));
  return { ...ir, controls: ir.controls.filter((c) => ids.has(c.id)), waivers: ir.waivers.filter((w) => ids.has(w.control)) };
}

describe.each(Object.keys(PROGRAMS))("%s", (name) => {
  it(`gives the evaluator's Report (and its verdicts) byte for byte on ${RUNS} random exports`, () => {
    const ir = program(name);
    const wasm = wasmOf(name);
    const host = rawHost(wasm.module);
    const pkgs = wasm.reports.map((ep) => ir.controls.find((c) => `${c.package.replaceAll(".", "/")}/report` === ep)!.package);
    expect(wasm.verdicts).toEqual(pkgs.map((p) => `${p.replaceAll(".", "/")}/verdicts`));
    const hasSiteParams = ir.packages.some((p) => p.name === "databricks.apps" && p.params.some((x) => x.name === "corporate"));
    const bases = exampleExports().map((e) => e.document);
    let lastData = "";
    fc.assert(
      fc.property(
        fc.gen(),
        fc.constantFrom(...NOWS),
        fc.subarray(CORPORATE, { minLength: 1 }),
        fc.subarray(APPROVED),
        fc.boolean(),
        (g, now, corporate, approved, override) => {
          const exp = genExport(g, bases);
          const params = hasSiteParams && override ? applyOverrides(ir, { "databricks.apps": { corporate, approved_destinations: approved } }, "t").params : defaultParams(ir);
          const data = JSON.stringify(perimeterData(now, params));
          if (data !== lastData) {
            host.setData(data);
            lastData = data;
          }
          const text = exactJsonText(exp.document);
          const input = new TextEncoder().encode(text);
          const document = parseExactJson(text);
          pkgs.forEach((pkg, i) => {
            const report = evaluate(packageProgram(ir, pkg), { document, errors: exp.errors }, { now, params });
            expect(host.evalFast(i, input)).toBe(`[{"result":${JSON.stringify(report)}}]`);
            expect(host.evalFast(pkgs.length + i, input)).toBe(`[{"result":${JSON.stringify(verdicts(report))}}]`);
          });
        },
      ),
      { numRuns: RUNS },
    );
    expect(host.aborts).toEqual([]);
  });
});
