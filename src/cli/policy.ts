/**
 * Shared by the commands that run policies: read and check the policy files, print their
 * errors, lower them to the IR; load the parameters; load and validate the exports. Each
 * step either succeeds or prints what is wrong and throws `InputError` (exit 2), so a command
 * never evaluates anything on bad input.
 */

import { renderDiagnostics, summarize } from "../diagnostics/render.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { applyOverrides, formatParamProblem, loadParams, paramUses } from "../eval/params.js";
import type { ParamValues } from "../eval/interp.js";
import { formatProblem, loadExportBytes, type LoadedExport } from "../export/load.js";
import type { IrProgram } from "../ir/ir.js";
import { lowerProgram } from "../ir/lower.js";
import { frontEnd, readPolicyFiles, type FrontEnd } from "../program/load.js";
import type { ParamsUsed } from "../report/run.js";
import { fileDigest } from "./inputs.js";
import { ioReason, type ExportInput } from "./export-inputs.js";
import type { Output } from "./io.js";

/** A user input problem already printed; the command exits 2. */
export class InputError extends Error {}

export interface CompiledPolicies {
  readonly ir: IrProgram;
  readonly front: FrontEnd;
}

export function compilePolicies(paths: readonly string[], io: Output, now: string): CompiledPolicies {
  const loaded = readPolicyFiles(paths);
  const fe = frontEnd(loaded.sources, { today: now }, loaded.diagnostics);
  const errors = fe.diagnostics.filter((d) => d.severity === "error");
  if (hasErrors(fe.diagnostics) || fe.program === undefined) {
    io.err(`${renderDiagnostics(errors, fe.files, { color: io.colorErr })}\n${summarize(errors)} in the policies; nothing was evaluated`);
    throw new InputError("policy errors");
  }
  return { ir: lowerProgram(fe.program), front: fe };
}

export interface Params {
  /** What the evaluators read. */
  readonly values: ParamValues;
  /** What the reports record: the file, its digest, every param's value and source. */
  readonly used: ParamsUsed;
}

export function resolveParams(ir: IrProgram, file: string | undefined, io: Output): Params {
  const r = file === undefined ? applyOverrides(ir, undefined, "") : loadParams(ir, file);
  if (r.problems.length > 0) {
    io.err(r.problems.map((p) => `error: ${formatParamProblem(p)}`).join("\n"));
    throw new InputError("parameter errors");
  }
  const digest = file === undefined ? null : (fileDigest(file) ?? null);
  return { values: r.params, used: { file: file ?? null, sha256: digest, values: paramUses(ir, r) } };
}

/** Loads every export; prints every problem; throws when any export has an error. */
export function loadExports(inputs: readonly ExportInput[], io: Output): LoadedExport[] {
  const out: LoadedExport[] = [];
  let failed = false;
  for (const input of inputs) {
    let bytes: Buffer;
    try {
      bytes = input.read();
    } catch (e) {
      io.err(`error: --input ${input.name}: cannot read the file: ${ioReason(e)}`);
      throw new InputError("export errors");
    }
    const r = loadExportBytes(input.name, bytes);
    for (const p of r.problems) io.err(`${p.severity}: ${formatProblem(p)}`);
    if (r.export === undefined) failed = true;
    else out.push(r.export);
  }
  if (failed) {
    io.err("the exports above are not valid dbx-network-export/v1 documents; nothing was evaluated");
    throw new InputError("export errors");
  }
  return out;
}
