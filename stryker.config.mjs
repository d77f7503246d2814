// StrykerJS configuration: mutation testing of the tests (issue 22). `npm run mutate` runs every
// folder below in turn, `npm run mutate -- net` one of them, `npm run mutate -- src/eval/run.ts` one
// file (scripts/mutate.mjs passes --mutate, a per-target incremental file in stryker/ and a
// per-target sandbox, so a later run resumes and only retests what changed). Not part of
// `npm test` or CI: a full run takes hours on two cores. Results are recorded in MUTATION.md.
import { existsSync } from "node:fs";
import { resolve } from "node:path";

// The sandbox (.stryker-tmp) leaves .tools out (hundreds of MB of binaries): the tests that run OPA
// or the second Wasm host find them by absolute path instead, through the variables they honour.
for (const [name, env] of [["opa", "PERIMETER_OPA"], ["regal", "PERIMETER_REGAL"], ["opa-wasm-host", "PERIMETER_OPA_WASM_HOST"]]) {
  const path = resolve(".tools/bin", name);
  if (process.env[env] === undefined && existsSync(path)) process.env[env] = path;
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: "npm",
  testRunner: "vitest",
  vitest: { configFile: "vitest.stryker.config.ts", related: false },
  // Mutants in code that runs at import time (or while a test file collects its cases) would each
  // rerun the whole folder's tests: too slow on two cores. They are reported as Ignored, counted
  // in MUTATION.md, and run separately with `npm run mutate -- FOLDER --ignoreStatic false`.
  ignoreStatic: true,
  plugins: ["@stryker-mutator/vitest-runner"],
  mutate: ["src/net/**/*.ts", "src/eval/**/*.ts", "src/report/**/*.ts", "src/export/**/*.ts"],
  coverageAnalysis: "perTest",
  // Two shared cores: one test process at a time keeps the machine usable for everyone else.
  concurrency: 1,
  incremental: true,
  incrementalFile: "stryker/incremental.json",
  // A mutant that makes a loop endless is a timeout (counted as detected) after this long past the
  // dry run's time for the same tests. On a machine at load 30 a slow but finite run can reach it
  // too: MUTATION.md says which timeouts were that.
  timeoutMS: 10_000,
  timeoutFactor: 2,
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: `reports/mutation/${process.env["MUTATE_NAME"] ?? "all"}.json` },
  tempDirName: ".stryker-tmp",
  ignorePatterns: ["reports", "stryker", "bench", "fuzz", ".tools", ".stryker-tmp*"],
  cleanTempDir: "always",
};
