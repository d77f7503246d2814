// The conformance corpus (test/conformance/cases/*.yaml): what a case file says, and how the
// cases become one program. Each case is a small policy in a package of its own
// (`conformance.<file>.c<n>`), so that one compilation, one Wasm module, one `opa eval` and one
// `opa build -t wasm` serve every case; each engine evaluates only the case's package on the
// case's export. A case file names the `operators` (operators.ts keys) its cases exercise, or
// its `topic` (waivers, unknown, …), and lists `cases`; the forms of a case:
// - `value: EXPR`, `expect: V`: the value of EXPR, as messages show it (src/eval/value.ts
//   `show`), is that of V (a YAML value; `null` is missing). The runner writes
//   `require false else "{EXPR}"` and makes the message `show(EXPR)` in the IR.
// - `require: EXPR | [EXPR…]`, `expect: pass|fail|unknown|waived`, optional `messages`: the
//   status of the one subject, and its failure messages in order.
// - `policy: TEXT` (controls, waivers of the case's own package), `expect: {ID: STATUS |
//   {KEY: STATUS}}`, optional `messages: {ID: [..]}` and `waivers: [STATE…]`.
// Common fields: `input` (the export; a skeleton supplies schema, exported_at, collection and
// account, and workspaces default to one workspace with id 1), `now` (default 2026-11-28;
// `null` for none), `params` (overrides of the case package's params), `prelude` (params, lets
// and defs before the control), `for` (default `ws in workspaces`), and `known_failure`
// (`{ENGINE: reason}`: an engine known to disagree, a finding recorded, never dropped).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LineCounter, parseDocument, isMap, isSeq, type Node } from "yaml";
import { applyOverrides } from "../../src/eval/params.js";
import type { ParamValues } from "../../src/eval/interp.js";
import { formatProblem, parseExport, type LoadedExport } from "../../src/export/load.js";
import type { IrExpr, IrProgram } from "../../src/ir/ir.js";
import { lowerProgram } from "../../src/ir/lower.js";
import { frontEnd } from "../../src/program/load.js";
import { SourceFile } from "../../src/source/source.js";

export const CASES_DIR = "test/conformance/cases";

/** The engines a case can name in `known_failure` (the adapter table's names, engines.ts). */
export const ENGINE_NAMES = ["reference", "wasm", "opa", "opa-wasm"] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export const DEFAULT_NOW = "2026-11-28";

export type Status = "pass" | "fail" | "unknown" | "waived";

export type Expectation =
  | { readonly form: "value"; readonly shown: unknown }
  | { readonly form: "require"; readonly status: Status; readonly messages?: readonly string[] }
  | {
      readonly form: "policy";
      readonly controls: Readonly<Record<string, Status | "not_applicable" | Readonly<Record<string, Status>>>>;
      readonly messages?: Readonly<Record<string, readonly string[]>>;
      readonly waivers?: readonly string[];
    };

export interface Case {
  /** `file.yaml:line`, for every message about the case. */
  readonly where: string;
  readonly file: string;
  readonly name: string;
  readonly package: string;
  /** The policy text the runner wrote for it. */
  readonly source: string;
  readonly sourcePath: string;
  readonly expect: Expectation;
  readonly inputText: string;
  readonly now: string | null;
  readonly params: Readonly<Record<string, unknown>>;
  readonly knownFailure: Readonly<Partial<Record<EngineName, string>>>;
}

export interface CaseFile {
  readonly file: string;
  /** The operator keys (operators.ts) every case of the file exercises at least one of. */
  readonly operators: readonly string[];
  /** Behaviour the file is about besides operators (waivers, unknown, …), when it has no operator. */
  readonly topic?: string;
  readonly cases: readonly Case[];
}

/** A problem with a case file, with its place. */
export class CorpusError extends Error {}

const FIELDS = new Set(["name", "value", "require", "policy", "expect", "messages", "waivers", "input", "now", "params", "prelude", "for", "known_failure"]);
const STATUSES = new Set(["pass", "fail", "unknown", "waived"]);

const skeleton = () => ({
  schema: "dbx-network-export/v1",
  exported_at: "2026-11-28T00:00:00Z",
  collection: { source: "conformance", cloud: "azure", errors: [] as unknown[] },
  account: { account_id: "acct-1" },
  workspaces: [{ workspace_id: 1 }] as unknown[],
});

/** The export of a case: the skeleton with the case's top-level fields (and `collection`'s) over it. */
function exportOf(input: unknown, at: string): Record<string, unknown> {
  const doc: Record<string, unknown> = skeleton();
  if (input === undefined || input === null) return doc;
  if (typeof input !== "object" || Array.isArray(input)) throw new CorpusError(`${at}: \`input\` must be a mapping (the export's top-level fields)`);
  for (const [k, v] of Object.entries(input)) {
    doc[k] = k === "collection" && v !== null && typeof v === "object" ? { ...(doc["collection"] as object), ...(v as object) } : v;
  }
  return doc;
}

/** JSON text of a YAML value, integers beyond 2^53 (read as bigints) with all their digits. */
function jsonText(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? `#bigint:${x}` : x)).replace(/"#bigint:(-?\d+)"/g, "$1");
}

function indent(text: string, by: string): string {
  return text
    .split("\n")
    .map((l) => (l.trim() === "" ? "" : by + l))
    .join("\n");
}

const exprs = (v: unknown, at: string, field: string): string[] => {
  const list = Array.isArray(v) ? v : [v];
  if (list.length === 0 || list.some((x) => typeof x !== "string" || x.trim() === "")) throw new CorpusError(`${at}: \`${field}\` must be an expression or a list of expressions`);
  return list as string[];
};

function statusOf(v: unknown, at: string): Status {
  if (typeof v !== "string" || !STATUSES.has(v)) throw new CorpusError(`${at}: \`expect\` must be one of pass, fail, unknown, waived (got ${JSON.stringify(v)})`);
  return v as Status;
}

function stringList(v: unknown, at: string, field: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw new CorpusError(`${at}: \`${field}\` must be a list of strings`);
  return v as string[];
}

/** One case of a file: its fields checked, its policy text written. */
function readCase(file: string, stem: string, index: number, raw: Record<string, unknown>, line: number): Case {
  const at = `${file}:${line}`;
  for (const k of Object.keys(raw)) if (!FIELDS.has(k)) throw new CorpusError(`${at}: unknown field \`${k}\` (fields: ${[...FIELDS].join(", ")})`);
  const name = raw["name"];
  if (typeof name !== "string" || name === "") throw new CorpusError(`${at}: every case needs a \`name\``);
  const forms = (["value", "require", "policy"] as const).filter((f) => raw[f] !== undefined);
  if (forms.length !== 1) throw new CorpusError(`${at} (${name}): a case has exactly one of \`value\`, \`require\`, \`policy\``);
  if (!("expect" in raw)) throw new CorpusError(`${at} (${name}): no \`expect\``);
  const pkg = `conformance.${stem}.c${index + 1}`;
  const id = `CONF-${stem.toUpperCase().replace(/[^A-Z0-9]+/g, "-")}-${index + 1}`;
  const prelude = typeof raw["prelude"] === "string" ? raw["prelude"] : "";
  if (raw["prelude"] !== undefined && typeof raw["prelude"] !== "string") throw new CorpusError(`${at} (${name}): \`prelude\` must be policy text`);
  const subject = raw["for"] ?? "ws in workspaces";
  if (typeof subject !== "string") throw new CorpusError(`${at} (${name}): \`for\` must be text such as \`ws in workspaces\``);
  let body: string;
  let expect: Expectation;
  const form = forms[0]!;
  if (form === "value") {
    const e = exprs(raw["value"], at, "value");
    if (e.length !== 1) throw new CorpusError(`${at} (${name}): \`value\` is one expression`);
    body = `control ${id} "${name.replace(/["\\{}]/g, "")}" {\n  for ${subject}\n  require false else "{${e[0]}}"\n}`;
    expect = { form, shown: raw["expect"] };
  } else if (form === "require") {
    const e = exprs(raw["require"], at, "require");
    body = `control ${id} "${name.replace(/["\\{}]/g, "")}" {\n  for ${subject}\n${e.map((x) => `  require ${x}`).join("\n")}\n}`;
    expect = { form, status: statusOf(raw["expect"], at), ...(raw["messages"] === undefined ? {} : { messages: stringList(raw["messages"], at, "messages") }) };
  } else {
    if (typeof raw["policy"] !== "string") throw new CorpusError(`${at} (${name}): \`policy\` must be policy text`);
    if (raw["prelude"] !== undefined || raw["for"] !== undefined) throw new CorpusError(`${at} (${name}): a \`policy\` case writes its own lets and \`for\``);
    body = raw["policy"];
    const want = raw["expect"];
    if (want === null || typeof want !== "object" || Array.isArray(want)) throw new CorpusError(`${at} (${name}): a \`policy\` case expects a mapping of control ids to statuses`);
    for (const [c, s] of Object.entries(want)) {
      if (typeof s === "string") {
        if (s !== "not_applicable") statusOf(s, `${at} (${name}) ${c}`);
      } else if (s !== null && typeof s === "object" && !Array.isArray(s)) {
        for (const x of Object.values(s)) statusOf(x, `${at} (${name}) ${c}`);
      } else throw new CorpusError(`${at} (${name}): \`expect.${c}\` must be a status or a mapping of subject keys to statuses`);
    }
    const messages = raw["messages"];
    if (messages !== undefined && (messages === null || typeof messages !== "object" || Array.isArray(messages))) throw new CorpusError(`${at} (${name}): \`messages\` of a policy case maps control ids to lists`);
    expect = {
      form,
      controls: want as Record<string, Status>,
      ...(messages === undefined ? {} : { messages: Object.fromEntries(Object.entries(messages as object).map(([k, v]) => [k, stringList(v, at, `messages.${k}`)])) }),
      ...(raw["waivers"] === undefined ? {} : { waivers: stringList(raw["waivers"], at, "waivers") }),
    };
  }
  const now = raw["now"] === undefined ? DEFAULT_NOW : raw["now"];
  if (now !== null && (typeof now !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(now))) throw new CorpusError(`${at} (${name}): \`now\` must be a date YYYY-MM-DD or null`);
  const params = raw["params"] ?? {};
  if (params === null || typeof params !== "object" || Array.isArray(params)) throw new CorpusError(`${at} (${name}): \`params\` maps the case's param names to values`);
  const known = (raw["known_failure"] ?? {}) as Record<string, unknown>;
  for (const [engine, reason] of Object.entries(known)) {
    if (!(ENGINE_NAMES as readonly string[]).includes(engine)) throw new CorpusError(`${at} (${name}): \`known_failure\` names engine \`${engine}\`; engines: ${ENGINE_NAMES.join(", ")}`);
    if (typeof reason !== "string" || reason.trim() === "") throw new CorpusError(`${at} (${name}): \`known_failure.${engine}\` must give the reason`);
  }
  const source = `package ${pkg}\nimport std.databricks\n${prelude}\n${body}\n`;
  return {
    where: at,
    file,
    name,
    package: pkg,
    source,
    sourcePath: `conformance/${stem}/c${index + 1}.perimeter`,
    expect,
    inputText: jsonText(exportOf(raw["input"], `${at} (${name})`)),
    now: now as string | null,
    params: params as Record<string, unknown>,
    knownFailure: known as Record<EngineName, string>,
  };
}

/** YAML integers are read as bigints (so that an export can hold one beyond 2^53): the safe ones become numbers again. */
function safeNumbers(v: unknown): unknown {
  if (typeof v === "bigint") return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (Array.isArray(v)) return v.map(safeNumbers);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, safeNumbers(x)]));
  return v;
}

/** Reads one case file (YAML): `operators` or `topic`, and `cases`. */
export function readCaseFile(path: string, file = path.split("/").pop()!): CaseFile {
  const text = readFileSync(path, "utf8");
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, intAsBigInt: true, uniqueKeys: true });
  if (doc.errors.length > 0) throw new CorpusError(`${file}: ${doc.errors[0]!.message}`);
  const root = doc.contents;
  if (!isMap(root)) throw new CorpusError(`${file}: expected a mapping with \`operators\` (or \`topic\`) and \`cases\``);
  const top = safeNumbers(doc.toJS({ mapAsMap: false })) as Record<string, unknown>;
  for (const k of Object.keys(top)) if (!["operators", "topic", "cases"].includes(k)) throw new CorpusError(`${file}: unknown top-level field \`${k}\``);
  const operators = top["operators"] === undefined ? [] : stringList(top["operators"], file, "operators");
  const topic = top["topic"];
  if (operators.length === 0 && typeof topic !== "string") throw new CorpusError(`${file}: name the \`operators\` its cases exercise, or its \`topic\``);
  const casesNode = root.get("cases", true) as Node | undefined;
  if (!isSeq(casesNode) || casesNode.items.length === 0) throw new CorpusError(`${file}: \`cases\` must be a non-empty list`);
  const stem = file.replace(/\.ya?ml$/, "").replace(/[^a-z0-9_]/gi, "_").toLowerCase();
  const rawCases = top["cases"] as Record<string, unknown>[];
  const names = new Set<string>();
  const cases = casesNode.items.map((item, i) => {
    const line = lines.linePos((item as Node).range?.[0] ?? 0).line;
    const raw = rawCases[i];
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw new CorpusError(`${file}:${line}: a case is a mapping`);
    const c = readCase(file, stem, i, raw, line);
    if (names.has(c.name)) throw new CorpusError(`${c.where}: another case of ${file} is named \`${c.name}\``);
    names.add(c.name);
    return c;
  });
  return { file, operators, ...(typeof topic === "string" ? { topic } : {}), cases };
}

export function readCorpus(dir = CASES_DIR): CaseFile[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => readCaseFile(join(dir, f), f));
}

/** The corpus compiled: one program with a package per case, and each case's export and params. */
export interface Compiled {
  readonly ir: IrProgram;
  readonly cases: readonly Case[];
  readonly exports: ReadonlyMap<Case, LoadedExport>;
  /** Default params with every case's overrides (each case overrides only its own package's). */
  readonly params: ParamValues;
}

/**
 * Compiles every case into one program. A case whose policy does not compile, whose export does
 * not load or whose params do not apply is a CorpusError naming the case.
 */
export function compileCorpus(files: readonly CaseFile[]): Compiled {
  const cases = files.flatMap((f) => f.cases);
  const byPath = new Map(cases.map((c) => [c.sourcePath, c]));
  const fe = frontEnd(cases.map((c) => new SourceFile(c.sourcePath, c.source)));
  const errors = fe.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0 || fe.program === undefined) {
    const shown = errors.slice(0, 10).map((d) => {
      const c = byPath.get(d.file);
      const src = c === undefined ? undefined : new SourceFile(c.sourcePath, c.source);
      const pos = src?.position(d.span.start);
      return `${c ? `${c.where} (${c.name})` : d.file}: ${d.code} ${d.message}${pos ? ` at line ${pos.line} of:\n${indent(c!.source, "    ")}` : ""}`;
    });
    throw new CorpusError(`the corpus does not compile:\n${shown.join("\n")}`);
  }
  const ir = withShownValues(lowerProgram(fe.program), cases);
  const exports = new Map<Case, LoadedExport>();
  const invalid: string[] = [];
  for (const c of cases) {
    const r = parseExport(`${c.where} input`, c.inputText);
    const bad = r.problems.filter((p) => p.severity === "error");
    if (r.export === undefined || bad.length > 0) invalid.push(`${c.where} (${c.name}): the input is not a valid export: ${bad.map(formatProblem).join("; ")}`);
    else exports.set(c, r.export);
  }
  if (invalid.length > 0) throw new CorpusError(invalid.join("\n"));
  const overrides: Record<string, unknown> = {};
  for (const c of cases) if (Object.keys(c.params).length > 0) overrides[c.package] = c.params;
  const resolved = applyOverrides(ir, overrides, "params");
  if (resolved.problems.length > 0) {
    const p = resolved.problems[0]!;
    const c = cases.find((x) => p.pointer.startsWith(`/${x.package}`));
    throw new CorpusError(`${c ? `${c.where} (${c.name})` : "params"}: ${p.message}`);
  }
  return { ir, cases, exports, params: resolved.params };
}

/**
 * The `value` cases' messages as `show(EXPR)` instead of the interpolation's `text(EXPR)`, so
 * that strings print quoted and a string is told from a number: the IR the case means.
 */
function withShownValues(ir: IrProgram, cases: readonly Case[]): IrProgram {
  const valued = new Set(cases.filter((c) => c.expect.form === "value").map((c) => c.package));
  return {
    ...ir,
    controls: ir.controls.map((c) => {
      if (!valued.has(c.package)) return c;
      return {
        ...c,
        requirements: c.requirements.map((r) => {
          const m = r.message;
          const part = m.k === "concat" && m.parts.length === 1 ? m.parts[0]! : undefined;
          if (part?.k !== "builtin" || part.name !== "text") throw new Error(`internal error: the message of value case ${c.package} is not one interpolation`);
          const shown: IrExpr = { ...part, name: "show" };
          return { ...r, message: { ...m, parts: [shown] } as IrExpr };
        }),
      };
    }),
  };
}
