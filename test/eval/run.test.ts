// The evaluation's own helpers by value (src/eval/run.ts): RFC 6901 pointers both ways, the
// export header of the Report, a waiver's state, and the verdicts of a program. The statements
// and verdict rules are test/eval/statements.test.ts; these are the fixed edges the mutation run
// asked for (MUTATION.md).
import { describe, expect, it } from "vitest";
import { conflicts, evaluate, evaluateVerdicts, pointerOf, pointerSteps, waiverReport } from "../../src/eval/run.js";
import { defaultParams } from "../../src/eval/params.js";
import type { IrWaiver } from "../../src/ir/ir.js";
import { verdicts } from "../../src/report/verdicts.js";
import { compile, run, statuses } from "../helpers/eval.js";

describe("pointerOf and pointerSteps", () => {
  it.each([
    [[], ""],
    [["workspaces", 0, "apps"], "/workspaces/0/apps"],
    [["a/b", "~c", "~1", ""], "/a~1b/~0c/~01/"],
    [["01", "1.0", 10], "/01/1.0/10"],
  ] as const)("%j is %j", (steps, pointer) => {
    expect(pointerOf(steps)).toBe(pointer);
  });

  it("reads a pointer back, array indexes as numbers only when RFC 6901 spells them so", () => {
    expect(pointerSteps("")).toEqual([]);
    expect(pointerSteps("/")).toEqual([""]);
    expect(pointerSteps("/workspaces/0/apps/12")).toEqual(["workspaces", 0, "apps", 12]);
    expect(pointerSteps("/01/1.0/-1/ 1/1x/x1/0")).toEqual(["01", "1.0", "-1", " 1", "1x", "x1", 0]);
    expect(pointerSteps("/a~1b/~0c/~01/~10")).toEqual(["a/b", "~c", "~1", "/0"]);
    for (const steps of [["a/b", "~1", 3, ""], ["~01", "//"]]) expect(pointerSteps(pointerOf(steps))).toEqual(steps);
  });
});

describe("the Report's export header and verdicts", () => {
  const ir = compile('import std.databricks\ncontrol T-1 "t" {\n  severity high\n  for ws in workspaces\n  require ws.workspace_id == 1\n}\n');
  const ws = (id: number) => ({ workspace_id: id, account_workspace: { workspace_id: id, workspace_name: `ws-${id}`, cloud: "azure" } });

  it("copies the schema, date, cloud and account id when they are strings, else null", () => {
    const doc = { schema: "dbx-network-export/v1", exported_at: "2026-11-27T10:00:00Z", collection: { source: "rest", cloud: "aws", errors: [] }, account: { account_id: "acc" }, workspaces: [] };
    expect(run(ir, doc).export).toEqual({ schema: "dbx-network-export/v1", exported_at: "2026-11-27T10:00:00Z", cloud: "aws", account_id: "acc" });
    expect(run(ir, { schema: 1, exported_at: null, collection: { cloud: 5 }, account: { account_id: 7 }, workspaces: [] }).export).toEqual({ schema: null, exported_at: null, cloud: null, account_id: null });
    expect(run(ir, { collection: "aws", account: ["acc"], workspaces: [] }).export).toEqual({ schema: null, exported_at: null, cloud: null, account_id: null });
  });

  it("counts the results by status, and gives a control without subjects not_applicable", () => {
    const r = run(ir, { account: { account_id: "acc" }, workspaces: [ws(1), ws(2), ws(3)] });
    expect(r.summary).toEqual({ pass: 1, fail: 2, unknown: 0, waived: 0 });
    expect(r.controls[0]!.status).toBe("fail");
    expect(run(ir, { account: { account_id: "acc" }, workspaces: [] }).controls[0]!.status).toBe("not_applicable");
  });

  it("evaluateVerdicts is the verdicts of the Report", () => {
    const doc = { account: { account_id: "acc" }, workspaces: [ws(1), ws(2)] };
    const options = { now: "2026-11-28", params: defaultParams(ir) };
    const input = { document: doc, errors: [] };
    const got = evaluateVerdicts(ir, input, options);
    expect(got).toEqual(verdicts(evaluate(ir, input, options)));
    expect(got.length).toBeGreaterThan(0);
  });
});

describe("waiverReport", () => {
  const w: IrWaiver = { control: "T-1", key: "1", until: "2026-11-28", reason: "r", origin: { file: "w.perimeter", span: { start: 0, end: 0 }, line: 4 } };
  it("is expired only after its last day, else active when used, else unused", () => {
    expect(waiverReport(w, "2026-11-29", true).state).toBe("expired");
    expect(waiverReport(w, "2026-11-28", true).state).toBe("active");
    expect(waiverReport(w, "2026-11-28", false).state).toBe("unused");
    expect(waiverReport(w, null, false).state).toBe("unused");
    expect(waiverReport(w, null, true).state).toBe("active");
    expect(waiverReport(w, "2026-11-27", false)).toEqual({ control: "T-1", key: "1", until: "2026-11-28", reason: "r", approved_by: null, state: "unused", source: { file: "w.perimeter", line: 4 } });
    expect(waiverReport({ ...w, approvedBy: "ciso" }, null, false).approved_by).toBe("ciso");
  });
});

describe("conflicts: which collection errors make a read undecidable (cases added after the mutation run)", () => {
  const err = (steps: (string | number)[], depth: number) => ({ steps, depth });
  it("`*` stands for a list index on either side, never for a field name", () => {
    expect(conflicts(err(["workspaces", "*", "apps"], 2), ["workspaces", 3, "apps"])).toBe(true);
    expect(conflicts(err(["workspaces", 3, "apps"], 2), ["workspaces", "*", "apps"])).toBe(true);
    expect(conflicts(err(["workspaces", "*"], 1), ["workspaces", "*"])).toBe(true);
    // A slot written `account[*]` is not a field of the account, nor a field a `*` read.
    expect(conflicts(err(["account", "*"], 1), ["account", "network_policies"])).toBe(false);
    expect(conflicts(err(["account", "network_policies"], 1), ["account", "*"])).toBe(false);
    expect(conflicts(err(["workspaces", 2], 1), ["workspaces", 3])).toBe(false);
  });
  it("an error beneath a read counts by default, and only within the read's own slot", () => {
    expect(conflicts(err(["workspaces", 3, "apps", 0], 3), ["workspaces", 3, "apps"])).toBe(true);
    expect(conflicts(err(["workspaces", 3, "apps", 0], 3), ["workspaces", 3, "apps"], false)).toBe(false);
    expect(conflicts(err(["workspaces", 3, "apps"], 3), ["workspaces"])).toBe(false);
  });
});

describe("subjects where the located collection is missing, null or picked by index (cases added after the mutation run)", () => {
  const keys = (src: string, doc: Record<string, unknown>) => run(compile(`import std.databricks\ncontrol T-1 "t" {\n  severity high\n  ${src}\n  require true\n}\n`), doc).controls[0]!.results.map((r) => r.subject.pointer);
  it("a null element of the collection is no subject", () => {
    expect(keys("for ws in workspaces", { workspaces: [null, { workspace_id: 2 }, null] })).toEqual(["/workspaces/1"]);
  });
  it("an account that is null is no subject", () => {
    expect(keys("for a in [account]", { account: null })).toEqual([]);
    expect(keys("for a in [account]", { account: { account_id: "x" } })).toEqual(["/account"]);
  });
  it("a list element picked by index is a subject at its index, when it is there", () => {
    expect(keys("for ws in [workspaces[1], workspaces[5], workspaces[0]]", { workspaces: [{ workspace_id: 1 }, { workspace_id: 2 }, null] })).toEqual(["/workspaces/1", "/workspaces/0"]);
    expect(keys("for ws in [workspaces[2]]", { workspaces: [{ workspace_id: 1 }, { workspace_id: 2 }, null] })).toEqual([]);
    expect(keys("for ws in [workspaces[0]]", { workspaces: { workspace_id: 1 } })).toEqual([]);
  });
});

describe("which waivers a Report lists as active (cases added after the mutation run)", () => {
  const src = `import std.databricks
control T-1 "t" {
  severity high
  for ws in workspaces
  require ws.workspace_id > 2
}
control T-2 "u" {
  severity high
  for ws in workspaces
  require ws.workspace_id < 2
}
waive T-1 for 1 until 2026-12-31 reason "first"
waive T-1 for 1 until 2027-06-30 reason "second for the same subject"
waive T-1 for 2 until 2026-12-31 reason "same date, a key no subject has"
waive T-2 for 1 until 2026-12-31 reason "same key and date, another control, whose subject passes"
waive T-1 for 3 until 2026-12-31 reason "a subject that passes"
waive T-2 for 3 until 2026-12-30 reason "T-2's own"
`;
  it("only a waiver a waived result used: the first in force for its control and key, matched by date", () => {
    const r = run(compile(src), { workspaces: [{ workspace_id: 1 }, { workspace_id: 3 }] });
    expect(statuses(r, "T-1")).toEqual({ "1": "waived", "3": "pass" });
    expect(statuses(r, "T-2")).toEqual({ "1": "pass", "3": "waived" });
    expect(r.controls[0]!.results[0]!.waiver).toEqual({ until: "2026-12-31", reason: "first", approved_by: null });
    expect(r.waivers.map((w) => [w.control, w.key, w.until, w.state])).toEqual([
      ["T-1", "1", "2026-12-31", "active"],
      ["T-1", "1", "2027-06-30", "unused"],
      ["T-1", "2", "2026-12-31", "unused"],
      ["T-2", "1", "2026-12-31", "unused"],
      ["T-1", "3", "2026-12-31", "unused"],
      ["T-2", "3", "2026-12-30", "active"],
    ]);
  });
});
