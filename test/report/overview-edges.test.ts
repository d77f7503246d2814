// The audit overview's rules by value (src/report/overview.ts), on hand-made Reports: a control
// missing from an export, the matrix's order (status, then severity, then first appearance),
// the statuses of a framework's controls, which exports are stale, the collection-gap
// warnings, and `naturalCompare` pair by pair. Fixed edges of the mutation run (MUTATION.md);
// overview.test.ts covers the same through the fixture reports and the renderers.
import { describe, expect, it } from "vitest";
import { collectionGaps, exportWarnings, naturalCompare, overviewOf, staleExports } from "../../src/report/overview.js";
import type { ControlReport, Report, Severity, SubjectResult } from "../../src/report/report.js";

type Status = SubjectResult["status"];

function result(status: Status, slots: string[] = []): SubjectResult {
  return {
    subject: { kind: "workspace", key: "1", label: "w", pointer: "/workspaces/0" },
    status,
    failures: [],
    unknown: slots.length > 0 ? [{ requirement: 1, statement: "x", slots }] : [],
    waiver: null,
  };
}

function control(id: string, severity: Severity, status: ControlReport["status"], frameworks: string[] = [], results: SubjectResult[] = status === "not_applicable" ? [] : [result(status)]): ControlReport {
  return { id, title: `title ${id}`, severity, frameworks, remediation: null, description: null, docs: null, package: "p", source: { file: "p.perimeter", line: 1 }, status, results };
}

function report(controls: ControlReport[], exportedAt: string | null = "2026-11-01T00:00:00Z"): Report {
  return { perimeter: "1", now: null, export: { schema: null, exported_at: exportedAt, cloud: null, account_id: null }, controls, waivers: [], summary: { pass: 0, fail: 0, unknown: 0, waived: 0 } };
}

describe("overviewOf", () => {
  it("judges a control by the exports that evaluated it, null where one did not", () => {
    const o = overviewOf(
      [
        { file: "a.json", report: report([control("C-1", "high", "pass")]) },
        { file: "b.json", report: report([control("C-2", "low", "waived"), control("C-1", "high", "pass")]) },
      ],
      null,
    );
    expect(o.matrix.map((m) => [m.id, m.status, m.statuses])).toEqual([
      ["C-2", "waived", [null, "waived"]],
      ["C-1", "pass", ["pass", "pass"]],
    ]);
  });

  it("orders the matrix by status, then severity, then first appearance", () => {
    const controls = [
      control("P-low", "low", "pass"),
      control("F-med-1", "medium", "fail"),
      control("F-crit", "critical", "fail"),
      control("F-med-2", "medium", "fail"),
      control("F-info", "info", "fail"),
      control("F-med-3", "medium", "fail"),
      control("U-high", "high", "unknown"),
      control("P-high", "high", "pass"),
    ];
    const o = overviewOf([{ file: "a.json", report: report(controls) }], null);
    expect(o.matrix.map((m) => m.id)).toEqual(["F-crit", "F-med-1", "F-med-2", "F-med-3", "F-info", "U-high", "P-high", "P-low"]);
    expect(o.failures).toEqual([
      { severity: "critical", controls: 1, results: 1 },
      { severity: "high", controls: 0, results: 0 },
      { severity: "medium", controls: 3, results: 3 },
      { severity: "low", controls: 0, results: 0 },
      { severity: "info", controls: 1, results: 1 },
    ]);
  });

  it("gives each framework control its own status, worst first", () => {
    const controls = [control("C-1", "high", "pass", ["F:1"]), control("C-2", "high", "fail", ["F:1", "F:2"]), control("C-3", "high", "waived", ["F:1"])];
    const o = overviewOf([{ file: "a.json", report: report(controls) }], null);
    expect(o.frameworks).toEqual([
      {
        ref: "F:1",
        status: "fail",
        controls: [
          { id: "C-2", status: "fail" },
          { id: "C-3", status: "waived" },
          { id: "C-1", status: "pass" },
        ],
      },
      { ref: "F:2", status: "fail", controls: [{ id: "C-2", status: "fail" }] },
    ]);
  });
});

describe("staleExports", () => {
  it("judges only an export date that starts with a full date", () => {
    const runs = [
      { file: "ok.json", report: report([], "2026-01-01T00:00:00Z") },
      { file: "month.json", report: report([], "2020-01") },
      { file: "none.json", report: report([], null) },
    ];
    expect(staleExports(runs, "2026-02-01", 30)).toEqual([{ file: "ok.json", exportedAt: "2026-01-01T00:00:00Z", days: 31 }]);
    expect(staleExports(runs, "2026-01-31", 30)).toEqual([]);
  });
});

describe("collectionGaps and their warnings", () => {
  const gapped = (slots: string[][]) => report([control("C-1", "high", "unknown", [], slots.map((s) => result("unknown", s))), control("C-2", "high", "pass")]);

  it("counts the undecided results, their controls and the slots, sorted", () => {
    const gaps = collectionGaps([
      { file: "a.json", report: gapped([["workspaces[1].apps", "account.b"], ["account.a", "account.b"]]) },
      { file: "b.json", report: gapped([]) },
    ]);
    expect(gaps).toEqual([{ file: "a.json", results: 2, controls: ["C-1"], slots: ["account.a", "account.b", "workspaces[1].apps"] }]);
  });

  it("words each gap with its counts and at most five slots", () => {
    const gap = (results: number, controls: number, slots: number) => ({
      file: "x.json",
      results,
      controls: Array.from({ length: controls }, (_, i) => `C-${i}`),
      slots: Array.from({ length: slots }, (_, i) => `s${i}`),
    });
    expect(exportWarnings([gap(1, 1, 1), gap(2, 2, 5), gap(3, 1, 7)], [], null, 30)).toEqual([
      "warning: x.json: 1 result of 1 control could not be decided: the export did not collect s0",
      "warning: x.json: 2 results of 2 controls could not be decided: the export did not collect s0, s1, s2, s3, s4",
      "warning: x.json: 3 results of 1 control could not be decided: the export did not collect s0, s1, s2, s3, s4 and 2 more",
    ]);
  });

  it("warns about five stale exports one by one, and about six in one line", () => {
    const stale = (n: number) => Array.from({ length: n }, (_, i) => ({ file: `e${i}.json`, exportedAt: "2026-08-24T09:00:00Z", days: 105 }));
    expect(exportWarnings([], stale(5), "2026-12-07", 30)).toHaveLength(5);
    expect(exportWarnings([], stale(6), "2026-12-07", 30)).toEqual([
      "warning: 6 exports were exported more than --max-export-age 30 days before the evaluation date 2026-12-07, so their results may no longer describe the workspaces: e0.json (105 days), e1.json (105 days), e2.json (105 days), e3.json (105 days), e4.json (105 days) and 1 more",
    ]);
  });
});

describe("naturalCompare", () => {
  it.each([
    ["SC-7", "SC-10", -3],
    ["SC-10", "SC-7", 3],
    ["SC-7", "SC-7", 0],
    ["SC-07", "SC-7", -1],
    ["SC-7", "SC-07", 1],
    ["a", "b", -1],
    ["b", "a", 1],
    ["1", "a", -1],
    ["a", "1", 1],
    ["a9", "a-", -1],
    ["a1", "a1b", -1],
    ["a1b", "a1", 1],
    ["", "A", -1],
    ["A", "", 1],
    ["", "", 0],
  ] as const)("%j against %j is %d", (a, b, want) => {
    expect(naturalCompare(a, b)).toBe(want);
  });
});
