// DNS name and wildcard pattern validation.
import { describe, expect, it } from "vitest";
import { domainError, normalizeDomain, parseDomain } from "../../src/net/domain.js";

describe("domains", () => {
  it.each(["pypi.org", "files.pythonhosted.org", "*.databricksapps.com", "PyPI.org.", "xn--bcher-kva.example", "a-b.c"])("accepts %s", (d) => {
    expect(domainError(d)).toBeUndefined();
  });
  it.each([
    ["", /empty/],
    ["*", /needs a domain/],
    ["a.*.com", /left-most/],
    ["pypi*.org", /whole label/],
    ["a..b", /empty label/],
    ["-a.com", /hyphen/],
    ["under_score.com", /`_` is not allowed/],
    ["10.0.0.1", /looks like an IP address/],
    [`${"a".repeat(64)}.com`, /longer than 63/],
  ])("rejects %s", (d, why) => {
    expect(domainError(d)).toMatch(why);
  });
  it("normalises case and the trailing dot", () => {
    expect(normalizeDomain("PyPI.Org.")).toBe("pypi.org");
    expect(parseDomain("*.X.com")).toEqual({ labels: ["x", "com"], wildcard: true });
  });
});
