/**
 * `loadParams`: a parameters file read from disk and applied (`.yaml`/`.yml` as YAML, anything
 * else as JSON). Apart from params.ts so that the YAML parser is loaded only by those who read
 * a file: the CLI imports this module when `--params` (or the configuration) names one.
 */

import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import type { IrProgram } from "../ir/ir.js";
import { applyOverrides, defaultParams, type ResolvedParams } from "./params.js";

/** Reads and applies a parameters file (`.yaml`/`.yml` as YAML, anything else as JSON). */
export function loadParams(program: IrProgram, file: string): ResolvedParams {
  const yaml = /\.ya?ml$/i.test(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return refused(program, file, `cannot read the file: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = yaml ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    return refused(program, file, `not valid ${yaml ? "YAML" : "JSON"}: ${(e as Error).message.split("\n")[0]}`);
  }
  return applyOverrides(program, doc, file);
}

function refused(program: IrProgram, file: string, message: string): ResolvedParams {
  return { params: defaultParams(program), overridden: new Set(), problems: [{ file, pointer: "", message }] };
}
