/**
 * Problems found while loading an export, and how they are printed.
 *
 * Every problem names the file and a place in it: an RFC 6901 JSON pointer into the file as
 * written (envelopes included, see `envelopes.ts`), or a 1-based line and column when the text
 * is not JSON at all. `error` problems reject the export; `warning` problems (unknown enum
 * values, inconsistent collection errors, undecodable bytes, integers beyond 2^53) are
 * reported and the export is still loaded.
 *
 * Invariants:
 * - A problem list is capped (`capProblems`) so a wildly wrong file cannot flood the output;
 *   the cap keeps errors before warnings and says how many were left out.
 * - Nothing here throws.
 */

export interface ExportProblem {
  readonly file: string;
  /** RFC 6901 pointer into the file as written; `""` is the whole document. */
  readonly pointer: string;
  readonly message: string;
  readonly severity: "error" | "warning";
  /** 1-based line, set for problems of the JSON text itself (syntax errors). */
  readonly line?: number;
  /** 1-based column in UTF-16 code units, set together with `line`. */
  readonly column?: number;
}

/** The most problems one load reports; the last one says how many more there were. */
export const MAX_PROBLEMS = 100;

/** `file: /json/pointer: message`, or `file:line:column: message` for problems of the JSON text. */
export function formatProblem(p: ExportProblem): string {
  if (p.line !== undefined) return `${p.file}:${p.line}:${p.column ?? 1}: ${p.message}`;
  return `${p.file}: ${p.pointer === "" ? "/" : p.pointer}: ${p.message}`;
}

export function hasErrorProblems(problems: readonly ExportProblem[]): boolean {
  return problems.some((p) => p.severity === "error");
}

export function errorAt(file: string, pointer: string, message: string): ExportProblem {
  return { file, pointer, message, severity: "error" };
}

export function warningAt(file: string, pointer: string, message: string): ExportProblem {
  return { file, pointer, message, severity: "warning" };
}

/**
 * At most `MAX_PROBLEMS` problems, in their original order: errors are kept in preference to
 * warnings, and when some are dropped the last entry counts them.
 */
export function capProblems(problems: readonly ExportProblem[], max = MAX_PROBLEMS): ExportProblem[] {
  if (problems.length <= max) return [...problems];
  const room = max - 1;
  let errors = 0;
  for (const p of problems) if (p.severity === "error") errors++;
  let warningRoom = Math.max(0, room - errors);
  let errorRoom = room;
  const kept: ExportProblem[] = [];
  for (const p of problems) {
    if (p.severity === "error" ? errorRoom-- > 0 : warningRoom-- > 0) kept.push(p);
  }
  const droppedErrors = errors - Math.min(errors, room);
  const droppedWarnings = problems.length - errors - (kept.length - Math.min(errors, room));
  const counts = [droppedErrors > 0 ? plural(droppedErrors, "error") : "", droppedWarnings > 0 ? plural(droppedWarnings, "warning") : ""];
  kept.push({
    file: problems[0]!.file,
    pointer: "",
    message: `too many problems: ${counts.filter((s) => s !== "").join(" and ")} more not shown`,
    severity: droppedErrors > 0 ? "error" : "warning",
  });
  return kept;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
