/**
 * The packages of a program that have controls: each is one `report` (and one `verdicts`)
 * entrypoint of the compiled program, Rego or Wasm, and one Report the engine seam merges.
 */

import type { IrProgram } from "./ir.js";

/** The packages with controls, in name order (the program's controls are grouped by package, packages in name order). */
export function reportPackages(program: IrProgram): string[] {
  const seen: string[] = [];
  for (const c of program.controls) if (seen[seen.length - 1] !== c.package) seen.push(c.package);
  return [...new Set(seen)].sort();
}
