// Property-based: no input, random or mutated, makes the front end throw; every diagnostic
// has a span inside the file, and the checker runs to completion on whatever parses.
import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { renderDiagnostics } from "../../src/diagnostics/render.js";
import { frontEnd } from "../../src/program/load.js";
import { SourceFile } from "../../src/source/source.js";

const corpus = [
  ...readdirSync(join(import.meta.dirname, "..", "golden", "parse")).filter((f) => f.endsWith(".perimeter")).map((f) => join(import.meta.dirname, "..", "golden", "parse", f)),
  join(import.meta.dirname, "..", "fixtures", "std-usage.perimeter"),
  join(import.meta.dirname, "..", "fixtures", "language", "block-1.perimeter"),
].map((p) => readFileSync(p, "utf8"));

const fragments = [
  "control", "A-1", '"t"', "{", "}", "for", "ws", "in", "workspaces", "where", "require", "else", "ingress", "egress",
  "allow", "only", "from", "deny", "must", "storage", "when", "restricted", "enforced", "any", "all", "none", ":", "(",
  ")", "[", "]", ",", ".", "==", "!=", "??", "+", "-", "not", "is", "missing", "10.0.0.0/8", "::1", "2027-01-31", "42",
  '"{x}"', '"\\q"', '"', "#", "\n", "let", "param", "def", "waive", "test", "expect", "given", "import", "package", "first",
];

function wellFormed(text: string, diags: readonly Diagnostic[]): void {
  for (const d of diags) {
    expect(d.span.start).toBeGreaterThanOrEqual(0);
    expect(d.span.end).toBeGreaterThanOrEqual(d.span.start);
    if (d.file === "fuzz.perimeter") expect(d.span.end).toBeLessThanOrEqual(text.length);
    expect(d.message.length).toBeGreaterThan(0);
  }
}

function run(text: string): void {
  const source = new SourceFile("fuzz.perimeter", text);
  const fe = frontEnd([source], { fileExists: () => true });
  wellFormed(text, fe.diagnostics);
  renderDiagnostics(fe.diagnostics, fe.files);
}

describe("front-end robustness", () => {
  it("never throws on arbitrary text", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 400 }), (s) => run(s)), { numRuns: 300 });
  });

  it("never throws on token soup", () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 80 }), (toks) => run(toks.join(" "))), { numRuns: 400 });
  });

  it("never throws on mutations of valid policies", () => {
    const mutation = fc.record({
      file: fc.nat({ max: corpus.length - 1 }),
      edits: fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 12 }), ins: fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 6 })) }), { minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(mutation, ({ file, edits }) => {
        let text = corpus[file]!;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.ins + text.slice(at + e.del);
        }
        run(text);
      }),
      { numRuns: 400 },
    );
  });

  it("handles hostile inputs without throwing", () => {
    const hostile = [
      "",
      "\u0000\u0001\u0002binary",
      "(".repeat(5000),
      "[".repeat(5000),
      `let x = ${"not ".repeat(3000)}true`,
      `let x = ${"any a in b: ".repeat(2000)}true`,
      `let x = ${"a.".repeat(20000)}b`,
      `let x = ${Array.from({ length: 5000 }, (_, i) => `${i}`).join(" + ")}`,
      '"'.repeat(10001),
      "{".repeat(3000) + "}".repeat(3000),
      `let s = "${"{".repeat(300)}"`,
      "\uFEFFlet x = 1",
      "let x = 1\r\nlet y = x\r\n",
    ];
    for (const h of hostile) run(h);
  });
});
