// Baseline comparison: (account, control, subject key) identity, new / still failing / fixed /
// absent, waivers that expire, accounts not in the run, and malformed baselines.
import { describe, expect, it } from "vitest";
import { applyBaseline, baselineText, fixedNowText, parseBaseline, type BaselineFailure } from "../../src/report/baseline.js";
import type { Report } from "../../src/report/report.js";
import { BEFORE, BEFORE_EXPORT, NOW, NOW_EXPORT, reportOf } from "./fixtures.js";

function failures(r: Report | Report[]): BaselineFailure[] {
  const p = parseBaseline(JSON.stringify(r));
  if ("error" in p) throw new Error(p.error);
  return p.failures;
}

const marks = (r: Report) => r.controls.flatMap((c) => c.results.filter((x) => x.status === "fail").map((x) => `${c.id} ${x.subject.key} ${x.baseline}`));

describe("baseline", () => {
  const before = reportOf(BEFORE_EXPORT, BEFORE);
  const now = reportOf(NOW_EXPORT, NOW);

  it("marks failures new or still failing, and lists fixed and no longer evaluated ones", () => {
    const [r] = applyBaseline([now], failures(before), "b.json");
    expect(marks(r!)).toEqual(["NET-001 1000000000000002 new", "NET-002 1000000000000002 still_failing"]);
    expect(r!.fixed!.map((f) => `${f.control} ${f.subject.key} ${f.now}`)).toEqual(["NET-001 1000000000000001 pass", "NET-001 1000000000000005 absent", "NET-002 1000000000000005 absent"]);
    expect(r!.baseline).toEqual({ file: "b.json", new: 1, still_failing: 1, fixed: 1, absent: 2 });
  });

  it("a failure waived in the baseline whose waiver has since expired is new", () => {
    const waived = before.controls[0]!.results.find((x) => x.subject.key === "1000000000000002")!;
    expect(waived.status).toBe("waived");
    const [r] = applyBaseline([now], failures(before), "b.json");
    expect(r!.controls[0]!.results.find((x) => x.subject.key === "1000000000000002")!.baseline).toBe("new");
  });

  it("against itself, every failure is still failing and nothing is fixed", () => {
    const [r] = applyBaseline([now], failures(now), "b.json");
    expect(marks(r!).every((m) => m.endsWith("still_failing"))).toBe(true);
    expect(r!.fixed).toEqual([]);
  });

  it("matches on the account, not on the file or the position of the export", () => {
    const other: Report = { ...before, export: { ...before.export, account_id: "another-account" } };
    const [r] = applyBaseline([now], failures(other), "b.json");
    expect(marks(r!).every((m) => m.endsWith(" new"))).toBe(true);
    // The other account was not checked in this run: its failures are neither fixed nor absent.
    expect(r!.fixed).toEqual([]);
    // Several exports in either order: the result is the same for each export.
    const [a, b] = applyBaseline([now, other], failures([other, before]), "b.json");
    expect(marks(a!)).toEqual(["NET-001 1000000000000002 new", "NET-002 1000000000000002 still_failing"]);
    expect(b!.fixed).toEqual([]);
  });

  it("leaves the core Report as it was: only optional fields are added", () => {
    const [r] = applyBaseline([now], failures(before), "b.json");
    const strip = (x: Report) => JSON.parse(JSON.stringify(x, (k, v) => (k === "baseline" || k === "fixed" ? undefined : v)));
    expect(strip(r!)).toEqual(strip(now));
  });

  it("rejects what is not a perimeter JSON report", () => {
    expect(parseBaseline("{")).toMatchObject({ error: expect.stringContaining("not JSON") });
    expect(parseBaseline('{"runs": []}')).toMatchObject({ error: expect.stringContaining("is not a perimeter report") });
    expect(parseBaseline('[{"perimeter": "1", "controls": [{"id": "X"}]}]')).toEqual({ error: "/0/controls/0 has no `id` or `results`" });
    expect(parseBaseline('{"perimeter": "1", "controls": []}')).toEqual({ failures: [] });
  });
});

// Fixed cases for what the fixture reports never show (mutation testing, MUTATION.md): every
// message of parseBaseline, the defaults it fills in, and several exports of one account.
describe("parseBaseline, by value", () => {
  const doc = (controls: unknown[], extra: object = {}) => JSON.stringify({ perimeter: "1", export: { account_id: "acc" }, controls, ...extra });
  const fail = (subject: object, extra: object = {}) => ({ status: "fail", subject, ...extra });

  it("says what is wrong, and where", () => {
    const notReport = 'is not a perimeter report (expected the JSON of `perimeter check --format json`, with "perimeter": "1")';
    expect(parseBaseline("{")).toEqual({ error: expect.stringMatching(/^not JSON: \S/) });
    for (const text of ["null", "5", '"1"', '{"perimeter": 1, "controls": []}', '{"perimeter": "2", "controls": []}', '{"perimeter": "1", "controls": {}}', '{"perimeter": "1"}']) {
      expect(parseBaseline(text), text).toEqual({ error: `the document ${notReport}` });
    }
    expect(parseBaseline(`[${doc([])}, null]`)).toEqual({ error: `/1 ${notReport}` });
    expect(parseBaseline(doc([null]))).toEqual({ error: "/controls/0 has no `id` or `results`" });
    expect(parseBaseline(doc([{ id: 1, results: [] }]))).toEqual({ error: "/controls/0 has no `id` or `results`" });
    expect(parseBaseline(doc([{ id: "A", results: [] }, { id: "B", results: {} }]))).toEqual({ error: "/controls/1 has no `id` or `results`" });
    expect(parseBaseline(`[${doc([{ id: "A", results: [fail({ key: "k" }), null] }])}]`)).toEqual({ error: "/0/controls/0/results/1 has no `status` or `subject.key`" });
    expect(parseBaseline(doc([{ id: "A", results: [{ status: 1, subject: { key: "k" } }] }]))).toEqual({ error: "/controls/0/results/0 has no `status` or `subject.key`" });
    expect(parseBaseline(doc([{ id: "A", results: [{ status: "fail", subject: { key: 1 } }] }]))).toEqual({ error: "/controls/0/results/0 has no `status` or `subject.key`" });
    expect(parseBaseline(doc([{ id: "A", results: [{ status: "fail" }] }]))).toEqual({ error: "/controls/0/results/0 has no `status` or `subject.key`" });
  });

  it("keeps only failures, fills in what a hand-written baseline leaves out, and reads every severity", () => {
    const p = parseBaseline(
      doc([
        { id: "A", results: [{ status: "pass", subject: { key: "p" } }, { status: "waived", subject: { key: "w" } }, { status: "unknown", subject: { key: "u" } }, fail({ key: "k" }, { failures: "x" })] },
        { id: "B", severity: "bogus", results: [fail({ key: "k", kind: "app", label: "App", pointer: "/a/0" }, { failures: [{ requirement: 1, statement: "s", message: "m", line: 3 }] })] },
        ...["critical", "high", "medium", "low", "info"].map((s) => ({ id: s, severity: s, results: [fail({ key: "k" })] })),
        { id: "N", severity: 3, results: [fail({ key: "k" })] },
      ]),
    );
    expect(p).toEqual({
      failures: [
        { account: "acc", control: "A", severity: "info", subject: { kind: "", key: "k", label: "k", pointer: "" }, failures: [] },
        { account: "acc", control: "B", severity: "info", subject: { kind: "app", key: "k", label: "App", pointer: "/a/0" }, failures: [{ requirement: 1, statement: "s", message: "m", line: 3 }] },
        ...["critical", "high", "medium", "low", "info"].map((s) => ({ account: "acc", control: s, severity: s, subject: { kind: "", key: "k", label: "k", pointer: "" }, failures: [] })),
        { account: "acc", control: "N", severity: "info", subject: { kind: "", key: "k", label: "k", pointer: "" }, failures: [] },
      ],
    });
  });

  it("takes a report without an account id as the account \"\"", () => {
    for (const extra of [{ export: { account_id: null } }, { export: {} }, { export: undefined }, { export: { account_id: 7 } }]) {
      const p = parseBaseline(doc([{ id: "A", results: [fail({ key: "k" })] }], extra));
      expect("failures" in p && p.failures.map((f) => f.account)).toEqual([""]);
    }
  });
});

describe("applyBaseline across several exports of one account", () => {
  const result = (key: string, status: Report["controls"][number]["results"][number]["status"]) => ({ subject: { kind: "workspace", key, label: key, pointer: "" }, status, failures: [], unknown: [], waiver: null });
  const report = (account: string | null, results: ReturnType<typeof result>[]): Report => ({
    perimeter: "1",
    now: null,
    export: { schema: null, exported_at: null, cloud: null, account_id: account },
    controls: [{ id: "C", title: "t", severity: "high", frameworks: [], remediation: null, description: null, docs: null, package: "p", source: { file: "f", line: 1 }, status: "pass", results }],
    waivers: [],
    summary: { pass: 0, fail: 0, unknown: 0, waived: 0 },
  });
  const was = (account: string, ...keys: string[]): BaselineFailure[] => keys.map((key) => ({ account, control: "C", severity: "high", subject: { kind: "workspace", key, label: key, pointer: "" }, failures: [] }));
  const fixedOf = (rs: Report[]) => rs.map((r) => (r.fixed ?? []).map((f) => `${f.subject.key} ${f.now}`));

  it("takes the worst status a subject has in any export of the account (fail, unknown, waived, pass)", () => {
    const rs = applyBaseline(
      [report("A", [result("1", "pass"), result("2", "waived"), result("3", "unknown"), result("4", "pass")]), report("A", [result("1", "fail"), result("2", "pass"), result("3", "waived"), result("4", "waived")])],
      was("A", "1", "2", "3", "4"),
      "b.json",
    );
    // 1 still fails (in the second export), the others are fixed where first seen.
    expect(fixedOf(rs)).toEqual([["2 waived", "3 unknown", "4 waived"], []]);
    expect(rs.map((r) => r.baseline)).toEqual([
      { file: "b.json", new: 0, still_failing: 0, fixed: 3, absent: 0 },
      { file: "b.json", new: 0, still_failing: 1, fixed: 0, absent: 0 },
    ]);
    expect(rs[1]!.controls[0]!.results[0]!.baseline).toBe("still_failing");
    expect(rs[0]!.controls[0]!.results[0]).not.toHaveProperty("baseline");
  });

  it("lists a fixed result with the export that evaluated it, an absent one with the account's first export", () => {
    const rs = applyBaseline([report("B", [result("9", "fail")]), report("A", []), report("A", [result("1", "pass")]), report(null, [])], [...was("A", "1", "2"), ...was("", "3"), ...was("Z", "4")], "b.json");
    expect(fixedOf(rs)).toEqual([[], ["2 absent"], ["1 pass"], ["3 absent"]]);
    expect(rs.map((r) => r.baseline && [r.baseline.new, r.baseline.still_failing, r.baseline.fixed, r.baseline.absent])).toEqual([
      [1, 0, 0, 0],
      [0, 0, 0, 1],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ]);
    expect(rs[0]!.controls[0]!.results[0]!.baseline).toBe("new");
  });

  it("takes reports without an account id as the account \"\", and lists their absent failures with the first of them", () => {
    const rs = applyBaseline([report("A", []), report(null, [result("3", "fail")]), report(null, [])], was("", "3", "4"), "b.json");
    expect(rs[1]!.controls[0]!.results[0]!.baseline).toBe("still_failing");
    expect(fixedOf(rs)).toEqual([[], ["4 absent"], []]);
  });

  it("words the marks and the statuses now", () => {
    expect(baselineText("new")).toBe("new");
    expect(baselineText("still_failing")).toBe("still failing");
    expect((["pass", "waived", "unknown", "absent", "fail"] as const).map(fixedNowText)).toEqual([
      "now passes",
      "now waived",
      "now unknown (data not collected)",
      "not evaluated in this run (the subject, the control or its export is gone)",
      "still fails",
    ]);
  });
});
