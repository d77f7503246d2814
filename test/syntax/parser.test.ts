// The parser's own invariants: Chevrotain grammar validation, generated files in sync, recovery.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cstDtsText, diagramsHtml } from "../../grammar/generate.js";
import { packagePath } from "../../src/paths.js";
import { SourceFile } from "../../src/source/source.js";
import { parseExpression, parseSource } from "../../src/syntax/parse.js";
import { readPolicyFiles } from "../../src/program/load.js";
import { tokenize } from "../../src/syntax/parse.js";
import { parserInstance, PerimeterParser } from "../../src/syntax/parser.js";

describe("the parser", () => {
  it("passes Chevrotain's grammar validation (ambiguities, left recursion)", () => {
    // Vitest sets VITEST, which turns validations on; construction throws on a grammar error.
    expect(() => new PerimeterParser()).not.toThrow();
  });

  it("has its generated CST types and railroad diagrams up to date (npm run gen:grammar)", () => {
    expect(readFileSync(packagePath("src", "syntax", "cst.d.ts"), "utf8")).toBe(cstDtsText());
    expect(readFileSync(packagePath("grammar", "diagrams.html"), "utf8")).toBe(diagramsHtml());
  });

  it("writes diagrams that load nothing from the network", () => {
    expect(diagramsHtml()).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
  });

  it("builds the same CST with and without error recovery on text without syntax errors", () => {
    // parse.ts runs the parser without recovery first and again with it only on an error.
    const { sources } = readPolicyFiles([packagePath("policies"), packagePath("test", "golden", "parse")]);
    const clean = sources.filter((s) => parseSource(s).diagnostics.length === 0);
    expect(clean.length).toBeGreaterThan(8);
    for (const s of clean) {
      const [fast, recovering] = [false, true].map((recovery) => {
        const p = parserInstance(recovery);
        p.input = tokenize(s.text);
        return { cst: p.file(), errors: p.errors.length };
      });
      expect(fast, s.path).toEqual(recovering);
    }
  });

  it("reports independent syntax errors in one pass", () => {
    const src = new SourceFile("x.perimeter", 'let a = (1 +\ncontrol A-1 "t" {\n  for ws in\n}\nlet b = [1, 2\nlet c = 3\n');
    const { diagnostics, file } = parseSource(src);
    expect(diagnostics.map((d) => src.position(d.span.start).line)).toEqual([1, 3, 5]);
    expect(file.decls.map((d) => d.kind)).toEqual(["Let", "Control", "Let", "Let"]);
  });

  it("parses an expression with `not in`, `is not missing` and a quantifier operand", () => {
    const { expr, diagnostics } = parseExpression(new SourceFile("e", 'x not in ["a"] and y is not missing and all z in zs: z'));
    expect(diagnostics).toEqual([]);
    expect(expr.kind).toBe("Binary");
  });

  it("places interpolated expressions at their offsets in the file", () => {
    const text = 'control A-1 "t" {\n  for ws in workspaces\n  require true else "id {ws.workspace_id}"\n}';
    const { file } = parseSource(new SourceFile("x", text));
    const control = file.decls[0]!;
    if (control.kind !== "Control") throw new Error("expected a control");
    const req = control.items[1]!;
    if (req.kind !== "Require" || req.message === undefined) throw new Error("expected a require with a message");
    const part = req.message.parts[1]!;
    expect(text.slice(part.span.start, part.span.end)).toBe("ws.workspace_id");
  });
});
