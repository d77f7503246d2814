/**
 * The evaluation worker: everything `perimeter check` and `perimeter explain` do, in the
 * browser, off the main thread. Policies are parsed and checked by the compiler's front end
 * (diagnostics for lint-as-you-type), lowered to the IR, linked into the OPA-ABI Wasm module
 * with the runtime the build produced (the same `runtime.wasm` the CLI reads from dist/),
 * loaded through `@open-policy-agent/opa-wasm` and evaluated; the Report is rendered by the
 * CLI's JSON and HTML renderers. Synchronous Wasm compilation (the SDK's `loadPolicySync`) is
 * allowed in a worker, not on a page's main thread.
 *
 * Nothing here touches the network but the one fetch of the runtime, a static file of the
 * page's own origin.
 */

/// <reference lib="webworker" />

import runtimeUrl from "../../dist/src/backends/wasm/runtime.wasm?url";
import pkg from "../../package.json";
import { evaluateWasm, loadWasm, type Loaded } from "../../src/backends/wasm/evaluate.js";
import { programReport } from "../../src/engine/compose.js";
import { linkWasm } from "../../src/backends/wasm/link.js";
import type { Unit } from "../../src/check/program.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { explainControl } from "../../src/eval/explain.js";
import { explainText } from "../../src/eval/explain-text.js";
import type { ParamValues } from "../../src/eval/interp.js";
import { applyOverrides, formatParamProblem, paramUses } from "../../src/eval/params.js";
import { parseParams } from "../../src/eval/params-text.js";
import { formatProblem, parseExport, type LoadedExport } from "../../src/export/load.js";
import { buildPointerIndex } from "../../src/export/pointers.js";
import type { IrProgram } from "../../src/ir/ir.js";
import { lowerProgram } from "../../src/ir/lower.js";
import { checkSources, libraryOf, type FrontEnd } from "../../src/program/front-end.js";
import { fileDigests, isTestFile } from "../../src/report/digests.js";
import { collectionGaps, DEFAULT_MAX_EXPORT_AGE, exportWarnings, staleExports } from "../../src/report/overview.js";
import { renderHtml } from "../../src/report/render-html.js";
import { renderJson } from "../../src/report/render-text.js";
import type { Report } from "../../src/report/report.js";
import { sha256, TOOL_NAME, TOOL_URI, type ParamsUsed, type RunInfo } from "../../src/report/run.js";
import { annotateWaivers, waiverWarnings } from "../../src/report/waivers.js";
import { SourceFile } from "../../src/source/source.js";
import { completionsAt } from "./complete.js";
import { EXAMPLE_EXPORTS, LIBRARY_PREFIX, POLICY_FILES, POLICY_FIXTURES } from "./assets.js";
import type { FailingControl, PolicyFile, Request, Response, RunResult, WireDiagnostic } from "./protocol.js";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (r: Response): void => scope.postMessage(r);

/** `policies/std`, parsed once: what `import std.*` resolves to when no file declares it. */
export const library: readonly Unit[] = libraryOf([...POLICY_FILES].filter(([p]) => p.startsWith(LIBRARY_PREFIX)).map(([p, t]) => new SourceFile(p, t)));

const BUNDLED_JSON: ReadonlySet<string> = new Set([...POLICY_FIXTURES, ...EXAMPLE_EXPORTS.keys()]);

/** A `test` block's export path exists when it names a bundled fixture or example (paths relative to the policy file). */
export function fixtureExists(from: string, path: string): boolean {
  const parts = from.split("/").slice(0, -1);
  for (const seg of path.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return BUNDLED_JSON.has(parts.join("/"));
}

let runtime: Promise<Uint8Array> | undefined;
const runtimeBytes = (): Promise<Uint8Array> =>
  (runtime ??= fetch(runtimeUrl).then(async (r) => {
    if (!r.ok) throw new Error(`cannot load the Wasm runtime ${runtimeUrl}: HTTP ${r.status}`);
    return new Uint8Array(await r.arrayBuffer());
  }));

interface Compiled {
  readonly key: string;
  readonly front: FrontEnd;
  readonly ir: IrProgram;
  readonly loaded: Loaded;
}

let compiled: Compiled | undefined;
let exported: { name: string; sha256: string; result: ReturnType<typeof parseExport> } | undefined;
let last: { params: ParamValues; now: string } | undefined;

function wire(d: Diagnostic, files: FrontEnd["files"]): WireDiagnostic {
  const src = files.get(d.file);
  const pos = src?.position(d.span.start) ?? { line: 1, column: 1 };
  return { file: d.file, from: d.span.start, to: d.span.end, line: pos.line, column: pos.column, severity: d.severity, code: d.code, message: d.message, ...(d.help !== undefined ? { help: d.help } : {}) };
}

/** The export's bytes as the CLI decodes them: UTF-8 (a byte-order mark dropped), or UTF-16 with a byte-order mark. */
function decode(bytes: Uint8Array): { text: string; warning?: string } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)) };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)) };
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body) };
  } catch {
    return { text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(body), warning: "the file is not valid UTF-8 text; undecodable bytes were replaced with U+FFFD" };
  }
}

function setExport(name: string, bytes: Uint8Array): void {
  const { text, warning } = decode(bytes);
  const earlier = warning === undefined ? [] : [{ file: name, pointer: "", message: warning, severity: "warning" as const }];
  exported = { name, sha256: sha256(bytes), result: parseExport(name, text, earlier) };
}

async function compile(files: readonly PolicyFile[], now: string): Promise<{ front: FrontEnd; c?: Compiled }> {
  const key = JSON.stringify([now, files]);
  if (compiled?.key === key) return { front: compiled.front, c: compiled };
  const sources = files.map((f) => new SourceFile(f.path, f.text));
  const front = checkSources(sources, library, { today: now, fileExists: fixtureExists });
  if (front.program === undefined) return { front };
  const ir = lowerProgram(front.program);
  const loaded = loadWasm(linkWasm(ir, await runtimeBytes()));
  compiled = { key, front, ir, loaded };
  return { front, c: compiled };
}

function failingOf(report: Report): FailingControl[] {
  return report.controls
    .filter((c) => c.results.some((r) => r.status === "fail"))
    .map((c) => ({
      id: c.id,
      title: c.title,
      severity: c.severity,
      subjects: c.results.filter((r) => r.status === "fail").map((r) => ({ key: r.subject.key, label: r.subject.label, message: r.failures.map((f) => f.message).join("; ") })),
    }));
}

async function run(req: Extract<Request, { type: "run" }>): Promise<RunResult> {
  const started = performance.now();
  const { front, c } = await compile(req.files, req.now);
  const diagnostics = front.diagnostics.map((d) => wire(d, front.files));
  if (c === undefined) return { diagnostics, problems: [], warnings: [] };
  const paramsGiven = req.params.text.trim() !== "";
  const resolved = paramsGiven ? parseParams(c.ir, req.params.name, req.params.text) : applyOverrides(c.ir, undefined, "");
  const problems = resolved.problems.map((p) => `error: ${formatParamProblem(p)}`);
  if (exported === undefined) return { diagnostics, problems, warnings: [] };
  problems.push(...exported.result.problems.map((p) => `${p.severity}: ${formatProblem(p)}`));
  const exp: LoadedExport | undefined = exported.result.export;
  if (resolved.problems.length > 0 || exp === undefined) {
    if (exp === undefined) problems.push("the export above is not a valid dbx-network-export/v1 document; nothing was evaluated");
    return { diagnostics, problems, warnings: [] };
  }
  last = { params: resolved.params, now: req.now };
  const ctx = { now: req.now, params: resolved.params };
  const report = annotateWaivers(programReport(c.ir, exp, ctx, () => evaluateWasm(c.loaded, exp, ctx.now, ctx.params)));
  const used: ParamsUsed = { file: paramsGiven ? req.params.name : null, sha256: paramsGiven ? sha256(req.params.text) : null, values: paramUses(c.ir, resolved) };
  const runs = [{ file: exported.name, report, sha256: exported.sha256 }];
  const info: RunInfo = {
    tool: { name: TOOL_NAME, version: pkg.version, uri: TOOL_URI },
    now: req.now,
    policies: fileDigests(
      c.front.units.map((u) => ({ path: u.source.path, sha256: sha256(u.source.text), user: u.user, test: isTestFile(u) })),
      (p) => p,
    ),
    params: used,
    maxExportAge: DEFAULT_MAX_EXPORT_AGE,
  };
  const warnings = [...waiverWarnings([report]), ...exportWarnings(collectionGaps(runs), staleExports(runs, req.now, DEFAULT_MAX_EXPORT_AGE), req.now, DEFAULT_MAX_EXPORT_AGE)];
  return {
    diagnostics,
    problems,
    warnings,
    report: { export: exported.name, json: renderJson([report], used), html: renderHtml(runs, info), failing: failingOf(report), summary: report.summary, ms: Math.round(performance.now() - started) },
  };
}

function explain(controlId: string, subject: string): string {
  const exp = exported?.result.export;
  if (compiled === undefined || exp === undefined || last === undefined) return "Nothing to explain: load an export and fix the policies first.";
  const control = compiled.ir.controls.find((c) => c.id === controlId);
  if (control === undefined) return `no control \`${controlId}\` in the policies`;
  // As `perimeter explain` does: pointers into the document as evaluated.
  const pointers = buildPointerIndex(exp.document, new WeakMap());
  const pointerOf = (v: object): string | undefined => pointers.get(v);
  const explained = explainControl(compiled.ir, control, { document: exp.document, errors: exp.errors, pointerOf }, { now: last.now, params: last.params }).filter((x) => x.result?.subject.key === subject);
  if (explained.length === 0) return `control ${control.id} has no subject \`${subject}\``;
  return explainText(control, explained, { files: compiled.front.files, pointerOf }).lines.join("\n");
}

scope.onmessage = async (e: MessageEvent<Request>) => {
  const req = e.data;
  try {
    switch (req.type) {
      case "export":
        setExport(req.name, new Uint8Array(req.bytes));
        post({ type: "ready", id: req.id });
        return;
      case "run":
        post({ type: "result", id: req.id, result: await run(req) });
        return;
      case "explain":
        post({ type: "explanation", id: req.id, text: explain(req.control, req.subject) });
        return;
      case "complete":
        post({ type: "completions", id: req.id, options: completionsAt(req.files, req.file, req.offset, library, fixtureExists) });
        return;
      default: {
        const never: never = req;
        throw new Error(`unknown request ${JSON.stringify(never)}`);
      }
    }
  } catch (err) {
    post({ type: "error", id: req.id, message: err instanceof Error ? err.message : String(err) });
  }
};
