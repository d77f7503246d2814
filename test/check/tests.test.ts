// tests: expectations name known controls and statuses; a missing fixture is a warning.
import { describe, expect, it } from "vitest";
import { codes, expectClean, expectDiagnostic, lint } from "../helpers/front.js";

const base = 'control APPS-1 "t" {\n  severity low\n  for ws in workspaces\n  require true\n}\n';

describe("tests", () => {
  it("accepts every status", () => {
    expectClean(lint(`${base}test "t" {\n  given "x.json"\n  expect APPS-1 pass\n  expect APPS-1 fail for 1\n  expect APPS-1 unknown for "a"\n  expect APPS-1 waived\n}`));
  });
  it("rejects unknown controls and statuses", () => {
    expectDiagnostic(lint(`${base}test "t" {\n  given "x.json"\n  expect APPS-2 pass\n}`), { code: "E0506", underline: "APPS-2" });
    expectDiagnostic(lint(`${base}test "t" {\n  given "x.json"\n  expect APPS-1 passed\n}`), { code: "E0507", underline: "passed", help: "did you mean `pass`?" });
  });
  it("warns when the fixture does not exist", () => {
    const fe = lint(`${base}test "t" {\n  given "missing.json"\n}`, { fixturesExist: false });
    expectDiagnostic(fe, { code: "W0108", underline: '"missing.json"' });
    expect(codes(lint(`${base}test "t" {\n  given "there.json"\n}`))).toEqual([]);
  });
});
