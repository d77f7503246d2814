/**
 * Shared by the commands that run policies: read and check the policy files, print their
 * errors, lower them to the IR; load the parameters; load and validate the exports. Each
 * step either succeeds or prints what is wrong and throws `InputError` (exit 2), so a command
 * never evaluates anything on bad input.
 */

import { renderDiagnostics, summarize } from "../diagnostics/render.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { formatProblem, type LoadedExport } from "../export/load.js";
import { loadExportBytes } from "../io/export-file.js";
import type { IrProgram } from "../ir/ir.js";
import { lowerProgram } from "../ir/lower.js";
import { frontEnd, readPolicyFiles, type FrontEnd, type Loaded } from "../program/load.js";
import { InputError } from "./errors.js";
import type { ExportInput } from "./export-inputs.js";
import { ioReason } from "../io/errors.js";
import type { Output } from "./io.js";

export { InputError } from "./errors.js";
export { resolveParams } from "./params.js";

export interface CompiledPolicies {
  readonly ir: IrProgram;
  readonly front: FrontEnd;
}

export function compilePolicies(paths: readonly string[], io: Output, now: string, loaded: Loaded = readPolicyFiles(paths)): CompiledPolicies {
  const fe = frontEnd(loaded.sources, { today: now }, loaded.diagnostics);
  const errors = fe.diagnostics.filter((d) => d.severity === "error");
  if (hasErrors(fe.diagnostics) || fe.program === undefined) {
    io.err(`${renderDiagnostics(errors, fe.files, { color: io.colorErr })}\n${summarize(errors)} in the policies; nothing was evaluated`);
    throw new InputError("policy errors");
  }
  return { ir: lowerProgram(fe.program), front: fe };
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
