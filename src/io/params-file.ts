/**
 * `loadParams`: a parameters file read from disk and applied (eval/params-text.ts reads its text).
 * An unreadable file is a problem of the file, like every other.
 */

import { readFileSync } from "node:fs";
import type { IrProgram } from "../ir/ir.js";
import { defaultParams, type ResolvedParams } from "../eval/params.js";
import { parseParams } from "../eval/params-text.js";
import { ioReason } from "./errors.js";

/** Reads and applies a parameters file (`.yaml`/`.yml` as YAML, anything else as JSON). */
export function loadParams(program: IrProgram, file: string): ResolvedParams {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return { params: defaultParams(program), overridden: new Set(), problems: [{ file, pointer: "", message: `cannot read the file: ${ioReason(e)}` }] };
  }
  return parseParams(program, file, text);
}
