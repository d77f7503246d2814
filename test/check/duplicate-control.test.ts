// duplicate-control (E0501): ids are unique across all files checked together.
import { describe, it } from "vitest";
import { expectClean, expectDiagnostic, lint } from "../helpers/front.js";

const control = (id: string) => `control ${id} "t" {\n  severity low\n  for ws in workspaces\n  require true\n}\n`;

describe("duplicate-control", () => {
  it("accepts distinct ids", () => expectClean(lint(control("A-1") + control("A-2"))));
  it("rejects an id used twice in one file", () => {
    expectDiagnostic(lint(control("A-1") + control("A-1")), { code: "E0501", message: "control id `A-1` is already used", underline: "A-1" });
  });
  it("rejects an id used in two files of different packages", () => {
    const fe = lint(`package one\n${control("A-1")}`, { extra: { "two.perimeter": `package two\n${control("A-1")}` } });
    expectDiagnostic(fe, { code: "E0501", underline: "A-1" });
  });
});
