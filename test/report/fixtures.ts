// In-process reports for the renderer tests: the fixture policy on the fixture exports, with
// waivers annotated and optionally a baseline, and a fixed RunInfo so goldens do not change
// with the package version or with the bundled library.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { defaultParams, paramUses } from "../../src/eval/params.js";
import { loadExport } from "../../src/io/export-file.js";
import type { IrProgram } from "../../src/ir/ir.js";
import { lowerProgram } from "../../src/ir/lower.js";
import { packagePath } from "../../src/paths.js";
import { frontEnd, readPolicyFiles } from "../../src/program/load.js";
import { reportFor } from "../../src/engine/js.js";
import { applyBaseline, parseBaseline } from "../../src/report/baseline.js";
import type { Report } from "../../src/report/report.js";
import { sha256, type ExportRun, type ParamsUsed, type RunInfo } from "../../src/report/run.js";
import { annotateWaivers } from "../../src/report/waivers.js";

export const root = packagePath();
/** Paths relative to the package root (the tests' working directory), as a user would type them. */
export const POLICY = "test/report/fixtures/report.perimeter";
export const NOW_EXPORT = "test/report/fixtures/exports/acme-2026-11-27.json";
export const BEFORE_EXPORT = "test/report/fixtures/exports/acme-2026-10-27.json";
export const NOW = "2026-11-28";
export const BEFORE = "2026-10-28";
export const golden = (name: string) => join(root, "test", "report", "golden", name);

let program: IrProgram | undefined;

export function fixtureProgram(): IrProgram {
  if (program) return program;
  // Relative paths, as a user types them: the reports name the policy file that way.
  if (process.cwd() !== root) throw new Error(`run the tests from ${root}`);
  const loaded = readPolicyFiles([POLICY]);
  const fe = frontEnd(loaded.sources, { today: NOW }, loaded.diagnostics);
  if (fe.program === undefined) throw new Error(fe.diagnostics.map((d) => d.message).join("\n"));
  program = lowerProgram(fe.program);
  return program;
}

export function reportOf(file: string, now: string, ir: IrProgram = fixtureProgram()): Report {
  const r = loadExport(join(root, file));
  if (r.export === undefined) throw new Error(`cannot load ${file}`);
  return annotateWaivers(reportFor(ir, r.export, now, defaultParams(ir)));
}

export function runOf(file: string, report: Report): ExportRun {
  return { file, sha256: sha256(readFileSync(join(root, file))), report };
}

/** The params of a run without `--params`: the fixture policy's defaults. */
export function defaultParamsUsed(ir: IrProgram = fixtureProgram()): ParamsUsed {
  return { file: null, sha256: null, values: paramUses(ir, { params: defaultParams(ir), overridden: new Set() }) };
}

export const INFO: RunInfo = {
  tool: { name: "perimeter", version: "0.0.0-test", uri: "https://perimeter.dev/" },
  now: NOW,
  policies: [{ path: POLICY, sha256: sha256(readFileSync(join(root, POLICY))), role: "policy" }],
  params: defaultParamsUsed(),
};

/** The fixture export now, compared with the report of the earlier export. */
export function baselineRuns(): { runs: ExportRun[]; info: RunInfo } {
  const before = JSON.stringify(reportOf(BEFORE_EXPORT, BEFORE));
  const parsed = parseBaseline(before);
  if ("error" in parsed) throw new Error(parsed.error);
  const [report] = applyBaseline([reportOf(NOW_EXPORT, NOW)], parsed.failures, "baseline.json");
  return { runs: [runOf(NOW_EXPORT, report!)], info: { ...INFO, baseline: "baseline.json" } };
}
