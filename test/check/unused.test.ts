// unused: lets, params and imports nobody reads.
import { describe, expect, it } from "vitest";
import { codes, expectDiagnostic, lint } from "../helpers/front.js";

describe("unused", () => {
  it("is quiet when everything is read (across files of the program too)", () => {
    expect(codes(lint("package a\nlet x = 1\nparam p = 2", { extra: { "b.perimeter": "package b\nimport a\nlet y = x + p\nlet z = y" } }))).toEqual(["W0101"]);
  });
  it("warns about an unused let, param, control let and import", () => {
    expectDiagnostic(lint("let x = 1"), { code: "W0101", underline: "x" });
    expectDiagnostic(lint("param p = 1"), { code: "W0102", underline: "p" });
    expectDiagnostic(lint("import std.databricks"), { code: "W0109", underline: "import std.databricks" });
    expectDiagnostic(lint('control A-1 "t" {\n  severity low\n  for ws in workspaces\n  let n = 1\n  require true\n}'), { code: "W0101", underline: "n" });
  });
});
