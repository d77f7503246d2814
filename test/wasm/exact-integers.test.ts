// Integers beyond 2^53 on the Wasm module against the reference evaluator (src/eval/value.ts
// is the rule): on the same JSON text, the module's Report is the evaluator's byte for byte
// - for two numbers drawn from the edges (exact integers of 16 to 400 digits, both signs,
//   neighbours across 2^53, float64 forms of the same values, fractions, infinities) through
//   every comparison, `+`, `-`, `in` and `show`;
// - for the policy library on generated exports whose workspace ids are beyond 2^53
//   (test/helpers/arbitrary-export.ts `exportDocumentExact`): keys, labels, messages, waivers;
// - through the ABI's slow path (opa_json_parse copies numbers), the npm SDK given bytes, and
//   `check --engine wasm` against `--engine js` on an export file with id 9876543210987655.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileWasm } from "../../src/backends/wasm/compile.js";
import { wasmReport } from "../helpers/engines.js";
import { loadPolicySync } from "../../src/backends/wasm/sdk.js";
import { reportFor } from "../../src/engine/js.js";
import { defaultParams } from "../../src/eval/params.js";
import { evaluate } from "../../src/eval/run.js";
import { exactJsonText, parseExactJson } from "../../src/export/exact-json.js";
import { parseExport } from "../../src/export/load.js";
import { verdicts } from "../../src/report/verdicts.js";
import { exportDocumentExact, parsedErrors } from "../helpers/arbitrary-export.js";
import { runCli, tempDir, writeTemp } from "../helpers/cli.js";
import { compile } from "../helpers/eval.js";
import { PAIRS } from "../helpers/exact-integers.js";
import { perimeterData, program, rawHost, wasmOf } from "./helpers.js";

const ir = compile(PAIRS);
const host = rawHost(compileWasm(ir).module);
host.setData(JSON.stringify(perimeterData("2026-11-28", defaultParams(ir))));

/** The export text of a workspace with id `id` and the two numbers `a`, `b` (JSON number texts). */
function pairText(id: string, a: string, b: string): string {
  return `{"workspaces":[{"workspace_id":${id},"ip_access_lists":[{"address_count":${a}},{"address_count":${b}}]}]}`;
}

function check(text: string): string {
  const want = JSON.stringify(evaluate(ir, { document: parseExactJson(text), errors: [] }, { now: "2026-11-28", params: defaultParams(ir) }));
  const bytes = new TextEncoder().encode(text);
  expect(host.evalFast(0, bytes), text).toBe(`[{"result":${want}}]`);
  expect(host.evalSlow(0, text), text).toBe(`[{"result":${want}}]`);
  return want;
}

const EDGES = [
  "9876543210987655", "9876543210987656", "9876543210987654", "-9876543210987655", "9007199254740991", "9007199254740992", "9007199254740993", "-9007199254740992",
  "-9007199254740993", "18446744073709551616", "18446744073709552000", "99999999999999999999", "100000000000000000000", "999999999999999999999", "1000000000000000000000",
  "1" + "0".repeat(400), "-" + "9".repeat(400), "1" + "0".repeat(308), "17976931348623157" + "0".repeat(292), "17976931348623159" + "0".repeat(292),
  "9876543210987655.0", "9.876543210987655e15", "9876543210987656.0", "9876543210987655.5", "1e21", "1e400", "-1e400", "0", "-0", "1", "-1", "0.5", "1.5e300",
];

describe("two numbers through every operator", () => {
  it("on every pair of edge values", () => {
    for (const a of EDGES) for (const b of EDGES) check(pairText("9876543210987655", a, b));
  });

  it("on random integers written as integers, beside their float64 forms (property)", () => {
    const integer = fc.oneof(
      fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
      fc.bigInt({ min: 2n ** 53n - 5n, max: 2n ** 53n + 5n }),
      fc.bigInt({ min: -(2n ** 53n) - 5n, max: -(2n ** 53n) + 5n }),
      fc.bigInt({ min: 10n ** 15n, max: 10n ** 17n }),
    );
    // n written as digits, with ".0", in exponent form (0.000ddd000e+k: an integer only without trailing zeros), or a double.
    const exponent = fc.tuple(integer, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 2 })).map(([n, z, t]) => {
      const d = (n < 0n ? -n : n).toString();
      return `${n < 0n ? "-" : ""}0.${"0".repeat(z)}${d}${"0".repeat(t)}e${z + d.length}`;
    });
    const written = fc.oneof(integer.map(String), integer.map((n) => `${n}.0`), exponent, fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => JSON.stringify(x)));
    fc.assert(fc.property(written, written, (a, b) => void check(pairText(a.includes(".") ? "1" : a, a, b))), { numRuns: 2000 });
  });

  it("keys, labels, messages and waivers keep the digits", () => {
    const report = JSON.parse(check(pairText("9876543210987655", "9876543210987655", "9876543210987656"))) as { controls: { results: { subject: unknown; status: string; failures: { message: string }[] }[] }[] };
    const r = report.controls[0]!.results[0]!;
    expect(r.subject).toEqual({ kind: "workspace", key: "9876543210987655", label: "9876543210987655", pointer: "/workspaces/0" });
    expect(r.status).toBe("waived");
    expect(r.failures.map((f) => f.message)).toEqual([
      "9876543210987655: 9876543210987655 9876543210987656 eq false ne true lt true le true gt false ge false sum 19753086421975311 diff -1 back 1 next 9876543210987656 in false list [9876543210987655, 9876543210987656]",
      "`ws.workspace_id` is 9876543210987655, expected 9876543210987656",
    ]);
    const other = JSON.parse(check(pairText("9876543210987656", "1", "2"))) as typeof report;
    expect(other.controls[0]!.results[0]!.status).toBe("fail");
  });
});

describe("the policy library on exports with workspace ids beyond 2^53", () => {
  it("gives the evaluator's Report and verdicts byte for byte (property)", () => {
    const lib = program("policies");
    const wasm = wasmOf("policies");
    const h = rawHost(wasm.module);
    h.setData(JSON.stringify(perimeterData("2026-11-28", defaultParams(lib))));
    let exact = 0;
    fc.assert(
      fc.property(exportDocumentExact, (doc) => {
        const text = exactJsonText(doc);
        if (/\d{16}/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) exact++;
        expect(parseExactJson(text)).toEqual(doc);
        const report = evaluate(lib, { document: doc, errors: parsedErrors(doc) }, { now: "2026-11-28", params: defaultParams(lib) });
        const input = new TextEncoder().encode(text);
        expect(h.evalFast(0, input)).toBe(`[{"result":${JSON.stringify(report)}}]`);
        expect(h.evalFast(1, input)).toBe(`[{"result":${JSON.stringify(verdicts(report))}}]`);
      }),
      { numRuns: 150 },
    );
    expect(exact).toBeGreaterThan(75);
    expect(h.aborts).toEqual([]);
  });

  const example = readFileSync("examples/exports/contoso-dev-azure-noncompliant.json", "utf8").replaceAll("2718281828459045", "9876543210987655");

  it("through the npm SDK and the engine of `check`", () => {
    const lib = program("policies");
    const loaded = parseExport("big.json", example);
    expect(loaded.problems).toEqual([]);
    const exp = loaded.export!;
    expect(exp.exactIntegers).toBe(true);
    const want = reportFor(lib, exp, "2026-11-28", defaultParams(lib));
    const text = JSON.stringify(want);
    expect(text).toContain('"key":"9876543210987655"');
    expect(text).not.toContain("9876543210987656");
    expect(JSON.stringify(wasmReport(lib, exp, "2026-11-28", defaultParams(lib)))).toBe(text);
    const policy = loadPolicySync(wasmOf("policies").module);
    policy.setData(perimeterData("2026-11-28", defaultParams(lib)));
    const r = policy.evaluate(new TextEncoder().encode(example).buffer as ArrayBuffer, "databricks/apps/report") as { result: unknown }[];
    expect(JSON.stringify(r[0]!.result)).toBe(text);
  });

  it("check --engine wasm and --engine js print the same JSON, with the digits written and no warning", () => {
    const file = writeTemp(tempDir(), "big.json", example);
    // The export is months older than --now: no stale-export warning, so stderr must be empty.
    const js = runCli(["check", "policies", "--input", file, "--format", "json", "--engine", "js", "--now", "2026-11-28", "--max-export-age", "36500"]);
    const wasm = runCli(["check", "policies", "--input", file, "--format", "json", "--engine", "wasm", "--now", "2026-11-28", "--max-export-age", "36500"]);
    expect(js.code).toBe(1);
    expect(wasm.code).toBe(1);
    expect(js.stderr).toBe("");
    expect(wasm.stderr).toBe("");
    expect(wasm.stdout).toBe(js.stdout);
    expect(js.stdout).toContain('"key": "9876543210987655"');
    expect(js.stdout).not.toContain("9876543210987656");
  });
});
