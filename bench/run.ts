/**
 * `npm run bench`: generates the exports, checks that every engine gives the same verdicts on
 * them, then times, in one process and one run, the reference evaluator, the Wasm module
 * through `@open-policy-agent/opa-wasm` (object and ArrayBuffer input to the report
 * entrypoint, ArrayBuffer input to the verdicts entrypoint) and the hand-written TypeScript
 * baseline; compiling the library (warm and cold); and memory over many evaluations (every
 * case on the 5 KB export, the Wasm byte-input case on the 100 KB one); and, when OPA is
 * installed, the same library and exports in OPA (bench/opa.ts: its Go evaluator, its own Wasm,
 * whole processes); and start-up, whole `perimeter` processes against `node -e 0`
 * (bench/startup.ts); and the language server, a one-character edit of the largest policy file
 * to its diagnostics through the protocol (bench/lsp.ts). Prints the Markdown tables; `--write` also puts them into BENCHMARKS.md
 * (between its markers) and bench/results.json. `--smoke` is the seconds-long run CI does.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, platform, release, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { packagePath } from "../src/paths.js";
import { replaceBetweenMarkers } from "../src/util/markers.js";
import { baselineCheck } from "./baseline/index.js";
import { coldCompile, warmCompileCases } from "./compile-cost.js";
import { generateExport, SIZES, type SizeName } from "./generate.js";
import { timeCases, type Case, type TimeOptions } from "./measure.js";
import { memoryRun, type MemoryRun } from "./memory.js";
import { addExport, cleanupOpa, findOpa, floorRun, goBench, opaWasmTiming, processRuns, setupOpa, verifyOpaGo, type GoBench, type OpaResults, type OpaSetup, type ProcessRun } from "./opa.js";
import { CASE, renderMarkdown, type Results, type SizeResults } from "./results.js";
import { startupRun } from "./startup.js";
import { lspRun } from "./lsp.js";
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
  readonly opa: OpaOptions;
  /** Interleaved rounds of the start-up cases (bench/startup.ts); 0 leaves them out. */
  readonly startupRounds: number;
  /** Edits timed through the language server (bench/lsp.ts); 0 leaves it out. */
  readonly lspEdits: number;
  readonly command: string;
  readonly log: (line: string) => void;
}

/** What is measured beside OPA (bench/opa.ts), when it is installed. */
export interface OpaOptions {
  /** The exports OPA's rows are measured on (a subset of `sizes`). */
  readonly sizes: readonly SizeName[];
  /** `opa bench --e2e` (through OPA's server) as well as `opa bench`. */
  readonly server: boolean;
  /** Spawns of each whole-process case (on the 2 MB export, at most 3). */
  readonly processRuns: number;
}

export const FULL: Omit<BenchOptions, "command" | "log"> = {
  time: { timeMs: 3000, warmupMs: 500 },
  sizes: ["5KB", "100KB", "2MB"],
  memoryEvaluations: 1_000_000,
  coldRuns: 5,
  opa: { sizes: ["5KB", "100KB", "2MB"], server: true, processRuns: 9 },
  startupRounds: 15,
  lspEdits: 60,
};

/** Every code path once; beside OPA only on the 5 KB export (`opa bench` alone takes a second). */
export const SMOKE: Omit<BenchOptions, "command" | "log"> = {
  time: { timeMs: 60, warmupMs: 10 },
  sizes: ["5KB", "100KB", "2MB"],
  memoryEvaluations: 2_000,
  coldRuns: 1,
  opa: { sizes: ["5KB"], server: false, processRuns: 1 },
  startupRounds: 1,
  lspEdits: 2,
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

/**
 * Perimeter beside OPA on the exports of `options.opa.sizes`; null (with a notice) without OPA.
 * Each export is checked first: OPA's Go evaluator (through the `check --engine opa` engine)
 * and OPA's Wasm must give the evaluator's Report.
 */
function benchOpa(lib: Library, inputs: ReadonlyMap<SizeName, Input>, options: BenchOptions): { results: OpaResults | null; notice?: string } {
  const sizes = options.opa.sizes.filter((s) => inputs.has(s));
  if (sizes.length === 0) return { results: null, notice: "Not measured beside OPA in this run." };
  const found = findOpa();
  if (found === undefined) {
    const notice = "OPA was not found (PERIMETER_OPA, .tools/bin/opa or `opa` on PATH; `npm run tools` installs it): the rows beside OPA are skipped.";
    options.log(`notice: ${notice}`);
    return { results: null, notice };
  }
  options.log(`beside OPA ${found.version} (${found.path}): opa build -t wasm`);
  let setup: OpaSetup | undefined;
  try {
    setup = setupOpa(lib, found);
    const s = setup;
    const go: GoBench[] = [];
    const wasm: OpaResults["wasm"][number][] = [];
    const processes: ProcessRun[] = [floorRun(options.opa.processRuns)];
    for (const size of sizes) {
      const input = inputs.get(size)!;
      addExport(s, input);
      verifyOpaGo(s, input);
      options.log(`${size}: OPA (opa eval of the emitted Rego) gives the evaluator's Report`);
      go.push(goBench(s, size, false));
      if (options.opa.server) go.push(goBench(s, size, true));
      wasm.push(opaWasmTiming(s, input, options.time));
      for (const g of go.filter((x) => x.size === size)) options.log(`  ${g.name}: mean ${g.meanUs.toFixed(1)} µs over ${g.n}`);
      options.log(`  OPA's Wasm: median ${wasm[wasm.length - 1]!.medianUs.toFixed(1)} µs over ${wasm[wasm.length - 1]!.samples}`);
      processes.push(...processRuns(s, size, size === "2MB" ? Math.min(3, options.opa.processRuns) : options.opa.processRuns));
      for (const p of processes.filter((x) => x.size === size)) options.log(`  ${p.name}: median ${p.medianMs.toFixed(1)} ms over ${p.runs}`);
    }
    return { results: { version: found.version, wasmModuleBytes: s.wasmModule.byteLength, go, wasm, processes } };
  } finally {
    if (setup !== undefined) cleanupOpa(setup);
  }
}

export function runBenchmarks(options: BenchOptions): Results {
  const { log } = options;
  const loadStart = loadavg()[0]!;
  const startup = options.startupRounds > 0 ? startupRun(options.startupRounds, { log }) : undefined;
  const lsp = options.lspEdits > 0 ? lspRun(options.lspEdits, { log }) : undefined;
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
  const opa = benchOpa(lib, inputs, options);
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
      load: { start: loadStart, end: loadavg()[0]! },
    },
    command: options.command,
    sizes,
    compileWarm,
    compileCold,
    moduleBytes: lib.wasm.module.byteLength,
    wasmPagesInitial: lib.wasm.pages,
    memory,
    opa: opa.results,
    ...(opa.notice !== undefined ? { opaNotice: opa.notice } : {}),
    ...(startup !== undefined ? { startup } : {}),
    ...(lsp !== undefined ? { lsp } : {}),
  };
}

const BEGIN = "<!-- bench:begin (generated by `npm run bench -- --write`; edit outside the markers) -->";
const END = "<!-- bench:end -->";

/** Replaces the generated block of BENCHMARKS.md, keeping the hand-written text around it. */
export function writeResults(results: Results, markdown: string): void {
  const path = packagePath("BENCHMARKS.md");
  writeFileSync(path, replaceBetweenMarkers(readFileSync(path, "utf8"), BEGIN, END, markdown, path));
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
      "skip-opa": { type: "boolean", default: false },
      "skip-startup": { type: "boolean", default: false },
      "skip-lsp": { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log("usage: npm run bench -- [--smoke] [--write] [--time MS] [--memory-evaluations N] [--skip-opa] [--skip-startup] [--skip-lsp]");
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
    opa: values["skip-opa"] ? { ...base.opa, sizes: [] } : base.opa,
    startupRounds: values["skip-startup"] ? 0 : base.startupRounds,
    lspEdits: values["skip-lsp"] ? 0 : base.lspEdits,
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
