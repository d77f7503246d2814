/**
 * `perimeter test [PATH...]`: runs every `test` block of the policies on every available
 * engine and prints, for each failed expectation, what was expected, what was found and the
 * conditions that decided it. Exit 0 when every expectation holds, 1 when one does not, 2
 * when the policies or a test's export cannot be loaded.
 */

import { parseArgs } from "node:util";
import type { ParamValues } from "../eval/interp.js";
import { runTests, type Engine, type TestResult } from "../eval/tests.js";
import type { IrProgram } from "../ir/ir.js";
import { parseCommandArgs, parseNow } from "./args.js";
import { reportFor } from "./check.js";
import { EXIT, type ExitCode } from "./errors.js";
import type { Output } from "./io.js";
import { compilePolicies, InputError, resolveParams } from "./policy.js";

export const testUsage = `usage: perimeter test [POLICY|DIR...] [options]

Runs the \`test\` blocks of the policies (default: ./policies) on every engine.

options:
      --now DATE       evaluation date for waivers (default: today, UTC)
      --params FILE    site parameters (YAML or JSON)

exit status: 0 all expectations hold, 1 one does not, 2 bad policies or test exports`;

export function engines(now: string, params: ParamValues): Record<string, Engine> {
  return { evaluator: (ir: IrProgram, exp) => reportFor(ir, exp, now, params) };
}

export function renderTestResults(results: readonly TestResult[], color: boolean): { text: string; failed: number; errors: number } {
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
      lines.push(`${paint("32", "✓")} ${r.test.name} ${paint("2", `[${r.engine}] ${where}`)}`);
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

export function testCommand(argv: readonly string[], io: Output): ExitCode {
  const { values, positionals } = parseCommandArgs(() =>
    parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { now: { type: "string" }, params: { type: "string" }, help: { type: "boolean", short: "h" } },
    }),
  );
  if (values.help) {
    io.out(testUsage);
    return EXIT.ok;
  }
  const now = parseNow(values.now);
  try {
    const { ir } = compilePolicies(positionals.length > 0 ? positionals : ["policies"], io, now);
    const params = resolveParams(ir, values.params, io);
    const results = runTests(ir, engines(now, params));
    if (results.length === 0) {
      io.out("no test blocks found");
      return EXIT.ok;
    }
    const r = renderTestResults(results, io.colorOut);
    const passed = results.length - r.failed - r.errors;
    io.out(`${r.text}\n\n${results.length} test run${results.length === 1 ? "" : "s"}: ${passed} passed, ${r.failed} failed${r.errors ? `, ${r.errors} could not load their export` : ""}`);
    return r.errors > 0 ? EXIT.usage : r.failed > 0 ? EXIT.failed : EXIT.ok;
  } catch (e) {
    if (e instanceof InputError) return EXIT.usage;
    throw e;
  }
}
