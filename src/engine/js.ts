/**
 * The reference evaluator (src/eval/) as an engine (`--engine js`): the meaning every other
 * engine is tested against. Evaluates one export at a time.
 */

import type { ParamValues } from "../eval/interp.js";
import { evaluate } from "../eval/run.js";
import type { LoadedExport } from "../export/load.js";
import { buildPointerIndex } from "../export/pointers.js";
import type { IrProgram } from "../ir/ir.js";
import type { Report } from "../report/report.js";
import type { Engine } from "./engine.js";

/** The Report of one export (pointers into the document as evaluated, envelopes unwrapped). */
export function reportFor(ir: IrProgram, exp: LoadedExport, now: string, params: ParamValues): Report {
  const pointers = buildPointerIndex(exp.document, new WeakMap());
  return evaluate(ir, { document: exp.document, errors: exp.errors, pointerOf: (v) => pointers.get(v) }, { now, params });
}

export const jsEngine: Engine = {
  name: "js",
  reports(program, exports, ctx, done) {
    const out: Report[] = [];
    for (const exp of exports) {
      out.push(reportFor(program, exp, ctx.now, ctx.params));
      done?.(out.length);
    }
    return out;
  },
};
