/**
 * Inputs of the renderer targets: an export whose strings (workspace names, labels, domains,
 * descriptions, rule values, keys…) are replaced by or embed hostile payloads, loaded and
 * evaluated by a policy set (the shipped library, or the report fixtures' policy with its
 * waivers), giving the runs every renderer draws. Payloads in places the schema constrains make
 * the loader refuse the export; those values are put back (from the seed, by the problems'
 * pointers) until it loads, so that as many payloads as possible reach the renderers.
 *
 * `cleanRuns` are the seeds unmutated: what the renderers' templates produce on their own (the
 * elements, attributes and links an oracle may accept).
 */

import fc from "fast-check";
import { reportFor } from "../src/engine/js.js";
import { defaultParams, paramUses } from "../src/eval/params.js";
import { parseExport, type LoadedExport } from "../src/export/load.js";
import type { IrProgram } from "../src/ir/ir.js";
import { lowerProgram } from "../src/ir/lower.js";
import { packagePath } from "../src/paths.js";
import { frontEnd, readPolicyFiles } from "../src/program/load.js";
import { sha256, TOOL_NAME, TOOL_URI, type ExportRun, type RunInfo } from "../src/report/run.js";
import { annotateWaivers } from "../src/report/waivers.js";
import { corpus } from "./corpus.js";
import type { Member } from "./group.js";
import { seedDocs } from "./json-input.js";
import { cloneJson, mutateJson, opsArbitrary, writeJson, type Json, type Op } from "./mutate.js";

export const NOW = "2026-11-28";
const FILE = "exports/fuzz.json";
/** The JSON ops that plant payloads (mutate.ts kinds): replace, embed, replace all, rename a key, duplicate. */
const PAYLOAD_KINDS = [5, 6, 9, 6, 5, 8, 7, 9];

export interface ReportInput {
  readonly seed: number;
  /** 0: the policy library; 1: the report fixtures' policy (waivers, expiring dates). */
  readonly program: number;
  readonly ops: readonly Op[];
  /** Renderer options: colour, quiet, compact… (each target reads the bits it needs). */
  readonly flags: number;
}

export const reportInputArbitrary: fc.Arbitrary<ReportInput> = fc.record({
  seed: fc.nat(),
  program: fc.nat(1),
  ops: opsArbitrary(PAYLOAD_KINDS.length, 8).map((ops) => ops.map((o) => ({ ...o, kind: PAYLOAD_KINDS[o.kind]! }))),
  flags: fc.nat(15),
});

interface Setting {
  readonly ir: IrProgram;
  readonly info: RunInfo;
}

const settings: Setting[] = [];

function setting(i: number): Setting {
  if (settings.length === 0) {
    for (const paths of [["policies"], ["test/report/fixtures/report.perimeter"]]) {
      const loaded = readPolicyFiles(paths.map((p) => packagePath(p)));
      const fe = frontEnd(loaded.sources, { today: NOW }, loaded.diagnostics);
      if (fe.program === undefined) throw new Error(`${paths.join(" ")} does not check`);
      const ir = lowerProgram(fe.program);
      const info: RunInfo = {
        tool: { name: TOOL_NAME, version: "0.0.0-fuzz", uri: TOOL_URI },
        now: NOW,
        policies: loaded.sources.map((s) => ({ path: s.path, sha256: sha256(s.text), role: "policy" as const })),
        params: { file: null, sha256: null, values: paramUses(ir, { params: defaultParams(ir), overridden: new Set() }) },
      };
      settings.push({ ir, info });
    }
  }
  return settings[i % settings.length]!;
}

/** Compiles both policy sets (not timed by the driver). */
export function prepareReports(): void {
  setting(0);
}

function tokens(pointer: string): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Puts back the seed's value at `pointer` (or drops the key when the seed has none there). */
function restore(doc: Json, seed: Json, pointer: string): boolean {
  const path = tokens(pointer);
  if (path.length === 0) return false;
  let cur: Json = doc;
  let orig: Json | undefined = seed;
  for (const t of path.slice(0, -1)) {
    if (cur === null || typeof cur !== "object") return false;
    cur = (cur as Record<string, Json>)[t]!;
    orig = orig !== null && typeof orig === "object" && Object.prototype.hasOwnProperty.call(orig, t) ? (orig as Record<string, Json>)[t] : undefined;
  }
  const last = path[path.length - 1]!;
  if (cur === null || typeof cur !== "object") return false;
  const o = orig !== null && typeof orig === "object" && Object.prototype.hasOwnProperty.call(orig, last) ? (orig as Record<string, Json>)[last] : undefined;
  if (o !== undefined) (cur as Record<string, Json>)[last] = cloneJson(o);
  else if (Array.isArray(cur)) cur.splice(Number(last), 1);
  else delete (cur as Record<string, Json>)[last];
  return true;
}

export interface BuiltRuns {
  readonly runs: ExportRun[];
  readonly info: RunInfo;
  readonly text: string;
}

/** The export text of an input (after the repairs) and, when it loads, its runs. */
export function reportRuns(input: ReportInput): BuiltRuns & { loaded: boolean } {
  // The last input's result: the trace (`bytes`) and the execution of one input, or the six
  // renderers of a group, ask for the same input in turn. Keyed by the input object itself,
  // which nothing mutates; the result is frozen, so no renderer can change what the next sees.
  if (last !== undefined && last.input === input) return last.built;
  const built = deepFreeze(buildRuns(input));
  last = { input, built };
  return built;
}

let last: { input: ReportInput; built: BuiltRuns & { loaded: boolean } } | undefined;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function buildRuns(input: ReportInput): BuiltRuns & { loaded: boolean } {
  const docs = seedDocs("report");
  const seed = docs[input.seed % docs.length]!;
  let doc = cloneJson(seed);
  for (const op of input.ops) doc = mutateJson(doc, op);
  const s = setting(input.program);
  let exp: LoadedExport | undefined;
  let text = writeJson(doc);
  for (let round = 0; round < 6; round++) {
    const r = parseExport(FILE, text);
    exp = r.export;
    if (exp !== undefined) break;
    let fixed = false;
    for (const p of r.problems) if (p.severity === "error" && p.line === undefined) fixed = restore(doc, seed, p.pointer) || fixed;
    if (!fixed) break;
    text = writeJson(doc);
  }
  if (exp === undefined) return { runs: [], info: s.info, text, loaded: false };
  const report = annotateWaivers(reportFor(s.ir, exp, NOW, defaultParams(s.ir)));
  return { runs: [{ file: FILE, sha256: sha256(text), report }], info: s.info, text, loaded: true };
}

/** Every seed unmutated, under both policy sets: what the templates produce on their own. */
let clean: BuiltRuns[] | undefined;

export function cleanRuns(): BuiltRuns[] {
  if (clean !== undefined) return clean;
  const out: BuiltRuns[] = (clean = []);
  for (let program = 0; program < 2; program++) {
    for (let seed = 0; seed < corpus("report").length; seed++) {
      const b = reportRuns({ seed, program, ops: [], flags: 0 });
      if (b.loaded) out.push(b);
    }
  }
  return out;
}

/** Every string of a report's subjects (labels, keys, messages): what the payloads became. */
export function subjectStrings(runs: readonly ExportRun[]): string[] {
  const out: string[] = [];
  for (const run of runs) for (const c of run.report.controls) for (const r of c.results) out.push(r.subject.label, r.subject.key);
  return out;
}

export type Built = BuiltRuns & { loaded: boolean };

/**
 * A renderer target: `judge` renders the runs of a loaded input and checks its oracles; an
 * input that does not load is only counted (`rejected`). Alone, an execution is draw, load,
 * evaluate, then `judge`; in the `renderers` group (targets.ts) the first three are shared.
 */
export function rendererTarget(t: { name: string; about: string; prepare: () => void; judge(input: ReportInput, b: BuiltRuns): Iterable<string> }): Member<ReportInput, Built> {
  const judge = (input: ReportInput, b: Built): Iterable<string> => (b.loaded ? t.judge(input, b) : ["rejected"]);
  return {
    name: t.name,
    about: t.about,
    arbitrary: reportInputArbitrary,
    prepare: t.prepare,
    judge,
    execute: (input) => judge(input, reportRuns(input)),
    bytes: reportBytes,
  };
}

export const reportBytes = (input: ReportInput) => ({ ext: "json", data: reportRuns(input).text });
