// The engines of the seam (src/engine/) for tests that compare one export's Report across
// them, synchronously: the Wasm engine as `check --engine wasm` composes it.
import { composed } from "../../src/engine/compose.js";
import { wasmEngine } from "../../src/engine/wasm.js";
import type { ParamValues } from "../../src/eval/interp.js";
import type { LoadedExport } from "../../src/export/load.js";
import type { IrProgram } from "../../src/ir/ir.js";
import type { Report } from "../../src/report/report.js";

const wasm = composed(wasmEngine);

/** The Report of one export on the Wasm engine. */
export function wasmReport(program: IrProgram, exp: LoadedExport, now: string, params: ParamValues): Report {
  return wasm.reports(program, [exp], { now, params })[0]!;
}
