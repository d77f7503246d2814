/**
 * `perimeter fmt [--check] POLICY|DIR...`: rewrite policy files in the canonical layout
 * (docs/language.md, "Canonical layout"), with Prettier and the `perimeter/prettier` plugin,
 * so `perimeter fmt` and `prettier --plugin perimeter/prettier` always agree. A Prettier
 * configuration file that applies to a policy (`.prettierrc`, `.editorconfig`) is honoured.
 *
 * A file with a syntax error is never rewritten: its errors are printed and the exit status is
 * 2, after the other files have been formatted (or checked). Prettier is loaded only when this
 * command runs, so the other commands do not pay for it.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { renderDiagnostics, summarize } from "../diagnostics/render.js";
import { readPolicyFiles } from "../program/load.js";
import { parseSource } from "../syntax/parse.js";
import { EXIT, UsageError, type ExitCode } from "./errors.js";
import type { Output } from "./io.js";
import { parseCommand } from "./options.js";

export const fmtUsage = `usage: perimeter fmt [--check] POLICY|DIR...

Formats policy files in place in the canonical layout, with Prettier and the
perimeter/prettier plugin (a Prettier configuration file applies). Directories are searched
for *.perimeter files.

options:
  --check    write nothing; list the files that are not formatted

exit status: 0 formatted (with --check: every file already formatted), 1 with --check when a
file is not formatted, 2 syntax errors, unreadable or unwritable files, 70 internal error`;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export async function fmtCommand(argv: readonly string[], io: Output): Promise<ExitCode> {
  const { values, positionals } = parseCommand(argv, { check: { type: "boolean" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    io.out(fmtUsage);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError("no policy files given", "perimeter fmt policies/");
  const check = values.check === true;

  const prettier = await import("prettier");
  const { default: plugin } = await import("../format/index.js");
  const loaded = readPolicyFiles(positionals);
  const problems: Diagnostic[] = [...loaded.diagnostics];
  const changed: string[] = [];
  const unwritable: string[] = [];
  let skipped = 0;
  for (const source of loaded.sources) {
    const errors = parseSource(source).diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0) {
      problems.push(...errors);
      skipped++;
      continue;
    }
    // As the Prettier CLI does: the file's own text (a byte-order mark is kept), its configuration.
    const text = readFileSync(source.path, "utf8");
    const config = (await prettier.resolveConfig(source.path, { editorconfig: true })) ?? {};
    const formatted = await prettier.format(text, { ...config, filepath: source.path, parser: "perimeter", plugins: [plugin] });
    if (formatted === text) continue;
    changed.push(source.path);
    if (check) continue;
    try {
      writeFileSync(source.path, formatted);
    } catch (e) {
      unwritable.push(`error: cannot write \`${source.path}\`: ${(e as Error).message}`);
    }
  }

  if (changed.length > 0) io.out(changed.join("\n"));
  const valid = loaded.sources.length - skipped;
  if (check) io.out(changed.length > 0 ? `${plural(changed.length, "file")} of ${valid} not formatted` : `${plural(valid, "file")} already formatted`);
  else io.out(`${plural(changed.length, "file")} formatted, ${valid - changed.length} unchanged`);
  if (problems.length > 0) {
    const files = new Map(loaded.sources.map((s) => [s.path, s] as const));
    io.err(`${renderDiagnostics(sortDiagnostics(problems), files, { color: io.colorErr })}\n${summarize(problems)}: files with errors were not formatted`);
  }
  if (unwritable.length > 0) io.err(unwritable.join("\n"));
  if (problems.length > 0 || unwritable.length > 0) return EXIT.usage;
  return check && changed.length > 0 ? EXIT.failed : EXIT.ok;
}
