// identifiers: declared names are lower snake case; def parameters are distinct.
import { describe, it } from "vitest";
import { expectClean, expectDiagnostic, lint } from "../helpers/front.js";

describe("identifiers", () => {
  it("accepts snake case everywhere a name is declared", () => {
    expectClean(lint("def f(a_1, _b) = [x for x in [a_1, _b] where any y in [x]: y == first z in [x] where z == x]\nlet v = f(1, 2)"), true);
  });
  it("rejects other spellings with a fix-it", () => {
    expectDiagnostic(lint("let MaxLists = 1\nlet v = MaxLists"), { code: "E0207", underline: "MaxLists", help: "did you mean `max_lists`?" });
    expectDiagnostic(lint("let v = [X for X in [1]]"), { code: "E0207", underline: "X" });
  });
  it("rejects a def parameter given twice", () => {
    expectDiagnostic(lint("def f(a, a) = a\nlet v = f(1, 2)"), { code: "E0202", message: "parameter `a` is declared twice" });
  });
});
