// interpolation-not-allowed (E0309): `{expr}` only in `else` messages and `remediation`.
import { describe, it } from "vitest";
import { expectClean, expectDiagnostic, lint } from "../helpers/front.js";

describe("interpolation-not-allowed", () => {
  it("is allowed in else messages and remediation", () => {
    expectClean(lint('param p = "x"\ncontrol A-1 "t" {\n  severity low\n  remediation "set {p}"\n  for ws in workspaces\n  require true else "on {ws.workspace_id}"\n}'));
  });
  it("is rejected elsewhere", () => {
    expectDiagnostic(lint('param p = "x"\ncontrol A-1 "t {p}" {\n  severity low\n  for ws in workspaces\n  require true\n}'), { code: "E0309", underline: "p" });
    expectDiagnostic(lint('param p = "x"\ncontrol A-1 "t" {\n  severity low\n  description "d {p}"\n  for ws in workspaces\n  require true\n}'), { code: "E0309" });
  });
  it("accepts escaped braces anywhere", () => {
    expectClean(lint('control A-1 "t \\{x\\}" {\n  severity low\n  for ws in workspaces\n  require true\n}'));
  });
});
