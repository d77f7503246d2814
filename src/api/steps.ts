/**
 * The steps every evaluating function of the library API shares, each giving a value or the
 * problems that stop a run (nothing is printed): read and check the site's parameters; read
 * and validate exports. (Compiling policies is policies.ts, loaded only when a run compiles.)
 */

import { readFileSync } from "node:fs";
import type { ParamValues } from "../eval/interp.js";
import { applyOverrides, formatParamProblem, paramUses } from "../eval/params.js";
import { formatProblem as formatExportProblem, type LoadedExport } from "../export/load.js";
import { loadExportBytes } from "../io/export-file.js";
import type { IrProgram } from "../ir/ir.js";
import type { ParamsUsed } from "../report/run.js";
import { sha256 } from "./digest.js";
import { ioReason } from "../io/errors.js";
import { fileDigest } from "./inputs.js";
import { error, invalid, type Invalid, type Problem } from "./problems.js";

/** The site's parameters: what the evaluators read, and what the reports record of them. */
export interface Params {
  readonly values: ParamValues;
  readonly used: ParamsUsed;
}

/** The program's parameters, overridden by the params file `file` (YAML or JSON) when given, or its problems. */
export async function resolveParams(ir: IrProgram, file: string | undefined): Promise<({ readonly ok: true } & Params) | Invalid> {
  // The file's reader (and the YAML parser with it) is loaded only when a file is given.
  const r = file === undefined ? applyOverrides(ir, undefined, "") : (await import("../io/params-file.js")).loadParams(ir, file);
  if (r.problems.length > 0) return invalid(r.problems.map((p) => error(formatParamProblem(p))));
  const digest = file === undefined ? null : (fileDigest(file) ?? null);
  return { ok: true, values: r.params, used: { file: file ?? null, sha256: digest, values: paramUses(ir, r) } };
}

/** An export to evaluate: its name in the reports and its bytes (a path is read as such). */
export interface ExportSource {
  readonly name: string;
  read(): Uint8Array;
}

/** A path, or an export source, as an export source. */
export function exportSource(e: string | ExportSource): ExportSource {
  if (typeof e !== "string") return e;
  return { name: e, read: () => readFileSync(e) };
}

/** Reports the progress of a long run (the CLI's progress bar). */
export interface Progress {
  update(done: number, label?: string): void;
  end(): void;
}

export const NO_PROGRESS: Progress = { update() {}, end() {} };

/** Exports read and validated: each valid export, and the warnings about them. */
export interface LoadedExports {
  readonly ok: true;
  readonly exports: LoadedExport[];
  /** Warnings about valid exports (e.g. bytes that are not UTF-8), in order. */
  readonly notices: readonly Problem[];
  /** The SHA-256 of each export's bytes, when asked for. */
  readonly digests: readonly string[];
}

/**
 * Reads and validates every export; every problem of every export is kept, and when any export
 * cannot be read or is invalid, nothing is evaluated (the problems, and a closing note; with
 * `stopUnreadable`, an export that cannot be read stops there, without one).
 */
export function loadExports(sources: readonly ExportSource[], options: { readonly digests?: boolean; readonly progress?: Progress; readonly stopUnreadable?: boolean } = {}): LoadedExports | Invalid {
  const progress = options.progress ?? NO_PROGRESS;
  const exports: LoadedExport[] = [];
  const problems: Problem[] = [];
  const digests: string[] = [];
  let invalidExport = false;
  let unreadable = false;
  let stopped = false;
  sources.forEach((source, i) => {
    if (stopped) return;
    let bytes: Uint8Array;
    try {
      bytes = source.read();
    } catch (e) {
      progress.end();
      problems.push(error(`--input ${source.name}: cannot read the file: ${ioReason(e)}`));
      unreadable = true;
      if (options.stopUnreadable) stopped = true;
      return;
    }
    if (options.digests) digests[i] = sha256(bytes);
    const r = loadExportBytes(source.name, Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (r.problems.length > 0) progress.end();
    for (const p of r.problems) problems.push({ kind: p.severity, message: formatExportProblem(p) });
    if (r.export === undefined) invalidExport = true;
    else exports.push(r.export);
    progress.update(i + 1, "exports loaded");
  });
  if (stopped) return invalid(problems);
  if (invalidExport || unreadable) {
    progress.end();
    problems.push({ kind: "note", message: invalidExport ? "the exports above are not valid dbx-network-export/v1 documents; nothing was evaluated" : "nothing was evaluated" });
    return invalid(problems);
  }
  return { ok: true, exports, notices: problems, digests };
}
