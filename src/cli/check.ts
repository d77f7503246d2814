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

import { readFileSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { buildPointerIndex } from "../export/pointers.js";
type OpaEngine = typeof import("../backends/opa/engine.js");
import { wasmReport } from "../backends/wasm/engine.js";
import { evaluate } from "../eval/run.js";
import { formatProblem, type LoadedExport } from "../export/load.js";
import { loadExportBytes } from "../io/export-file.js";
import type { IrProgram } from "../ir/ir.js";
import type { ParamValues } from "../eval/interp.js";
import { packagePath, packageRoot } from "../paths.js";
import { applyBaseline, parseBaseline, type BaselineFailure } from "../report/baseline.js";
import { renderGithub } from "../report/render-github.js";
import { renderHtml } from "../report/render-html.js";
import { renderJunit } from "../report/render-junit.js";
import { markdownReport } from "../report/render-markdown.js";
import { renderSarif } from "../report/render-sarif.js";
import { renderJson, renderText } from "../report/render-text.js";
import { SEVERITY_RANK, type Report, type Severity } from "../report/report.js";
import { SEVERITIES } from "../util/severity.js";
import { TOOL_NAME, TOOL_URI, type ExportRun, type RunInfo } from "../report/run.js";
import { sha256 } from "./digest.js";
import { annotateWaivers, waiverWarnings } from "../report/waivers.js";
import { collectionGaps, DEFAULT_MAX_EXPORT_AGE, exportWarnings, staleExports } from "../report/overview.js";
import { oneOf, parseDays, parseNow } from "./args.js";
import { libraryPath, loadConfig } from "./config.js";
import { EXIT, InputError, UsageError, type ExitCode } from "./errors.js";
import { openCache } from "./cache.js";
import { resolveExportInputs, type ExportInput } from "./export-inputs.js";
import { ioReason } from "../io/errors.js";
import { policyDigests } from "./inputs.js";
import type { Output } from "./io.js";
import { parseCommand, toggle } from "./options.js";
import { parseTargets, writeOutput } from "./output.js";
import { compileCached } from "./policy-cache.js";
import { resolveParams } from "./params.js";
import { progressBar, type Progress } from "./progress.js";

export const FORMATS = ["text", "json", "sarif", "junit", "github", "markdown", "html"] as const;
export type Format = (typeof FORMATS)[number];

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
                         ${SEVERITIES.join(", ")} (default: info)
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

export { SEVERITIES };
export const ENGINES = ["wasm", "js", "opa"] as const;

/** The report of one export (pointers into the document as evaluated, envelopes unwrapped). */
export function reportFor(ir: IrProgram, exp: LoadedExport, now: string, params: ParamValues): Report {
  const pointers = buildPointerIndex(exp.document, new WeakMap());
  return evaluate(ir, { document: exp.document, errors: exp.errors, pointerOf: (v) => pointers.get(v) }, { now, params });
}

/** Does a subject fail a control at or above `threshold`? With `onlyNew`, only failures marked `new` by a baseline count. */
export function failsAt(report: Report, threshold: Severity, onlyNew = false): boolean {
  return report.controls.some((c) => SEVERITY_RANK[c.severity] >= SEVERITY_RANK[threshold] && c.results.some((r) => r.status === "fail" && (!onlyNew || r.baseline !== "still_failing")));
}

export function toolVersion(): string {
  try {
    return (JSON.parse(readFileSync(packagePath("package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

/** Reads `--baseline FILE`; prints what is wrong and throws `InputError` when it cannot be used. */
function readBaseline(file: string, io: Output): BaselineFailure[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    io.err(`error: --baseline ${file}: cannot read the file: ${ioReason(e)}`);
    throw new InputError("baseline");
  }
  const parsed = parseBaseline(text);
  if ("error" in parsed) {
    io.err(`error: --baseline ${file}: ${parsed.error}`);
    throw new InputError("baseline");
  }
  return parsed.failures;
}

/** Evaluates loaded exports, in order, calling `done(n)` as reports are made. */
type Evaluator = (exports: (LoadedExport | undefined)[], done: (n: number) => void) => Report[];

/** One export at a time (the Wasm and js engines): each document is let go once its report exists. */
function oneByOne(evaluateOne: (e: LoadedExport) => Report): Evaluator {
  return (loaded, done) => {
    const reports: Report[] = [];
    for (let i = 0; i < loaded.length; i++) {
      reports.push(evaluateOne(loaded[i]!));
      // The document is no longer needed once its report exists: let it go while the run continues.
      loaded[i] = undefined;
      done(i + 1);
    }
    return reports;
  };
}

/**
 * Loads every export, then evaluates them with the progress bar. Every load problem of every
 * export is printed; when any export has an error nothing is evaluated. With `digests`, the
 * SHA-256 of each export's bytes is recorded there (for the reports that stamp them).
 */
function evaluateAll(inputs: readonly ExportInput[], io: Output, evaluator: Evaluator, progress: Progress, digests?: string[]): Report[] {
  const loaded: (LoadedExport | undefined)[] = [];
  let invalid = false;
  let unreadable = false;
  inputs.forEach((input, i) => {
    let bytes: Buffer;
    try {
      bytes = input.read();
    } catch (e) {
      progress.end();
      io.err(`error: --input ${input.name}: cannot read the file: ${ioReason(e)}`);
      unreadable = true;
      return;
    }
    if (digests) digests[i] = sha256(bytes);
    const r = loadExportBytes(input.name, bytes);
    if (r.problems.length > 0) {
      progress.end();
      for (const p of r.problems) io.err(`${p.severity}: ${formatProblem(p)}`);
    }
    if (r.export === undefined) invalid = true;
    else loaded.push(r.export);
    progress.update(i + 1, "exports loaded");
  });
  if (invalid || unreadable) {
    progress.end();
    io.err(invalid ? "the exports above are not valid dbx-network-export/v1 documents; nothing was evaluated" : "nothing was evaluated");
    throw new InputError("export errors");
  }
  progress.update(0, "exports checked");
  try {
    return evaluator(loaded, (n) => progress.update(n, "exports checked"));
  } finally {
    progress.end();
  }
}

/** A report in one format; `color` and `quiet` apply to text. */
export function render(
  format: Format,
  runs: readonly ExportRun[],
  info: RunInfo,
  opts: { color?: boolean; quiet?: boolean; compact?: boolean; note?: (line: string) => void } = {},
): string {
  const reports = runs.map((r) => r.report);
  const base = process.cwd();
  // Inside perimeter's own repository its policies are the repository's files, not a library.
  const fromRoot = relative(packageRoot(), base);
  const library = fromRoot.startsWith("..") || isAbsolute(fromRoot) ? packagePath("policies") : undefined;
  switch (format) {
    case "text":
      return runs.map((r) => renderText(r.report, { color: opts.color === true, title: r.file, quiet: opts.quiet === true, params: info.params })).join("\n");
    case "json":
      return renderJson(reports, info.params);
    case "sarif":
      return renderSarif(runs, info, { base, ...(library !== undefined ? { library } : {}) });
    case "junit":
      return renderJunit(runs, info.params);
    case "github":
      return renderGithub(runs, { base, params: info.params });
    case "markdown": {
      const m = markdownReport(runs, info, { compact: opts.compact === true });
      if (m.fullBytes !== undefined) opts.note?.(`note: the Markdown report would be ${m.fullBytes} bytes, over GitHub's 1 MiB step-summary limit: the compact summary was written instead (--compact)`);
      return m.text;
    }
    case "html":
      return renderHtml(runs, info);
  }
}

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
  let opaEngine: OpaEngine | undefined;
  try {
    // The configuration file's keys, each replaced by its flag when one is given.
    const c = (await loadConfig({ config: values.config, noConfig: values["no-config"] }, io))?.values ?? {};
    const policies = positionals.length > 0 ? positionals : (c.policies ?? []);
    const library = toggle("library", values.library, values["no-library"], c.library);
    const inputArgs = values.input ?? c.input ?? [];
    const targets = parseTargets(values.format ?? c.format, values.output ?? c.output, FORMATS, "text");
    const all = [targets.main, ...targets.extra];
    const failOn = oneOf("--fail-on", values["fail-on"] ?? c["fail-on"] ?? "info", SEVERITIES);
    const engine = oneOf("--engine", values.engine ?? (values.opa !== undefined ? "opa" : (c.engine ?? (c.opa !== undefined ? "opa" : "wasm"))), ENGINES);
    if (values.opa !== undefined && engine !== "opa") throw new UsageError(`--opa is for --engine opa, not --engine ${engine}`);
    const opa = values.opa ?? (engine === "opa" ? c.opa : undefined);
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
    const { ir, units } = await compileCached(library ? [...policies, libraryPath()] : policies, io, now, openCache({ noCache: values["no-cache"] }), { wasm: engine === "wasm" });
    const params = await resolveParams(ir, paramsFile, io);
    const baseline = baselineFile === undefined ? undefined : readBaseline(baselineFile, io);
    const progress = progressBar(inputs.length, "exports loaded");
    // The OPA engine (and the Rego backend it runs) is loaded only when chosen.
    if (engine === "opa") opaEngine = await import("../backends/opa/engine.js");
    const opaReports = opaEngine?.opaReports;
    const evaluator: Evaluator =
      opaReports !== undefined
        ? (loaded, done) => opaReports(ir, loaded as LoadedExport[], now, params.values, { opa, progress: done }).map(annotateWaivers)
        : oneByOne((e) => annotateWaivers((engine === "wasm" ? wasmReport : reportFor)(ir, e, now, params.values)));
    const hashed = all.some((t) => t.format === "sarif" || t.format === "markdown" || t.format === "html");
    const digests: string[] = [];
    let reports = evaluateAll(inputs, io, evaluator, progress, hashed ? digests : undefined);
    if (baseline !== undefined) reports = applyBaseline(reports, baseline, baselineFile!);
    const warnings = waiverWarnings(reports);
    const exportRuns = reports.map((report, i) => ({ file: inputs[i]!.name, report }));
    warnings.push(...exportWarnings(collectionGaps(exportRuns), staleExports(exportRuns, now, maxExportAge), now, maxExportAge));
    if (warnings.length > 0) io.err(warnings.map((w) => (io.colorErr ? `\u001b[33m${w}\u001b[0m` : w)).join("\n"));
    const runs: ExportRun[] = reports.map((report, i) => {
      const sha = digests[i];
      return { file: inputs[i]!.name, report, ...(sha ? { sha256: sha } : {}) };
    });
    const info: RunInfo = {
      tool: { name: TOOL_NAME, version: toolVersion(), uri: TOOL_URI },
      now,
      policies: hashed ? policyDigests(units) : [],
      params: params.used,
      ...(baselineFile !== undefined ? { baseline: baselineFile } : {}),
      maxExportAge,
    };
    const compact = values.compact === true;
    const note = (line: string): void => io.err(line);
    for (const t of targets.extra) writeOutput(t.file, render(t.format, runs, info, { quiet, compact, note }), io, `--format ${t.format}=${t.file}`);
    writeOutput(targets.main.file, render(targets.main.format, runs, info, { quiet, compact, note, color: targets.main.file === undefined && io.colorOut }), io);
    return reports.some((r) => failsAt(r, failOn, baseline !== undefined)) ? EXIT.failed : EXIT.ok;
  } catch (e) {
    if (e instanceof InputError) return EXIT.usage;
    if (opaEngine !== undefined && (e instanceof opaEngine.OpaUnavailable || e instanceof opaEngine.OpaFailed)) {
      io.err(`error: ${e.message}`);
      return EXIT.usage;
    }
    throw e;
  }
}
