/**
 * `check`: evaluate every control of a program on every export with one engine and return the
 * Reports, the warnings a run gives and whether it fails at the `failOn` severity — what
 * `perimeter check` prints and exits by. Nothing is printed; bad input is returned as
 * problems (`{ ok: false }`), and nothing is evaluated then.
 */

import { readFileSync } from "node:fs";
import { EngineError, type EngineName } from "../engine/engine.js";
import { runFails } from "../engine/fail-on.js";
import { loadEngine } from "../engine/registry.js";
import type { LoadedExport } from "../export/load.js";
import type { IrProgram } from "../ir/ir.js";
import { libraryPath } from "../paths.js";
import { applyBaseline, parseBaseline, type BaselineFailure } from "../report/baseline.js";
import { collectionGaps, DEFAULT_MAX_EXPORT_AGE, exportWarnings, staleExports } from "../report/overview.js";
import type { Severity } from "../report/report.js";
import { TOOL_NAME, TOOL_URI, type ExportRun, type RunInfo } from "../report/run.js";
import { annotateWaivers, waiverWarnings } from "../report/waivers.js";
import { policyDigests, type UnitDigest, unitDigests } from "./inputs.js";
import { error, invalid, type Invalid, type Problem } from "./problems.js";
import { toolVersion } from "./render.js";
import { exportSource, loadExports, NO_PROGRESS, resolveParams, type ExportSource, type Progress } from "./steps.js";
import { todayUtc } from "../util/date.js";

/** A program compiled before (e.g. kept in a cache): the IR and the files it was built from. */
export interface Program {
  readonly ir: IrProgram;
  readonly units: readonly UnitDigest[];
}

export interface CheckOptions {
  /** Policy files and folders (`.perimeter`), or a program compiled before. */
  readonly policies: readonly string[] | Program;
  /** Also the shipped policy library (the Databricks Apps baseline), with paths in `policies`. */
  readonly library?: boolean;
  /** The exports (dbx-network-export/v1): paths, or names with their bytes. */
  readonly exports: readonly (string | ExportSource)[];
  /** The evaluation date, YYYY-MM-DD (default: today, UTC). */
  readonly now?: string;
  /** A params file (YAML or JSON) overriding the policies' params. */
  readonly params?: string;
  /** `wasm` (default), `js` (the reference evaluator) or `opa` (a real OPA on the Rego). */
  readonly engine?: EngineName;
  /** The OPA binary of the `opa` engine (default: `opa` on PATH). */
  readonly opa?: string;
  /** The lowest severity whose failures fail the run (default: `info`). */
  readonly failOn?: Severity;
  /** A previous JSON report: only failures not in it fail the run. */
  readonly baseline?: string;
  /** Days after which an export is stale (default: 30). */
  readonly maxExportAge?: number;
  /** Record the SHA-256 of every export and policy file (what SARIF, Markdown and HTML stamp). */
  readonly digests?: boolean;
  readonly progress?: Progress;
}

export interface CheckRun {
  readonly ok: true;
  /** One per export, in order: its name, Report (waivers annotated) and, with `digests`, its SHA-256. */
  readonly runs: readonly ExportRun[];
  /** The run as the reports stamp it: tool, date, policies, params, baseline. */
  readonly info: RunInfo;
  /** Does a subject fail a control at or above `failOn` (with a baseline: a new failure)? */
  readonly failed: boolean;
  /** Warnings about the exports as read (e.g. not UTF-8), in order. */
  readonly notices: readonly Problem[];
  /** Waivers expired or expiring within 30 days, stale exports, results left undecided by collection gaps. */
  readonly warnings: readonly string[];
}

function readBaseline(file: string): BaselineFailure[] | Problem {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return error(`--baseline ${file}: cannot read the file: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
  const parsed = parseBaseline(text);
  return "error" in parsed ? error(`--baseline ${file}: ${parsed.error}`) : parsed.failures;
}

/** The exports handed to an engine one by one, each let go as the engine takes the next. */
function* handOver(loaded: (LoadedExport | undefined)[]): Generator<LoadedExport> {
  for (let i = 0; i < loaded.length; i++) {
    const exp = loaded[i]!;
    loaded[i] = undefined;
    yield exp;
  }
}

export async function check(options: CheckOptions): Promise<CheckRun | Invalid> {
  const now = options.now ?? todayUtc();
  let program: Program;
  if (Array.isArray(options.policies)) {
    const paths = options.library ? [...(options.policies as readonly string[]), libraryPath()] : (options.policies as readonly string[]);
    // The compiler is loaded only when this run compiles (not for a program compiled before).
    const compiled = (await import("./policies.js")).compilePolicies(paths, { now });
    if (!compiled.ok) return compiled;
    program = { ir: compiled.ir, units: unitDigests(compiled.front) };
  } else {
    program = options.policies as Program;
  }
  const { ir } = program;
  const params = await resolveParams(ir, options.params);
  if (!params.ok) return params;
  const baseline = options.baseline === undefined ? undefined : readBaseline(options.baseline);
  if (baseline !== undefined && !Array.isArray(baseline)) return invalid([baseline as Problem]);
  const sources = options.exports.map(exportSource);
  const progress = options.progress ?? NO_PROGRESS;
  const engine = await loadEngine(options.engine ?? "wasm", { opa: options.opa });
  const loaded = loadExports(sources, { progress, digests: options.digests === true });
  if (!loaded.ok) return loaded;
  progress.update(0, "exports checked");
  let reports;
  try {
    const exports: (LoadedExport | undefined)[] = loaded.exports;
    reports = engine.reports(ir, handOver(exports), { now, params: params.values }, (n) => progress.update(n, "exports checked")).map((r) => annotateWaivers(r));
  } catch (e) {
    if (e instanceof EngineError) return invalid([...loaded.notices, error(e.message)]);
    throw e;
  } finally {
    progress.end();
  }
  if (baseline !== undefined) reports = applyBaseline(reports, baseline as BaselineFailure[], options.baseline!);
  const maxExportAge = options.maxExportAge ?? DEFAULT_MAX_EXPORT_AGE;
  const warnings = waiverWarnings(reports);
  const named = reports.map((report, i) => ({ file: sources[i]!.name, report }));
  warnings.push(...exportWarnings(collectionGaps(named), staleExports(named, now, maxExportAge), now, maxExportAge));
  const runs: ExportRun[] = reports.map((report, i) => {
    const sha = loaded.digests[i];
    return { file: sources[i]!.name, report, ...(sha ? { sha256: sha } : {}) };
  });
  const info: RunInfo = {
    tool: { name: TOOL_NAME, version: toolVersion(), uri: TOOL_URI },
    now,
    policies: options.digests ? policyDigests(program.units) : [],
    params: params.used,
    ...(options.baseline !== undefined ? { baseline: options.baseline } : {}),
    maxExportAge,
  };
  return { ok: true, runs, info, failed: runFails(reports, options.failOn ?? "info", baseline !== undefined), notices: loaded.notices, warnings };
}
