/**
 * `testPolicies`: run the `test` blocks of policies on every engine `perimeter test` runs (the
 * reference evaluator and the Wasm engine) and measure the coverage of their conditions on the
 * test exports. Nothing is printed; bad policies or params are returned as problems (an export
 * a test cannot load is a result with `error`).
 */

import type { Engine } from "../engine/engine.js";
import { loadEngine } from "../engine/registry.js";
import { runTests, type FixtureCache, type TestResult } from "../engine/tests.js";
import { measureCoverage, type Coverage } from "../eval/coverage.js";
import type { IrProgram } from "../ir/ir.js";
import type { SourceFile } from "../source/source.js";
import type { Invalid } from "./problems.js";
import { compilePolicies } from "./policies.js";
import { resolveParams } from "./steps.js";
import { todayUtc } from "../util/date.js";

export type { TestResult } from "../engine/tests.js";
export type { Coverage } from "../eval/coverage.js";

export interface TestOptions {
  /** Policy files and folders. */
  readonly policies: readonly string[];
  /** The evaluation date, YYYY-MM-DD (default: today, UTC). */
  readonly now?: string;
  /** A params file (YAML or JSON). */
  readonly params?: string;
}

export interface TestRun {
  readonly ok: true;
  readonly program: IrProgram;
  /** The policy files, for showing the conditions' text. */
  readonly files: ReadonlyMap<string, SourceFile>;
  /** Each test on each engine (by label: `evaluator`, `wasm`). */
  readonly results: readonly TestResult[];
  /** Which conditions the test exports made both true and false. */
  readonly coverage: Coverage;
}

/** The engines every test runs on, by the label its results show. */
export async function testEngines(): Promise<Record<string, Engine>> {
  return { evaluator: await loadEngine("js"), wasm: await loadEngine("wasm") };
}

export async function testPolicies(options: TestOptions): Promise<TestRun | Invalid> {
  const now = options.now ?? todayUtc();
  const compiled = compilePolicies(options.policies, { now });
  if (!compiled.ok) return compiled;
  const { ir, front } = compiled;
  const params = await resolveParams(ir, options.params);
  if (!params.ok) return params;
  const fixtures: FixtureCache = new Map();
  const results = runTests(ir, await testEngines(), { now, params: params.values }, undefined, fixtures);
  const loaded = [...fixtures.values()].flatMap((x) => (x.export === undefined ? [] : [x.export]));
  const coverage = measureCoverage(ir, loaded, { now, params: params.values });
  return { ok: true, program: ir, files: front.files, results, coverage };
}
