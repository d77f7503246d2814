// value-type (E0311) of params: defaults are literal values.
import { describe, it } from "vitest";
import { expectClean, expectDiagnostic, lint } from "../helpers/front.js";

describe("value-type", () => {
  it("accepts literals and lists of literals", () => {
    expectClean(lint('param a = [10.0.0.0/8, "x", 1, true, 2027-01-01, []]\nlet b = a'), true);
  });
  it("rejects computed defaults", () => {
    expectDiagnostic(lint("param a = count([1])\nlet b = a"), { code: "E0311", underline: "count([1])" });
    expectDiagnostic(lint("let c = 1\nparam a = [c]\nlet b = a"), { code: "E0311", underline: "c" });
  });
});
