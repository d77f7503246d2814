// The module in a second OPA Wasm host, not the npm SDK: OPA's own Go SDK (wazero), driven by
// tools/opa-wasm-host, which `npm run tools` builds into .tools/bin (PERIMETER_OPA_WASM_HOST
// names another binary). That host loads data with opa_malloc + opa_value_parse (+ opa_free),
// stashes the heap blocks (ABI 1.3), evaluates with opa_eval in the Rego value format (1) and
// parses the result set with OPA's own parser; with -parallel 2 its VM pool instantiates a
// second module whose data is a byte copy of the first one's heap. For the shipped policies
// and the test corpus, on every example export and in the three settings of the differential
// tests (today with defaults; a later day with site overrides; no date), each entrypoint's
// result set is the reference evaluator's, compared as canonical JSON (keys sorted, numbers
// as written) byte for byte, and so is the Report the engine merges from the report
// entrypoints. As with OPA itself: missing in CI is an error, elsewhere the test is skipped.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { verdicts } from "../../src/report/verdicts.js";
import { run, tool } from "../helpers/opa.js";
import { canonicalText } from "../helpers/opa-server.js";
import { exampleExports, mergedReport, packageOf, packageProgram, perimeterData, program, referenceReport, SETTINGS, wasmOf } from "./helpers.js";

const HOST = tool("opa-wasm-host", "PERIMETER_OPA_WASM_HOST");

describe("canonicalText", () => {
  it("sorts keys at every depth, drops whitespace, keeps numbers and re-escapes strings as JSON.stringify does", () => {
    expect(canonicalText(' { "b" : [ 1.50 , {"z":null,"a":true} ], "a" : "\\u00e9\\/x", "": -0e+3 } ')).toBe('{"":-0e+3,"a":"é/x","b":[1.50,{"a":true,"z":null}]}');
    expect(canonicalText("[]")).toBe("[]");
    expect(() => canonicalText("[1,]")).toThrow();
    expect(() => canonicalText("{} x")).toThrow();
  });
});

describe.skipIf(HOST === undefined)("second host: OPA's Go SDK (tools/opa-wasm-host)", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it.each(["policies", "fixtures/language"])("%s: every entrypoint on every example export, in every setting, gives the reference evaluator's result", (name) => {
    const ir = program(name);
    const wasm = wasmOf(name);
    const exports = exampleExports();
    const dir = mkdtempSync(join(tmpdir(), "perimeter-host-"));
    dirs.push(dir);
    writeFileSync(join(dir, "policy.wasm"), wasm.module);
    // The document `check` gives the module (list envelopes unwrapped), as the engine passes it.
    const inputs = exports.map((exp, k) => {
      const file = join(dir, `input-${k}.json`);
      writeFileSync(file, JSON.stringify(exp.document));
      return file;
    });
    let compared = 0;
    for (const s of SETTINGS) {
      const params = s.params(ir);
      const data = join(dir, `data-${s.name.replace(/ /g, "-")}.json`);
      writeFileSync(data, JSON.stringify(perimeterData(s.now, params)));
      const r = run(HOST!, ["-data", data, "-parallel", "2", ...wasm.entrypoints.flatMap((ep) => ["-e", ep]), join(dir, "policy.wasm"), ...inputs]);
      expect(r.stderr, s.name).toBe("");
      expect(r.status, s.name).toBe(0);
      const lines = r.stdout.split("\n");
      expect(lines.pop()).toBe("");
      expect(lines.length).toBe(exports.length * wasm.entrypoints.length);
      exports.forEach((exp, k) => {
        const got = lines.slice(k * wasm.entrypoints.length, (k + 1) * wasm.entrypoints.length);
        wasm.entrypoints.forEach((ep, e) => {
          const report = referenceReport(packageProgram(ir, packageOf(ep)), exp, s.now, params);
          const want = ep.endsWith("/verdicts") ? verdicts(report) : report;
          expect(canonicalText(got[e]!), `${exp.file} ${ep} (${s.name})`).toBe(canonicalText(JSON.stringify([{ result: want }])));
        });
        const results = got.slice(0, wasm.reports.length).map((line) => JSON.parse(line) as unknown);
        const merged = mergedReport(ir, results, s.now, params, exp.document);
        expect(canonicalText(JSON.stringify(merged)), `${exp.file} Report (${s.name})`).toBe(canonicalText(JSON.stringify(referenceReport(ir, exp, s.now, params))));
        compared++;
      });
    }
    expect(compared).toBe(SETTINGS.length * exports.length);
  });
});
