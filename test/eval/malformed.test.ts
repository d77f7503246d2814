// Malformed network data fails closed (LANGUAGE.md §5): per operator and posture statement, an
// unparsable string in an enabled ALLOW or BLOCK list fails the requirement that read it, with
// its value and JSON pointer in the message and in `malformed`; the same list disabled changes
// nothing; `cidr_size` stays the explicit test. Each case runs on the reference evaluator and
// the Wasm module, whose Reports must be equal byte for byte; OPA runs the same cases in
// test/opa/malformed.test.ts.
import { describe, expect, it } from "vitest";
import { wasmReport } from "../helpers/engines.js";
import { defaultParams } from "../../src/eval/params.js";
import type { IrProgram } from "../../src/ir/ir.js";
import type { Report, SubjectResult } from "../../src/report/report.js";
import { compile, run } from "../helpers/eval.js";

type Doc = Record<string, unknown>;

const NOW = "2026-11-28";

/** One workspace (id 1) with these IP access lists (enabled unless `enabled: false`). */
function exportWith(...ls: { type: string; ips: unknown[]; enabled?: boolean }[]): Doc {
  return {
    schema: "dbx-network-export/v1",
    collection: { source: "rest", cloud: "azure", errors: [] },
    account: { account_id: "acc" },
    workspaces: [
      {
        workspace_id: 1,
        account_workspace: { workspace_id: 1, workspace_name: "ws-one", cloud: "azure" },
        ip_access_lists: ls.map((l, i) => ({ list_id: `l${i}`, label: `l${i}`, list_type: l.type, ip_addresses: l.ips, enabled: l.enabled !== false })),
      },
    ],
  };
}

const program = (items: string, where = "") => compile(`import std.databricks as std\ncontrol T-1 "t" {\n  severity high\n  for ws in workspaces${where}\n  ${items}\n}\n`);

/** The Report on both engines (asserted equal) and the one result of control T-1. */
function result(ir: IrProgram, doc: Doc): SubjectResult | undefined {
  const js = run(ir, doc, { now: NOW });
  const wasm: Report = wasmReport(ir, { file: "t.json", document: doc, exactIntegers: false, errors: [], pointerOf: () => undefined }, NOW, defaultParams(ir));
  expect(JSON.stringify(wasm), "the Wasm module's Report").toBe(JSON.stringify(js));
  const c = js.controls.find((x) => x.id === "T-1")!;
  expect(c.results.length).toBeLessThanOrEqual(1);
  return c.results[0];
}

const POINTER = "/workspaces/0/ip_access_lists/0/ip_addresses/1";

/** The result fails its requirement `req` for exactly the malformed `value` at `pointer`. */
function expectMalformed(r: SubjectResult | undefined, req: number, value: string, pointer: string | null = POINTER): void {
  expect(r?.status).toBe("fail");
  const f = r!.failures.find((x) => x.requirement === req);
  expect(f?.malformed).toEqual([{ value, pointer }]);
  expect(f?.message).toBe(pointer === null ? `\`${value}\` is not an address or CIDR range` : `\`${value}\` at ${pointer} is not an address or CIDR range`);
}

describe("each operator fails closed on a malformed value in an enabled list", () => {
  const cases: [string, string, { type: string; ips: string[] }][] = [
    ["`within`", "require std.allowed_ranges(ws) within 0.0.0.0/0", { type: "ALLOW", ips: ["10.0.0.0/8"] }],
    ["`not … within`", "require not (0.0.0.0/0 within std.allowed_ranges(ws))", { type: "ALLOW", ips: ["10.0.0.0/8"] }],
    ["`overlaps`", "require std.allowed_ranges(ws) overlaps 10.0.0.0/8", { type: "ALLOW", ips: ["10.0.0.0/8"] }],
    ["`not … overlaps`", "require not (std.allowed_ranges(ws) overlaps 198.51.100.0/24)", { type: "ALLOW", ips: ["10.0.0.0/8"] }],
    ["`allow only from`", "ingress ws {\n    allow only from 10.0.0.0/8\n  }", { type: "ALLOW", ips: ["10.0.0.0/8"] }],
    ["`deny from`", "ingress ws {\n    deny from 198.51.100.0/24\n  }", { type: "ALLOW", ips: ["10.0.0.0/8"] }],
    ["`deny from`, in a BLOCK list", "ingress ws {\n    deny from 198.51.100.0/24\n  }", { type: "BLOCK", ips: ["10.0.0.0/8"] }],
    ["`allow only from`, in a BLOCK list", "ingress ws {\n    allow only from 10.0.0.0/8\n  }", { type: "BLOCK", ips: ["10.0.0.0/8"] }],
  ];
  it.each(cases)("%s", (_name, items, list) => {
    const use = program(items);
    const allow = { type: "ALLOW", ips: ["10.0.0.0/8"] };
    const lists = list.type === "ALLOW" ? [list] : [allow, list];
    const at = list.type === "ALLOW" ? POINTER : "/workspaces/0/ip_access_lists/1/ip_addresses/1";
    // Clean: no failure names a malformed value.
    const clean = result(use, exportWith(...lists));
    expect(clean?.failures.some((f) => f.malformed !== undefined)).toBe(false);
    for (const bad of ["203.0.113.300", "10.5.0.0/33", "not-an-ip", ""]) {
      const typo = lists.map((l) => (l === list ? { ...l, ips: [...l.ips, bad] } : l));
      expectMalformed(result(use, exportWith(...typo)), 1, bad, at);
      // The same list disabled: nothing reads it, nothing changes.
      const off = lists.map((l) => (l === list ? { ...l, ips: [...l.ips, bad], enabled: false } : l));
      const offClean = lists.map((l) => (l === list ? { ...l, enabled: false } : l));
      expect(result(use, exportWith(...off))).toEqual(result(use, exportWith(...offClean)));
    }
  });
});

describe("whatever surrounds the read", () => {
  const doc = exportWith({ type: "ALLOW", ips: ["10.0.0.0/8", "10.0.0.300"] });
  const irOf = (req: string, where = "") => compile(`import std.databricks as std\ncontrol T-1 "t" {\n  severity high\n  for ws in workspaces${where}\n  ${req}\n}\n`);

  it("`or`, `not` and quantifiers", () => {
    expectMalformed(result(irOf("require std.allowed_ranges(ws) overlaps 192.0.2.0/24 or true"), doc), 1, "10.0.0.300");
    expectMalformed(result(irOf("require not (not (std.allow_entries(ws) within 10.0.0.0/8))"), doc), 1, "10.0.0.300");
    expectMalformed(result(irOf("require all e in std.allow_entries(ws): not (e overlaps 192.0.2.0/24)"), doc), 1, "10.0.0.300");
    expectMalformed(result(irOf("require none e in std.allow_entries(ws): e within 192.0.2.0/24"), doc), 1, "10.0.0.300");
    // `any` reads every element too: no element order decides what fails.
    expectMalformed(result(irOf("require any e in std.allow_entries(ws): e within 10.0.0.0/8"), doc), 1, "10.0.0.300");
  });

  it("what cannot change the value is not read: the right of a true `or`, of a false `and`, of a present `??`", () => {
    expect(result(irOf("require true or std.allowed_ranges(ws) overlaps 192.0.2.0/24"), doc)?.status).toBe("pass");
    expect(result(irOf("require not (false and std.allowed_ranges(ws) overlaps 192.0.2.0/24)"), doc)?.status).toBe("pass");
  });

  it("a `where` that read one selects the subject, which fails", () => {
    const r = result(irOf("require true", " where not (std.allowed_ranges(ws) overlaps 192.0.2.0/24)"), doc);
    expect(r?.failures).toEqual([
      { requirement: 0, statement: "where", message: `\`10.0.0.300\` at ${POINTER} is not an address or CIDR range`, line: 4, malformed: [{ value: "10.0.0.300", pointer: POINTER }] },
    ]);
    // ... even a `where` that would have excluded it.
    expect(result(irOf("require true", " where std.allowed_ranges(ws) overlaps 192.0.2.0/24"), doc)?.status).toBe("fail");
  });

  it("a control let is read where a requirement uses it", () => {
    expectMalformed(result(irOf("let a = std.allowed_ranges(ws)\n  require not (a overlaps 192.0.2.0/24)"), doc), 1, "10.0.0.300");
    // A let no requirement reads is not read.
    expect(result(irOf("let a = std.allowed_ranges(ws)\n  require true"), doc)?.status).toBe("pass");
  });

  it("fails even where the requirement read an uncollected slot (malformed data is proof enough)", () => {
    const gap = { ...doc, collection: { source: "rest", cloud: "azure", errors: [{ slot: "workspaces[0].workspace_conf", message: "403" }] } };
    const ir = irOf("require ws.workspace_conf is present and not (std.allowed_ranges(ws) overlaps 192.0.2.0/24)");
    expect(run(ir, gap, { now: NOW }).controls[0]!.results[0]!.status).toBe("unknown");
    const both = irOf("require ws.workspace_conf is missing and not (std.allowed_ranges(ws) overlaps 192.0.2.0/24)");
    const r = run(both, gap, { now: NOW }).controls[0]!.results[0]!;
    expect(r.status).toBe("fail");
    expect(r.unknown).toEqual([]);
  });

  it("several values: in path order, each with its pointer, in the message too", () => {
    const two = exportWith({ type: "ALLOW", ips: ["bad-b", "10.0.0.0/8"] }, { type: "BLOCK", ips: ["bad-a"] }, { type: "ALLOW", ips: ["bad-b"] });
    const r = result(irOf("ingress ws {\n    deny from 192.0.2.0/24\n  }"), two);
    expect(r?.failures[0]?.malformed).toEqual([
      { value: "bad-b", pointer: "/workspaces/0/ip_access_lists/0/ip_addresses/0" },
      { value: "bad-a", pointer: "/workspaces/0/ip_access_lists/1/ip_addresses/0" },
      { value: "bad-b", pointer: "/workspaces/0/ip_access_lists/2/ip_addresses/0" },
    ]);
    expect(r?.failures[0]?.message).toBe(
      "`bad-b` at /workspaces/0/ip_access_lists/0/ip_addresses/0 is not an address or CIDR range; `bad-a` at /workspaces/0/ip_access_lists/1/ip_addresses/0 is not an address or CIDR range; `bad-b` at /workspaces/0/ip_access_lists/2/ip_addresses/0 is not an address or CIDR range",
    );
  });

  it("a computed string that is not in the export has a null pointer", () => {
    expectMalformed(result(irOf('require not ((ws.account_workspace.workspace_name + "/8") overlaps 10.0.0.0/8)'), doc), 1, "ws-one/8", null);
  });
});

describe("what stays as it was", () => {
  it("`cidr_size` is the explicit test: missing for a malformed value, no failure", () => {
    const ir = compile(`import std.databricks as std\ncontrol T-1 "t" {\n  severity high\n  for ws in workspaces\n  let bad = [e for e in std.allow_entries(ws) where cidr_size(e) is missing]\n  require count(bad) == 1\n}\n`);
    expect(result(ir, exportWith({ type: "ALLOW", ips: ["10.0.0.0/8", "10.0.0.300"] }))?.status).toBe("pass");
  });

  it("absent, null and values of the wrong type stay missing", () => {
    const ir = compile(`import std.databricks as std\ncontrol T-1 "t" {\n  severity high\n  for ws in workspaces\n  require not (std.allowed_ranges(ws) overlaps 192.0.2.0/24)\n}\n`);
    for (const ips of [[null], [42], [{ ip: "10.0.0.1" }]]) {
      const r = result(ir, exportWith({ type: "ALLOW", ips }));
      expect(r?.failures.some((f) => f.malformed !== undefined)).toBe(false);
    }
  });

  it("a malformed value in a disabled list nothing reads changes nothing, on the library too", () => {
    const ir = compile(`import std.databricks as std\ncontrol T-1 "t" {\n  severity high\n  for ws in workspaces\n  ingress ws {\n    allow only from 10.0.0.0/8\n    deny from 0.0.0.0/0\n  }\n}\n`);
    const off = result(ir, exportWith({ type: "ALLOW", ips: ["10.1.0.0/16"] }, { type: "BLOCK", ips: ["10.5.0.0/33"], enabled: false }));
    expect(off?.failures.map((f) => f.requirement)).toEqual([2]);
    expect(off?.failures.some((f) => f.malformed !== undefined)).toBe(false);
  });
});

describe("a malformed param stays a load error", () => {
  it("a params file with an address that does not parse is rejected, naming the value's pointer", async () => {
    const { applyOverrides } = await import("../../src/eval/params.js");
    const ir = compile(`package site\nimport std.databricks as std\nparam corporate = [10.0.0.0/8]\ncontrol T-1 "t" {\n  severity high\n  for ws in workspaces\n  ingress ws {\n    allow only from corporate\n  }\n}\n`);
    const r = applyOverrides(ir, { site: { corporate: ["10.0.0.0/8", "10.5.0.0/33"] } }, "site.yaml");
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: "site.yaml", pointer: "/site/corporate/1" });
    expect(applyOverrides(ir, { site: { corporate: ["10.0.0.0/8", "10.5.0.0/16"] } }, "site.yaml").problems).toEqual([]);
  });
});
