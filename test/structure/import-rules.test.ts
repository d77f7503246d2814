/**
 * The import rules of `.dependency-cruiser.cjs` (nothing imports `src/cli/`, no `eval/` →
 * `check/`, no engine → another engine, nothing the browser playground reaches imports a Node
 * built-in, no cycles), checked with dependency-cruiser over the same folders as
 * `npm run lint:deps`. The violations known when the rules were written are listed in
 * `.dependency-cruiser-known-violations.json`: no violation outside that list may appear, and
 * each listed one must still exist — fixing one means deleting its entry, so the list only shrinks.
 */

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const FOLDERS = ["src", "playground/src", "bench", "fuzz", "grammar"];

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
  readonly cycle?: readonly { readonly name: string }[];
}

/** One line per violation: the rule, the edge and, for a cycle, the modules around it. */
const key = (v: Violation) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle: ${v.cycle.map((c) => c.name).join(" → ")})` : ""}`;

function cruise(): Violation[] {
  const bin = join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");
  // Exit status 0 or the number of errors: the JSON on stdout says which.
  let out: string;
  try {
    out = execFileSync(process.execPath, [bin, ...FOLDERS, "--config", ".dependency-cruiser.cjs", "--output-type", "json"], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
  } catch (e) {
    out = (e as { stdout?: string }).stdout ?? "";
    if (out === "") throw e;
  }
  const result = JSON.parse(out) as { summary: { violations: Violation[]; totalCruised: number } };
  expect(result.summary.totalCruised).toBeGreaterThan(250);
  return result.summary.violations;
}

describe("import rules (dependency-cruiser)", () => {
  it("hold, apart from the known violations, and every known violation still exists", () => {
    const now = new Set(cruise().map(key));
    const known = new Set((JSON.parse(readFileSync(join(ROOT, ".dependency-cruiser-known-violations.json"), "utf8")) as Violation[]).map(key));
    expect([...now].filter((v) => !known.has(v)), "new violations of .dependency-cruiser.cjs").toEqual([]);
    expect([...known].filter((v) => !now.has(v)), "fixed: delete these from .dependency-cruiser-known-violations.json").toEqual([]);
  }, 180_000);
});
