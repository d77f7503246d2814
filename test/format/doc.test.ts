// The examples of docs/language.md §8 ("Canonical layout") are in the canonical layout.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { packagePath } from "../../src/paths.js";
import { format } from "./helpers.js";

const readme = readFileSync(packagePath("docs", "language.md"), "utf8");
const section = readme.slice(readme.indexOf("## 8. Canonical layout"));
const examples = [...section.matchAll(/```perimeter[^\n]*\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe("the canonical layout section", () => {
  it("has examples", () => expect(examples.length).toBeGreaterThanOrEqual(2));
  it.each(examples)("is formatted: %s", async (example) => {
    expect(await format(example)).toBe(example);
  });
});
