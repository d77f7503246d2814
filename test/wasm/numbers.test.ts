// Numbers exactly as the evaluator reads, computes and prints them: `show` of parsed and
// computed numbers (toFixed(0) for float64 integers below 1e21, String(n) otherwise, every
// digit of an integer beyond 2^53 written as an integer, which stays exact), through a small
// policy whose messages print numbers, on the Wasm module and the reference evaluator (given
// the same text, read by the export loader's exact parse).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileWasm } from "../../src/backends/wasm/compile.js";
import { defaultParams } from "../../src/eval/params.js";
import { evaluate } from "../../src/eval/run.js";
import { parseExactJson } from "../../src/export/exact-json.js";
import { compile } from "../helpers/eval.js";
import { perimeterData, rawHost } from "./helpers.js";

const ir = compile(`package t
control N-1 "numbers" {
  severity info
  for ws in workspaces
  require false else "{ws.ip_access_lists[0].address_count} {ws.ip_access_lists[0].address_count + 1} {ws.ip_access_lists[0].address_count - 0.1}"
}
`);
const host = rawHost(compileWasm(ir).module);
host.setData(JSON.stringify(perimeterData(null, defaultParams(ir))));

function check(raw: string): void {
  const text = `{"workspaces":[{"workspace_id":${raw},"ip_access_lists":[{"address_count":${raw}}]}]}`;
  const doc = parseExactJson(text) as Record<string, unknown>;
  const want = `[{"result":${JSON.stringify(evaluate(ir, { document: doc, errors: [] }, { now: null, params: defaultParams(ir) }))}}]`;
  expect(host.evalFast(0, new TextEncoder().encode(text)), raw).toBe(want);
}

describe("numbers", () => {
  it("edge values", () => {
    for (const raw of ["0", "-0", "1", "-1", "0.1", "0.3", "1e21", "1e+21", "-1e21", "999999999999999999999", "1e20", "123456789012345680000", "9007199254740992", "9007199254740993",
      "18446744073709551616", "5e-324", "2.5e-324", "2.4703282292062328e-324", "1.7976931348623157e308", "1.7976931348623158e308", "1e400", "-1e400", "1e-400", "1e-7", "1e-6", "0.000001", "1.5", "2.50",
      "100", "1E2", "0.0000000000000000000000000000001", "3.141592653589793238462643383279", "12345678901234567890", "4.35", "0.1e1", "-0.0", "1e-5", "123e-20", "7.0e-10",
      "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9406564584124654e-324", "8.98846567431158e307", "1" + "0".repeat(400), "0." + "0".repeat(300) + "1", "1." + "9".repeat(800),
      "9876543210987655", "-9876543210987655", "9007199254740991", "-9007199254740992", "-9007199254740993", "9876543210987655.0", "9.876543210987655e15", "99999999999999999999999",
      "-" + "9".repeat(400), "18446744073709552000", "1" + "0".repeat(308), "17976931348623157" + "0".repeat(292), "17976931348623159" + "0".repeat(292)]) {
      check(raw);
    }
  });

  it("random doubles, random decimal texts", () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => check(JSON.stringify(x))), { numRuns: 3000 });
    fc.assert(
      fc.property(fc.boolean(), fc.stringMatching(/^(0|[1-9][0-9]{0,30})$/), fc.stringMatching(/^[0-9]{0,30}$/), fc.integer({ min: -400, max: 400 }), (neg, int, frac, e) =>
        check(`${neg ? "-" : ""}${int}${frac ? `.${frac}` : ""}e${e}`),
      ),
      { numRuns: 3000 },
    );
  });
});
