// The playground's modules that run without a browser: the highlighting map from the lexer's
// token types to Lezer tags, the URL-fragment state, and completion from the checker's types.
import { readFileSync } from "node:fs";
import { tags } from "@lezer/highlight";
import { describe, expect, it } from "vitest";
import { completionsAt } from "../../playground/src/complete.js";
import { tagOf } from "../../playground/src/highlight.js";
import { decodeState, encodeState } from "../../playground/src/share.js";
import { libraryOf } from "../../src/program/front-end.js";
import { SourceFile } from "../../src/source/source.js";
import * as T from "../../src/syntax/tokens.js";

describe("highlighting from the token definitions", () => {
  it("gives every token the lexer produces a tag, and none to the categories and whitespace", () => {
    const untagged = T.allTokens.filter((t) => tagOf(t) === undefined).map((t) => t.name);
    expect(untagged.sort()).toEqual(["StringLiteral", "WhiteSpace", "Word"]);
  });
  it("tags keywords, literals and names as the compiler reads them", () => {
    expect(tagOf(T.Control)).toBe(tags.keyword);
    expect(tagOf(T.And)).toBe(tags.operatorKeyword);
    expect(tagOf(T.Allow)).toBe(tags.controlKeyword);
    expect(tagOf(T.IPv4)).toBe(tags.atom);
    expect(tagOf(T.ControlId)).toBe(tags.labelName);
    expect(tagOf(T.StringToken)).toBe(tags.string);
    expect(tagOf(T.Comment)).toBe(tags.lineComment);
    // After `.`, a keyword's spelling is a field name (`policy.egress`).
    expect(tagOf(T.Egress, true)).toBe(tags.propertyName);
    expect(tagOf(T.Identifier, true)).toBe(tags.propertyName);
    expect(tagOf(T.Identifier)).toBe(tags.variableName);
  });
});

describe("state in the URL fragment", () => {
  const bundled = new Map([
    ["policies/a.perimeter", "package a\n"],
    ["policies/b.perimeter", "package b\n"],
  ]);
  it("keeps only what differs from the bundled files, and reads it back", () => {
    const state = { files: [{ path: "policies/a.perimeter", text: "package a\n# edited\n" }, { path: "policies/new.perimeter", text: "package n\n" }], params: { name: "params.yaml", text: "x: 1\n" } };
    const fragment = encodeState(state, bundled);
    expect(fragment).toMatch(/^s=[A-Za-z0-9+\-$]+$/);
    expect(decodeState(fragment, bundled)).toEqual(state);
  });
  it("gives nothing for a fragment it cannot read", () => {
    expect(decodeState("", bundled)).toBeUndefined();
    expect(decodeState("s=%%%not-lz", bundled)).toBeUndefined();
    expect(decodeState("other=1", bundled)).toBeUndefined();
  });
});

describe("completion from the checker's types", () => {
  const lib = libraryOf([new SourceFile("policies/std/databricks.perimeter", readFileSync("policies/std/databricks.perimeter", "utf8"))]);
  const file = "p.perimeter";
  const text = 'package p\n\ncontrol P-001 "t" {\n  severity low\n  for ws in workspaces\n  require ws.ap\n}\n';
  const at = text.indexOf("ws.ap") + "ws.ap".length;
  it("offers the fields of the expression's type after `.`", () => {
    const labels = completionsAt([{ path: file, text }], file, at, lib, () => false).map((c) => c.label);
    expect(labels).toContain("apps");
    expect(labels).toContain("workspace_id");
    expect(labels).not.toContain("control");
  });
  it("offers the export's top-level names and the keywords elsewhere", () => {
    const labels = completionsAt([{ path: file, text }], file, text.indexOf("for ws"), lib, () => false).map((c) => c.label);
    expect(labels).toEqual(expect.arrayContaining(["workspaces", "account", "control", "require", "allow"]));
  });
});
