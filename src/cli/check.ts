/**
 * `perimeter check POLICY|DIR... --input EXPORT...`: evaluate every control on every export
 * and print the Report in one of seven formats. Exit 0 when no subject fails a control at or
 * above `--fail-on` (with `--baseline`: no *new* failure does), 1 when one does, 2 on bad
 * usage, policies, parameters, baseline or exports (nothing is evaluated then).
 *
 * Engines: the Wasm module (default), the reference evaluator (`js`), or a real OPA (`opa`,
 * src/backends/opa/engine.ts); all three give the same Report. The first two evaluate the
 * exports one after another; OPA evaluates them all in one `opa eval` process. Worker threads
 * were measured and do not pay on the machines this runs on (README, "Reports for CI and
 * auditors"): a run is dominated by start-up and compiling the policies, which every worker
 * would repeat.
 */

import { check } from "../api/check.js";
import { formatProblems } from "../api/problems.js";
import { FORMATS, render } from "../api/render.js";
import { EngineError } from "../engine/engine.js";
import { FAIL_ON_LEVELS } from "../engine/fail-on.js";
import { selectEngine } from "../engine/registry.js";
import { DEFAULT_MAX_EXPORT_AGE } from "../report/overview.js";
import { oneOf, parseDays, parseNow } from "./args.js";
import { libraryPath, loadConfig } from "./config.js";
import { EXIT, InputError, UsageError, type ExitCode } from "./errors.js";
import { openCache } from "./cache.js";
import { resolveExportInputs } from "./export-inputs.js";
import type { Output } from "./io.js";
import { parseCommand, toggle } from "./options.js";
import { parseTargets, writeOutput } from "./output.js";
import { compileCached } from "./policy-cache.js";
import { progressBar } from "./progress.js";

export const checkUsage = `usage: perimeter check POLICY|DIR... --input EXPORT... [options]

Evaluates every control of the policies on every export and prints the report.

options:
  -i, --input PATH...    exports (dbx-network-export/v1): files, directories (every *.json
                         in them, sorted) or - for standard input; takes every argument up
                         to the next option (so \`--input exports/*.json\` works; end the
                         list with -- when policies follow), and may be repeated
      --library          check the shipped policy library (<perimeter>/policies, the
                         Databricks Apps baseline), alone or with the POLICY paths
      --no-library       not the library, when the configuration file sets library: true
  -f, --format FORMAT    the report: text (default), json, sarif, junit, github, markdown or
                         html, to stdout or -o FILE
  -f, --format FORMAT=FILE
                         a further report of the same run written to FILE; repeat for
                         several (e.g. --format sarif=perimeter.sarif --format markdown=summary.md)
  -o, --output FILE      write the report to FILE instead of stdout
  -q, --quiet            text: only the controls and subjects that fail or are unknown, and
                         the summary (other formats are always complete)
      --no-quiet         every result, when the configuration file sets quiet: true
      --now DATE         evaluation date for waivers, YYYY-MM-DD (default: today, UTC)
      --params FILE      site parameters (YAML or JSON) overriding the policies' params
      --fail-on LEVEL    lowest severity whose failures make the exit status 1:
                         ${FAIL_ON_LEVELS.join(", ")} (default: info)
      --baseline FILE    a previous \`--format json\` report: only failures that are not
                         in it make the exit status 1; results are marked new / still
                         failing, and fixed ones are listed
      --engine ENGINE    wasm (default: the policies compiled to an OPA-ABI Wasm module,
                         run through the npm OPA SDK), js (the reference evaluator) or
                         opa (the policies compiled to Rego and evaluated by OPA, one
                         \`opa eval\` for all exports); all give the same report
      --opa PATH         the OPA binary of --engine opa (default: \`opa\` on PATH);
                         implies --engine opa
      --config FILE      read the options from FILE instead of the perimeter.yaml or
                         .perimeter.yaml found from the working directory upward
      --no-config        read no configuration file
      --no-color         never colour the output (see \`perimeter --help\`)

A configuration file (perimeter.yaml) may set policies, library, input, params, fail-on,
format, output, engine, opa, baseline and quiet; a flag replaces its key (README,
"Configuration file").
Waivers that have expired, or expire within 30 days of --now, stale exports and results
left undecided by an export's collection errors are reported on stderr.
A progress bar is shown on stderr for several exports when it is a terminal and CI is unset.

exit status: 0 no (new) failure at or above --fail-on, 1 failures, 2 bad input, 70 internal error`;

const CHECK_OPTIONS = {
  input: { type: "string", short: "i", multiple: true },
  library: { type: "boolean" },
  "no-library": { type: "boolean" },
  format: { type: "string", short: "f", multiple: true },
  output: { type: "string", short: "o" },
  quiet: { type: "boolean", short: "q" },
  "no-quiet": { type: "boolean" },
  now: { type: "string" },
  params: { type: "string" },
  "fail-on": { type: "string" },
  baseline: { type: "string" },
  engine: { type: "string" },
  opa: { type: "string" },
  "max-export-age": { type: "string" },
  compact: { type: "boolean" },
  config: { type: "string" },
  "no-config": { type: "boolean" },
  "no-cache": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export async function checkCommand(argv: readonly string[], io: Output): Promise<ExitCode> {
  const { values, positionals } = parseCommand(argv, CHECK_OPTIONS, { greedy: ["input"] });
  if (values.help) {
    io.out(checkUsage);
    return EXIT.ok;
  }
  if (values.config !== undefined && values["no-config"]) throw new UsageError("--config and --no-config contradict each other");
  try {
    // The configuration file's keys, each replaced by its flag when one is given.
    const c = (await loadConfig({ config: values.config, noConfig: values["no-config"] }, io))?.values ?? {};
    const policies = positionals.length > 0 ? positionals : (c.policies ?? []);
    const library = toggle("library", values.library, values["no-library"], c.library);
    const inputArgs = values.input ?? c.input ?? [];
    const targets = parseTargets(values.format ?? c.format, values.output ?? c.output, FORMATS, "text");
    const all = [targets.main, ...targets.extra];
    const failOn = oneOf("--fail-on", values["fail-on"] ?? c["fail-on"] ?? "info", FAIL_ON_LEVELS);
    const { name: engine, opa } = selectEngine({ engine: values.engine, opa: values.opa }, { engine: c.engine, opa: c.opa });
    const paramsFile = values.params ?? c.params;
    const baselineFile = values.baseline ?? c.baseline;
    const quiet = toggle("quiet", values.quiet, values["no-quiet"], c.quiet);
    const now = parseNow(values.now);
    const maxExportAge = parseDays("--max-export-age", values["max-export-age"] ?? String(DEFAULT_MAX_EXPORT_AGE));
    if (values.compact && !all.some((t) => t.format === "markdown")) throw new UsageError(`--compact is for --format markdown, not --format ${targets.main.format}`);
    if (policies.length === 0 && !library) {
      throw new UsageError(
        "no policy files given",
        values.input !== undefined && values.input.length > 1
          ? "--input takes every argument up to the next option: name the policies before it, or end the inputs with `--`"
          : "perimeter check policies --input export.json (or --library for the shipped baseline)",
      );
    }
    if (inputArgs.length === 0) throw new UsageError("no export given: pass one with --input FILE (or a directory, or - for standard input)");
    const inputs = resolveExportInputs(inputArgs, io);
    const program = await compileCached(library ? [...policies, libraryPath()] : policies, io, now, openCache({ noCache: values["no-cache"] }), { wasm: engine === "wasm" });
    const r = await check({
      policies: program,
      exports: inputs,
      now,
      ...(paramsFile !== undefined ? { params: paramsFile } : {}),
      engine,
      ...(opa !== undefined ? { opa } : {}),
      failOn,
      ...(baselineFile !== undefined ? { baseline: baselineFile } : {}),
      maxExportAge,
      digests: all.some((t) => t.format === "sarif" || t.format === "markdown" || t.format === "html"),
      progress: progressBar(inputs.length, "exports loaded"),
    });
    if (!r.ok) {
      io.err(formatProblems(r.problems, io.colorErr));
      return EXIT.usage;
    }
    if (r.notices.length > 0) io.err(formatProblems(r.notices));
    if (r.warnings.length > 0) io.err(r.warnings.map((w) => (io.colorErr ? `\u001b[33m${w}\u001b[0m` : w)).join("\n"));
    const compact = values.compact === true;
    const note = (line: string): void => io.err(line);
    for (const t of targets.extra) writeOutput(t.file, render(t.format, r.runs, r.info, { quiet, compact, note }), io, `--format ${t.format}=${t.file}`);
    writeOutput(targets.main.file, render(targets.main.format, r.runs, r.info, { quiet, compact, note, color: targets.main.file === undefined && io.colorOut }), io);
    return r.failed ? EXIT.failed : EXIT.ok;
  } catch (e) {
    if (e instanceof InputError) return EXIT.usage;
    if (e instanceof EngineError) {
      io.err(`error: ${e.message}`);
      return EXIT.usage;
    }
    throw e;
  }
}
