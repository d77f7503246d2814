// waivers: known control, valid key, real date; expired waivers warn when today is known.
import { describe, expect, it } from "vitest";
import { codes, expectClean, expectDiagnostic, lint } from "../helpers/front.js";

const base = 'control APPS-1 "t" {\n  severity low\n  for ws in workspaces\n  require true\n}\n';

describe("waivers", () => {
  it("accepts a waiver with a numeric or string key", () => {
    expectClean(lint(`${base}waive APPS-1 for 3141592653589793 until 2027-01-31 reason "r" approved_by "a@b.c"\nwaive APPS-1 for "k" until 2027-01-31 reason "r"`, { today: "2026-11-28" }));
  });
  it("rejects unknown controls, bad keys and impossible dates", () => {
    expectDiagnostic(lint(`${base}waive APPS-2 for 1 until 2027-01-31 reason "r"`), { code: "E0506", underline: "APPS-2", help: "did you mean `APPS-1`?" });
    expectDiagnostic(lint(`${base}waive APPS-1 for "" until 2027-01-31 reason "r"`), { code: "E0508", underline: '""' });
    expectDiagnostic(lint(`${base}waive APPS-1 for 1 until 2027-13-01 reason "r"`), { code: "E0406", message: "`2027-13-01` is not a valid date: there is no month 13" });
  });
  it("warns about expired waivers only when today is given", () => {
    const src = `${base}waive APPS-1 for 1 until 2026-01-31 reason "r"`;
    expectDiagnostic(lint(src, { today: "2026-11-28" }), { code: "W0110", underline: "2026-01-31" });
    expect(codes(lint(src))).toEqual([]);
  });
});
