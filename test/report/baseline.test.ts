// Baseline comparison: (account, control, subject key) identity, new / still failing / fixed /
// absent, waivers that expire, accounts not in the run, and malformed baselines.
import { describe, expect, it } from "vitest";
import { applyBaseline, parseBaseline, type BaselineFailure } from "../../src/report/baseline.js";
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
