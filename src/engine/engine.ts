/**
 * The engine seam: what every way of evaluating a program has in common. An engine takes a
 * program (the IR), exports, the params and the evaluation date, and gives one Report per
 * export, the same document whichever engine made it (the differential tests hold them to
 * that). The engines are named here; `registry.ts` loads one by name.
 *
 * Two shapes of engine: a whole-program engine (`Engine`: the reference evaluator) gives the
 * Report itself; a compiled engine (`PackageEngine`: the Wasm module, OPA on the Rego) gives,
 * per export, the Report of each package with controls, and the seam (`compose.ts`) merges
 * them and decides what a program with no package to compile gives.
 */

import type { ParamValues } from "../eval/interp.js";
import type { LoadedExport } from "../export/load.js";
import type { IrProgram } from "../ir/ir.js";
import type { Report } from "../report/report.js";

/** The engines, the default first. */
export const ENGINE_NAMES = ["wasm", "js", "opa"] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** What an evaluation reads besides the program and the export. */
export interface EvalContext {
  /** The evaluation date, YYYY-MM-DD (waivers expire by it). */
  readonly now: string;
  readonly params: ParamValues;
}

/**
 * The Reports of exports, one per export in order. `exports` is consumed in order: an engine
 * that evaluates one export at a time takes the next only once the previous Report exists (so
 * a caller handing them over one by one holds one document at a time); `done(n)` is called
 * once the first n Reports exist.
 */
export type Evaluate<R> = (program: IrProgram, exports: Iterable<LoadedExport>, ctx: EvalContext, done?: (n: number) => void) => R[];

/** An engine: exports in, Reports out. */
export interface Engine {
  readonly name: EngineName;
  readonly reports: Evaluate<Report>;
}

/** A compiled engine: per export, the Report of each package with controls (`reportPackages` order). */
export interface PackageEngine {
  readonly name: EngineName;
  readonly packageReports: Evaluate<Report[]>;
}

/** An engine that cannot run (no OPA binary) or that failed (OPA exited non-zero): a one-line message for the user. */
export class EngineError extends Error {}
