/**
 * `perimeter lint POLICY...`: parse and check policy files, print every diagnostic.
 * Exit 0 when there is no error (warnings allowed), 2 when there is one. The diagnostics of
 * files linted before come from the cache (lint-cache.ts).
 */

import { parseArgs } from "node:util";
import { renderDiagnostics, summarize } from "../diagnostics/render.js";
import { hasErrors, sortDiagnostics } from "../diagnostics/diagnostic.js";
import { openCache } from "./cache.js";
import { EXIT, UsageError, type ExitCode } from "./errors.js";
import { lintCached } from "./lint-cache.js";
import type { Output } from "./io.js";
import { oneOf, parseCommandArgs, parseNow } from "./args.js";

export const lintUsage = `usage: perimeter lint [--format text|json] [--now YYYY-MM-DD] [--no-cache] POLICY|DIR...

Checks policy files against the language and the export schema and prints every problem.
--now sets the date waivers are compared with (default: today, UTC).
--no-cache lints from source, neither reading nor writing the cache (also PERIMETER_NO_CACHE=1).
Exit status: 0 no errors (warnings allowed), 2 errors.`;

export async function lintCommand(argv: readonly string[], io: Output): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(() =>
    parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { format: { type: "string", default: "text" }, now: { type: "string" }, "no-cache": { type: "boolean" }, help: { type: "boolean", short: "h" } },
    }),
  );
  if (values.help) {
    io.out(lintUsage);
    return EXIT.ok;
  }
  const format = oneOf("--format", values.format, ["text", "json"] as const);
  const now = parseNow(values.now);
  if (positionals.length === 0) throw new UsageError("no policy files given", "perimeter lint policies/");

  const linted = await lintCached(positionals, now, openCache({ noCache: values["no-cache"] }));
  const diags = sortDiagnostics(linted.diagnostics);
  if (format === "json") {
    io.out(JSON.stringify({ files: linted.sources.map((s) => s.path), diagnostics: diags.map((d) => ({ ...d, start: linted.files.get(d.file)?.position(d.span.start), end: linted.files.get(d.file)?.position(d.span.end) })) }, null, 2));
  } else {
    if (diags.length > 0) io.out(`${renderDiagnostics(diags, linted.files, { color: io.colorOut })}\n`);
    io.out(`${linted.sources.length} file${linted.sources.length === 1 ? "" : "s"} checked: ${summarize(diags)}`);
  }
  return hasErrors(diags) ? EXIT.usage : EXIT.ok;
}
