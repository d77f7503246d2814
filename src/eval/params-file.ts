/**
 * `--params FILE`: reads a parameters file and applies it (`params.ts`, which takes the text).
 * An unreadable file is a problem of the file, like every other.
 */

import { readFileSync } from "node:fs";
import type { IrProgram } from "../ir/ir.js";
import { defaultParams, parseParams, type ResolvedParams } from "./params.js";

/** Reads and applies a parameters file (`.yaml`/`.yml` as YAML, anything else as JSON). */
export function loadParams(program: IrProgram, file: string): ResolvedParams {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return { params: defaultParams(program), overridden: new Set(), problems: [{ file, pointer: "", message: `cannot read the file: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}` }] };
  }
  return parseParams(program, text, file);
}
