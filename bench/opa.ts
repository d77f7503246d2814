/**
 * Perimeter beside OPA: the same policy library, compiled to Rego by Perimeter, and the same
 * generated exports, evaluated by the real OPA (PERIMETER_OPA, else `.tools/bin/opa` as
 * `npm run tools` installs it, else `opa` on PATH; without one these rows are skipped with a
 * notice). Four measurements, each checked against the reference evaluator's Report first:
 *
 * - OPA's Go evaluator in process: `opa bench` (Go's testing.Benchmark over a prepared query;
 *   the export is parsed into OPA's AST once before timing and the Report is not serialised),
 *   and through OPA's server: `opa bench --e2e` (an in-process server on localhost; each
 *   request sends the export as JSON and reads the Report back as JSON). Both give the mean
 *   over N evaluations (N chosen by Go for about a second).
 * - OPA's own Wasm compilation of the emitted Rego (`opa build -t wasm -e databricks/apps/report`),
 *   loaded through the same npm SDK as Perimeter's module, the export's bytes as input, timed
 *   like the other cases (tinybench median); an evaluation longer than the time budget is
 *   timed once (the checking evaluation).
 * - Whole processes, wall clock, median of N spawns: `opa eval` of the Rego on the export file
 *   beside `perimeter check` with each engine, and `node -e 0` as the floor.
 *
 * The OPA engine of `check` itself (src/backends/opa/engine.ts) gives the Report that is
 * compared with the evaluator's for OPA's Go evaluator.
 */

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { gunzipSync } from "node:zlib";
import { composed } from "../src/engine/compose.js";
import { opaEngine } from "../src/engine/opa.js";
import { emitRego } from "../src/backends/rego/emit.js";
import { perimeterData } from "../src/backends/data.js";
import { loadPolicySync, type LoadedPolicy } from "../src/backends/wasm/sdk.js";
import { packagePath } from "../src/paths.js";
import { timeCases, type Timing, type TimeOptions } from "./measure.js";
import { evaluatorReport, NOW, type Input, type Library } from "./setup.js";

/** The entrypoint (and query) of the library's one package with controls. */
export const ENTRYPOINT = "databricks/apps/report";
const QUERY = `data.${ENTRYPOINT.split("/").join(".")}`;

/** OPA's case names, shared with the tables. */
export const OPA_CASE = {
  go: "OPA Go evaluator in process (`opa bench`: prepared query, export parsed before timing, Report not serialised)",
  goServer: "OPA Go evaluator through its server (`opa bench --e2e`: export and Report as JSON over HTTP on localhost)",
  wasm: "OPA's Wasm (`opa build -t wasm`) via opa-wasm (ArrayBuffer)",
} as const;

/** Whole-process case names. */
export const PROCESS = {
  floor: "`node -e 0` (floor)",
  wasm: "`perimeter check policies --input EXPORT --format json` (Wasm engine, the default)",
  js: "`perimeter check … --engine js`",
  opa: "`perimeter check … --engine opa` (compile to Rego, one `opa eval`)",
  opaEval: "`opa eval --data REGO_DIR --input EXPORT 'data.databricks.apps.report'`",
} as const;

/** One `opa bench` result: the mean over N evaluations. */
export interface GoBench {
  readonly name: string;
  readonly size: string;
  readonly n: number;
  readonly meanUs: number;
  readonly bytesPerOp: number;
  readonly allocsPerOp: number;
}

/** Wall-clock times of one command over several spawns. */
export interface ProcessRun {
  readonly name: string;
  /** The export's size name; null for the floor (no export). */
  readonly size: string | null;
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
}

export interface OpaResults {
  readonly version: string;
  readonly wasmModuleBytes: number;
  readonly go: readonly GoBench[];
  /** OPA's Wasm per size (tinybench, or one evaluation when longer than the budget). */
  readonly wasm: readonly (Timing & { readonly size: string })[];
  readonly processes: readonly ProcessRun[];
}

/** The OPA binary and its version, or undefined when there is none. */
export function findOpa(): { path: string; version: string } | undefined {
  const candidates = [process.env["PERIMETER_OPA"], packagePath(".tools", "bin", "opa"), "opa"].filter((p): p is string => p !== undefined);
  for (const path of candidates) {
    if (path !== "opa" && !existsSync(path)) continue;
    const r = spawnSync(path, ["version"], { encoding: "utf8" });
    if (r.status === 0) return { path, version: /^Version: (.*)$/m.exec(r.stdout)?.[1] ?? "unknown" };
  }
  return undefined;
}

/** The file `name` of a gzipped tar (as `opa build` writes bundles: ustar, names from `/`). */
export function fileOfTarGz(archive: Uint8Array, name: string): Buffer | undefined {
  const tar = gunzipSync(archive);
  for (let off = 0; off + 512 <= tar.length; ) {
    const field = (from: number, len: number) => tar.subarray(off + from, off + from + len).toString("utf8").replace(/\0.*$/s, "");
    const entry = field(0, 100);
    if (entry === "") break;
    const size = parseInt(field(124, 12).trim(), 8);
    const prefix = field(345, 155);
    if ((prefix ? `${prefix}/${entry}` : entry).replace(/^\//, "") === name.replace(/^\//, "")) return Buffer.from(tar.subarray(off + 512, off + 512 + size));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return undefined;
}

export interface OpaSetup {
  readonly opa: string;
  readonly version: string;
  /** Scratch directory: `rego/` (the Rego and data.json), `exports/`, the Wasm bundle. */
  readonly dir: string;
  readonly regoDir: string;
  readonly wasmModule: Buffer;
  readonly policy: LoadedPolicy;
  /** The export file of each size. */
  readonly files: Map<string, string>;
  readonly lib: Library;
}

/** Writes the Rego (with `now` and the params as data.json) and builds OPA's Wasm of it. */
export function setupOpa(lib: Library, opa: { path: string; version: string }): OpaSetup {
  const dir = mkdtempSync(join(tmpdir(), "perimeter-bench-opa-"));
  const regoDir = join(dir, "rego");
  for (const f of emitRego(lib.ir)) {
    mkdirSync(dirname(join(regoDir, f.path)), { recursive: true });
    writeFileSync(join(regoDir, f.path), f.text);
  }
  writeFileSync(join(regoDir, "data.json"), JSON.stringify(perimeterData(NOW, lib.params)));
  const bundle = join(dir, "opa-wasm.tar.gz");
  execFileSync(opa.path, ["build", "-t", "wasm", "-e", ENTRYPOINT, "-o", bundle, regoDir], { stdio: ["ignore", "ignore", "pipe"] });
  const wasmModule = fileOfTarGz(readFileSync(bundle), "/policy.wasm");
  if (wasmModule === undefined) throw new Error(`opa build -t wasm wrote no policy.wasm into ${bundle}`);
  const policy = loadPolicySync(wasmModule);
  policy.setData(perimeterData(NOW, lib.params));
  mkdirSync(join(dir, "exports"));
  return { opa: opa.path, version: opa.version, dir, regoDir, wasmModule, policy, files: new Map(), lib };
}

export function cleanupOpa(setup: OpaSetup): void {
  rmSync(setup.dir, { recursive: true, force: true });
}

/** Writes the export of `input` to a file (for `opa bench`, `opa eval` and `perimeter check`). */
export function addExport(setup: OpaSetup, input: Input): string {
  const file = join(setup.dir, "exports", `${input.name}.json`);
  writeFileSync(file, input.text);
  setup.files.set(input.name, file);
  return file;
}

/** Throws unless OPA's Go evaluator (through the `check --engine opa` engine) gives the evaluator's Report. */
export function verifyOpaGo(setup: OpaSetup, input: Input): void {
  const want = JSON.stringify(evaluatorReport(setup.lib, input));
  const [got] = composed(opaEngine({ opa: setup.opa })).reports(setup.lib.ir, [input.loaded], { now: NOW, params: setup.lib.params });
  if (JSON.stringify(got) !== want) throw new Error(`${input.name}: OPA's Report (opa eval of the emitted Rego) differs from the evaluator's`);
}

/** `opa bench` (in process, or `--e2e` through its server) of the report on one export. */
export function goBench(setup: OpaSetup, size: string, e2e: boolean): GoBench {
  const file = setup.files.get(size)!;
  const args = ["bench", ...(e2e ? ["--e2e"] : []), "--data", setup.regoDir, "--input", file, "--format", "json", "--metrics=false", QUERY];
  const r = spawnSync(setup.opa, args, { encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`opa ${args.join(" ")} failed (${r.status}): ${r.stdout}${r.stderr}`);
  const out = JSON.parse(r.stdout) as { N: number; T: number; MemAllocs: number; MemBytes: number };
  return {
    name: e2e ? OPA_CASE.goServer : OPA_CASE.go,
    size,
    n: out.N,
    meanUs: out.T / out.N / 1000,
    bytesPerOp: out.MemBytes / out.N,
    allocsPerOp: out.MemAllocs / out.N,
  };
}

/**
 * OPA's Wasm on one export: checked against the evaluator's Report (that evaluation timed), then
 * timed like the other cases, or reported from that one evaluation when it exceeds the budget.
 */
export function opaWasmTiming(setup: OpaSetup, input: Input, options: TimeOptions): Timing & { size: string } {
  const want = JSON.parse(JSON.stringify(evaluatorReport(setup.lib, input))) as unknown;
  const t0 = performance.now();
  const got = (setup.policy.evaluate(input.bytes) as { result: unknown }[])[0]?.result;
  const ms = performance.now() - t0;
  if (!isDeepStrictEqual(got, want)) throw new Error(`${input.name}: the Report of OPA's Wasm differs from the evaluator's`);
  const bytes = input.text.length;
  if (ms > options.timeMs) {
    return { size: input.name, name: OPA_CASE.wasm, bytes, samples: 1, perSecond: 1000 / ms, medianUs: ms * 1000, p99Us: ms * 1000, mbPerSecond: bytes / 1e6 / (ms / 1000) };
  }
  const [t] = timeCases([{ name: OPA_CASE.wasm, bytes, run: () => setup.policy.evaluate(input.bytes) }], options);
  return { ...t!, size: input.name };
}

/** Median and minimum wall-clock milliseconds of `runs` spawns of a command (exit status 0 or, for `check`, 1). */
export function processRun(name: string, size: string | null, runs: number, command: string, args: readonly string[]): ProcessRun {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(command, args, { stdio: ["ignore", "ignore", "pipe"], cwd: packagePath() });
    times.push(performance.now() - t0);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.join(" ")} exited with ${r.status ?? r.signal}: ${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return { name, size, runs, medianMs: times[Math.floor(times.length / 2)]!, minMs: times[0]! };
}

/** Every whole-process case on one export (`runs` spawns each). */
export function processRuns(setup: OpaSetup, size: string, runs: number): ProcessRun[] {
  const file = setup.files.get(size)!;
  const cli = packagePath("dist", "bin", "perimeter.js");
  const check = ["check", packagePath("policies"), "--input", file, "--format", "json", "--now", NOW];
  return [
    processRun(PROCESS.wasm, size, runs, process.execPath, [cli, ...check]),
    processRun(PROCESS.js, size, runs, process.execPath, [cli, ...check, "--engine", "js"]),
    processRun(PROCESS.opa, size, runs, process.execPath, [cli, ...check, "--engine", "opa", "--opa", setup.opa]),
    processRun(PROCESS.opaEval, size, runs, setup.opa, ["eval", "--data", setup.regoDir, "--input", file, "--format", "json", QUERY]),
  ];
}

/** The floor: a Node process that does nothing. */
export function floorRun(runs: number): ProcessRun {
  return processRun(PROCESS.floor, null, runs, process.execPath, ["-e", "0"]);
}
