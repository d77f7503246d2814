// control-structure: one `for` before the requirements, at least one requirement, known severity, items once.
import { describe, expect, it } from "vitest";
import { codes, expectClean, expectDiagnostic, lint } from "../helpers/front.js";

describe("control-structure", () => {
  it("passes a well-formed control", () => {
    expectClean(lint('control A-1 "t" {\n  severity info\n  frameworks "X:1"\n  remediation "r"\n  description "d"\n  docs "u"\n  for ws in workspaces\n  require true\n}'));
  });
  it("reports a missing `for`, a second `for`, a require before `for` and no requirement", () => {
    expectDiagnostic(lint('control A-1 "t" {\n  severity low\n  require true\n}'), { code: "E0502", underline: "A-1" });
    expectDiagnostic(lint('control A-1 "t" {\n  severity low\n  for a in workspaces\n  for b in workspaces\n  require true\n}'), { code: "E0503", underline: "for b in workspaces" });
    expectDiagnostic(lint('control A-1 "t" {\n  severity low\n  require true\n  for a in workspaces\n}'), { code: "E0510", underline: "require true" });
    expectDiagnostic(lint('control A-1 "t" {\n  severity low\n  for a in workspaces\n}'), { code: "E0509", underline: "A-1" });
  });
  it("reports unknown severities and repeated items", () => {
    expectDiagnostic(lint('control A-1 "t" {\n  severity urgent\n  for a in workspaces\n  require true\n}'), { code: "E0504", underline: "urgent", help: /use one of `critical`/ });
    expectDiagnostic(lint('control A-1 "t" {\n  severity low\n  docs "a"\n  docs "b"\n  for a in workspaces\n  require true\n}'), { code: "E0505", underline: 'docs "b"' });
  });
  it("warns when severity is missing", () => {
    const fe = lint('control A-1 "t" {\n  for a in workspaces\n  require true\n}');
    expect(codes(fe)).toEqual(["W0107"]);
  });
});
