/**
 * Where a command's reports go: `-o/--output FILE` (or stdout, also for `-o -`) for the main
 * report, and `--format FORMAT=FILE` for further reports of the same run, so one run writes
 * e.g. the text to the log, SARIF for code scanning and Markdown for a job summary:
 *
 *   perimeter check policies -i export.json --format sarif=perimeter.sarif --format markdown=summary.md
 *
 * A bare `--format FORMAT` (at most one) chooses the main report (default: text). Parent
 * folders of an output are created; a file that cannot be written is reported with its path
 * and the reason (exit 2).
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { didYouMean } from "../diagnostics/suggest.js";
import { UsageError } from "./errors.js";
import { ioReason } from "../io/errors.js";
import type { Output } from "./io.js";
import { InputError } from "./errors.js";

export interface ReportTarget<F extends string> {
  readonly format: F;
  /** undefined: standard output. */
  readonly file: string | undefined;
}

export interface Targets<F extends string> {
  /** The main report: to `-o FILE` or stdout. */
  readonly main: ReportTarget<F>;
  /** Reports to files, in the order given. */
  readonly extra: readonly ReportTarget<F>[];
}

function formatOf<F extends string>(value: string, allowed: readonly F[]): F {
  if ((allowed as readonly string[]).includes(value)) return value as F;
  throw new UsageError(`--format must be one of ${allowed.join(", ")}, not \`${value}\``, didYouMean(value, allowed));
}

/** `--format` values (bare or FORMAT=FILE) and `-o`, checked. */
export function parseTargets<F extends string>(values: readonly string[] | undefined, output: string | undefined, allowed: readonly F[], fallback: F): Targets<F> {
  const bare: F[] = [];
  const extra: ReportTarget<F>[] = [];
  for (const v of values ?? []) {
    const eq = v.indexOf("=");
    if (eq < 0) {
      bare.push(formatOf(v, allowed));
      continue;
    }
    const format = formatOf(v.slice(0, eq), allowed);
    const file = v.slice(eq + 1);
    if (file === "") throw new UsageError(`--format ${v}: no file after \`=\``, `--format ${format}=report.${format === "markdown" ? "md" : format}`);
    extra.push({ format, file: file === "-" ? undefined : file });
  }
  const toStdout = extra.filter((t) => t.file === undefined);
  if (bare.length + toStdout.length > 1) {
    throw new UsageError("more than one report for standard output", "give one bare `--format FORMAT` (it goes to stdout or -o FILE) and `--format FORMAT=FILE` for the others");
  }
  const main: ReportTarget<F> = { format: bare[0] ?? toStdout[0]?.format ?? fallback, file: output === "-" ? undefined : output };
  const files = extra.filter((t) => t.file !== undefined);
  const clash = files.find((t, i) => files.findIndex((u) => u.file === t.file) !== i || (main.file !== undefined && t.file === main.file));
  if (clash) throw new UsageError(`two reports would be written to \`${clash.file}\``);
  return { main, extra: files };
}

/** Writes text to a file (creating its folder), or to stdout when `file` is undefined or `-`. */
export function writeOutput(file: string | undefined, text: string, io: Output, label = `-o ${file}`): void {
  if (file === undefined || file === "-") {
    io.out(text);
    return;
  }
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text.endsWith("\n") ? text : `${text}\n`);
  } catch (e) {
    io.err(`error: ${label}: cannot write the file: ${ioReason(e)}`);
    throw new InputError("output");
  }
}
