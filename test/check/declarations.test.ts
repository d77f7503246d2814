// Checks are declared once: each check's `codes` are exactly the codes its file (and the
// helpers of checks/ it calls) reports; a check that reports one code is named after it; its
// file and its test are named after its id; and every code is reported by a check, the parser,
// the checker's core or the loader — none is declared and never used.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHECKS } from "../../src/check/index.js";
import { categoryOf, CODES, type Code } from "../../src/diagnostics/codes.js";

const ROOT = join(import.meta.dirname, "../..");
const CHECKS_DIR = join(ROOT, "src/check/checks");
const codesIn = (text: string) => new Set(text.match(/"[EW]0\d{3}"/g)?.map((c) => c.slice(1, -1)) ?? []);

/** The codes a check's file reports, with those of the sibling helpers (not checks) it imports. */
function reported(id: string): string[] {
  const text = readFileSync(join(CHECKS_DIR, `${id}.ts`), "utf8");
  const codes = codesIn(text);
  for (const [, helper] of text.matchAll(/from "\.\/([a-z-]+)\.js"/g)) {
    if (helper === "check" || CHECKS.some((c) => c.id === helper)) continue;
    for (const c of codesIn(readFileSync(join(CHECKS_DIR, `${helper}.ts`), "utf8"))) codes.add(c);
  }
  return [...codes].sort();
}

describe("check declarations", () => {
  it("list exactly the codes each check reports", () => {
    for (const check of CHECKS) expect([...check.codes].sort(), check.id).toEqual(reported(check.id));
  });

  it("name a single-code check after its code, and its file and test after its id", () => {
    const files = readdirSync(CHECKS_DIR).map((f) => f.replace(/\.ts$/, ""));
    for (const check of CHECKS) {
      if (check.codes.length === 1) expect(check.id).toBe(CODES[check.codes[0]!].name);
      expect(files).toContain(check.id);
      expect(readdirSync(join(ROOT, "test/check"))).toContain(`${check.id}.test.ts`);
    }
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
  });

  it("leave no code unreported: every code appears where diagnostics are made", () => {
    const sources = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(`${dir}/${e.name}`) : e.name.endsWith(".ts") && e.name !== "codes.ts" ? [`${dir}/${e.name}`] : []));
    const used = new Set<string>();
    for (const file of sources("src")) for (const c of codesIn(readFileSync(join(ROOT, file), "utf8"))) used.add(c);
    expect(Object.keys(CODES).filter((c) => !used.has(c))).toEqual([]);
  });

  it("give each code a category from its group digits", () => {
    const categories = Object.keys(CODES).map((c) => `${c.slice(0, 3)} ${categoryOf(c as Code)}`);
    expect([...new Set(categories)]).toEqual(["E01 syntax", "E02 names", "E03 types", "E04 literals", "E05 controls", "E06 loading", "W01 lint"]);
  });
});
