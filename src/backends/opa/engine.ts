/**
 * The OPA engine of `check --engine opa`: the program compiled to Rego (the same files as
 * `perimeter compile --target rego`) and evaluated by a real OPA binary, `opa` on PATH or the
 * one `--opa PATH` names. Perimeter never needs OPA otherwise; this engine exists so that a
 * site can check that OPA itself gives the report the other engines give.
 *
 * How, for speed: the Rego is written once to a temporary directory with a `data.json` holding
 * `{"perimeter": {"now", "params"}}` (perimeterData), and every export is evaluated in one
 * `opa eval` process: the exports go in on stdin as one JSON array, and one comprehension
 * (batchQuery) takes `data.<package>.report with input as x` for each export x and each package
 * with controls. OPA parses and compiles the Rego once per process, the largest part of a short
 * `opa eval`; measured with OPA v1.22.4 (medians of 11, interleaved, on a shared two-core
 * machine at load 7): the 4 example exports in 502 ms this way, 1,493 ms with one `opa eval` per
 * export, 611 ms with `opa run --server` and one request per export (which also needs a port, a
 * readiness wait and an asynchronous client); 10 exports of 100 KB in 1,997, 4,993 and 2,076 ms.
 * Exports are split into several processes only when their JSON exceeds BATCH_BYTES together,
 * to bound OPA's memory.
 *
 * OPA returns objects with sorted keys: each package's Report is rebuilt in the Report's own
 * key order (`canonicalReport`); the engine seam merges them as it merges the Wasm engine's
 * (src/engine/merge.ts), so every renderer, `--format json` included, prints the same bytes as
 * the other engines.
 *
 * Failures: no binary, or one that cannot be started, is an `OpaUnavailable`; OPA exiting
 * non-zero (e.g. an OPA too old for the Rego) is an `OpaFailed`. Both carry a one-line message
 * for the CLI (exit 2). A Report OPA does not define on a loaded export is a bug (thrown).
 */

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exactJsonText } from "../../export/exact-json.js";
import type { LoadedExport } from "../../export/load.js";
import type { IrProgram } from "../../ir/ir.js";
import { reportPackages } from "../../ir/packages.js";
import type { ControlReport, Failure, Report, SubjectResult, UnknownEntry, WaiverReport } from "../../report/report.js";
import { emitRego, writeRego } from "../rego/emit.js";
import { packagePath } from "../rego/names.js";
import { perimeterData, type ParamData } from "../data.js";

/** The binary used when none is given: `opa`, looked up on PATH. */
export const DEFAULT_OPA = "opa";

/** Export JSON per `opa eval` process, at most (one export larger than this gets a process of its own). */
export const BATCH_BYTES = 64 * 1024 * 1024;

/** Where to get OPA, said by every message about a missing one. */
const INSTALL = "install OPA (https://github.com/open-policy-agent/opa/releases) and put it on PATH, pass its path with --opa PATH, or use --engine wasm or --engine js";

/** There is no OPA binary, or it cannot be started. */
export class OpaUnavailable extends Error {}

/** OPA ran and failed (non-zero exit, killed, or output that is not its JSON). */
export class OpaFailed extends Error {}

export interface OpaOptions {
  /** The binary: a path, or a name looked up on PATH (default `opa`). */
  readonly opa?: string;
  /** Called after each `opa eval` process with the number of exports evaluated so far. */
  readonly progress?: (done: number) => void;
}

/** The Rego of a program and its evaluation data, in a fresh temporary directory (the caller removes it). */
function writePolicyDir(program: IrProgram, now: string, params: ParamData): string {
  const dir = mkdtempSync(join(tmpdir(), "perimeter-opa-"));
  writeRego(dir, emitRego(program));
  // `data.json` at the root of a `--data` directory is loaded at the root of `data`.
  writeFileSync(join(dir, "data.json"), JSON.stringify(perimeterData(now, params)));
  return dir;
}

/** The exports as JSON text, integers beyond 2^53 with their digits (as OPA reads them). */
function exportText(exp: LoadedExport): string {
  return exp.exactIntegers ? exactJsonText(exp.document) : JSON.stringify(exp.document);
}

/** Consecutive runs of exports whose text stays within `limit` bytes together (each run at least one export). */
export function batches(texts: readonly string[], limit = BATCH_BYTES): number[][] {
  const out: number[][] = [];
  let size = 0;
  for (let i = 0; i < texts.length; i++) {
    const n = Buffer.byteLength(texts[i]!);
    const last = out[out.length - 1];
    if (last === undefined || size + n > limit) {
      out.push([i]);
      size = n;
    } else {
      last.push(i);
      size += n;
    }
  }
  return out;
}

/** OPA's first error message from its `--format json` output or stderr, on one line. */
function opaError(stdout: string, stderr: string): string {
  try {
    const errors = (JSON.parse(stdout) as { errors?: { message?: string; location?: { file?: string; row?: number } }[] }).errors ?? [];
    const first = errors[0];
    if (first?.message !== undefined) {
      const at = first.location?.file ? ` (${first.location.file}:${first.location.row ?? 0})` : "";
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? "s" : ""})` : "";
      return `${first.message}${at}${more}`;
    }
  } catch {
    // not JSON: fall through to stderr
  }
  const line = `${stderr}\n${stdout}`
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  return line ?? "no output";
}

/**
 * The query of a batch: one comprehension over the exports (so its size does not grow with
 * their number), binding each package's report with the export as input.
 */
export function batchQuery(packages: readonly string[]): string {
  const reports = packages.map((p, j) => `r${j} := data.${packagePath(p)}.report with input as x`);
  return `reports := [[${packages.map((_, j) => `r${j}`).join(", ")}] | x := input[_]; ${reports.join("; ")}]`;
}

/** Runs one `opa eval` over some exports; returns, per export, the Report of each package (by `packages`). */
function evalBatch(opa: string, dir: string, packages: readonly string[], texts: readonly string[]): unknown[][] {
  const r = spawnSync(opa, ["eval", "--format", "json", "--stdin-input", "--data", dir, batchQuery(packages)], {
    input: `[${texts.join(",")}]`,
    encoding: "utf8",
    maxBuffer: 2 ** 30,
    stdio: ["pipe", "pipe", "pipe"],
  });
  // An OPA that exits without reading its input (a flag it does not know) breaks the pipe: its exit status says more.
  const broken = (r.error as NodeJS.ErrnoException | undefined)?.code === "EPIPE" && (r.status !== null || r.signal !== null);
  if (r.error !== undefined && !broken) {
    const code = (r.error as NodeJS.ErrnoException).code;
    const named = opa === DEFAULT_OPA ? "--engine opa: no `opa` on PATH" : `--opa ${opa}: cannot run it`;
    if (code === "ENOENT") throw new OpaUnavailable(`${opa === DEFAULT_OPA ? named : `--opa ${opa}: no such file`}; ${INSTALL}`);
    if (code === "EACCES") throw new OpaUnavailable(`${named}: permission denied; ${INSTALL}`);
    if (code === "ENOBUFS") throw new OpaFailed(`opa eval (${opa}) wrote more than ${2 ** 30} bytes`);
    throw new OpaUnavailable(`${named}: ${r.error.message}; ${INSTALL}`);
  }
  if (r.signal !== null) throw new OpaFailed(`opa eval (${opa}) was killed by ${r.signal}`);
  if (r.status !== 0) throw new OpaFailed(`opa eval (${opa}) failed with exit status ${r.status}: ${opaError(r.stdout, r.stderr)}`);
  let out: { result?: { bindings?: { reports?: unknown[][] } }[] };
  try {
    out = JSON.parse(r.stdout) as typeof out;
  } catch {
    throw new OpaFailed(`opa eval (${opa}) did not print OPA's JSON (is it OPA?): ${opaError("", r.stdout || r.stderr)}`);
  }
  const reports = out.result?.[0]?.bindings?.reports;
  // An export for which a report is undefined drops out of the comprehension.
  if (reports?.length !== texts.length) throw new Error(`internal error: OPA gives ${reports?.length ?? "no"} reports for ${texts.length} exports (a report rule is undefined)`);
  return reports;
}

/**
 * The Reports of several exports evaluated by OPA: per export (in order), the Report of each
 * package with controls (`reportPackages` order, none for a program without controls). One
 * temporary Rego directory, one `opa eval` process per batch of exports.
 */
export function opaReports(program: IrProgram, exports: readonly LoadedExport[], now: string, params: ParamData, options: OpaOptions = {}): Report[][] {
  const opa = options.opa ?? DEFAULT_OPA;
  const packages = reportPackages(program);
  if (packages.length === 0) return exports.map(() => []);
  const dir = writePolicyDir(program, now, params);
  try {
    const texts = exports.map(exportText);
    const reports: Report[][] = [];
    for (const batch of batches(texts)) {
      const values = evalBatch(
        opa,
        dir,
        packages,
        batch.map((i) => texts[i]!),
      );
      batch.forEach((_, k) => reports.push(values[k]!.map(canonicalReport)));
      options.progress?.(reports.length);
    }
    return reports;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The Report in its own key order (OPA sorts object keys). Only the Report's fields are kept.

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => v as Json;
const source = (v: unknown): { file: string; line: number } => ({ file: obj(v)["file"] as string, line: obj(v)["line"] as number });

function failure(v: unknown): Failure {
  const f = obj(v);
  const base = { requirement: f["requirement"] as number, statement: f["statement"] as string, message: f["message"] as string, line: f["line"] as number };
  if (!Array.isArray(f["malformed"])) return base;
  const malformed = (f["malformed"] as unknown[]).map((m) => ({ value: obj(m)["value"] as string, pointer: obj(m)["pointer"] as string | null }));
  return { ...base, malformed };
}

function unknownEntry(v: unknown): UnknownEntry {
  const u = obj(v);
  return { requirement: u["requirement"] as number, statement: u["statement"] as string, slots: u["slots"] as string[] };
}

function result(v: unknown): SubjectResult {
  const r = obj(v);
  const s = obj(r["subject"]);
  const w = r["waiver"] === null ? null : obj(r["waiver"]);
  return {
    subject: { kind: s["kind"] as string, key: s["key"] as string, label: s["label"] as string, pointer: s["pointer"] as string },
    status: r["status"] as SubjectResult["status"],
    failures: (r["failures"] as unknown[]).map(failure),
    unknown: (r["unknown"] as unknown[]).map(unknownEntry),
    waiver: w === null ? null : { until: w["until"] as string, reason: w["reason"] as string, approved_by: w["approved_by"] as string | null },
  };
}

function control(v: unknown): ControlReport {
  const c = obj(v);
  return {
    id: c["id"] as string,
    title: c["title"] as string,
    severity: c["severity"] as ControlReport["severity"],
    frameworks: c["frameworks"] as string[],
    remediation: c["remediation"] as string | null,
    description: c["description"] as string | null,
    docs: c["docs"] as string | null,
    package: c["package"] as string,
    source: source(c["source"]),
    status: c["status"] as ControlReport["status"],
    results: (c["results"] as unknown[]).map(result),
  };
}

function waiver(v: unknown): WaiverReport {
  const w = obj(v);
  return {
    control: w["control"] as string,
    key: w["key"] as string,
    until: w["until"] as string,
    reason: w["reason"] as string,
    approved_by: w["approved_by"] as string | null,
    state: w["state"] as WaiverReport["state"],
    source: source(w["source"]),
  };
}

/** A Report as OPA gives it (keys sorted), rebuilt in the Report's key order. */
export function canonicalReport(v: unknown): Report {
  const r = obj(v);
  const e = obj(r["export"]);
  const s = obj(r["summary"]);
  return {
    perimeter: r["perimeter"] as Report["perimeter"],
    now: r["now"] as string | null,
    export: { schema: e["schema"] as string | null, exported_at: e["exported_at"] as string | null, cloud: e["cloud"] as string | null, account_id: e["account_id"] as string | null },
    controls: (r["controls"] as unknown[]).map(control),
    waivers: (r["waivers"] as unknown[]).map(waiver),
    summary: { pass: s["pass"] as number, fail: s["fail"] as number, unknown: s["unknown"] as number, waived: s["waived"] as number },
  };
}
