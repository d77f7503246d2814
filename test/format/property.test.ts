// Property: for random valid files (random layout, comments between any two tokens, random
// print widths), formatting is idempotent and keeps the AST and the comments.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomFile } from "./arbitrary.js";
import { commentsOf, dumpWithoutSpans, formatTwice, hasSyntaxErrors } from "./helpers.js";
import { runCount } from "../helpers/env.js";

describe("formatting random programs", () => {
  it("generates valid programs", () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const { text } = randomFile(g);
        expect(hasSyntaxErrors(text), text).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("is idempotent and preserves the AST and the comments", async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const { text, printWidth } = randomFile(g);
        const { once, twice } = await formatTwice(text, { printWidth });
        const context = `print width ${printWidth}, input:\n${text}\nformatted:\n${once}`;
        expect(twice, context).toBe(once);
        expect(dumpWithoutSpans(once), context).toBe(dumpWithoutSpans(text));
        expect(commentsOf(once), context).toEqual(commentsOf(text));
      }),
      { numRuns: runCount("FORMAT_RUNS", 400) },
    );
  });
});
