// redundant-ranges: duplicates and ranges already covered in one list.
import { describe, expect, it } from "vitest";
import { codes, expectDiagnostic, lint } from "../helpers/front.js";

const use = (list: string) => `param r = ${list}\ncontrol A-1 "t" {\n  severity low\n  for ws in workspaces\n  require count(r) > 0\n}\n`;

describe("redundant-ranges", () => {
  it("is quiet for disjoint ranges and different families", () => {
    expect(codes(lint(use("[10.0.0.0/8, 172.16.0.0/12, ::/0, 192.168.0.0/16, 0.0.0.0]")))).toEqual([]);
  });
  it("warns about a duplicate and a covered range", () => {
    expectDiagnostic(lint(use("[10.0.0.0/8, 192.168.0.0/16, 10.0.0.0/8]")), { code: "W0105", underline: "10.0.0.0/8" });
    expectDiagnostic(lint(use("[10.1.0.0/16, 10.0.0.0/8]")), { code: "W0106", message: "`10.1.0.0/16` is already covered by `10.0.0.0/8`", underline: "10.1.0.0/16" });
    expectDiagnostic(lint(use("[2001:db8::/32, 2001:db8:1::1]")), { code: "W0106", underline: "2001:db8:1::1" });
  });
  it("looks at the operands of allow only from", () => {
    const fe = lint('control A-1 "t" {\n  severity low\n  for ws in workspaces\n  ingress ws {\n    allow only from 10.0.0.0/8, 10.2.3.4\n  }\n}');
    expectDiagnostic(fe, { code: "W0106", underline: "10.2.3.4" });
  });
});
