/**
 * Evaluating a compiled module (the Wasm engine of `check --engine wasm` and `test`, and the
 * browser playground's): the module loaded through the npm OPA SDK (`loadPolicySync`),
 * evaluated per export. `engine.ts` compiles and caches the module of a program for the CLI.
 *
 * The module has one `report` entrypoint per package with controls (ids 0..n-1, before the
 * `verdicts` ones); the engine evaluates each and merges their Reports into the one the reference evaluator gives for the whole
 * program: controls in package order (the IR's order), waivers in the program's order,
 * summaries added. `now` and the params go in as OPA data, set only when they change. The
 * export goes in as the document (the SDK writes it with `JSON.stringify`), or, when it holds
 * integers beyond 2^53 (`bigint`s, which `JSON.stringify` rejects), as its exact JSON bytes:
 * the module keeps their digits.
 */

import type { ParamValues } from "../../eval/interp.js";
import { evaluate, waiverReport } from "../../eval/run.js";
import { exactJsonText } from "../../export/exact-json.js";
import type { LoadedExport } from "../../export/load.js";
import type { IrProgram } from "../../ir/ir.js";
import type { ControlReport, Report, WaiverReport } from "../../report/report.js";
import type { WasmModule } from "./link.js";
import { loadPolicySync, type LoadedPolicy } from "./sdk.js";

/** A module loaded through the SDK, with the key of the data last set on it. */
export interface Loaded {
  readonly wasm: WasmModule;
  readonly policy: LoadedPolicy;
  dataKey?: string;
}

/** Instantiates a compiled module (synchronously: in a browser, only off the main thread). */
export function loadWasm(wasm: WasmModule): Loaded {
  return { wasm, policy: loadPolicySync(wasm.module) };
}

/** The OPA data document of an evaluation: `{"perimeter": {"now", "params"}}`. */
export function perimeterData(now: string | null, params: ParamValues): { perimeter: Record<string, unknown> } {
  const p: Record<string, Record<string, unknown>> = {};
  for (const [pkg, values] of params) p[pkg] = Object.fromEntries(values);
  return { perimeter: now === null ? { params: p } : { now, params: p } };
}

/** Merges per-package Reports into the whole program's Report (run.ts order). */
export function mergeReports(program: IrProgram, reports: readonly Report[], now: string | null, fallback: () => Report): Report {
  const first = reports[0];
  if (first === undefined) return fallback();
  if (reports.length === 1 && first.waivers.length === program.waivers.length) return first;
  const controls: ControlReport[] = reports.flatMap((r) => r.controls);
  const byPackage = new Map<string, WaiverReport[]>();
  const packageOf = new Map(program.controls.map((c) => [c.id, c.package]));
  for (const r of reports) {
    const pkg = r.controls[0]?.package;
    if (pkg !== undefined) byPackage.set(pkg, [...r.waivers]);
  }
  const waivers = program.waivers.map((w): WaiverReport => {
    const next = byPackage.get(packageOf.get(w.control) ?? "")?.shift();
    if (next !== undefined) return next;
    // A waiver of no known control (the checker rejects these): nothing can use it.
    return waiverReport(w, now, false);
  });
  const summary = { pass: 0, fail: 0, unknown: 0, waived: 0 };
  for (const r of reports) for (const k of ["pass", "fail", "unknown", "waived"] as const) summary[k] += r.summary[k];
  return { perimeter: first.perimeter, now: first.now, export: first.export, controls, waivers, summary };
}

/** The Report of one export on a loaded module (the same document `reportFor` gives). */
export function evaluateWasm(l: Loaded, program: IrProgram, exp: LoadedExport, now: string, params: ParamValues): Report {
  const data = perimeterData(now, params);
  const key = JSON.stringify(data);
  if (l.dataKey !== key) {
    l.policy.setData(data);
    l.dataKey = key;
  }
  const input = exp.exactIntegers ? (new TextEncoder().encode(exactJsonText(exp.document)).buffer as ArrayBuffer) : exp.document;
  const reports = l.wasm.reports.map((_, i) => {
    const rs = l.policy.evaluate(input, i) as { result: Report }[];
    const r = rs[0];
    if (r === undefined) throw new Error("internal error: the Wasm report is undefined on a loaded export");
    return r.result;
  });
  return mergeReports(program, reports, now, () => evaluate(program, { document: exp.document, errors: exp.errors }, { now, params }));
}
