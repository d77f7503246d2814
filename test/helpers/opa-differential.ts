// The three-way comparison of test/opa/differential.test.ts and scripts/soak-opa.mjs: for one
// program, the real OPA server running the emitted Rego, the reference evaluator and our Wasm
// module (through the npm SDK) must give the same Report and the same verdicts, per package
// with controls, compared as canonical JSON (sorted keys; OPA's numbers as OPA writes them).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parse as parseYaml } from "yaml";
import { compileWasm, type WasmModule } from "../../src/backends/wasm/compile.js";
import { perimeterData } from "../../src/backends/data.js";
import { loadPolicy, loadPolicySync, type LoadedPolicy } from "../../src/backends/wasm/sdk.js";
import { emitRego } from "../../src/backends/rego/emit.js";
import { defaultParamsData } from "../../src/api/compile.js";
import type { ParamValues } from "../../src/eval/interp.js";
import { applyOverrides, defaultParams } from "../../src/eval/params.js";
import { evaluate, type EvalExport } from "../../src/eval/run.js";
import type { IrProgram } from "../../src/ir/ir.js";
import { verdicts } from "../../src/report/verdicts.js";
import { writeTree } from "./opa.js";
import { canonical, canonicalText, runAsync, startOpaServer, type OpaServer } from "./opa-server.js";

/** One evaluation input: the export as JSON text (what OPA and the Wasm module read) and as the evaluator reads it. */
export interface Case {
  readonly label: string;
  readonly json: string;
  readonly exp: EvalExport;
}

export interface Setting {
  readonly name: string;
  readonly now: string | null;
  readonly params: ParamValues;
}

export interface Mismatch {
  readonly program: string;
  readonly setting: string;
  readonly label: string;
  readonly what: string;
  readonly want: string;
  readonly got: string;
  readonly input: string;
}

/** The programs of the differential tests: those of the Wasm tests and the report fixture. */
export const PROGRAMS: Readonly<Record<string, readonly string[]>> = {
  policies: ["policies"],
  "fixtures/language": ["test/fixtures/language"],
  "golden/ir/lets-defs-reads": ["test/golden/ir/lets-defs-reads.perimeter"],
  "report fixture": ["test/report/fixtures/report.perimeter"],
  "golden/ir/language-example": ["test/golden/ir/language-example.perimeter"],
  "fixtures/std-usage": ["test/fixtures/std-usage.perimeter"],
};

/** The default params, and examples/params/site.yaml's where the program declares those params. */
export function paramSets(ir: IrProgram): { name: string; params: ParamValues }[] {
  const out: { name: string; params: ParamValues }[] = [{ name: "defaults", params: defaultParams(ir) }];
  const site = applyOverrides(ir, parseYaml(readFileSync("examples/params/site.yaml", "utf8")), "site.yaml");
  if (site.problems.length === 0) out.push({ name: "site.yaml", params: site.params });
  return out;
}

/**
 * The settings generated exports run in: each param set (plus, for a program with the
 * library's `databricks.apps` params, everything allowed and a narrow set) with no date, a
 * date before and a date after the corpus's waivers expire.
 */
export function generatedSettings(ir: IrProgram): Setting[] {
  const sets = paramSets(ir);
  for (const [name, corporate, approved] of [
    ["everything", ["0.0.0.0/0", "::/0"], ["*.com", "*.org", "example.com"]],
    ["narrow", ["10.1.2.3", "2001:db8::/32", "203.0.113.0/24"], ["pypi.org"]],
  ] as const) {
    const r = applyOverrides(ir, { "databricks.apps": { corporate, approved_destinations: approved } }, name);
    if (r.problems.length === 0) sets.push({ name, params: r.params });
  }
  return sets.flatMap((p) => [null, "2026-11-28", "2027-02-01"].map((now) => ({ name: `${p.name}, now ${now ?? "none"}`, now, params: p.params })));
}

/**
 * The generated export with its workspace ids 1000, 1001 and 1002 (numbers and the URLs that
 * name them) made 3141592653589793 (the id test/fixtures/language waives), 2147483648 and
 * 999999999: ids around 2^31 and 10^9, where OPA's Wasm format_int stops and lib.number_text
 * switches to nine-digit groups, and none beyond 2^53.
 */
export function widenIds<T>(doc: T): T {
  const ids: Record<number, number> = { 1000: 3141592653589793, 1001: 2147483648, 1002: 999999999 };
  const walk = (v: unknown, key: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, ""));
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    if (key === "workspace_id" && typeof v === "number" && ids[v] !== undefined) return ids[v];
    if (key === "workspace_url" && typeof v === "string") return v.replace(/adb-(100[0-2])\./, (_m, n: string) => `adb-${ids[Number(n)]}.`);
    return v;
  };
  return walk(doc, "") as T;
}

/** The program an entrypoint covers: one package's controls and waivers. */
export function packageProgram(ir: IrProgram, pkg: string): IrProgram {
  const ids = new Set(ir.controls.filter((c) => c.package === pkg).map((c) => c.id));
  return { ...ir, controls: ir.controls.filter((c) => ids.has(c.id)), waivers: ir.waivers.filter((w) => ids.has(w.control)) };
}

export class Differential {
  readonly packages: readonly string[];
  readonly wasm: WasmModule;
  readonly dir: string;
  private readonly policy: LoadedPolicy;
  /** OPA's own Wasm compilation of the emitted Rego (`opa build -t wasm`), when asked for. */
  private opaWasm: LoadedPolicy | undefined;
  private readonly parts: ReadonlyMap<string, IrProgram>;
  private dataKey = "";
  /** OPA queries sent. */
  queries = 0;
  /** Results compared, by status (of the evaluator's Reports). */
  readonly statuses: Record<string, number> = {};

  private constructor(
    readonly name: string,
    readonly ir: IrProgram,
    readonly server: OpaServer,
  ) {
    this.wasm = compileWasm(ir);
    this.policy = loadPolicySync(this.wasm.module);
    // The Wasm module's report entrypoints are the packages with controls, in name order.
    this.packages = this.wasm.reports.map((ep) => ep.replace(/\/report$/, "").replaceAll("/", "."));
    this.parts = new Map(this.packages.map((p) => [p, packageProgram(ir, p)]));
    this.dir = server.dir;
  }

  /**
   * Writes the emitted Rego and a data.json with the default params, and starts OPA on them;
   * with `opaWasm`, also compiles the Rego with `opa build -t wasm` and compares that module too.
   */
  static async start(opa: string, name: string, ir: IrProgram, opts: { opaWasm?: boolean } = {}): Promise<Differential> {
    const rego = emitRego(ir);
    const dir = writeTree(rego, "perimeter-opa-diff-");
    writeFileSync(join(dir, "data.json"), `${JSON.stringify({ perimeter: { params: defaultParamsData(ir) } })}\n`);
    const d = new Differential(name, ir, await startOpaServer(opa, dir));
    if (opts.opaWasm) d.opaWasm = await buildOpaWasm(opa, rego, d.wasm.entrypoints);
    return d;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Sets `now` and the params on the OPA server (PUT /v1/data/perimeter) and on the Wasm module. */
  async set(s: Setting): Promise<void> {
    const data = perimeterData(s.now, s.params);
    const key = JSON.stringify(data);
    if (key === this.dataKey) return;
    await this.server.putData("perimeter", data.perimeter);
    this.policy.setData(data);
    this.opaWasm?.setData(data);
    this.dataKey = key;
  }

  /**
   * Compares the three engines on every case in one setting; the first mismatch, or undefined.
   * OPA's requests go out `parallel` cases at a time, and the evaluator and the Wasm module
   * run while OPA works on them.
   */
  async compare(s: Setting, cases: readonly Case[], parallel = 8): Promise<Mismatch | undefined> {
    await this.set(s);
    for (let i = 0; i < cases.length; i += parallel) {
      const chunk = cases.slice(i, i + parallel);
      const pending = chunk.map((c) =>
        Promise.all(
          this.packages.flatMap((p) => {
            const path = p.replaceAll(".", "/");
            this.queries += 2;
            return [this.server.query(`${path}/report`, c.json), this.server.query(`${path}/verdicts`, c.json)];
          }),
        ),
      );
      // Keep a rejected request from being reported as unhandled while the engines run.
      for (const p of pending) p.catch(() => undefined);
      const ours = chunk.map((c) => this.ours(s, c));
      for (const [k, c] of chunk.entries()) {
        const opa = await pending[k]!;
        for (const [j, p] of this.packages.entries()) {
          const mine = ours[k]![j]!;
          const checks: [string, string, string | undefined][] = [
            ["report: OPA vs evaluator", mine.report, opa[2 * j] === undefined ? "undefined" : canonicalText(opa[2 * j]!)],
            ["report: Wasm vs evaluator", mine.report, mine.wasmReport],
            ["verdicts: OPA vs verdicts(report)", mine.verdicts, opa[2 * j + 1] === undefined ? "undefined" : canonicalText(opa[2 * j + 1]!)],
            ["verdicts: Wasm vs verdicts(report)", mine.verdicts, mine.wasmVerdicts],
          ];
          if (mine.opaWasm !== undefined) {
            checks.push(["report: OPA's Wasm vs evaluator", mine.report, mine.opaWasm.report], ["verdicts: OPA's Wasm vs verdicts(report)", mine.verdicts, mine.opaWasm.verdicts]);
          }
          for (const [what, want, got] of checks) {
            if (got !== want) return { program: this.name, setting: s.name, label: c.label, what: `${p} ${what}`, want, got: got ?? "undefined", input: c.json };
          }
        }
      }
    }
    return undefined;
  }

  /** Per package: the evaluator's Report and verdicts, and the Wasm module's, as canonical JSON. */
  private ours(s: Setting, c: Case): { report: string; verdicts: string; wasmReport: string; wasmVerdicts: string; opaWasm?: { report: string; verdicts: string } }[] {
    const bytes = new TextEncoder().encode(c.json);
    return this.packages.map((p, j) => {
      const report = evaluate(this.parts.get(p)!, c.exp, { now: s.now, params: s.params });
      for (const ctl of report.controls) for (const r of ctl.results) this.statuses[r.status] = (this.statuses[r.status] ?? 0) + 1;
      const wr = this.policy.evaluate(bytes.buffer as ArrayBuffer, j) as { result: unknown }[];
      const wv = this.policy.evaluate(bytes.buffer as ArrayBuffer, this.packages.length + j) as { result: unknown }[];
      const first = (rs: unknown) => ((rs as { result: unknown }[])[0] === undefined ? "undefined" : canonical((rs as { result: unknown }[])[0]!.result));
      const ep = p.replaceAll(".", "/");
      return {
        report: canonical(report),
        verdicts: canonical(verdicts(report)),
        wasmReport: first(wr),
        wasmVerdicts: first(wv),
        ...(this.opaWasm === undefined ? {} : { opaWasm: { report: first(this.opaWasm.evaluate(bytes.buffer as ArrayBuffer, `${ep}/report`)), verdicts: first(this.opaWasm.evaluate(bytes.buffer as ArrayBuffer, `${ep}/verdicts`)) } }),
      };
    });
  }
}

/** `opa build -t wasm` of the Rego with the given entrypoints, loaded by @open-policy-agent/opa-wasm. */
export async function buildOpaWasm(opa: string, rego: readonly { path: string; text: string }[], entrypoints: readonly string[]): Promise<LoadedPolicy> {
  const dir = writeTree(rego, "perimeter-opa-wasm-");
  const out = join(dir, "bundle.tar.gz");
  const r = await runAsync(opa, ["build", "-t", "wasm", ...entrypoints.flatMap((e) => ["-e", e]), "-o", out, dir]);
  if (r.status !== 0 || r.stdout + r.stderr !== "") throw new Error(`opa build -t wasm failed: ${r.stdout}${r.stderr}`);
  return loadPolicy(tarEntry(gunzipSync(readFileSync(out)), "policy.wasm"));
}

/** The bytes of a file in a tar archive (`/name` or `name`). */
export function tarEntry(tar: Buffer, name: string): Buffer {
  for (let at = 0; at + 512 <= tar.length; ) {
    const h = tar.subarray(at, at + 512);
    const entry = h.subarray(0, 100).toString("utf8").replace(/\0.*$/s, "");
    if (entry === "") break;
    const size = parseInt(h.subarray(124, 136).toString("ascii").replace(/\0.*$/s, "").trim(), 8);
    if (entry.replace(/^\//, "") === name) return tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${name} is not in the archive`);
}

/** The first difference of two texts, with some context on each side. */
export function describeMismatch(m: Mismatch, withInput = true): string {
  let at = 0;
  while (at < m.want.length && m.want[at] === m.got[at]) at++;
  const around = (t: string) => `…${t.slice(Math.max(0, at - 300), at + 300)}…`;
  return [
    `${m.program} (${m.setting}) on ${m.label}: ${m.what} differ at character ${at}`,
    `  want: ${around(m.want)}`,
    `  got:  ${around(m.got)}`,
    ...(withInput ? [`  input: ${m.input}`] : []),
  ].join("\n");
}
