// Waiver states: active, unused and expired from the evaluator; expiring (still applied) added
// for the 30 days before a waiver ends; the warnings `check` prints.
import { describe, expect, it } from "vitest";
import type { WaiverReport } from "../../src/report/report.js";
import { annotateWaiver, annotateWaivers, daysBetween, EXPIRING_WITHIN_DAYS, waiverStateText, waiverWarnings } from "../../src/report/waivers.js";
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

  // Edge cases found by mutation testing (MUTATION.md): the singular day, the last day, a report
  // without an evaluation date, and a waiver state read before it was annotated.
  it("says 1 day, not 1 days, and today on the last day", () => {
    expect(waiverStateText(annotateWaiver(w("active", "2026-11-29"), NOW))).toBe("active, expiring in 1 day");
    expect(waiverStateText(annotateWaiver(w("active", NOW), NOW))).toBe("active, expiring today (its last day)");
    expect(waiverStateText(annotateWaiver(w("expired", "2026-11-20"), NOW))).toBe("expired 8 days ago, not applied");
  });

  it("reads an unannotated waiver (no evaluation date) by its state alone", () => {
    expect(waiverStateText(w("expired", "2026-11-27"))).toBe("expired");
    expect(waiverStateText(w("active", "2026-11-29"))).toBe("active");
  });

  it("leaves a report without an evaluation date as it is: no days_left, no expiring", () => {
    const r = { ...reportOf(NOW_EXPORT, NOW), now: null };
    const bare = { ...r, waivers: r.waivers.map(({ days_left: _d, expiring: _e, ...rest }) => rest) };
    expect(annotateWaivers(bare)).toBe(bare);
    expect(annotateWaivers(bare).waivers.every((x) => !("days_left" in x) && !("expiring" in x))).toBe(true);
  });

  it("warns about the last day and the singular day in the words of each", () => {
    const r = reportOf(NOW_EXPORT, NOW);
    const at = (until: string, line: number) => annotateWaiver({ ...w("active", until), source: { file: "p.perimeter", line } }, NOW);
    expect(waiverWarnings([{ ...r, waivers: [at(NOW, 1), at("2026-11-29", 2), at("2026-11-30", 3)] }])).toEqual([
      "warning: waiver for C-1 / k (p.perimeter:1) expires on 2026-11-28 (today is its last day); renew or remove it",
      "warning: waiver for C-1 / k (p.perimeter:2) expires on 2026-11-29 (in 1 day); renew or remove it",
      "warning: waiver for C-1 / k (p.perimeter:3) expires on 2026-11-30 (in 2 days); renew or remove it",
    ]);
  });
});
