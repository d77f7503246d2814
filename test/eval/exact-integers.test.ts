// Integers beyond 2^53 on the reference evaluator (src/eval/value.ts): read exactly from the
// export (as bigints), compared exactly with each other and with float64s, added exactly when
// both operands are integers, shown with every digit; subject keys, labels, messages and
// waivers keep the digits written (OPA's behaviour: its numbers keep their JSON text).
import { describe, expect, it } from "vitest";
import { addNumbers, equal, exactInteger, order, show, text } from "../../src/eval/value.js";
import { parseExactJson } from "../../src/export/exact-json.js";
import { parseExport } from "../../src/export/load.js";
import { evaluate } from "../../src/eval/run.js";
import { defaultParams } from "../../src/eval/params.js";
import { exampleText } from "../export/helpers.js";
import { compile, valueOf } from "../helpers/eval.js";

const ID = 9876543210987655n;
const doc = parseExactJson(
  `{"workspaces": [{"workspace_id": 9876543210987655, "ip_access_lists": [{"address_count": 9876543210987656}, {"address_count": 9876543210987656.0}, {"address_count": 9007199254740991}]}]}`,
) as Record<string, unknown>;
const v = (e: string) => valueOf(e, doc);

describe("the values", () => {
  it("are bigints only beyond the safe integers", () => {
    expect(exactInteger(9007199254740991n)).toBe(9007199254740991);
    expect(exactInteger(-9007199254740991n)).toBe(-9007199254740991);
    expect(exactInteger(9007199254740992n)).toBe(9007199254740992n);
    expect(exactInteger(-9007199254740992n)).toBe(-9007199254740992n);
    expect(v("workspaces[0].workspace_id")).toBe(ID);
  });

  it("compare exactly, with each other and with float64s", () => {
    expect(equal(ID, ID)).toBe(true);
    expect(equal(ID, 9876543210987656)).toBe(false);
    expect(equal(9876543210987656n, 9876543210987656)).toBe(true);
    expect(equal([ID], [ID])).toBe(true);
    expect(equal({ a: ID }, { a: 9876543210987655 })).toBe(false);
    expect(order(ID, 9876543210987656)).toBe(-1);
    expect(order(9876543210987656, ID)).toBe(1);
    expect(order(ID, 9876543210987657n)).toBe(-1);
    expect(order(-ID, -9876543210987656)).toBe(1);
    expect(order(10n ** 400n, Infinity)).toBe(-1);
    expect(order(ID, NaN)).toBe(0);
    expect(v("workspaces[0].workspace_id == workspaces[0].ip_access_lists[0].address_count")).toBe(false);
    expect(v("workspaces[0].workspace_id < workspaces[0].ip_access_lists[0].address_count")).toBe(true);
    // 9876543210987656.0 is a float64, equal to the exact 9876543210987656 written as an integer.
    expect(v("workspaces[0].ip_access_lists[1].address_count == workspaces[0].ip_access_lists[0].address_count")).toBe(true);
    expect(v("workspaces[0].workspace_id in [workspaces[0].ip_access_lists[0].address_count]")).toBe(false);
    expect(v("workspaces[0].workspace_id != workspaces[0].ip_access_lists[1].address_count")).toBe(true);
  });

  it("add exactly when both operands are integers, in float64 otherwise", () => {
    expect(addNumbers("+", ID, 1)).toBe(9876543210987656n);
    expect(addNumbers("-", ID, ID)).toBe(0);
    expect(addNumbers("-", ID, 9876543210987654n)).toBe(1);
    expect(addNumbers("+", 9007199254740991, 2)).toBe(9007199254740993n);
    expect(addNumbers("-", -9007199254740991, 2)).toBe(-9007199254740993n);
    expect(addNumbers("+", 1e21, 1)).toBe(1000000000000000000001n);
    expect(addNumbers("+", 9007199254740991, 0.5)).toBe(9007199254740991.5);
    expect(addNumbers("+", ID, 0.5)).toBe(9876543210987656);
    expect(addNumbers("+", 0.1, 0.2)).toBe(0.1 + 0.2);
    expect(v("workspaces[0].workspace_id + 1")).toBe(9876543210987656n);
    expect(v("workspaces[0].ip_access_lists[2].address_count + 2")).toBe(9007199254740993n);
  });

  it("show every digit", () => {
    expect(show(ID)).toBe("9876543210987655");
    expect(show(-ID)).toBe("-9876543210987655");
    expect(show([ID, 1.5])).toBe("[9876543210987655, 1.5]");
    expect(text(10n ** 25n)).toBe("10000000000000000000000000");
  });
});

describe("subject keys, labels, messages and waivers", () => {
  const ir = compile(`package t
control T-1 "ids" {
  severity high
  for ws in workspaces
  require ws.workspace_id < 9007199254740991 else "workspace {ws.workspace_id}, next {ws.workspace_id + 1}"
  require ws.workspace_id == 9007199254740991
}

waive T-1 for 9876543210987655 until 2030-01-01 reason "exact key"
`);

  it("keep the digits written, and a waiver written with them applies", () => {
    const example = exampleText("contoso-prod-azure-compliant.json");
    const text = example
      .replace(`"workspace_id": 3141592653589793,`, `"workspace_id": 9876543210987655,`)
      .replace(/"workspace_name": "[^"]*",/, "")
      .replace(/"workspace_url": "[^"]*",/, "");
    const loaded = parseExport("big.json", text);
    expect(loaded.problems).toEqual([]);
    const report = evaluate(ir, { document: loaded.export!.document, errors: loaded.export!.errors }, { now: "2026-11-28", params: defaultParams(ir) });
    const first = report.controls[0]!.results[0]!;
    expect(first.subject).toEqual({ kind: "workspace", key: "9876543210987655", label: "9876543210987655", pointer: "/workspaces/0" });
    expect(first.status).toBe("waived");
    expect(first.failures.map((f) => f.message)).toEqual(["workspace 9876543210987655, next 9876543210987656", "`ws.workspace_id` is 9876543210987655, expected 9007199254740991"]);
    expect(report.waivers.map((w) => [w.key, w.state])).toEqual([["9876543210987655", "active"]]);
    // The neighbouring id is another workspace: the waiver does not apply.
    const other = parseExport("big.json", text.replace("9876543210987655", "9876543210987656"));
    const r2 = evaluate(ir, { document: other.export!.document, errors: other.export!.errors }, { now: "2026-11-28", params: defaultParams(ir) });
    expect(r2.controls[0]!.results[0]!.subject.key).toBe("9876543210987656");
    expect(r2.controls[0]!.results[0]!.status).toBe("fail");
  });
});
