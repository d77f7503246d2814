// A short run of every fuzz target (fuzz/targets/) in the test suite: the same mutations and
// oracles as `npm run fuzz` and the soak (FUZZING.md), with a fixed seed so the suite is
// reproducible, and run counts budgeted to about 60 s in all on CI's two cores (counts, not
// timers: a slow machine takes longer, it does not test less). PERIMETER_FUZZ_RUNS sets every
// target's count, PERIMETER_FUZZ_SEED the seed (scripts/ci-guard.sh refuses bad values).
// Each group (`renderers`, fuzz/group.ts: what `all` and the soak run) runs too, on its own
// budget: every member executes every input of it.
import { describe, expect, it } from "vitest";
import { runTarget } from "../../fuzz/driver.js";
import { runGroup } from "../../fuzz/group.js";
import { GROUPS, TARGETS } from "../../fuzz/targets.js";
import { runCount, seedFrom } from "../helpers/env.js";

/** Executions per target: what a few seconds buy on CI (the rates are in FUZZING.md). */
const BUDGET: Readonly<Record<string, number>> = {
  "front-end": 60,
  "export-loader": 300,
  "wasm-json": 150,
  "params-loader": 100,
  "render-text": 60,
  "render-sarif": 50,
  "render-junit": 60,
  "render-github": 80,
  "render-markdown": 20,
  "render-html": 30,
};
/** Inputs per group (each member executes each one). */
const GROUP_BUDGET: Readonly<Record<string, number>> = { renderers: 30 };
const OVERRIDE = runCount("PERIMETER_FUZZ_RUNS", 0);
const SEED = seedFrom("PERIMETER_FUZZ_SEED", 20261207);

describe("fuzz targets (short runs)", () => {
  it("every target and group has a budget", () => {
    expect(TARGETS.map((t) => t.name).sort()).toEqual(Object.keys(BUDGET).sort());
    expect(GROUPS.map((g) => g.name).sort()).toEqual(Object.keys(GROUP_BUDGET).sort());
  });

  for (const target of TARGETS) {
    it(target.name, { timeout: 300_000 }, async () => {
      const runs = OVERRIDE > 0 ? OVERRIDE : BUDGET[target.name]!;
      const stats = await runTarget(target, { runs, seed: SEED, chunk: runs, hangMs: 30_000 });
      expect(stats.failure?.error, `${target.name} (seed ${SEED})`).toBeUndefined();
      expect(stats.executions).toBe(runs);
      // The oracles ran on inputs that got somewhere, not only on inputs every reader refuses.
      expect(stats.coverage).toBeGreaterThan(2);
    });
  }

  for (const group of GROUPS) {
    it(`${group.name} (group)`, { timeout: 300_000 }, async () => {
      const runs = OVERRIDE > 0 ? OVERRIDE : GROUP_BUDGET[group.name]!;
      const stats = await runGroup(group, { runs, seed: SEED, chunk: runs, hangMs: 30_000 });
      expect(stats.map((s) => s.target)).toEqual(group.members.map((m) => m.name));
      for (const s of stats) {
        expect(s.failure?.error, `${s.target} in ${group.name} (seed ${SEED})`).toBeUndefined();
        expect(s.executions).toBe(runs);
        expect(s.coverage).toBeGreaterThan(2);
      }
    });
  }
});
