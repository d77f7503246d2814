/**
 * `--params FILE` of the commands that evaluate: the site's parameter values, checked against
 * the program's declarations; the problems printed and `InputError` thrown when any is wrong.
 */

import { applyOverrides, formatParamProblem, loadParams } from "../eval/params.js";
import type { ParamValues } from "../eval/interp.js";
import type { IrProgram } from "../ir/ir.js";
import { InputError } from "./errors.js";
import type { Output } from "./io.js";

export function resolveParams(ir: IrProgram, file: string | undefined, io: Output): ParamValues {
  const r = file === undefined ? applyOverrides(ir, undefined, "") : loadParams(ir, file);
  if (r.problems.length > 0) {
    io.err(r.problems.map((p) => `error: ${formatParamProblem(p)}`).join("\n"));
    throw new InputError("parameter errors");
  }
  return r.params;
}
