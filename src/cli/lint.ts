/**
 * `perimeter lint POLICY...`: parse and check policy files, print every diagnostic.
 * Exit 0 when there is no error (warnings allowed), 2 when there is one.
 */

import { parseArgs } from "node:util";
import { renderDiagnostics, summarize } from "../diagnostics/render.js";
import { hasErrors, sortDiagnostics } from "../diagnostics/diagnostic.js";
import { frontEnd, readPolicyFiles } from "../program/load.js";
import { EXIT, UsageError, type ExitCode } from "./errors.js";
import type { Output } from "./io.js";
import { oneOf, parseCommandArgs, parseNow } from "./args.js";

export const lintUsage = `usage: perimeter lint [--format text|json] [--now YYYY-MM-DD] POLICY|DIR...

Checks policy files against the language and the export schema and prints every problem.
--now sets the date waivers are compared with (default: today, UTC).
Exit status: 0 no errors (warnings allowed), 2 errors.`;

export function lintCommand(argv: readonly string[], io: Output): ExitCode {
  const { values, positionals } = parseCommandArgs(() =>
    parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { format: { type: "string", default: "text" }, now: { type: "string" }, help: { type: "boolean", short: "h" } },
    }),
  );
  if (values.help) {
    io.out(lintUsage);
    return EXIT.ok;
  }
  const format = oneOf("--format", values.format, ["text", "json"] as const);
  const now = parseNow(values.now);
  if (positionals.length === 0) throw new UsageError("no policy files given", "perimeter lint policies/");

  const loaded = readPolicyFiles(positionals);
  const fe = frontEnd(loaded.sources, { today: now }, loaded.diagnostics);
  const diags = sortDiagnostics(fe.diagnostics);
  if (format === "json") {
    io.out(JSON.stringify({ files: loaded.sources.map((s) => s.path), diagnostics: diags.map((d) => ({ ...d, start: fe.files.get(d.file)?.position(d.span.start), end: fe.files.get(d.file)?.position(d.span.end) })) }, null, 2));
  } else {
    if (diags.length > 0) io.out(`${renderDiagnostics(diags, fe.files, { color: io.colorOut })}\n`);
    io.out(`${loaded.sources.length} file${loaded.sources.length === 1 ? "" : "s"} checked: ${summarize(diags)}`);
  }
  return hasErrors(diags) ? EXIT.usage : EXIT.ok;
}
