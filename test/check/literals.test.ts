// literals: addresses, CIDRs, dates and integers are validated wherever they appear.
import { describe, expect, it } from "vitest";
import { codes, expectClean, expectDiagnostic, lint } from "../helpers/front.js";

const use = (lit: string) => `param v = ${lit}\ncontrol A-1 "t" {\n  severity low\n  for ws in workspaces\n  require count([v]) > 0\n}\n`;

describe("literals", () => {
  it.each(["0.0.0.0/0", "255.255.255.255", "10.0.0.0/8", "203.0.113.7/32", "::/0", "::1", "2001:db8::/32", "fe80::1", "::ffff:10.0.0.1", "1:2:3:4:5:6:7:8", "2001:DB8::/128"])("accepts %s", (lit) => {
    expectClean(lint(use(lit)));
  });
  it.each([
    ["10.0.0.300/8", "E0401"],
    ["01.2.3.4", "E0401"],
    ["1.2.3.4.5", "E0401"],
    ["10.0.0.0/33", "E0402"],
    ["10.0.0.0/", "E0402"],
    ["::/129", "E0402"],
    ["10.0.0.1/8", "E0403"],
    ["fe80::1/10", "E0403"],
    ["1:2:3:4:5:6:7:8:9", "E0404"],
    ["::g1", "E0104"],
  ])("rejects %s with %s", (lit, code) => {
    expect(codes(lint(use(lit)))).toContain(code);
  });
  it("offers the network address as a fix for host bits", () => {
    const d = expectDiagnostic(lint(use("192.168.1.77/24")), { code: "E0403", underline: "192.168.1.77/24" });
    expect(d.fix?.replacement).toBe("192.168.1.0/24");
  });
  it("checks dates, leap years included", () => {
    expectClean(lint(use("2028-02-29")));
    expectDiagnostic(lint(use("2027-02-29")), { code: "E0406", underline: "2027-02-29" });
  });
  it("accepts large subject keys but not large numbers in expressions", () => {
    expectClean(lint('control A-1 "t" {\n  severity low\n  for ws in workspaces\n  require true\n}\nwaive A-1 for 99999999999999999999 until 2027-01-01 reason "r"'));
    expectDiagnostic(lint(use("99999999999999999999")), { code: "E0407" });
  });
});
