/**
 * Parameters: the declared defaults, and a site's overrides from a YAML or JSON file.
 *
 * The file maps package names to the params to override:
 *
 *   databricks.apps:
 *     corporate: [10.20.0.0/16, 192.0.2.0/24]
 *
 * Each override is checked against the type of the param's default (a list of addresses
 * must hold valid addresses or CIDRs without host bits, a date must exist, …); an unknown
 * package or param is an error, with the closest name offered. Every problem names the file
 * and the JSON pointer of the offending value. An integer of 2^53 or more is refused, as it is
 * as a literal (`E0407`): the YAML and JSON readers have already rounded it to a float64, and
 * the compiled targets would read that float64's JSON text as an exact integer of other digits.
 *
 * For the reports, `paramUses` lists every param with its effective value, the value written
 * as in a policy, and whether the file set it (`applyOverrides` records which it did).
 */

import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, type Document } from "yaml";
import { parseJsonText } from "../export/json-text.js";
import { dateError } from "../check/checks/literals.js";
import { didYouMean } from "../diagnostics/suggest.js";
import { formatNet, parseNet } from "../net/ip.js";
import type { IrProgram, Json, ParamType } from "../ir/ir.js";
import type { ParamValues } from "./interp.js";
import type { ParamUse } from "../report/run.js";
import type { Value } from "./value.js";

export interface ParamProblem {
  readonly file: string;
  readonly pointer: string;
  readonly message: string;
  /** 1-based line of the problem in the file, when the file is text the reader can place it in. */
  readonly line?: number;
  /** 1-based column, set together with `line`. */
  readonly column?: number;
}

/** `file:line:column: /pointer: message` (the pointer left out for syntax errors, the place when unknown). */
export function formatParamProblem(p: ParamProblem): string {
  const at = p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}:` : `${p.file}:`;
  if (p.line !== undefined && p.pointer === "") return `${at} ${p.message}`;
  return `${at} ${p.pointer === "" ? "/" : p.pointer}: ${p.message}`;
}

const escape = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

export function defaultParams(program: IrProgram): Map<string, Map<string, Value>> {
  return new Map(program.packages.map((p) => [p.name, new Map(p.params.map((x) => [x.name, x.value as Value]))]));
}

function typeName(t: ParamType): string {
  if (typeof t === "string") return { string: "a string", number: "a number", bool: "true or false", date: "a date (YYYY-MM-DD)", net: "an address or CIDR range", any: "any value" }[t];
  return `a list of ${typeName(t.list).replace(/^an? /, "")}s`;
}

/** The first integer of 2^53 or more in `v` (iteratively), or undefined. */
function unsafeInteger(v: unknown): number | undefined {
  const todo: unknown[] = [v];
  while (todo.length > 0) {
    const x = todo.pop();
    if (typeof x === "number" && Number.isInteger(x) && !Number.isSafeInteger(x)) return x;
    if (typeof x === "object" && x !== null) for (const y of Array.isArray(x) ? x : Object.values(x)) todo.push(y);
  }
  return undefined;
}

/**
 * A value as a problem shows it: its JSON text, cut at 200 characters; a value nested too
 * deeply for `JSON.stringify` (which recurses, and threw out of the loader) by its kind.
 */
function foundText(v: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(v);
  } catch {
    return Array.isArray(v) ? "a list nested too deeply to show" : "a mapping nested too deeply to show";
  }
  if (text === undefined) return "nothing";
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** Checks `v` against `t`; returns the value to use, or pushes problems and returns undefined. */
function convert(v: unknown, t: ParamType, pointer: string, file: string, problems: ParamProblem[]): Json | undefined {
  const bad = (why?: string) => {
    problems.push({ file, pointer, message: why ?? `expected ${typeName(t)}, found ${foundText(v)}` });
    return undefined;
  };
  if (typeof t !== "string") {
    if (!Array.isArray(v)) return bad();
    const out: Json[] = [];
    v.forEach((x, i) => {
      const c = convert(x, t.list, `${pointer}/${i}`, file, problems);
      if (c !== undefined) out.push(c);
    });
    return out.length === v.length ? out : undefined;
  }
  const big = unsafeInteger(v);
  if (big !== undefined) return bad(`the integer ${big.toFixed(0)} is 2^53 or more; write large identifiers as strings`);
  switch (t) {
    case "any":
      return v as Json;
    case "string":
      return typeof v === "string" ? v : bad();
    case "number":
      return typeof v === "number" && Number.isFinite(v) ? v : bad();
    case "bool":
      return typeof v === "boolean" ? v : bad();
    case "date": {
      if (typeof v !== "string") return bad();
      const err = dateError(v);
      return err === undefined ? v : bad(`\`${v}\` is not a valid date: ${err}`);
    }
    case "net": {
      if (typeof v !== "string") return bad();
      const r = parseNet(v);
      if (r.ok) return formatNet(r.value);
      return bad(r.error.fix !== undefined ? `${r.error.message} (did you mean \`${r.error.fix}\`?)` : `\`${v}\` is not an address or CIDR range: ${r.error.message}`);
    }
  }
}

export interface ResolvedParams {
  readonly params: ParamValues;
  readonly problems: ParamProblem[];
  /** The params the file set, as `package.name` (whatever the value, even the default's). */
  readonly overridden: ReadonlySet<string>;
}

/** Defaults with the overrides of `doc` applied (doc: the parsed parameters file). */
export function applyOverrides(program: IrProgram, doc: unknown, file: string): ResolvedParams {
  const params = defaultParams(program);
  const problems: ParamProblem[] = [];
  const overridden = new Set<string>();
  if (doc === null || doc === undefined) return { params, problems, overridden };
  if (typeof doc !== "object" || Array.isArray(doc)) {
    problems.push({ file, pointer: "", message: "expected a mapping from package names to their params" });
    return { params, problems, overridden };
  }
  const declared = new Map(program.packages.filter((p) => p.params.length > 0).map((p) => [p.name, p]));
  for (const [pkgName, overrides] of Object.entries(doc as Record<string, unknown>)) {
    const pkg = declared.get(pkgName);
    const at = `/${escape(pkgName)}`;
    if (pkg === undefined) {
      const help = didYouMean(pkgName, declared.keys());
      problems.push({ file, pointer: at, message: `no package \`${pkgName}\` with params${help ? `; ${help}` : declared.size > 0 ? `; packages with params: ${[...declared.keys()].join(", ")}` : ""}` });
      continue;
    }
    if (overrides === null || typeof overrides !== "object" || Array.isArray(overrides)) {
      problems.push({ file, pointer: at, message: `expected a mapping of the params of \`${pkgName}\`` });
      continue;
    }
    for (const [name, value] of Object.entries(overrides as Record<string, unknown>)) {
      const p = pkg.params.find((x) => x.name === name);
      const ptr = `${at}/${escape(name)}`;
      if (p === undefined) {
        const help = didYouMean(name, pkg.params.map((x) => x.name));
        problems.push({ file, pointer: ptr, message: `package \`${pkgName}\` has no param \`${name}\`${help ? `; ${help}` : `; its params: ${pkg.params.map((x) => x.name).join(", ")}`}` });
        continue;
      }
      const v = convert(value, p.type, ptr, file, problems);
      if (v === undefined) continue;
      params.get(pkgName)!.set(name, v as Value);
      overridden.add(`${pkgName}.${name}`);
    }
  }
  return { params, problems, overridden };
}

/** Reads and applies a parameters file (`.yaml`/`.yml` as YAML, anything else as JSON). */
export function loadParams(program: IrProgram, file: string): ResolvedParams {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return { params: defaultParams(program), overridden: new Set(), problems: [{ file, pointer: "", message: `cannot read the file: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}` }] };
  }
  return parseParams(program, file, text);
}

/**
 * Parses and applies the text of a parameters file named `file` (`.yaml`/`.yml` as YAML,
 * anything else as JSON). Never throws: a syntax error is a problem at its line and column,
 * and every other problem carries the line and column of the value its pointer names when the
 * text can be read as YAML (JSON text can: the positions come from the YAML reader, the
 * values from `JSON.parse`).
 */
export function parseParams(program: IrProgram, file: string, text: string): ResolvedParams {
  const failed = (problem: Omit<ParamProblem, "file">): ResolvedParams => ({ params: defaultParams(program), overridden: new Set(), problems: [{ file, ...problem }] });
  const isYaml = /\.ya?ml$/i.test(file);
  const lines = new LineCounter();
  let doc: Document.Parsed | undefined;
  let value: unknown;
  const deep = nestingBeyond(text, MAX_PARAMS_NESTING);
  if (deep !== undefined && isYaml) {
    return failed({ pointer: "", message: `not valid YAML: nested more than ${MAX_PARAMS_NESTING} levels deep (a params file maps packages to params to values)`, ...positionAt(text, deep) });
  }
  try {
    // JSON text too deep for the YAML reader is read by JSON.parse alone (its problems have no line).
    doc = deep === undefined ? parseDocument(text, { lineCounter: lines, prettyErrors: false }) : undefined;
  } catch {
    doc = undefined;
  }
  if (isYaml) {
    if (doc === undefined) return failed({ pointer: "", message: "not valid YAML", line: 1, column: 1 });
    const error = doc.errors[0];
    if (error !== undefined) {
      const p = lines.linePos(error.pos[0]);
      return failed({ pointer: "", message: `not valid YAML: ${error.message.split("\n")[0]}`, line: p.line, column: p.col });
    }
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      return failed({ pointer: "", message: `not valid YAML: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}`, line: 1, column: 1 });
    }
  } else {
    const parsed = parseJsonText(text);
    if (!parsed.ok) return failed({ pointer: "", message: `not valid JSON: ${parsed.message}`, line: parsed.line, column: parsed.column });
    value = parsed.value;
  }
  const r = applyOverrides(program, value, file);
  if (r.problems.length === 0 || doc === undefined || doc.errors.length > 0) return r;
  const placed = doc;
  return { ...r, problems: r.problems.map((p) => withPosition(p, placed, lines)) };
}

/**
 * Nesting beyond which a params file is refused before the YAML reader sees it. The reader
 * recurses once per level, and near the end of the stack V8 can die (a fatal "out of memory"
 * in its RegExp compiler) instead of throwing; a params file needs three levels.
 */
export const MAX_PARAMS_NESTING = 64;

/**
 * The offset where the text nests deeper than `max`, or undefined: flow collections (`[`, `{`
 * outside quoted scalars and comments) and block nesting (a line's indentation and `- `, `? `, `: `
 * indicators before its content) both count.
 */
export function nestingBeyond(text: string, max: number): number | undefined {
  let flow = 0;
  let quote = "";
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (lineStart) {
      lineStart = false;
      const prefix = /^(?:[ \t]|[-?:](?=[ \t]|$))*/.exec(text.slice(i, i + 4 * max + 1))![0];
      if (prefix.length > 2 * max) return i + prefix.length;
    }
    if (c === "\n" || c === "\r") {
      lineStart = true;
      if (quote === "'" || quote === '"') continue;
    }
    if (quote !== "") {
      if (quote === '"' && c === "\\") i++;
      else if (quote === "'" && c === "'" && text[i + 1] === "'") i++; // `''` is a quote inside '…'
      else if (c === quote) quote = "";
      continue;
    }
    // A quote opens a quoted scalar only where a scalar starts (`it's` is a plain scalar).
    if ((c === '"' || c === "'") && /(^|[\s[{,:?-])$/.test(text.slice(Math.max(0, i - 1), i))) quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i + 1 < text.length && text[i + 1] !== "\n" && text[i + 1] !== "\r") i++;
    } else if (c === "[" || c === "{") {
      if (++flow > max) return i;
    } else if (c === "]" || c === "}") flow = Math.max(0, flow - 1);
  }
  return undefined;
}

function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** The problem with the line and column of the node its pointer names, when the YAML reading of the text has one. */
function withPosition(p: ParamProblem, doc: Document.Parsed, lines: LineCounter): ParamProblem {
  if (p.line !== undefined) return p;
  const path = p.pointer === "" ? [] : p.pointer.slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
  let node: unknown;
  try {
    node = path.length === 0 ? doc.contents : doc.getIn(path.map((t) => (/^(0|[1-9]\d*)$/.test(t) ? Number(t) : t)), true);
  } catch {
    node = undefined;
  }
  const start = (node as { range?: [number, number, number] } | null | undefined)?.range?.[0];
  if (start === undefined) return p;
  const pos = lines.linePos(start);
  return { ...p, line: pos.line, column: pos.col };
}

/** A policy string literal: double quoted, with the escapes `\" \\ \n \t \{ \}`. */
function stringLiteral(s: string): string {
  return `"${s.replace(/[\\"{}]/g, (c) => `\\${c}`).replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;
}

/**
 * A param's value as it would be written in a policy: addresses, CIDRs, dates, numbers and
 * booleans bare, strings quoted, lists in brackets (`[10.0.0.0/8, "pypi.org"]`); a value of
 * type `any` that is not one of those as its JSON text.
 */
export function paramDisplay(value: Json, type: ParamType): string {
  if (Array.isArray(value)) return `[${value.map((v: Json) => paramDisplay(v, typeof type === "string" ? type : type.list)).join(", ")}]`;
  if (typeof value === "string") return type === "net" || type === "date" ? value : stringLiteral(value);
  if (value === null || typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Every param of every package, in declaration order, with its effective value and where it came from. */
export function paramUses(program: IrProgram, resolved: Pick<ResolvedParams, "params" | "overridden">): ParamUse[] {
  return program.packages.flatMap((pkg) =>
    pkg.params.map((p) => {
      const value = (resolved.params.get(pkg.name)?.get(p.name) ?? p.value) as Json;
      return { package: pkg.name, name: p.name, value, display: paramDisplay(value, p.type), source: resolved.overridden.has(`${pkg.name}.${p.name}`) ? ("override" as const) : ("default" as const) };
    }),
  );
}
