/**
 * `--params FILE` of the commands that evaluate: the site's parameter values, checked against
 * the program's declarations; the problems printed and `InputError` thrown when any is wrong.
 * Also what the reports record of them: the file, its digest and every param's value and source.
 */

import { applyOverrides, formatParamProblem, paramUses } from "../eval/params.js";
import type { ParamValues } from "../eval/interp.js";
import type { IrProgram } from "../ir/ir.js";
import type { ParamsUsed } from "../report/run.js";
import { InputError } from "./errors.js";
import { fileDigest } from "./inputs.js";
import type { Output } from "./io.js";

export interface Params {
  /** What the evaluators read. */
  readonly values: ParamValues;
  /** What the reports record: the file, its digest, every param's value and source. */
  readonly used: ParamsUsed;
}

export async function resolveParams(ir: IrProgram, file: string | undefined, io: Output): Promise<Params> {
  // The file's reader (and the YAML parser with it) is loaded only when a file is given.
  const r = file === undefined ? applyOverrides(ir, undefined, "") : (await import("../io/params-file.js")).loadParams(ir, file);
  if (r.problems.length > 0) {
    io.err(r.problems.map((p) => `error: ${formatParamProblem(p)}`).join("\n"));
    throw new InputError("parameter errors");
  }
  const digest = file === undefined ? null : (fileDigest(file) ?? null);
  return { values: r.params, used: { file: file ?? null, sha256: digest, values: paramUses(ir, r) } };
}

