// A waiver's last day on every engine (LANGUAGE.md §5, docs/language.md §4.12: a waiver applies
// "until DATE, inclusive, in UTC"): on its `until` date it still turns `fail` into `waived` and is
// reported `active`; the day after it does not apply and is `expired`; the day before it applies.
// The reference evaluator, our Wasm module (through the npm OPA SDK) and the emitted Rego run by
// the real OPA (`npm run tools`) must each say so: a `>=` turned `>` in any of the three (run.ts
// `activeWaiver`, report.ts `activeWaiver`, the Rego library's `waiver` in reports.rego) fails here, by a fixed case
// rather than by a randomly seeded property or a golden text.
import { describe, expect, it } from "vitest";
import { compileWasm } from "../../src/backends/wasm/compile.js";
import { perimeterData } from "../../src/backends/data.js";
import { loadPolicySync } from "../../src/backends/wasm/sdk.js";
import { emitRego } from "../../src/backends/rego/emit.js";
import { defaultParamsData } from "../../src/api/compile.js";
import { defaultParams } from "../../src/eval/params.js";
import type { Report } from "../../src/report/report.js";
import { compile, run } from "../helpers/eval.js";
import { OPA, run as runTool, writeTree } from "../helpers/opa.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const POLICY =
  "package t\n\n" +
  'control W-1 "IP access lists are enabled" {\n  severity high\n  for ws in workspaces\n  require ws.workspace_conf.enableIpAccessLists == "true"\n}\n\n' +
  'waive W-1 for 2 until 2027-01-31 reason "migration" approved_by "sec"\n';

const ws = (id: number, enabled: string) => ({ workspace_id: id, account_workspace: { workspace_id: id, workspace_name: `w${id}` }, workspace_conf: { enableIpAccessLists: enabled } });
const DOC = { schema: "dbx-network-export/v1", collection: { source: "rest", cloud: "azure", errors: [] }, account: {}, workspaces: [ws(1, "true"), ws(2, "false"), ws(3, "false")] };

/** The day before, the last day itself, and the day after: what each engine must say. */
const DAYS = [
  { now: "2027-01-30", status: "waived", state: "active", waiver: true },
  { now: "2027-01-31", status: "waived", state: "active", waiver: true },
  { now: "2027-02-01", status: "fail", state: "expired", waiver: false },
] as const;

/** What the tests compare: every result's key, status and applied waiver date, and the waivers' states. */
function outcome(r: Report) {
  return {
    results: r.controls.flatMap((c) => c.results.map((x) => [c.id, x.subject.key, x.status, x.waiver?.until ?? null])),
    waivers: r.waivers.map((w) => [w.control, w.key, w.until, w.state]),
    summary: r.summary,
  };
}

function expected(day: (typeof DAYS)[number]) {
  return {
    results: [
      ["W-1", "1", "pass", null],
      ["W-1", "2", day.status, day.waiver ? "2027-01-31" : null],
      ["W-1", "3", "fail", null],
    ],
    waivers: [["W-1", "2", "2027-01-31", day.state]],
    summary: { pass: 1, fail: day.waiver ? 1 : 2, unknown: 0, waived: day.waiver ? 1 : 0 },
  };
}

const ir = compile(POLICY);

describe("a waiver on its last day", () => {
  it.each(DAYS)("reference evaluator, now $now: $status ($state)", (day) => {
    expect(outcome(run(ir, DOC, { now: day.now }))).toEqual(expected(day));
  });

  it.each(DAYS)("Wasm module, now $now: $status ($state)", (day) => {
    const wasm = compileWasm(ir);
    expect(wasm.reports).toEqual(["t/report"]);
    const policy = loadPolicySync(wasm.module);
    policy.setData(perimeterData(day.now, defaultParams(ir)));
    const bytes = new TextEncoder().encode(JSON.stringify(DOC));
    const rs = policy.evaluate(bytes.buffer as ArrayBuffer, 0) as { result: Report }[];
    expect(outcome(rs[0]!.result)).toEqual(expected(day));
  });

  describe.skipIf(OPA === undefined)("the emitted Rego in OPA", () => {
    const dir = writeTree(emitRego(ir), "perimeter-waiver-day-");
    const input = join(writeTree([], "perimeter-waiver-input-"), "input.json");
    writeFileSync(input, JSON.stringify(DOC));

    it.each(DAYS)("now $now: $status ($state)", (day) => {
      writeFileSync(join(dir, "data.json"), JSON.stringify({ perimeter: { now: day.now, params: defaultParamsData(ir) } }));
      const r = runTool(OPA!, ["eval", "--format", "json", "-d", dir, "-i", input, "data.t.report"]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const value = (JSON.parse(r.stdout) as { result: { expressions: { value: Report }[] }[] }).result[0]!.expressions[0]!.value;
      expect(outcome(value)).toEqual(expected(day));
    });
  });
});
