/**
 * The library API of Perimeter (the package's main export). Two levels:
 * - the commands as functions over values (src/api/): `check`, `testPolicies`, `explain`,
 *   `compile` — what `perimeter check|test|explain|compile` run, returning their results (or
 *   `{ ok: false, problems }` for bad input) and never printing or exiting; `render` writes a
 *   check's reports in one of seven formats;
 * - the stages they are made of: parse, check, lower, evaluate (with an engine by name from
 *   the engine seam, src/engine/), plus the Report types.
 */

export { check, type CheckOptions, type CheckRun, type Program } from "./api/check.js";
export { compile, compileProgram, TARGETS, type CompileOptions, type Compiled, type Target } from "./api/compile.js";
export { explain, type ExplainOptions, type Explanation } from "./api/explain.js";
export { formatProblems, type Invalid, type Problem } from "./api/problems.js";
export { FORMATS, render, type Format } from "./api/render.js";
export { compilePolicies, type CompiledPolicies } from "./api/policies.js";
export type { ExportSource, Progress } from "./api/steps.js";
export { testPolicies, type Coverage, type TestOptions, type TestResult, type TestRun } from "./api/test.js";
export { ENGINE_NAMES, EngineError, type Engine, type EngineName, type EvalContext } from "./engine/engine.js";
export { FAIL_ON_LEVELS, failsAt } from "./engine/fail-on.js";
export { loadEngine } from "./engine/registry.js";

export { SourceFile, type Span } from "./source/source.js";
export type { Diagnostic } from "./diagnostics/diagnostic.js";
export { renderDiagnostics } from "./diagnostics/render.js";
export { parseSource } from "./syntax/parse.js";
export { frontEnd, readPolicyFiles, type FrontEnd } from "./program/load.js";
export { lowerProgram } from "./ir/lower.js";
export type { IrProgram } from "./ir/ir.js";
export { printProgram } from "./ir/print.js";
export { evaluate } from "./eval/run.js";
export { applyOverrides, defaultParams } from "./eval/params.js";
export { parseParams } from "./eval/params-text.js";
export { loadParams } from "./io/params-file.js";
export { parseExport, formatProblem, type LoadedExport } from "./export/load.js";
export { loadExport } from "./io/export-file.js";
export type { Report, ControlReport, SubjectResult, Severity } from "./report/report.js";
export type { ExportRun, RunInfo } from "./report/run.js";
