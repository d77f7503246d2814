// Integers beyond 2^53 judged by the real OPA (test/helpers/opa.ts): the Rego that
// `perimeter compile --target rego` writes, run by `opa eval` on an export, gives the Report
// that `perimeter check --format json` prints with either engine (`--engine wasm`, the
// default, and `--engine js`), as canonical JSON (OPA sorts object keys): subject keys,
// labels, messages and waivers carry the digits written.
// - the policy library on an example export whose workspace id is 9876543210987655;
// - a policy printing two numbers through every comparison, `+`, `-`, `in` and `show`, with a
//   waiver on 9876543210987655, on every pair of integers from 16 to 301 digits, both signs,
//   neighbours across 2^53, and integers written with a fraction or an exponent (below 10^21).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OPA, run, writeTree } from "../helpers/opa.js";
import { runCli } from "../helpers/cli.js";
import { PAIRS } from "../helpers/exact-integers.js";
import { canonical } from "../helpers/opa-server.js";


const NOW = "2026-11-28";

/** OPA's value of `query` with the Rego of `policies` and an export; `check`'s JSON Report with each engine. */
function judge(policies: string, exportText: string, query: string): { opa: string; wasm: string; js: string } {
  const dir = writeTree([
    { path: "export.json", text: exportText },
    { path: "data/data.json", text: JSON.stringify({ perimeter: { now: NOW, params: {} } }) },
  ]);
  const rego = join(dir, "rego");
  const compiled = runCli(["compile", policies, "--target", "rego", "-o", rego]);
  expect(compiled.code, compiled.stderr).toBe(0);
  const input = join(dir, "export.json");
  const r = run(OPA!, ["eval", "--data", rego, "--data", join(dir, "data", "data.json"), "--input", input, "--format", "json", query]);
  expect(r.stderr).toBe("");
  const opa = canonical((JSON.parse(r.stdout) as { result: { expressions: { value: unknown }[] }[] }).result[0]!.expressions[0]!.value);
  const check = (engine: string) => {
    // The exports are months older than NOW: no stale-export warning, so stderr must be empty.
    const c = runCli(["check", policies, "--input", input, "--format", "json", "--engine", engine, "--now", NOW, "--max-export-age", "36500"]);
    expect(c.stderr).toBe("");
    // `params` is the CLI's record of the params it evaluated with, not part of the engines' Report.
    const { params, ...report } = JSON.parse(c.stdout) as { params: { file: string | null } };
    expect(params.file).toBeNull();
    return canonical(report);
  };
  return { opa, wasm: check("wasm"), js: check("js") };
}

const digits = (text: string) => [...new Set(text.match(/98765432109876\d\d/g))];

describe.skipIf(OPA === undefined)("integers beyond 2^53 in OPA and in our engines", () => {
  it("the policy library on an export whose workspace id is 9876543210987655", () => {
    const example = readFileSync("examples/exports/contoso-dev-azure-noncompliant.json", "utf8").replaceAll("2718281828459045", "9876543210987655");
    const { opa, wasm, js } = judge("policies", example, "data.databricks.apps.report");
    expect(digits(opa)).toEqual(["9876543210987655"]);
    expect(opa).toContain('"key":"9876543210987655"');
    expect(wasm).toBe(opa);
    expect(js).toBe(opa);
  });

  it("two numbers through every operator, on every pair", () => {
    const values = [
      "9876543210987655", "9876543210987656", "-9876543210987655", "9007199254740991", "9007199254740992", "9007199254740993", "-9007199254740993",
      "18446744073709551616", "99999999999999999999", "999999999999999999999", "1000000000000000000000", "123456789012345678901234567890",
      "1" + "0".repeat(300), "-" + "9".repeat(300), "9876543210987655.0", "9.876543210987655e15", "98765432109876550e-1", "0", "1", "-1",
    ];
    const workspaces: string[] = [];
    for (const a of values) {
      for (const b of values) {
        const id = workspaces.length === 0 ? "9876543210987655" : String(workspaces.length);
        const list = (n: string, x: string) => `{"list_id":"${n}","label":"${n}","list_type":"ALLOW","ip_addresses":[],"address_count":${x}}`;
        workspaces.push(`{"workspace_id":${id},"ip_access_lists":[${list("a", a)},${list("b", b)}]}`);
      }
    }
    const text = `{"schema":"dbx-network-export/v1","exported_at":"2026-08-24T09:00:00Z","collection":{"source":"rest","cloud":"azure","errors":[]},"account":{"account_id":"acc"},"workspaces":[${workspaces.join(",")}]}`;
    const dir = writeTree([{ path: "pairs.perimeter", text: PAIRS }]);
    const { opa, wasm, js } = judge(join(dir, "pairs.perimeter"), text, "data.t.report");
    const report = JSON.parse(opa) as { controls: { results: { status: string }[] }[]; waivers: { key: string; state: string }[] };
    expect(report.controls[0]!.results).toHaveLength(values.length ** 2);
    expect(report.controls[0]!.results[0]!.status).toBe("waived");
    expect(report.waivers.map((w) => [w.key, w.state])).toEqual([["9876543210987655", "active"]]);
    expect(wasm).toBe(opa);
    expect(js).toBe(opa);
  });
});
