/**
 * `perimeter lint POLICY...`: parse and check policy files, print every diagnostic.
 * Exit 0 when there is no error (warnings allowed), 2 when there is one. The diagnostics of
 * files linted before come from the cache (lint-cache.ts).
 */

import { renderDiagnostics, summarize } from "../diagnostics/render.js";
import { hasErrors, sortDiagnostics } from "../diagnostics/diagnostic.js";
import { openCache } from "./cache.js";
import { EXIT, UsageError, type ExitCode } from "./errors.js";
import { lintCached } from "./lint-cache.js";
import type { Output } from "./io.js";
import { CONFIG_OPTIONS, policiesFromConfig } from "./config.js";
import { parseCommand } from "./options.js";
import { writeOutput } from "./output.js";
import { InputError } from "./errors.js";
import { oneOf, parseNow } from "./args.js";

export const lintUsage = `usage: perimeter lint [--format text|json] [--now YYYY-MM-DD] [-o FILE] [-q] [--no-cache] POLICY|DIR...

Checks policy files against the language and the export schema and prints every problem.
--now sets the date waivers are compared with (default: today, UTC).
-o, --output FILE writes the problems to FILE instead of stdout.
-q, --quiet prints only the errors (no warnings) and the summary line; JSON is always complete.
--no-cache lints from source, neither reading nor writing the cache (also PERIMETER_NO_CACHE=1).
Without POLICY, the policies of the configuration file (perimeter.yaml, found upward; --config
FILE names one, --no-config reads none).
Exit status: 0 no errors (warnings allowed), 2 errors.`;

export async function lintCommand(argv: readonly string[], io: Output): Promise<ExitCode> {
  const { values, positionals } = parseCommand(argv, {
    format: { type: "string", default: "text" },
    now: { type: "string" },
    output: { type: "string", short: "o" },
    quiet: { type: "boolean", short: "q" },
    "no-cache": { type: "boolean" },
    ...CONFIG_OPTIONS,
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.out(lintUsage);
    return EXIT.ok;
  }
  const format = oneOf("--format", values.format, ["text", "json"] as const);
  const now = parseNow(values.now);
  let paths: string[];
  try {
    paths = (await policiesFromConfig(positionals, values, io, [])).paths;
  } catch (e) {
    if (e instanceof InputError) return EXIT.usage;
    throw e;
  }
  if (paths.length === 0) throw new UsageError("no policy files given", "perimeter lint policies/");

  const linted = await lintCached(paths, now, openCache({ noCache: values["no-cache"] }));
  const diags = sortDiagnostics(linted.diagnostics);
  let text: string;
  if (format === "json") {
    text = JSON.stringify({ files: linted.sources.map((s) => s.path), diagnostics: diags.map((d) => ({ ...d, start: linted.files.get(d.file)?.position(d.span.start), end: linted.files.get(d.file)?.position(d.span.end) })) }, null, 2);
  } else {
    const shown = values.quiet ? diags.filter((d) => d.severity === "error") : diags;
    const color = values.output === undefined && io.colorOut;
    text = `${shown.length > 0 ? `${renderDiagnostics(shown, linted.files, { color })}\n` : ""}${linted.sources.length} file${linted.sources.length === 1 ? "" : "s"} checked: ${summarize(diags)}`;
  }
  try {
    writeOutput(values.output, text, io);
  } catch (e) {
    if (e instanceof InputError) return EXIT.usage;
    throw e;
  }
  return hasErrors(diags) ? EXIT.usage : EXIT.ok;
}
