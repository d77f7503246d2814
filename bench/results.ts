/**
 * The results of one benchmark run as data, the targets of issue 9 judged on them, and their
 * Markdown rendering (the block `npm run bench -- --write` puts into BENCHMARKS.md).
 */

import type { ColdCompile } from "./compile-cost.js";
import type { MemoryRun } from "./memory.js";
import type { Timing } from "./measure.js";
import { OPA_CASE, PROCESS, type OpaResults } from "./opa.js";
import { renderStartup, type StartupResults } from "./startup.js";
import { renderLsp, type LspResults } from "./lsp.js";

export interface SizeResults {
  readonly size: string;
  readonly bytes: number;
  readonly workspaces: number;
  readonly subjects: number;
  readonly timings: readonly Timing[];
}

export interface Machine {
  readonly date: string;
  readonly node: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  /** 1-minute load average when the run started and when it ended (others' work on a shared machine). */
  readonly load?: { readonly start: number; readonly end: number };
}

export interface Results {
  readonly machine: Machine;
  readonly command: string;
  readonly sizes: readonly SizeResults[];
  readonly compileWarm: readonly Timing[];
  readonly compileCold: readonly ColdCompile[];
  readonly moduleBytes: number;
  readonly wasmPagesInitial: number;
  readonly memory: readonly MemoryRun[];
  /** Perimeter beside OPA; null when no OPA was found (`opaNotice` says so). */
  readonly opa?: OpaResults | null;
  readonly opaNotice?: string;
  /** Start-up of whole `perimeter` processes against the node floor (issue 17); absent when skipped. */
  readonly startup?: StartupResults;
  /** The language server, an edit to its diagnostics (issue 18); absent when skipped. */
  readonly lsp?: LspResults;
}

/** Case names, shared by the runner and the tables. */
export const CASE = {
  evaluator: "reference evaluator (object)",
  evaluatorText: "reference evaluator (text: parse, validate, evaluate)",
  wasmObject: "Wasm via opa-wasm (object)",
  wasmBytes: "Wasm via opa-wasm (ArrayBuffer)",
  wasmVerdicts: "Wasm via opa-wasm (ArrayBuffer), verdicts entrypoint",
  baseline: "hand-written TypeScript (text: JSON.parse + checks)",
} as const;

export interface Target {
  readonly what: string;
  readonly goal: string;
  readonly measured: string;
  readonly met: boolean;
}

const fixed = (n: number, d = 1): string => n.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
const whole = (n: number): string => Math.round(n).toLocaleString("en-US");

function timing(results: Results, size: string, name: string): Timing | undefined {
  return results.sizes.find((s) => s.size === size)?.timings.find((t) => t.name === name);
}

export function targets(results: Results): Target[] {
  const out: Target[] = [];
  const evaluator = timing(results, "100KB", CASE.evaluator);
  const bytes = timing(results, "100KB", CASE.wasmBytes);
  const baseline = timing(results, "100KB", CASE.baseline);
  if (evaluator && bytes && baseline) {
    const x = bytes.perSecond / evaluator.perSecond;
    out.push({ what: "Wasm (bytes) vs reference evaluator, 100 KB", goal: "≥ 3×", measured: `${fixed(x, 2)}×`, met: x >= 3 });
    const y = bytes.perSecond / baseline.perSecond;
    out.push({ what: "Wasm (bytes) vs hand-written TypeScript, 100 KB", goal: "≥ 1×", measured: `${fixed(y, 2)}×`, met: y >= 1 });
  }
  // Like for like: the verdicts entrypoint computes what the hand-written baseline computes.
  const verdicts = timing(results, "100KB", CASE.wasmVerdicts);
  if (verdicts && baseline) {
    const z = verdicts.perSecond / baseline.perSecond;
    out.push({ what: "Wasm verdicts entrypoint (bytes) vs hand-written TypeScript, 100 KB", goal: "≥ 1×", measured: `${fixed(z, 2)}×`, met: z >= 1 });
  }
  for (const t of results.compileWarm) {
    out.push({ what: t.name, goal: "< 200 ms", measured: `${fixed(t.medianUs / 1000)} ms (median)`, met: t.medianUs < 200_000 });
  }
  out.push({ what: "Wasm module size", goal: "< 150 KB", measured: `${fixed(results.moduleBytes / 1000)} KB`, met: results.moduleBytes < 150_000 });
  for (const m of results.memory) {
    const flat = (m.pageGrowth ?? 0) === 0 && m.rssGrowthMB < 16;
    const pages = m.pageGrowth === null ? "" : `${m.pageGrowth} pages, `;
    out.push({
      what: `memory over ${whole(m.evaluations)} evaluations: ${m.name}`,
      goal: "flat after warm-up",
      measured: `${pages}${m.rssGrowthMB >= 0 ? "+" : ""}${fixed(m.rssGrowthMB)} MB RSS`,
      met: flat,
    });
  }
  return out;
}

function sizeTable(s: SizeResults): string[] {
  const evaluator = s.timings.find((t) => t.name === CASE.evaluator);
  const baseline = s.timings.find((t) => t.name === CASE.baseline);
  const lines = [
    `#### ${s.size}: ${whole(s.bytes)} bytes, ${s.workspaces} workspace${s.workspaces === 1 ? "" : "s"}, ${s.subjects} results`,
    "",
    "| case | evals/s | median µs | p99 µs | MB/s | × evaluator | × hand-written |",
    "|---|--:|--:|--:|--:|--:|--:|",
  ];
  for (const t of s.timings) {
    const vs = (b: Timing | undefined): string => (b ? `${fixed(t.perSecond / b.perSecond, 2)}×` : "–");
    lines.push(`| ${t.name} | ${whole(t.perSecond)} | ${fixed(t.medianUs)} | ${fixed(t.p99Us)} | ${fixed(t.mbPerSecond)} | ${vs(evaluator)} | ${vs(baseline)} |`);
  }
  return lines;
}

/** The tables of Perimeter beside OPA: per evaluation, then whole processes. */
export function opaTables(results: Results): string[] {
  const o = results.opa;
  if (o === undefined) return [];
  if (o === null) return [`### Beside OPA`, "", results.opaNotice ?? "OPA was not found: not measured.", ""];
  const sizes = [...new Set([...o.wasm.map((w) => w.size), ...o.go.map((g) => g.size)])];
  const ours = (name: string, size: string): number | undefined => timing(results, size, name)?.medianUs;
  const base = (size: string): number | undefined => ours(CASE.wasmBytes, size);
  const cell = (us: number | undefined, size: string, note = ""): string => {
    if (us === undefined) return "–";
    const b = base(size);
    return `${fixed(us)}${note}${b === undefined ? "" : ` (${fixed(us / b, 2)}×)`}`;
  };
  const lines = [
    `### Beside OPA ${o.version} (same run, same exports and Rego)`,
    "",
    "µs per evaluation of the Report; in parentheses, that time over Perimeter's Wasm (ArrayBuffer) time on the same export.",
    "",
    `| engine | statistic | ${sizes.map((s) => `${s} µs`).join(" | ")} |`,
    `|---|---|${sizes.map(() => "--:").join("|")}|`,
  ];
  for (const name of [CASE.wasmBytes, CASE.wasmObject, CASE.evaluator]) {
    lines.push(`| Perimeter: ${name} | median | ${sizes.map((s) => cell(ours(name, s), s)).join(" | ")} |`);
  }
  for (const name of [OPA_CASE.go, OPA_CASE.goServer]) {
    if (!o.go.some((g) => g.name === name)) continue;
    const row = sizes.map((s) => {
      const g = o.go.find((x) => x.name === name && x.size === s);
      return g === undefined ? "–" : cell(g.meanUs, s, ` [N=${g.n}]`);
    });
    lines.push(`| ${name} | mean of N | ${row.join(" | ")} |`);
  }
  const wasmRow = sizes.map((s) => {
    const w = o.wasm.find((x) => x.size === s);
    return w === undefined ? "–" : cell(w.medianUs, s, w.samples === 1 ? " [1 evaluation]" : "");
  });
  lines.push(`| ${OPA_CASE.wasm} | median | ${wasmRow.join(" | ")} |`, "");
  lines.push(`OPA's Wasm module: ${whole(o.wasmModuleBytes)} bytes (Perimeter's: ${whole(results.moduleBytes)}).`, "");
  const floor = o.processes.find((p) => p.name === PROCESS.floor);
  const procSizes = [...new Set(o.processes.filter((p) => p.size !== null).map((p) => p.size!))];
  if (procSizes.length > 0) {
    lines.push(
      "Whole processes, wall clock, stdout to /dev/null: median ms of the spawns (runs in brackets)" + (floor ? `; the floor, \`node -e 0\`, is ${fixed(floor.medianMs)} ms [${floor.runs}].` : "."),
      "",
      `| command | ${procSizes.map((s) => `${s} ms`).join(" | ")} |`,
      `|---|${procSizes.map(() => "--:").join("|")}|`,
    );
    for (const name of [PROCESS.wasm, PROCESS.js, PROCESS.opa, PROCESS.opaEval]) {
      const row = procSizes.map((s) => {
        const p = o.processes.find((x) => x.name === name && x.size === s);
        return p === undefined ? "–" : `${fixed(p.medianMs)} [${p.runs}]`;
      });
      lines.push(`| ${name} | ${row.join(" | ")} |`);
    }
    lines.push("");
  }
  return lines;
}

export function renderMarkdown(results: Results): string {
  const m = results.machine;
  const load = m.load === undefined ? "" : ` Load average (1 min) ${fixed(m.load.start, 1)} at the start, ${fixed(m.load.end, 1)} at the end.`;
  const lines = [
    `Run on ${m.date} with \`${results.command}\`: ${m.cpu}, ${m.cores} cores, ${fixed(m.memoryGiB, 0)} GiB, ${m.os}, Node ${m.node}.${load}`,
    "",
    "### Targets (100 KB export, same run)",
    "",
    "| target | goal | measured | |",
    "|---|---|---|---|",
    ...targets(results).map((t) => `| ${t.what} | ${t.goal} | ${t.measured} | ${t.met ? "met" : "**missed**"} |`),
    "",
    ...(results.startup !== undefined ? renderStartup(results.startup) : []),
    ...(results.lsp !== undefined ? renderLsp(results.lsp) : []),
    "### Evaluation",
    "",
  ];
  for (const s of results.sizes) lines.push(...sizeTable(s), "");
  lines.push(
    "### Compiling the library (`policies/`, 23 controls, from source)",
    "",
    "| case | median ms | p99 ms | output |",
    "|---|--:|--:|--:|",
  );
  for (const t of results.compileWarm) lines.push(`| ${t.name} | ${fixed(t.medianUs / 1000)} | ${fixed(t.p99Us / 1000)} | |`);
  for (const c of results.compileCold) {
    lines.push(`| compile library to ${c.target === "rego" ? "Rego" : "Wasm"}, cold (fresh process, median of ${c.runs}) | ${fixed(c.medianMs)} | | ${whole(c.size)} bytes |`);
  }
  lines.push("", `Wasm module: ${whole(results.moduleBytes)} bytes, ${results.wasmPagesInitial} initial pages of memory.`, "");
  lines.push(...opaTables(results));
  lines.push("### Memory", "", "| run | evaluations | seconds | Wasm pages (after warm-up → end) | RSS MB (after warm-up → end) |", "|---|--:|--:|--:|--:|");
  for (const r of results.memory) {
    const a = r.samples[0]!;
    const b = r.samples.at(-1)!;
    const pages = a.wasmPages === null || b.wasmPages === null ? "–" : `${a.wasmPages} → ${b.wasmPages}`;
    lines.push(`| ${r.name} | ${whole(r.evaluations)} | ${fixed(r.seconds)} | ${pages} | ${fixed(a.rssMB)} → ${fixed(b.rssMB)} |`);
  }
  return `${lines.join("\n")}\n`;
}
