// Vitest configuration for mutation testing (stryker.config.mjs, `npm run mutate`): per mutated
// folder (MUTATE_FOLDER, set by scripts/mutate.mjs), the in-process unit tests that exercise it.
// Each mutant runs only the tests that cover it (perTest coverage), but every test below is run
// once with coverage first, and a mutant in code run at import time runs them all: so the lists
// name the tests that exercise the folder, not every test that happens to import it.
// Left out everywhere, because they cannot see a mutant or cost minutes per mutant: tests that
// spawn the bundled CLI (dist/bin is built before the mutants exist: test/cli, test/wasm/cli,
// test/format/*-cli, test/policies, test/collect/proxy), headless Chromium
// (test/report/html-chromium), the OPA server runs (test/opa/*, test/rego/opa, test/rego/emit-golden,
// test/wasm/second-host, test/rego/lib), the 100,000-evaluation memory test (test/wasm/memory),
// the random-export properties of test/wasm (property, numbers, robustness: the fixed
// differential and operator tests compare the Wasm module with the evaluator on every example
// export) and the 50 MB exports of test/export/robustness. A first run with test/rego/lib in the
// src/net set took ~10 s for each surviving mutant (five `opa eval` runs), about 1.5 h for the
// folder. The one `opa eval` kept is the Rego case of test/eval/waiver-last-day (report set).
import { defineConfig } from "vitest/config";

const TESTS: Readonly<Record<string, readonly string[]>> = {
  net: ["test/net/**/*.test.ts", "test/eval/net-property.test.ts", "test/eval/operators.test.ts"],
  eval: [
    "test/eval/**/*.test.ts",
    "test/wasm/differential.test.ts",
    "test/wasm/operators.test.ts",
  ],
  report: ["test/report/**/*.test.ts", "test/eval/waiver-last-day.test.ts", "test/eval/statements.test.ts", "test/eval/malformed.test.ts"],
  export: [
    "test/export/**/*.test.ts",
    "test/eval/exact-integers.test.ts",
    "test/wasm/numbers.test.ts",
    "test/collect/export.test.ts",
    "test/collect/fit.test.ts",
    "test/collect/outbound.test.ts",
  ],
};

const folder = process.env["MUTATE_FOLDER"] ?? "";
// MUTATE_EXCLUDE (comma-separated globs) leaves more tests out for one run, e.g.
// `MUTATE_EXCLUDE='test/collect/**' npm run mutate -- src/export/exact-json.ts`: code every load
// runs would otherwise rerun the collector's end-to-end tests (~40 s) for each mutant. Fewer
// tests can only leave more mutants alive, never kill more; MUTATION.md says which runs used it.
const extraExclude = (process.env["MUTATE_EXCLUDE"] ?? "").split(",").filter((g) => g !== "");
const include = TESTS[folder] ?? Object.values(TESTS).flat();

export default defineConfig({
  test: {
    include: [...new Set(include)],
    exclude: ["test/report/html-chromium.test.ts", "test/export/robustness.test.ts", ...extraExclude],
    testTimeout: 60_000,
  },
});
