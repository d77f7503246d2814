/**
 * What every benchmark case shares: the policy library compiled once (IR, Wasm module loaded
 * through the npm OPA SDK with `now` and the default params as OPA data), and, per generated
 * export, the inputs each engine takes (parsed object, raw bytes, text). Before anything is
 * timed, `verify` checks that the engines agree on the export: a benchmark of a wrong answer
 * measures nothing.
 */

import { isDeepStrictEqual } from "node:util";
import { perimeterData } from "../src/backends/data.js";
import { compileWasm, type WasmModule } from "../src/backends/wasm/compile.js";
import { loadPolicySync, type LoadedPolicy } from "../src/backends/wasm/sdk.js";
import { defaultParams } from "../src/eval/params.js";
import type { ParamValues } from "../src/eval/interp.js";
import { evaluate } from "../src/eval/run.js";
import { parseExport, type LoadedExport } from "../src/export/load.js";
import type { IrProgram } from "../src/ir/ir.js";
import { lowerProgram } from "../src/ir/lower.js";
import { packagePath } from "../src/paths.js";
import { frontEnd, readPolicyFiles } from "../src/program/load.js";
import type { Report } from "../src/report/report.js";
import { verdicts as reportVerdicts } from "../src/report/verdicts.js";
import { baselineCheck, type BaselineResult } from "./baseline/index.js";

/** The evaluation date of every case (fixed, so every run evaluates the same thing). */
export const NOW = "2026-11-28";

export interface Library {
  readonly ir: IrProgram;
  readonly params: ParamValues;
  readonly wasm: WasmModule;
  readonly policy: LoadedPolicy;
}

/** Compiles `policies/` from source, as `perimeter check` does. */
export function compileLibrary(dir = packagePath("policies")): IrProgram {
  const loaded = readPolicyFiles([dir]);
  const fe = frontEnd(loaded.sources, { today: NOW }, loaded.diagnostics);
  if (fe.program === undefined || fe.diagnostics.some((d) => d.severity === "error")) {
    throw new Error(`the policy library in ${dir} does not compile`);
  }
  return lowerProgram(fe.program);
}

export function loadLibrary(): Library {
  const ir = compileLibrary();
  const params = defaultParams(ir);
  const wasm = compileWasm(ir);
  if (wasm.reports.length !== 1) throw new Error(`expected one report entrypoint, got ${wasm.reports.length}`);
  return { ir, params, wasm, policy: instantiate(wasm, params) };
}

/** A new instance of the module (its own memory), with `now` and the params set as data. */
export function instantiate(wasm: WasmModule, params: ParamValues): LoadedPolicy {
  const policy = loadPolicySync(wasm.module);
  policy.setData(perimeterData(NOW, params));
  return policy;
}

export interface Input {
  readonly name: string;
  readonly text: string;
  /** The export as UTF-8 bytes, as read from a file. */
  readonly bytes: ArrayBuffer;
  /** The export parsed and validated (what the reference evaluator takes). */
  readonly loaded: LoadedExport;
  /** The export as `JSON.parse` gives it (what an OPA SDK user passes as an object). */
  readonly object: unknown;
}

export function prepareInput(name: string, text: string): Input {
  const r = parseExport(`${name}.json`, text);
  if (r.export === undefined) throw new Error(`generated export ${name} is invalid: ${r.problems.map((p) => p.message).join("; ")}`);
  const encoded = new TextEncoder().encode(text);
  const bytes = encoded.buffer.slice(encoded.byteOffset, encoded.byteOffset + encoded.byteLength) as ArrayBuffer;
  return { name, text, bytes, loaded: r.export, object: JSON.parse(text) as unknown };
}

export function evaluatorReport(lib: Library, input: Input): Report {
  return evaluate(lib.ir, { document: input.loaded.document, errors: input.loaded.errors }, { now: NOW, params: lib.params });
}

export function wasmReport(lib: Library, input: unknown): unknown {
  const out = lib.policy.evaluate(input) as { result: unknown }[];
  return out[0]?.result;
}

/** The result of the module's verdicts entrypoint (`databricks/apps/verdicts`). */
export function wasmVerdicts(lib: Library, input: unknown): unknown {
  const out = lib.policy.evaluate(input, lib.wasm.reports.length) as { result: unknown }[];
  return out[0]?.result;
}

/** The verdicts of a Report in the baseline's shape (control, subject, status, failed requirements). */
export function verdicts(report: Report): BaselineResult[] {
  return reportVerdicts(report) as BaselineResult[];
}

const order = (a: BaselineResult, b: BaselineResult): number =>
  a.control.localeCompare(b.control) || a.subject.localeCompare(b.subject);

/** Throws unless the Wasm module (both input forms, both entrypoints) and the hand-written baseline agree with the evaluator. */
export function verify(lib: Library, input: Input): Report {
  const want = evaluatorReport(lib, input);
  const json = JSON.parse(JSON.stringify(want)) as unknown;
  if (!isDeepStrictEqual(wasmReport(lib, input.object), json)) throw new Error(`${input.name}: the Wasm report (object input) differs from the evaluator's`);
  if (!isDeepStrictEqual(wasmReport(lib, input.bytes), json)) throw new Error(`${input.name}: the Wasm report (byte input) differs from the evaluator's`);
  if (JSON.stringify(wasmVerdicts(lib, input.bytes)) !== JSON.stringify(reportVerdicts(want))) {
    throw new Error(`${input.name}: the Wasm verdicts (byte input) differ from the evaluator's`);
  }
  const mine = [...baselineCheck(input.text)].sort(order);
  const theirs = verdicts(want).sort(order);
  if (!isDeepStrictEqual(mine, theirs)) throw new Error(`${input.name}: the hand-written baseline's verdicts differ from the evaluator's`);
  return want;
}
