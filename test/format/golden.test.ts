// Golden input/output pairs, one folder per construct (test/format/cases/<name>/), with a
// `.prettierrc.json` beside them for option variants. Each case checks the expected output,
// that formatting the output changes nothing, and that the AST and the comments are kept.
// `npm run test:update` rewrites the outputs (review the diff).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Options } from "prettier";
import { describe, expect, it } from "vitest";
import { packagePath } from "../../src/paths.js";
import { expectGolden } from "../helpers/golden.js";
import { commentsOf, dumpWithoutSpans, format } from "./helpers.js";

const casesDir = packagePath("test", "format", "cases");
const cases = readdirSync(casesDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

function optionsOf(dir: string): Options {
  const rc = join(dir, ".prettierrc.json");
  return existsSync(rc) ? (JSON.parse(readFileSync(rc, "utf8")) as Options) : {};
}

describe("formatter golden cases", () => {
  it("has the cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  describe.each(cases)("%s", (name) => {
    const dir = join(casesDir, name);
    const input = readFileSync(join(dir, "input.perimeter"), "utf8");
    const options = optionsOf(dir);

    it("formats the input as output.perimeter", async () => {
      expectGolden(join(dir, "output.perimeter"), await format(input, options));
    });

    it("is stable: the output formats to itself", async () => {
      const output = readFileSync(join(dir, "output.perimeter"), "utf8");
      expect(await format(output, options)).toBe(output);
    });

    it("keeps the AST and the comments", () => {
      const output = readFileSync(join(dir, "output.perimeter"), "utf8");
      expect(dumpWithoutSpans(output)).toBe(dumpWithoutSpans(input));
      expect(commentsOf(output)).toEqual(commentsOf(input));
    });
  });
});
