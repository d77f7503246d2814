/**
 * Where the seam composes engines. A compiled engine (Wasm, OPA) gives one Report per package
 * with controls; here they become the program's Report (merge.ts). A program with no package
 * to compile (no controls: only the export's header and its waivers, none of them used) has
 * no entrypoint for a compiled engine to run: its Report is the reference evaluator's,
 * whichever engine was asked. That is decided here, once, not inside each engine.
 */

import type { LoadedExport } from "../export/load.js";
import type { IrProgram } from "../ir/ir.js";
import { reportPackages } from "../ir/packages.js";
import type { Report } from "../report/report.js";
import type { Engine, EvalContext, PackageEngine } from "./engine.js";
import { jsEngine, reportFor } from "./js.js";
import { mergeReports } from "./merge.js";

/** Does a compiled engine have anything to run for this program? */
export function hasPackages(program: IrProgram): boolean {
  return reportPackages(program).length > 0;
}

/** A compiled engine as an engine: its package Reports merged, the reference evaluator's Report for a program without packages. */
export function composed(engine: PackageEngine): Engine {
  return {
    name: engine.name,
    reports(program, exports, ctx, done) {
      if (!hasPackages(program)) return jsEngine.reports(program, exports, ctx, done);
      return engine.packageReports(program, exports, ctx, done).map((reports) => mergeReports(program, reports, ctx.now));
    },
  };
}

/** The program's Report on one export from a compiled module's package Reports (the playground's Wasm module). */
export function programReport(program: IrProgram, exp: LoadedExport, ctx: EvalContext, packageReports: () => Report[]): Report {
  return hasPackages(program) ? mergeReports(program, packageReports(), ctx.now) : reportFor(program, exp, ctx.now, ctx.params);
}
