/**
 * `perimeter test [PATH...]`: runs every `test` block of the policies on every available
 * engine and prints, for each failed expectation, what was expected, what was found and the
 * conditions that decided it; then the coverage of the conditions (every requirement and
 * `where` conjunct seen both true and false by the test exports) with the uncovered ones.
 * Exit 0 when every expectation holds (and coverage reaches `--coverage-threshold`), 1 when
 * one does not, 2 when the policies or a test's export cannot be loaded.
 */

import { formatProblems } from "../api/problems.js";
import { testPolicies } from "../api/test.js";
import type { TestResult } from "../engine/tests.js";
import { isCovered, type ConditionCoverage, type Coverage } from "../eval/coverage.js";
import type { SourceFile } from "../source/source.js";
import { parseNow } from "./args.js";
import { EXIT, UsageError, type ExitCode } from "./errors.js";
import type { Output } from "./io.js";
import { CONFIG_OPTIONS, policiesFromConfig } from "./config.js";
import { parseCommand } from "./options.js";
import { writeOutput } from "./output.js";
import { InputError } from "./errors.js";

export const testUsage = `usage: perimeter test [POLICY|DIR...] [options]

Runs the \`test\` blocks of the policies (default: ./policies) on every engine (the
reference evaluator and the Wasm module), then
reports which conditions (requirements and \`where\` conjuncts) the test exports made
both true and false.

options:
      --now DATE                 evaluation date for waivers (default: today, UTC)
      --params FILE              site parameters (YAML or JSON)
      --coverage-threshold N     exit 1 when less than N percent of the conditions are covered
  -o, --output FILE              write the results to FILE instead of stdout
  -q, --quiet                    list only the test runs that fail (then the coverage and
                                 the summary)
      --config FILE, --no-config the configuration file whose policies and params apply
                                 when none are given (default: perimeter.yaml, found upward)

exit status: 0 all expectations hold (and coverage reaches the threshold), 1 one does not
(or coverage is below it), 2 bad policies or test exports`;

/** Every test run (with `quiet`, only those that failed or could not load their export). */
export function renderTestResults(results: readonly TestResult[], color: boolean, quiet = false): { text: string; failed: number; errors: number } {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  let failed = 0;
  let errors = 0;
  for (const r of results) {
    const where = `${r.test.origin.file}:${r.test.origin.line}`;
    const bad = r.expectations.filter((e) => !e.ok);
    if (r.error) {
      errors++;
      lines.push(`${paint("31", "✗")} ${r.test.name} ${paint("2", `[${r.engine}] ${where}`)}`, ...r.error.map((e) => `    cannot load the export: ${e}`));
      continue;
    }
    if (bad.length === 0) {
      if (!quiet) lines.push(`${paint("32", "✓")} ${r.test.name} ${paint("2", `[${r.engine}] ${where}`)}`);
      continue;
    }
    failed++;
    lines.push(`${paint("31", "✗")} ${r.test.name} ${paint("2", `[${r.engine}] ${where}`)}`);
    for (const e of bad) {
      const x = e.expect;
      lines.push(`    expect ${x.control} ${x.status}${x.key !== undefined ? ` for ${x.key}` : ""} ${paint("2", `(line ${x.origin.line})`)}: got ${paint("31", e.actual)}`);
      for (const d of e.deciding.slice(0, 10)) {
        lines.push(`      ${d.subject.label}${d.subject.label !== d.subject.key ? ` (${d.subject.key})` : ""}: ${d.status}`);
        for (const f of d.failures) lines.push(`        requirement ${f.requirement} (${f.statement}): ${f.message}`);
        for (const u of d.unknown) lines.push(`        ${u.requirement === 0 ? u.statement : `requirement ${u.requirement}`}: not collected: ${u.slots.join(", ")}`);
      }
    }
  }
  return { text: lines.join("\n"), failed, errors };
}

/** `12.5%`: one decimal, rounded down (so 99.96% never shows as 100.0%). */
export function percent(covered: number, total: number): string {
  return total === 0 ? "100%" : `${(Math.floor((covered * 1000) / total) / 10).toFixed(1)}%`;
}

function conditionText(c: ConditionCoverage, files: ReadonlyMap<string, SourceFile>): string {
  const f = files.get(c.origin.file);
  const src = f ? f.text.slice(c.origin.span.start, c.origin.span.end).replace(/\s+/g, " ").trim() : "";
  const what = c.statement === "require" || c.statement === "where" ? src || c.statement : c.statement;
  const short = what.length > 72 ? `${what.slice(0, 71)}…` : what;
  return `${c.control} ${c.kind === "where" ? `where #${c.index}` : `requirement ${c.index}`} \`${short}\``;
}

function missing(c: ConditionCoverage): string {
  const s = c.seen;
  if (s.true + s.false === 0) return s.undecided > 0 ? `never decided (only on uncollected data, ${s.undecided}×)` : "never evaluated";
  return s.true === 0 ? "never true" : "never false";
}

/** The coverage block: a summary line and every uncovered condition with what it lacks. */
export function renderCoverage(cov: Coverage, files: ReadonlyMap<string, SourceFile>, color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  if (cov.total === 0) return "coverage: the policies have no conditions to cover";
  const lines = [`coverage: ${cov.covered} of ${cov.total} conditions (${percent(cov.covered, cov.total)}) seen both true and false in ${cov.exports} test export${cov.exports === 1 ? "" : "s"}`];
  const uncovered = cov.conditions.filter((c) => !isCovered(c));
  if (uncovered.length > 0) lines.push("uncovered:");
  for (const c of uncovered) lines.push(`  ${conditionText(c, files)} ${paint("2", `(${c.origin.file}:${c.origin.line})`)}: ${paint("33", missing(c))}`);
  return lines.join("\n");
}

function parseThreshold(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/%$/, ""));
  if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`--coverage-threshold expects a percentage from 0 to 100, got \`${value}\``);
  return n;
}

export async function testCommand(argv: readonly string[], io: Output): Promise<ExitCode> {
  const { values, positionals } = parseCommand(argv, {
    now: { type: "string" },
    params: { type: "string" },
    "coverage-threshold": { type: "string" },
    output: { type: "string", short: "o" },
    quiet: { type: "boolean", short: "q" },
    ...CONFIG_OPTIONS,
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.out(testUsage);
    return EXIT.ok;
  }
  const now = parseNow(values.now);
  const threshold = parseThreshold(values["coverage-threshold"]);
  try {
    const configured = await policiesFromConfig(positionals, values, io, ["policies"]);
    const params = values.params ?? configured.params;
    const run = await testPolicies({ policies: configured.paths, now, ...(params !== undefined ? { params } : {}) });
    if (!run.ok) {
      io.err(formatProblems(run.problems, io.colorErr));
      return EXIT.usage;
    }
    const { results, coverage, files, program: ir } = run;
    if (results.length === 0) {
      writeOutput(values.output, "no test blocks found", io);
      return threshold !== undefined && threshold > 0 && ir.controls.length > 0 ? EXIT.failed : EXIT.ok;
    }
    const color = values.output === undefined && io.colorOut;
    const r = renderTestResults(results, color, values.quiet === true);
    const passed = results.length - r.failed - r.errors;
    const below = threshold !== undefined && coverage.covered * 100 < threshold * coverage.total;
    const verdict = threshold === undefined ? "" : `\n${below ? "coverage is below" : "coverage meets"} the threshold of ${threshold}%`;
    writeOutput(values.output, `${r.text ? `${r.text}\n\n` : ""}${renderCoverage(coverage, files, color)}${verdict}\n\n${results.length} test run${results.length === 1 ? "" : "s"}: ${passed} passed, ${r.failed} failed${r.errors ? `, ${r.errors} could not load their export` : ""}`, io);
    return r.errors > 0 ? EXIT.usage : r.failed > 0 || below ? EXIT.failed : EXIT.ok;
  } catch (e) {
    if (e instanceof InputError) return EXIT.usage;
    throw e;
  }
}
