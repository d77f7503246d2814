// Waiver states: active, unused and expired from the evaluator; expiring (still applied) added
// for the 30 days before a waiver ends; the warnings `check` prints.
import { describe, expect, it } from "vitest";
import type { WaiverReport } from "../../src/report/report.js";
import { annotateWaiver, daysBetween, EXPIRING_WITHIN_DAYS, waiverStateText, waiverWarnings } from "../../src/report/waivers.js";
import { NOW, NOW_EXPORT, reportOf } from "./fixtures.js";

const w = (state: WaiverReport["state"], until: string): WaiverReport => ({ control: "C-1", key: "k", until, reason: "r", approved_by: null, state, source: { file: "p.perimeter", line: 3 } });

describe("waiver states", () => {
  it("counts days in UTC", () => {
    expect(daysBetween("2026-11-28", "2026-12-10")).toBe(12);
    expect(daysBetween("2026-02-28", "2026-03-01")).toBe(1);
    expect(daysBetween("2026-11-28", "2026-11-01")).toBe(-27);
  });

  it("flags active and unused waivers that end within 30 days as expiring; they still apply", () => {
    expect(EXPIRING_WITHIN_DAYS).toBe(30);
    expect(annotateWaiver(w("active", "2026-12-28"), NOW)).toMatchObject({ state: "active", days_left: 30, expiring: true });
    expect(annotateWaiver(w("active", "2026-12-29"), NOW)).toMatchObject({ state: "active", days_left: 31, expiring: false });
    expect(annotateWaiver(w("unused", NOW), NOW)).toMatchObject({ state: "unused", days_left: 0, expiring: true });
    expect(annotateWaiver(w("expired", "2026-11-27"), NOW)).toMatchObject({ state: "expired", days_left: -1, expiring: false });
  });

  it("reads well", () => {
    expect(waiverStateText(annotateWaiver(w("active", "2026-12-10"), NOW))).toBe("active, expiring in 12 days");
    expect(waiverStateText(annotateWaiver(w("unused", NOW), NOW))).toBe("unused, expiring today (its last day)");
    expect(waiverStateText(annotateWaiver(w("expired", "2026-11-27"), NOW))).toBe("expired 1 day ago, not applied");
    expect(waiverStateText(annotateWaiver(w("unused", "2027-06-30"), NOW))).toBe("unused");
  });

  it("the fixture has one waiver in each state", () => {
    const r = reportOf(NOW_EXPORT, NOW);
    expect(r.waivers.map((x) => `${x.state}${x.expiring ? " expiring" : ""}`)).toEqual(["active expiring", "unused", "expired"]);
  });

  it("warns once per expired or expiring waiver, however many exports", () => {
    const r = reportOf(NOW_EXPORT, NOW);
    expect(waiverWarnings([r, r])).toEqual([
      "warning: waiver for NET-001 / 1000000000000003 (test/report/fixtures/report.perimeter:41) expires on 2026-12-10 (in 12 days); renew or remove it",
      "warning: waiver for NET-001 / 1000000000000002 (test/report/fixtures/report.perimeter:50) expired on 2026-11-01 and is not applied",
    ]);
  });
});
