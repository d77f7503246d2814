// verdicts(report): the Report reduced to what a CI gate decides on, as the Rego `verdicts` rule
// and the Wasm `<package>/verdicts` entrypoint must give it (the differential tests compare
// those with this function; here the function itself, on the fixture report, by fixed values).
import { describe, expect, it } from "vitest";
import { verdicts } from "../../src/report/verdicts.js";
import { NOW, NOW_EXPORT, reportOf } from "./fixtures.js";

describe("verdicts", () => {
  const report = reportOf(NOW_EXPORT, NOW);

  it("has one verdict per result, controls and results in Report order, with the failed requirements", () => {
    expect(verdicts(report).map((v) => `${v.control} ${v.subject} ${v.status} [${v.failed.join(",")}]`)).toEqual([
      "NET-001 1000000000000001 pass []",
      "NET-001 1000000000000002 fail [1]",
      "NET-001 1000000000000003 waived [1]",
      "NET-001 1000000000000004 pass []",
      "NET-002 1000000000000001 pass []",
      "NET-002 1000000000000002 fail [1]",
      "NET-002 1000000000000003 pass []",
      "NET-002 1000000000000004 unknown []",
      "NET-004 1000000000000001 pass []",
      "NET-004 1000000000000002 pass []",
      "NET-004 1000000000000003 pass []",
      "NET-004 1000000000000004 pass []",
    ]);
    expect(Object.keys(verdicts(report)[0]!)).toEqual(["control", "subject", "status", "failed"]);
  });

  it("keeps the failed requirements of a waived result, and none of a pass or an unknown", () => {
    const byStatus = (s: string) => verdicts(report).filter((v) => v.status === s);
    expect(byStatus("waived").every((v) => v.failed.length > 0)).toBe(true);
    expect(byStatus("pass").every((v) => v.failed.length === 0)).toBe(true);
    expect(byStatus("unknown").every((v) => v.failed.length === 0)).toBe(true);
    expect(new Set(verdicts(report).map((v) => v.status))).toEqual(new Set(["pass", "fail", "unknown", "waived"]));
  });

  it("is empty for a report without controls", () => {
    expect(verdicts({ controls: [] })).toEqual([]);
  });
});
