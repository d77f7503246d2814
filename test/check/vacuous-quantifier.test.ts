// vacuous-quantifier: `all`/`none` over export lists that may be empty.
import { describe, expect, it } from "vitest";
import { codes, expectDiagnostic, lint } from "../helpers/front.js";

const ctl = (...lines: string[]) => `control A-1 "t" {\n  severity low\n  for ws in workspaces\n${lines.map((l) => `  ${l}`).join("\n")}\n}`;

describe("vacuous-quantifier", () => {
  it("warns on all/none over an export list with no non-empty guard", () => {
    expectDiagnostic(lint(ctl("require all l in ws.ip_access_lists: l.enabled")), { code: "W0104", underline: "all l in ws.ip_access_lists: l.enabled" });
    expectDiagnostic(lint(ctl('require none a in ws.apps: a.name == "x"')), { code: "W0104" });
  });
  it.each([
    "require count(ws.ip_access_lists) > 0",
    "require count(ws.ip_access_lists) >= 1",
    "require 0 < count(ws.ip_access_lists)",
    "require ws.ip_access_lists is present",
    "require any l in ws.ip_access_lists: l.enabled",
  ])("is quiet with the guard `%s`", (guard) => {
    expect(codes(lint(ctl(guard, "require all l in ws.ip_access_lists: l.enabled")))).toEqual([]);
  });
  it("is quiet for literal lists and for a guard in the where clause", () => {
    expect(codes(lint(ctl("require all x in [1, 2]: x > 0")))).toEqual([]);
    expect(codes(lint('control A-1 "t" {\n  severity low\n  for ws in workspaces where count(ws.apps) > 0\n  require all a in ws.apps: a.name is present\n}'))).toEqual([]);
  });
});
