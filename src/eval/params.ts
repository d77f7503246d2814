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
 * Reading a file's text (YAML or JSON) is params-text.ts, reading the file io/params-file.ts: apart,
 * so the YAML parser loads only with a file and the browser playground reads no disk.
 *
 * For the reports, `paramUses` lists every param with its effective value, the value written
 * as in a policy, and whether the file set it (`applyOverrides` records which it did).
 */

import { dateError } from "../util/date.js";
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
  // Numbers, booleans, null and objects: a number's or boolean's JSON text is its String().
  return JSON.stringify(value);
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
