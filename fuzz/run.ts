/**
 * `npm run fuzz -- --target NAME|all [--runs N] [--seed S] [--chunk N] [--findings DIR]`:
 * runs fuzz targets (fuzz/targets/), printing progress per chunk (executions, rate, coverage)
 * and a JSON summary line per target; a finding (the shrunk failing input and its error) is
 * written to `--findings` (default fuzz/findings/) and makes the exit code 1. `--list` names
 * the targets. `--trace FILE` rewrites FILE with each input before it runs (a process that dies
 * leaves its killer there). An execution slower than `--hang-ms` (default 10 s) is a finding.
 * Bad arguments exit 2.
 */

import { packagePath } from "../src/paths.js";
import { runTarget, type RunStats } from "./driver.js";
import { TARGETS, targetNamed } from "./targets.js";

function usage(message: string): never {
  process.stderr.write(`error: ${message}\nusage: npm run fuzz -- --target NAME|all [--runs N] [--seed S] [--chunk N] [--findings DIR] [--trace FILE] [--hang-ms MS] [--list]\ntargets: ${TARGETS.map((t) => t.name).join(", ")}\n`);
  process.exit(2);
}

function integer(name: string, text: string | undefined, min: number): number {
  if (text === undefined || !/^-?\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) usage(`--${name} needs an integer of at least ${min} (got ${JSON.stringify(text ?? "")})`);
  return Number(text);
}

async function main(argv: readonly string[]): Promise<number> {
  let target: string | undefined;
  let runs = 10_000;
  let seed = Date.now() % 2 ** 31;
  let chunk = 1000;
  let findings = packagePath("fuzz", "findings");
  let trace: string | undefined;
  let hangMs = 10_000;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => argv[++i];
    switch (a) {
      case "--target":
        target = value();
        break;
      case "--runs":
        runs = integer("runs", value(), 1);
        break;
      case "--seed":
        seed = integer("seed", value(), -(2 ** 31));
        break;
      case "--chunk":
        chunk = integer("chunk", value(), 1);
        break;
      case "--findings":
        findings = value() ?? usage("--findings needs a directory");
        break;
      case "--hang-ms":
        hangMs = integer("hang-ms", value(), 1);
        break;
      case "--trace":
        trace = value() ?? usage("--trace needs a file");
        break;
      case "--list":
        for (const t of TARGETS) process.stdout.write(`${t.name}\t${t.about}\n`);
        return 0;
      default:
        usage(`unknown argument ${JSON.stringify(a)}`);
    }
  }
  if (target === undefined) usage("--target is required");
  const chosen = target === "all" ? TARGETS : [targetNamed(target) ?? usage(`no target ${JSON.stringify(target)}`)];
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  log(`seed ${seed}, ${runs} runs per target`);
  const stats: RunStats[] = [];
  for (const t of chosen) {
    const s = await runTarget(t as never, { runs, seed, chunk, findings, log, hangMs, ...(trace !== undefined ? { trace: chosen.length > 1 ? `${trace}.${t.name}` : trace } : {}) });
    stats.push(s);
    process.stdout.write(`${JSON.stringify({ summary: true, ...s, execPerSecond: Math.round((s.executions * 1000) / s.ms), seed })}\n`);
  }
  return stats.some((s) => s.failure !== undefined) ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
