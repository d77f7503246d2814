/**
 * `node dist/bench/opa-scaling.js`: how the time of OPA's Go evaluator on the library's Rego
 * grows with the export (BENCHMARKS.md, "The Rego in OPA: how it scales").
 *
 * The policy library is compiled to Rego (or `--rego DIR` names Rego compiled elsewhere, e.g.
 * by an older commit), the 5 KB, 100 KB and 2 MB exports of the benchmarks are generated
 * (bench/generate.ts), and for each export:
 * - `opa eval` gives the Report, which must equal the reference evaluator's (a timing of a wrong
 *   answer measures nothing), and with `--profile` the evaluation's profile: the number of
 *   expression evaluations (deterministic, so it shows the growth without the noise of a shared
 *   machine) and the entries that took longest;
 * - `opa bench --count N` times the prepared query (the export is parsed before timing and the
 *   Report is not serialised); each of the N runs gives the median of `timer_rego_query_eval_ns`
 *   over its evaluations, and the table shows the lowest and the median of those N medians.
 *
 * Run from the repository's root. Options: `--count N` (default 5), `--top N` profile entries
 * (default 5), `--rego DIR` (written by `perimeter compile policies --target rego -o DIR` in the
 * root), `--opa PATH` (default PERIMETER_OPA, else .tools/bin/opa, else `opa`), `--json FILE`.
 */

import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { emitRego } from "../src/backends/rego/emit.js";
import { perimeterData } from "../src/backends/data.js";
import { defaultParams } from "../src/eval/params.js";
import { evaluate } from "../src/eval/run.js";
import type { IrProgram } from "../src/ir/ir.js";
import { packagePath } from "../src/paths.js";
import { generateExport, SIZES, type SizeName } from "./generate.js";
import { compileLibrary, NOW, prepareInput } from "./setup.js";

const QUERY = "data.databricks.apps.report";

export interface ProfileEntry {
  readonly location: string;
  readonly ms: number;
  readonly evals: number;
}

export interface SizeScaling {
  readonly size: SizeName;
  readonly bytes: number;
  readonly results: number;
  /** Expression evaluations in OPA's profile of one evaluation. */
  readonly evals: number;
  /** The profile's entries that took longest, and those evaluated most often. */
  readonly top: readonly ProfileEntry[];
  readonly mostEvaluated: readonly ProfileEntry[];
  /** The lowest and the median of the per-run medians of `timer_rego_query_eval_ns`, in ms. */
  readonly minMs: number;
  readonly medianMs: number;
  readonly runs: number;
}

export interface Scaling {
  readonly opa: string;
  readonly date: string;
  readonly load: readonly [number, number];
  readonly sizes: readonly SizeScaling[];
}

function opaBinary(given: string | undefined): string {
  if (given !== undefined) return given;
  const env = process.env["PERIMETER_OPA"];
  if (env !== undefined) return env;
  const local = packagePath(".tools/bin/opa");
  return existsSync(local) ? local : "opa";
}

function run(opa: string, args: readonly string[]): string {
  const r = spawnSync(opa, args, { encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.error !== undefined) throw r.error;
  if (r.status !== 0) throw new Error(`opa ${args[0]} failed (${r.status}): ${r.stderr}${r.stdout.slice(0, 2000)}`);
  return r.stdout;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * The policy library as `perimeter compile policies` in the repository's root sees it (source
 * paths in the Report relative to the root, as in Rego given by `--rego`).
 */
function library(): IrProgram {
  const root = packagePath(".");
  return resolve(process.cwd()) === resolve(root) ? compileLibrary("policies") : compileLibrary();
}

/** The Rego of the policy library and its data document (the evaluation date, default params). */
function prepareRego(dir: string, ir: IrProgram, given: string | undefined): { rego: string; data: string } {
  const rego = join(dir, "rego");
  if (given !== undefined) cpSync(given, rego, { recursive: true });
  else {
    for (const f of emitRego(ir)) {
      mkdirSync(dirname(join(rego, f.path)), { recursive: true });
      writeFileSync(join(rego, f.path), f.text);
    }
  }
  const data = join(dir, "data.json");
  writeFileSync(data, JSON.stringify(perimeterData(NOW, defaultParams(ir))));
  return { rego, data };
}

export function measureScaling(options: { count: number; top: number; rego?: string; opa?: string; sizes?: readonly SizeName[]; log?: (s: string) => void }): Scaling {
  const opa = opaBinary(options.opa);
  const log = options.log ?? (() => {});
  const version = /^Version: (.*)$/m.exec(run(opa, ["version"]))?.[1] ?? "unknown";
  const load0 = loadavg()[0]!;
  const ir = library();
  const params = defaultParams(ir);
  const dir = mkdtempSync(join(tmpdir(), "perimeter-opa-scaling-"));
  try {
    const { rego, data } = prepareRego(dir, ir, options.rego);
    const sizes: SizeScaling[] = [];
    for (const size of options.sizes ?? (Object.keys(SIZES) as SizeName[])) {
      const text = generateExport(SIZES[size]);
      const input = prepareInput(size, text);
      const file = join(dir, `${size}.json`);
      writeFileSync(file, text);
      const want = JSON.parse(JSON.stringify(evaluate(ir, { document: input.loaded.document, errors: input.loaded.errors }, { now: NOW, params }))) as unknown;
      const base = ["--data", rego, "--data", data, "--input", file, QUERY];
      const out = JSON.parse(run(opa, ["eval", ...base, "--format", "json", "--profile", "--profile-limit", "1000000"])) as {
        result: { expressions: { value: unknown }[] }[];
        profile: { total_time_ns: number; num_eval: number; location: { file: string; row: number } }[];
      };
      if (!isDeepStrictEqual(out.result[0]?.expressions[0]?.value, want)) throw new Error(`${size}: OPA's Report differs from the reference evaluator's`);
      const profile = out.profile.map((p) => ({ location: `${relative(rego, p.location.file)}:${p.location.row}`, ms: p.total_time_ns / 1e6, evals: p.num_eval }));
      const top = [...profile].sort((a, b) => b.ms - a.ms).slice(0, options.top);
      const mostEvaluated = [...profile].sort((a, b) => b.evals - a.evals).slice(0, options.top);
      const evals = profile.reduce((n, p) => n + p.evals, 0);
      const bench = run(opa, ["bench", ...base, "--format", "json", "--count", String(options.count)]);
      const medians = bench
        .split(/\n(?=\{)/)
        .map((s) => (JSON.parse(s) as { Extra: Record<string, number> }).Extra["histogram_timer_rego_query_eval_ns_median"]! / 1e6);
      const results = (want as { controls: { results: unknown[] }[] }).controls.reduce((n, c) => n + c.results.length, 0);
      const s: SizeScaling = { size, bytes: text.length, results, evals, top, mostEvaluated, minMs: Math.min(...medians), medianMs: median(medians), runs: medians.length };
      log(`${size}: ${s.bytes} bytes, ${results} results, ${evals} expression evaluations, ${s.minMs.toFixed(1)} ms lowest / ${s.medianMs.toFixed(1)} ms median of ${s.runs} runs`);
      sizes.push(s);
    }
    return { opa: version, date: new Date().toISOString().slice(0, 10), load: [load0, loadavg()[0]!], sizes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The Markdown table of a measurement, each size against the previous one. */
export function scalingTable(s: Scaling): string {
  const rows = s.sizes.map((x, i) => {
    const prev = s.sizes[i - 1];
    const growth = prev === undefined ? "" : `×${(x.bytes / prev.bytes).toFixed(1)} size: ×${(x.evals / prev.evals).toFixed(1)} evaluations, ×${(x.minMs / prev.minMs).toFixed(1)} time`;
    return `| ${x.size} | ${x.bytes} | ${x.results} | ${x.evals} | ${x.minMs.toFixed(1)} | ${x.medianMs.toFixed(1)} | ${growth} |`;
  });
  return [
    "| Export | Bytes | Results | Expression evaluations | ms, lowest run | ms, median run | Growth over the previous size |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ...rows,
  ].join("\n");
}

function main(): void {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "5" },
      top: { type: "string", default: "5" },
      rego: { type: "string" },
      opa: { type: "string" },
      json: { type: "string" },
    },
  });
  const s = measureScaling({
    count: Number(values.count),
    top: Number(values.top),
    ...(values.rego !== undefined ? { rego: values.rego } : {}),
    ...(values.opa !== undefined ? { opa: values.opa } : {}),
    log: (line) => console.error(line),
  });
  console.log(`OPA ${s.opa}, ${s.date}, load average ${s.load[0].toFixed(1)} → ${s.load[1].toFixed(1)}\n`);
  console.log(scalingTable(s));
  for (const x of s.sizes) {
    console.log(`\n${x.size}, profile of one evaluation (opa eval --profile): longest entries; most evaluated`);
    for (const p of x.top) console.log(`- ${p.location}: ${p.ms.toFixed(1)} ms, ${p.evals} evaluations`);
    console.log("");
    for (const p of x.mostEvaluated) console.log(`- ${p.location}: ${p.evals} evaluations, ${p.ms.toFixed(1)} ms`);
  }
  if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify(s, null, 2)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === `file://${process.argv[1]}`) main();
