/**
 * `perimeter lint POLICY...`: parse and check policy files, print every diagnostic.
 * Exit 0 when there is no error (warnings allowed), 2 when there is one.
 */

import { renderDiagnostics, summarize } from "../diagnostics/render.js";
import { hasErrors, sortDiagnostics } from "../diagnostics/diagnostic.js";
import { frontEnd, readPolicyFiles } from "../program/load.js";
import { EXIT, UsageError, type ExitCode } from "./errors.js";
import type { Output } from "./io.js";
import { CONFIG_OPTIONS, policiesFromConfig } from "./config.js";
import { parseCommand } from "./options.js";
import { writeOutput } from "./output.js";
import { InputError } from "./policy.js";
import { oneOf, parseNow } from "./args.js";

export const lintUsage = `usage: perimeter lint [--format text|json] [--now YYYY-MM-DD] [-o FILE] [-q] POLICY|DIR...

Checks policy files against the language and the export schema and prints every problem.
--now sets the date waivers are compared with (default: today, UTC).
-o, --output FILE writes the problems to FILE instead of stdout.
-q, --quiet prints only the errors (no warnings) and the summary line; JSON is always complete.
Without POLICY, the policies of the configuration file (perimeter.yaml, found upward; --config
FILE names one, --no-config reads none).
Exit status: 0 no errors (warnings allowed), 2 errors.`;

export function lintCommand(argv: readonly string[], io: Output): ExitCode {
  const { values, positionals } = parseCommand(argv, {
    format: { type: "string", default: "text" },
    now: { type: "string" },
    output: { type: "string", short: "o" },
    quiet: { type: "boolean", short: "q" },
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
    paths = policiesFromConfig(positionals, values, io, []).paths;
  } catch (e) {
    if (e instanceof InputError) return EXIT.usage;
    throw e;
  }
  if (paths.length === 0) throw new UsageError("no policy files given", "perimeter lint policies/");

  const loaded = readPolicyFiles(paths);
  const fe = frontEnd(loaded.sources, { today: now }, loaded.diagnostics);
  const diags = sortDiagnostics(fe.diagnostics);
  let text: string;
  if (format === "json") {
    text = JSON.stringify({ files: loaded.sources.map((s) => s.path), diagnostics: diags.map((d) => ({ ...d, start: fe.files.get(d.file)?.position(d.span.start), end: fe.files.get(d.file)?.position(d.span.end) })) }, null, 2);
  } else {
    const shown = values.quiet ? diags.filter((d) => d.severity === "error") : diags;
    const color = values.output === undefined && io.colorOut;
    text = `${shown.length > 0 ? `${renderDiagnostics(shown, fe.files, { color })}\n` : ""}${loaded.sources.length} file${loaded.sources.length === 1 ? "" : "s"} checked: ${summarize(diags)}`;
  }
  try {
    writeOutput(values.output, text, io);
  } catch (e) {
    if (e instanceof InputError) return EXIT.usage;
    throw e;
  }
  return hasErrors(diags) ? EXIT.usage : EXIT.ok;
}
