/**
 * IR → Rego v1: the files of a compiled policy, deterministic to the byte.
 *
 * `perimeter/lib/*.rego` (the runtime library, lib-source.ts, with the schema's slot table) and, per
 * Perimeter package, a directory of files (module.ts). The `report` rule of a package with
 * controls is the Report document for the export given as `input`, with the evaluation date
 * and parameters from `data.perimeter`; its `verdicts` rule is the report's verdicts
 * (src/report/verdicts.ts).
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { IrProgram } from "../../ir/ir.js";
import { layout } from "./layout.js";
import { libFiles } from "./lib-source.js";
import { PackageEmitter, predicateDefs, type RegoFile } from "./module.js";

export type { RegoFile } from "./module.js";

/** Writes emitted files under `dir` (`perimeter compile --target rego`, `check --engine opa`). */
export function writeRego(dir: string, files: readonly RegoFile[]): void {
  for (const f of files) {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.text);
  }
}

export function emitRego(program: IrProgram): RegoFile[] {
  const files: RegoFile[] = libFiles().map((f) => ({ path: f.path, text: layout(f.text) }));
  const predicates = predicateDefs(program);
  for (const pkg of program.packages) {
    const pe = new PackageEmitter(program, pkg, predicates);
    const own: RegoFile[] = [];
    const decl = pe.declarations();
    if (decl) own.push(decl);
    own.push(...pe.controls());
    const report = pe.report();
    if (report) own.push(report);
    files.push(...own.map((f) => ({ path: f.path, text: layout(f.text) })));
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
