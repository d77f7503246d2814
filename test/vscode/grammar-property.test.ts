// Property: on random sequences of Perimeter tokens (any order, with or without spaces and
// line breaks between them, so tokens also touch: `2in`, `x::1`, `ws.for`), VS Code's
// TextMate engine running the generated grammar gives every token the scope and extent that
// src/syntax/highlight.ts gives the lexer's token. The library tests cover real policies;
// this covers the orders and adjacencies they do not.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { highlightText } from "../../src/syntax/highlight.js";
import { hardKeywords, softKeywords } from "../../src/syntax/tokens.js";
import { runCount } from "../helpers/env.js";
import { tokenize, type LineToken } from "../helpers/textmate.js";

/** PERIMETER_GRAMMAR_RUNS=20000 for a longer search. */
const RUNS = runCount("PERIMETER_GRAMMAR_RUNS", 1000);

const word = (type: { LABEL?: string }) => String(type.LABEL).slice(1, -1);

const piece = fc.oneof(
  fc.constantFrom(...hardKeywords.map(word), ...softKeywords.map(word)),
  fc.constantFrom("ws", "x_1", "Name", "_", "count", "lower", "startswith", "uses_python", "forwarding_rules", "in_", "allowed"),
  fc.constantFrom("APPS-ING-001", "NS-5", "A-B", "42", "1.5", "0", "2027-01-31", "2027-1-3", "3141592653589793"),
  fc.constantFrom("10.0.0.0/8", "203.0.113.7", "1.2.3", "10.0.0.1/", "2001:db8::/32", "::1", "::ffff:10.0.0.1", "1:2:3:4:5:6:7:8", "fe80::", "a::b"),
  fc.constantFrom('"text"', '""', '"a {x} b"', '"{lower(x ?? "none")}"', '"\\{esc\\} \\"q\\""', '"{a}{b}"', '"{f("{")}"'),
  fc.constantFrom("??", "==", "!=", "<=", ">=", "<", ">", "=", "+", "-", "(", ")", "[", "]", "{", "}", ",", ":", "."),
  fc.constantFrom("# comment\n", "#\n", '"unterminated\n'),
  // Statement blocks, opened, closed and abandoned in any order.
  fc.constantFrom("ingress", "egress", "{", "}", "allow", "only", "when", ".egress"),
);
const separator = fc.constantFrom("", " ", " ", "  ", "\n", "\t");

const text = fc
  .array(fc.tuple(piece, separator), { minLength: 1, maxLength: 40 })
  .map((parts) => parts.map(([p, s]) => p + s).join(""));

/** The TextMate token holding each offset of the text. */
function byOffset(source: string, tokens: readonly LineToken[]): (LineToken & { col: number })[] {
  const lines = source.split("\n");
  const out: (LineToken & { col: number })[] = [];
  let base = 0;
  lines.forEach((line, n) => {
    for (let col = 0; col <= line.length; col++) {
      const tok = tokens.find((t) => t.line === n && t.start <= col && col < t.end);
      out[base + col] = tok === undefined ? (undefined as never) : { ...tok, col };
    }
    base += line.length + 1;
  });
  return out;
}

describe("the VS Code grammar on random token sequences", () => {
  it("scopes every token as highlight.ts does", async () => {
    await fc.assert(
      fc.asyncProperty(text, async (source) => {
        const at = byOffset(source, await tokenize(source));
        for (const h of highlightText(source)) {
          const where = `${JSON.stringify(source)} at ${h.start} (${JSON.stringify(source.slice(h.start, h.end))})`;
          const first = at[h.start];
          const last = at[h.end - 1];
          expect(first?.scopes, where).toContain(h.scope);
          expect(first!.start, where).toBe(first!.col);
          expect(last!.end, where).toBe(last!.col + 1);
        }
      }),
      { numRuns: RUNS },
    );
  }, 60_000 + RUNS * 20);
});
