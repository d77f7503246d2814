/**
 * `npm run bench`: generates the exports, checks that every engine gives the same verdicts on
 * them, then times, in one process and one run, the reference evaluator, the Wasm module
 * through `@open-policy-agent/opa-wasm` (object and ArrayBuffer input to the report
 * entrypoint, ArrayBuffer input to the verdicts entrypoint) and the hand-written TypeScript
 * baseline; compiling the library (warm and cold); and memory over many evaluations (every
 * case on the 5 KB export, the Wasm byte-input case on the 100 KB one). Prints the Markdown
 * tables; `--write` also puts them into BENCHMARKS.md (between its markers) and
 * bench/results.json. `--smoke` is the seconds-long run CI does.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { cpus, platform, release, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { packagePath } from "../src/paths.js";
import { baselineCheck } from "./baseline/index.js";
import { coldCompile, warmCompileCases } from "./compile-cost.js";
import { generateExport, SIZES, type SizeName } from "./generate.js";
import { timeCases, type Case, type TimeOptions } from "./measure.js";
import { memoryRun, type MemoryRun } from "./memory.js";
import { CASE, renderMarkdown, type Results, type SizeResults } from "./results.js";
import { evaluatorReport, instantiate, loadLibrary, NOW, prepareInput, verify, wasmReport, wasmVerdicts, type Input, type Library } from "./setup.js";
import { parseExport } from "../src/export/load.js";
import { evaluate } from "../src/eval/run.js";

export interface BenchOptions {
  readonly time: TimeOptions;
  readonly sizes: readonly SizeName[];
  /**
   * Evaluations of each case's memory run on the smallest export (a tenth of it for the Wasm
   * byte-input run on the 100 KB one).
   */
  readonly memoryEvaluations: number;
  readonly coldRuns: number;
  readonly command: string;
  readonly log: (line: string) => void;
}

export const FULL: Omit<BenchOptions, "command" | "log"> = {
  time: { timeMs: 3000, warmupMs: 500 },
  sizes: ["5KB", "100KB", "2MB"],
  memoryEvaluations: 1_000_000,
  coldRuns: 5,
};

export const SMOKE: Omit<BenchOptions, "command" | "log"> = {
  time: { timeMs: 60, warmupMs: 10 },
  sizes: ["5KB", "100KB", "2MB"],
  memoryEvaluations: 2_000,
  coldRuns: 1,
};

/** The cases that run the Wasm module (their memory runs also watch its pages). */
const WASM_CASES: ReadonlySet<string> = new Set([CASE.wasmObject, CASE.wasmBytes, CASE.wasmVerdicts]);

function evaluationCases(lib: Library, input: Input): Case[] {
  const n = input.text.length;
  return [
    { name: CASE.evaluator, bytes: n, run: () => evaluatorReport(lib, input) },
    {
      name: CASE.evaluatorText,
      bytes: n,
      run: () => {
        const e = parseExport("bench.json", input.text).export!;
        return evaluate(lib.ir, { document: e.document, errors: e.errors }, { now: NOW, params: lib.params });
      },
    },
    { name: CASE.wasmObject, bytes: n, run: () => wasmReport(lib, input.object) },
    { name: CASE.wasmBytes, bytes: n, run: () => wasmReport(lib, input.bytes) },
    { name: CASE.wasmVerdicts, bytes: n, run: () => wasmVerdicts(lib, input.bytes) },
    { name: CASE.baseline, bytes: n, run: () => baselineCheck(input.text) },
  ];
}

export function runBenchmarks(options: BenchOptions): Results {
  const { log } = options;
  const lib = loadLibrary();
  const inputs = new Map<SizeName, Input>();
  const sizes: SizeResults[] = [];
  for (const size of options.sizes) {
    const input = prepareInput(size, generateExport(SIZES[size]));
    inputs.set(size, input);
    const report = verify(lib, input);
    log(`${size}: ${input.text.length} bytes; evaluator, Wasm and hand-written baseline agree on ${report.controls.reduce((n, c) => n + c.results.length, 0)} results`);
    const timings = timeCases(evaluationCases(lib, input), options.time);
    for (const t of timings) log(`  ${t.name}: ${Math.round(t.perSecond)} evals/s, median ${t.medianUs.toFixed(1)} µs`);
    sizes.push({
      size,
      bytes: input.text.length,
      workspaces: (input.object as { workspaces: unknown[] }).workspaces.length,
      subjects: report.controls.reduce((n, c) => n + c.results.length, 0),
      timings,
    });
  }
  log("compiling the library");
  const compileWarm = timeCases(warmCompileCases(), options.time);
  const compileCold = (["rego", "wasm"] as const).map((t) => coldCompile(t, options.coldRuns));
  const memory: MemoryRun[] = [];
  const small = inputs.get("5KB");
  if (small !== undefined) {
    // Every case; each Wasm one on a fresh instance of its own, so that its pages are what
    // this export needs (not what the 2 MB one left).
    for (const [i, c] of evaluationCases(lib, small).entries()) {
      const wasm = WASM_CASES.has(c.name);
      const own = wasm ? { ...lib, policy: instantiate(lib.wasm, lib.params) } : lib;
      const pages = wasm ? (): number => own.policy.mem.buffer.byteLength / 65536 : undefined;
      log(`memory: ${options.memoryEvaluations} evaluations of the 5KB export, ${c.name}`);
      memory.push(memoryRun(`${c.name}, 5KB export`, options.memoryEvaluations, evaluationCases(own, small)[i]!.run, pages));
    }
  }
  const medium = inputs.get("100KB");
  if (medium !== undefined) {
    const evaluations = Math.floor(options.memoryEvaluations / 10);
    log(`memory: ${evaluations} evaluations of the 100KB export (ArrayBuffer input)`);
    const policy = instantiate(lib.wasm, lib.params);
    const pages = (): number => policy.mem.buffer.byteLength / 65536;
    memory.push(memoryRun(`${CASE.wasmBytes}, 100KB export`, evaluations, () => policy.evaluate(medium.bytes), pages));
  }
  const cpu = cpus();
  return {
    machine: {
      date: new Date().toISOString().slice(0, 10),
      node: process.version,
      cpu: cpu[0]?.model.trim() ?? "unknown CPU",
      cores: cpu.length,
      memoryGiB: totalmem() / 2 ** 30,
      os: `${platform()} ${release()}`,
    },
    command: options.command,
    sizes,
    compileWarm,
    compileCold,
    moduleBytes: lib.wasm.module.byteLength,
    wasmPagesInitial: lib.wasm.pages,
    memory,
  };
}

const BEGIN = "<!-- bench:begin (generated by `npm run bench -- --write`; edit outside the markers) -->";
const END = "<!-- bench:end -->";

/** Replaces the generated block of BENCHMARKS.md, keeping the hand-written text around it. */
export function writeResults(results: Results, markdown: string): void {
  const path = packagePath("BENCHMARKS.md");
  const current = readFileSync(path, "utf8");
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${path} has no generated block (${BEGIN} … ${END})`);
  writeFileSync(path, `${current.slice(0, start + BEGIN.length)}\n${markdown}${current.slice(end)}`);
  writeFileSync(packagePath("bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
}

function main(argv: readonly string[]): number {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      smoke: { type: "boolean", default: false },
      write: { type: "boolean", default: false },
      time: { type: "string" },
      "memory-evaluations": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log("usage: npm run bench -- [--smoke] [--write] [--time MS] [--memory-evaluations N]");
    return 0;
  }
  const base = values.smoke ? SMOKE : FULL;
  const count = (flag: string, v: string | undefined, d: number): number => {
    if (v === undefined) return d;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} must be a positive integer, got ${v}`);
    return n;
  };
  const options: BenchOptions = {
    ...base,
    time: { ...base.time, timeMs: count("--time", values.time, base.time.timeMs) },
    memoryEvaluations: count("--memory-evaluations", values["memory-evaluations"], base.memoryEvaluations),
    command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(" ")}` : ""}`,
    log: (line) => console.error(line),
  };
  const results = runBenchmarks(options);
  const markdown = renderMarkdown(results);
  process.stdout.write(markdown);
  if (values.write) writeResults(results, markdown);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
