/**
 * The library API of Perimeter (the package's main export): the same stages the CLI uses,
 * as functions over values — parse, check, lower, evaluate — plus the Report types.
 */

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
export type { Report, ControlReport, SubjectResult } from "./report/report.js";
