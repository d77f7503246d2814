/**
 * Fuzz target `params-loader`: mutated params files (the example site.yaml and one file per
 * declared param of the policy library, read as YAML or JSON; JSON-level mutations written
 * back as JSON or YAML; text edits and YAML constructs: anchors, aliases, tags, merge keys,
 * directives) through `parseParams` against the library's program.
 *
 * Oracles: it never throws; every problem names the file, has a message, and either a line
 * and column inside the text or an RFC 6901 pointer that resolves in the parsed file (a
 * problem about a missing value names the mapping that lacks it); every value it accepts has
 * the type of the param's default. Coverage keys: the problem messages hit.
 */

import fc from "fast-check";
import { parse as parseYaml, stringify as yamlStringify } from "yaml";
import { parseParams } from "../../src/eval/params-text.js";
import type { IrProgram, ParamType } from "../../src/ir/ir.js";
import { lowerProgram } from "../../src/ir/lower.js";
import { parseNet } from "../../src/net/ip.js";
import { packagePath } from "../../src/paths.js";
import { frontEnd, readPolicyFiles } from "../../src/program/load.js";
import { corpus, messageKey } from "../corpus.js";
import type { Target } from "../driver.js";
import { cloneJson, JSON_OPS, mutateJson, mutateText, opsArbitrary, RawNumber, TEXT_OPS, writeJson, type Json, type Op } from "../mutate.js";
import { resolves } from "./export-loader.js";

export interface ParamsInput {
  readonly seed: number;
  readonly json: readonly Op[];
  /** 0: written as JSON (a `.json` file); 1: as YAML; 2: JSON text in a `.yaml` file. */
  readonly form: number;
  readonly text: readonly Op[];
  readonly yaml: readonly Op[];
}

const YAML_BITS = ["&a ", "*a", "!!binary ", "!!str ", "!!int ", "!!float ", "!!js/function ", "<<: *a\n", "? ", "--- ", "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "|\n  ", ">-\n  ", "- ", ": ", "\t", "[", "{", "'", '"', "#"];

let program: IrProgram | undefined;

function ir(): IrProgram {
  if (program !== undefined) return program;
  const loaded = readPolicyFiles([packagePath("policies")]);
  const fe = frontEnd(loaded.sources, {}, loaded.diagnostics);
  if (fe.program === undefined) throw new Error("the policy library does not check");
  return (program = lowerProgram(fe.program));
}

let seeds: Json[] | undefined;

function seedDocs(): Json[] {
  return (seeds ??= corpus("params-loader").map((t) => (parseYaml(t) ?? null) as Json));
}

/** Raw numbers as numbers, for the YAML writer. */
function plain(v: Json): unknown {
  // Deep nesting is written as JSON by yamlText: plain() recurses too.
  if (v instanceof RawNumber) return Number(v.text);
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.keys(v).map((k) => [k, plain(v[k]!)]));
  return v;
}

/** The document written as YAML; as JSON (which YAML reads too) when the writer cannot (it recurses: deep nesting). */
function yamlText(doc: Json): string {
  try {
    return yamlStringify(plain(doc));
  } catch {
    return writeJson(doc, true);
  }
}

export function paramsFile(input: ParamsInput): { file: string; text: string } {
  const docs = seedDocs();
  let doc = cloneJson(docs[input.seed % docs.length]!);
  for (const op of input.json) doc = mutateJson(doc, op);
  const form = input.form % 3;
  let text = form === 1 ? yamlText(doc) : writeJson(doc, true);
  for (const op of input.text) text = mutateText(text, op);
  for (const op of input.yaml) {
    const at = op.at % (text.length + 1);
    text = text.slice(0, at) + YAML_BITS[op.a % YAML_BITS.length]! + text.slice(at);
  }
  return { file: form === 0 ? "fuzz-params.json" : "fuzz-params.yaml", text };
}

function hasType(v: unknown, t: ParamType): boolean {
  if (typeof t !== "string") return Array.isArray(v) && v.every((x) => hasType(x, t.list));
  switch (t) {
    case "any":
      return true;
    case "string":
    case "date":
      return typeof v === "string";
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    case "bool":
      return typeof v === "boolean";
    case "net":
      return typeof v === "string" && parseNet(v).ok;
  }
}

export const paramsLoaderTarget: Target<ParamsInput> = {
  name: "params-loader",
  about: "params files: JSON-level mutations of site.yaml and one file per library param, written as JSON or YAML, text edits, YAML anchors/aliases/tags (parseParams)",
  arbitrary: fc.record({ seed: fc.nat(), json: opsArbitrary(JSON_OPS, 5), form: fc.nat(2), text: opsArbitrary(TEXT_OPS, 2), yaml: opsArbitrary(1, 2) }),
  prepare: ir,
  execute(input) {
    const { file, text } = paramsFile(input);
    const program = ir();
    const r = parseParams(program, file, text);
    const keys: string[] = [];
    let doc: unknown;
    let parsed = true;
    try {
      doc = file.endsWith(".json") ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100, logLevel: "error" });
    } catch {
      parsed = false;
    }
    const lines = text.split(/\r\n|\r|\n/).length;
    for (const p of r.problems) {
      keys.push(messageKey(file.slice(-4), p.message));
      if (p.file !== file) throw new Error(`problem names file ${JSON.stringify(p.file)}`);
      if (p.message.trim() === "") throw new Error(`problem without a message at ${p.pointer}`);
      if (p.line !== undefined && !(p.line >= 1 && p.line <= lines + 1 && (p.column ?? 1) >= 1)) throw new Error(`problem at line ${p.line} column ${p.column} of a ${lines}-line text: ${p.message}`);
      if (p.pointer === "") {
        if (p.line === undefined && !/^expected a mapping/.test(p.message)) throw new Error(`a problem with neither a pointer nor a line: ${p.message}`);
        continue;
      }
      if (!parsed || !resolves(doc, p.pointer)) throw new Error(`pointer ${JSON.stringify(p.pointer)} does not resolve in the parsed file: ${p.message}`);
      if (p.line === undefined) keys.push("no-line");
    }
    for (const pkg of program.packages) {
      for (const param of pkg.params) {
        const v = r.params.get(pkg.name)?.get(param.name);
        if (!hasType(v, param.type)) throw new Error(`param ${pkg.name}.${param.name} accepted ${JSON.stringify(v)}, not of type ${JSON.stringify(param.type)}`);
      }
    }
    if (r.overridden.size > 0) keys.push("overridden");
    return keys;
  },
  bytes: (input) => {
    const { file, text } = paramsFile(input);
    return { ext: file.endsWith(".json") ? "json" : "yaml", data: text };
  },
};
