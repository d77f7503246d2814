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
import { parseArgs } from "node:util";
import { buildPointerIndex } from "../export/pointers.js";
import { OpaFailed, OpaUnavailable, opaReports } from "../backends/opa/engine.js";
import { wasmReport } from "../backends/wasm/engine.js";
import { evaluate } from "../eval/run.js";
import { formatProblem, loadExport, type LoadedExport } from "../export/load.js";
import type { IrProgram } from "../ir/ir.js";
import type { ParamValues } from "../eval/interp.js";
import { packagePath } from "../paths.js";
import { applyBaseline, parseBaseline, type BaselineFailure } from "../report/baseline.js";
import { renderGithub } from "../report/render-github.js";
import { renderHtml } from "../report/render-html.js";
import { renderJunit } from "../report/render-junit.js";
import { renderMarkdown } from "../report/render-markdown.js";
import { renderSarif } from "../report/render-sarif.js";
import { renderJson, renderText } from "../report/render-text.js";
import { SEVERITY_RANK, type Report, type Severity } from "../report/report.js";
import { TOOL_NAME, TOOL_URI, type ExportRun, type RunInfo } from "../report/run.js";
import { annotateWaivers, waiverWarnings } from "../report/waivers.js";
import { oneOf, parseCommandArgs, parseNow } from "./args.js";
import { EXIT, InputError, UsageError, type ExitCode } from "./errors.js";
import { openCache } from "./cache.js";
import { fileDigest, policyDigests } from "./inputs.js";
import type { Output } from "./io.js";
import { compileCached } from "./policy-cache.js";
import { resolveParams } from "./params.js";
import { progressBar, type Progress } from "./progress.js";

export const FORMATS = ["text", "json", "sarif", "junit", "github", "markdown", "html"] as const;
export type Format = (typeof FORMATS)[number];

export const checkUsage = `usage: perimeter check POLICY|DIR... --input EXPORT... [options]

Evaluates every control of the policies on every export and prints the report.

options:
  -i, --input FILE       an export (dbx-network-export/v1); repeat for several
  -f, --format FORMAT    text (default), json, sarif, junit, github, markdown or html
      --now DATE         evaluation date for waivers, YYYY-MM-DD (default: today, UTC)
      --params FILE      site parameters (YAML or JSON) overriding the policies' params
      --fail-on LEVEL    lowest severity whose failures make the exit status 1:
                         critical, high, medium, low, info (default: info)
      --baseline FILE    a previous \`--format json\` report: only failures that are not
                         in it make the exit status 1; results are marked new / still
                         failing, and fixed ones are listed
      --engine ENGINE    wasm (default: the policies compiled to an OPA-ABI Wasm module,
                         run through the npm OPA SDK), js (the reference evaluator) or
                         opa (the policies compiled to Rego and evaluated by OPA, one
                         \`opa eval\` for all exports); all give the same report
      --opa PATH         the OPA binary of --engine opa (default: \`opa\` on PATH);
                         implies --engine opa

Waivers that have expired, or expire within 30 days of --now, are reported on stderr.
A progress bar is shown on stderr for several exports when it is a terminal and CI is unset.

exit status: 0 no (new) failure at or above --fail-on, 1 failures, 2 bad input, 70 internal error`;

export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "info"];
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
    io.err(`error: --baseline ${file}: cannot read the file: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
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
 * export is printed; when any export has an error nothing is evaluated.
 */
function evaluateAll(files: readonly string[], io: Output, evaluator: Evaluator, progress: Progress): Report[] {
  const loaded: (LoadedExport | undefined)[] = [];
  let failed = false;
  files.forEach((f, i) => {
    const r = loadExport(f);
    if (r.problems.length > 0) {
      progress.end();
      for (const p of r.problems) io.err(`${p.severity}: ${formatProblem(p)}`);
    }
    if (r.export === undefined) failed = true;
    else loaded.push(r.export);
    progress.update(i + 1, "exports loaded");
  });
  if (failed) {
    progress.end();
    io.err("the exports above are not valid dbx-network-export/v1 documents; nothing was evaluated");
    throw new InputError("export errors");
  }
  progress.update(0, "exports checked");
  try {
    return evaluator(loaded, (n) => progress.update(n, "exports checked"));
  } finally {
    progress.end();
  }
}

export function render(format: Format, runs: readonly ExportRun[], info: RunInfo, io: Output): string {
  const reports = runs.map((r) => r.report);
  const base = process.cwd();
  switch (format) {
    case "text":
      return runs.map((r) => renderText(r.report, { color: io.colorOut, title: r.file })).join("\n");
    case "json":
      return renderJson(reports);
    case "sarif":
      return renderSarif(runs, info, { base });
    case "junit":
      return renderJunit(runs);
    case "github":
      return renderGithub(runs, { base });
    case "markdown":
      return renderMarkdown(runs, info);
    case "html":
      return renderHtml(runs, info);
  }
}

export async function checkCommand(argv: readonly string[], io: Output): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(() =>
    parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        input: { type: "string", short: "i", multiple: true },
        format: { type: "string", short: "f", default: "text" },
        now: { type: "string" },
        params: { type: "string" },
        "fail-on": { type: "string", default: "info" },
        baseline: { type: "string" },
        engine: { type: "string" },
        opa: { type: "string" },
        "no-cache": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }),
  );
  if (values.help) {
    io.out(checkUsage);
    return EXIT.ok;
  }
  const format = oneOf("--format", values.format, FORMATS);
  const failOn = oneOf("--fail-on", values["fail-on"], SEVERITIES);
  const engine = oneOf("--engine", values.engine ?? (values.opa !== undefined ? "opa" : "wasm"), ENGINES);
  if (values.opa !== undefined && engine !== "opa") throw new UsageError(`--opa is for --engine opa, not --engine ${engine}`);
  const now = parseNow(values.now);
  if (positionals.length === 0) throw new UsageError("no policy files given", "perimeter check policies --input export.json");
  const inputs = values.input ?? [];
  if (inputs.length === 0) throw new UsageError("no export given: pass one with --input FILE");
  try {
    const { ir, units } = await compileCached(positionals, io, now, openCache({ noCache: values["no-cache"] }), { wasm: engine === "wasm" });
    const params = resolveParams(ir, values.params, io);
    const baseline = values.baseline === undefined ? undefined : readBaseline(values.baseline, io);
    const progress = progressBar(inputs.length, "exports loaded");
    const evaluator: Evaluator =
      engine === "opa"
        ? (loaded, done) => opaReports(ir, loaded as LoadedExport[], now, params, { opa: values.opa, progress: done }).map(annotateWaivers)
        : oneByOne((e) => annotateWaivers((engine === "wasm" ? wasmReport : reportFor)(ir, e, now, params)));
    let reports = evaluateAll(inputs, io, evaluator, progress);
    if (baseline !== undefined) reports = applyBaseline(reports, baseline, values.baseline!);
    const warnings = waiverWarnings(reports);
    if (warnings.length > 0) io.err(warnings.map((w) => (io.colorErr ? `\u001b[33m${w}\u001b[0m` : w)).join("\n"));
    const hashed = format === "sarif" || format === "markdown" || format === "html";
    const runs: ExportRun[] = reports.map((report, i) => {
      const sha = hashed ? fileDigest(inputs[i]!) : undefined;
      return { file: inputs[i]!, report, ...(sha ? { sha256: sha } : {}) };
    });
    const info: RunInfo = {
      tool: { name: TOOL_NAME, version: toolVersion(), uri: TOOL_URI },
      now,
      policies: hashed ? policyDigests(units) : [],
      ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
    };
    io.out(render(format, runs, info, io));
    return reports.some((r) => failsAt(r, failOn, baseline !== undefined)) ? EXIT.failed : EXIT.ok;
  } catch (e) {
    if (e instanceof InputError) return EXIT.usage;
    if (e instanceof OpaUnavailable || e instanceof OpaFailed) {
      io.err(`error: ${e.message}`);
      return EXIT.usage;
    }
    throw e;
  }
}
