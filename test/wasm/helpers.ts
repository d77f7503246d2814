// Shared by the Wasm backend tests: the programs and exports of the differential tests, and
// a minimal host that drives a module's ABI exports directly (fast and slow paths).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { reportFor } from "../../src/engine/js.js";
import { perimeterData } from "../../src/backends/data.js";
import { mergeReports } from "../../src/engine/merge.js";
import { compileWasm, type WasmModule } from "../../src/backends/wasm/compile.js";
import { applyOverrides, defaultParams } from "../../src/eval/params.js";
import type { ParamValues } from "../../src/eval/interp.js";
import { evaluate } from "../../src/eval/run.js";
import type { LoadedExport } from "../../src/export/load.js";
import { loadExport } from "../../src/io/export-file.js";
import type { IrProgram } from "../../src/ir/ir.js";
import { lowerProgram } from "../../src/ir/lower.js";
import { frontEnd, readPolicyFiles } from "../../src/program/load.js";
import type { Report } from "../../src/report/report.js";
import { Wasm, type WasmMemory } from "../../src/backends/wasm/wasm-api.js";

export function compileProgram(paths: readonly string[]): IrProgram {
  const loaded = readPolicyFiles(paths);
  const fe = frontEnd(loaded.sources, {}, loaded.diagnostics);
  const errors = fe.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0 || fe.program === undefined) throw new Error(`policy errors in ${paths.join(", ")}: ${errors.map((d) => d.message).join("; ")}`);
  return lowerProgram(fe.program);
}

/** The shipped policies and the test corpus. */
export const PROGRAMS: Readonly<Record<string, readonly string[]>> = {
  policies: ["policies"],
  "fixtures/language": ["test/fixtures/language"],
  "golden/ir/language-example": ["test/golden/ir/language-example.perimeter"],
  "golden/ir/lets-defs-reads": ["test/golden/ir/lets-defs-reads.perimeter"],
  "fixtures/std-usage": ["test/fixtures/std-usage.perimeter"],
};

const programs = new Map<string, IrProgram>();
const modules = new Map<string, WasmModule>();

export function program(name: string): IrProgram {
  let p = programs.get(name);
  if (p === undefined) programs.set(name, (p = compileProgram(PROGRAMS[name]!)));
  return p;
}

export function wasmOf(name: string): WasmModule {
  let m = modules.get(name);
  if (m === undefined) modules.set(name, (m = compileWasm(program(name))));
  return m;
}

export const EXPORT_DIRS = ["examples/exports", "test/fixtures/exports", "policies/databricks/apps/fixtures", "test/fixtures/language/fixtures"];

let exportsCache: LoadedExport[] | undefined;

/** Every example export (all load without errors). */
export function exampleExports(): LoadedExport[] {
  if (exportsCache !== undefined) return exportsCache;
  const out: LoadedExport[] = [];
  for (const dir of EXPORT_DIRS) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".json")).sort()) {
      const r = loadExport(join(dir, f));
      if (r.export === undefined) throw new Error(`${dir}/${f} does not load`);
      out.push(r.export);
    }
  }
  return (exportsCache = out);
}

export interface Setting {
  readonly name: string;
  readonly now: string | null;
  readonly params: (ir: IrProgram) => ParamValues;
}

/** Evaluation settings: today with defaults, a later day with site overrides, and no date at all. */
export const SETTINGS: readonly Setting[] = [
  { name: "defaults", now: "2026-11-28", params: defaultParams },
  {
    name: "overrides",
    now: "2027-02-15",
    params: (ir) =>
      ir.packages.some((p) => p.name === "databricks.apps" && p.params.some((x) => x.name === "approved_destinations"))
        ? applyOverrides(ir, { "databricks.apps": { corporate: ["203.0.113.0/24", "2001:db8::/32"], approved_destinations: ["*.example.com", "pypi.org"] } }, "test").params
        : defaultParams(ir),
  },
  { name: "no date", now: null, params: defaultParams },
];

/** The package of an entrypoint name (`databricks/apps/report`, `databricks/apps/verdicts`). */
export function packageOf(ep: string): string {
  return ep.replace(/\/(report|verdicts)$/, "").replaceAll("/", ".");
}

/** The program an entrypoint covers: one package's controls and waivers. */
export function packageProgram(ir: IrProgram, pkg: string): IrProgram {
  const ids = new Set(ir.controls.filter((c) => c.package === pkg).map((c) => c.id));
  return { ...ir, controls: ir.controls.filter((c) => ids.has(c.id)), waivers: ir.waivers.filter((w) => ids.has(w.control)) };
}

/** The reference evaluator's Report (as `check` computes it; `now` null straight through `evaluate`). */
export function referenceReport(ir: IrProgram, exp: LoadedExport, now: string | null, params: ParamValues): Report {
  if (now !== null) return reportFor(ir, exp, now, params);
  return evaluate(ir, { document: exp.document, errors: exp.errors }, { now, params });
}

/** Per-entrypoint result sets merged into the program's Report. */
export function mergedReport(ir: IrProgram, results: readonly unknown[], now: string | null, params: ParamValues, doc: unknown): Report {
  const reports = results.map((rs) => {
    const r = (rs as { result: Report }[])[0];
    if (r === undefined) throw new Error("undefined report");
    return r.result;
  });
  // A program without controls has no entrypoint: the seam gives the reference evaluator's Report (src/engine/compose.ts).
  return reports.length === 0 ? evaluate(ir, { document: doc, errors: [] }, { now, params }) : mergeReports(ir, reports, now);
}

export { perimeterData };

// --- a minimal host driving the ABI directly -----------------------------------------------

export interface RawHost {
  readonly memory: WasmMemory;
  readonly exports: Record<string, unknown>;
  /** JSON text of data (parsed with opa_json_parse) → its address; resets to the heap after it. */
  setData(json: string): void;
  /** The raw result bytes of opa_eval (fast path). */
  evalFast(ep: number, input: Uint8Array | undefined, format?: number): string;
  /** The slow path, in the npm SDK's order; returns opa_json_dump of the result set. */
  evalSlow(ep: number, inputJson: string | undefined): string;
  readonly aborts: string[];
}

export function rawHost(module: Uint8Array, memory: WasmMemory = new Wasm.Memory({ initial: 5 })): RawHost {
  const aborts: string[] = [];
  const readString = (addr: number): string => {
    const bytes = new Uint8Array(memory.buffer);
    let end = addr;
    while (bytes[end] !== 0) end++;
    return new TextDecoder().decode(bytes.subarray(addr, end));
  };
  const instance = new Wasm.Instance(new Wasm.Module(module), {
    env: {
      memory,
      opa_abort: (addr: number) => {
        const msg = readString(addr);
        aborts.push(msg);
        throw new Error(`opa_abort: ${msg}`);
      },
    },
  });
  const x = instance.exports;
  const fn = (n: string) => x[n] as (...args: number[]) => number;
  const write = (bytes: Uint8Array, at: number) => {
    const need = at + bytes.length - memory.buffer.byteLength;
    if (need > 0) memory.grow(Math.ceil(need / 65536));
    new Uint8Array(memory.buffer).set(bytes, at);
  };
  const parse = (json: string): number => {
    const bytes = new TextEncoder().encode(json);
    const p = fn("opa_malloc")(bytes.length);
    write(bytes, p);
    const v = fn("opa_json_parse")(p, bytes.length);
    if (v === 0) throw new Error("failed to parse json value");
    return v;
  };
  let dataAddr = parse("{}");
  const baseHeapPtr = fn("opa_heap_ptr_get")();
  let dataHeapPtr = baseHeapPtr;
  return {
    memory,
    exports: x,
    aborts,
    setData(json) {
      fn("opa_heap_ptr_set")(baseHeapPtr);
      dataAddr = parse(json);
      dataHeapPtr = fn("opa_heap_ptr_get")();
    },
    evalFast(ep, input, format = 0) {
      const len = input?.length ?? 0;
      if (input) write(input, dataHeapPtr);
      const r = fn("opa_eval")(0, ep, dataAddr, dataHeapPtr, len, dataHeapPtr + len, format);
      return readString(r);
    },
    evalSlow(ep, inputJson) {
      fn("opa_heap_ptr_set")(dataHeapPtr);
      const input = inputJson === undefined ? 0 : parse(inputJson);
      const ctx = fn("opa_eval_ctx_new")();
      fn("opa_eval_ctx_set_input")(ctx, input);
      fn("opa_eval_ctx_set_data")(ctx, dataAddr);
      fn("opa_eval_ctx_set_entrypoint")(ctx, ep);
      const rc = fn("eval")(ctx);
      if (rc !== 0) throw new Error(`eval returned ${rc}`);
      return readString(fn("opa_json_dump")(fn("opa_eval_ctx_get_result")(ctx)));
    },
  };
}
