/**
 * The configuration file: `perimeter.yaml` or `.perimeter.yaml`, found upward from the working
 * directory (the nearest folder that has one; the first name wins in a folder), as Regal's
 * `.regal/config.yaml` and conftest's `conftest.toml` are; or the file `--config FILE` names;
 * none with `--no-config`. Its keys are the long names of `perimeter check`'s flags (and
 * `policies` for the positional arguments):
 *
 *   policies: [policies]                 # POLICY|DIR..., string or list
 *   library: false                       # --library
 *   input: [exports/]                    # --input, string or list
 *   params: site.yaml                    # --params
 *   fail-on: high                        # --fail-on
 *   format: [text, sarif=perimeter.sarif] # --format, string or list (FORMAT or FORMAT=FILE)
 *   output: report.txt                   # -o/--output
 *   engine: wasm                         # --engine
 *   opa: /usr/local/bin/opa              # --opa
 *   baseline: baseline.json              # --baseline
 *   quiet: false                         # --quiet
 *
 * A flag given on the command line replaces the key (lists are not merged). Relative paths
 * are resolved from the configuration file's folder, so a run from a subfolder reads the same
 * files. Every problem — YAML syntax, an unknown key (with a suggestion), a value of the
 * wrong type — is reported as `FILE:LINE:COLUMN: message`, and the command exits 2.
 */

import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { didYouMean } from "../diagnostics/suggest.js";
import { packagePath } from "../paths.js";
import { UsageError } from "./errors.js";
import { ioReason } from "./export-inputs.js";
import type { Output } from "./io.js";
import { InputError } from "./errors.js";

export const CONFIG_NAMES = ["perimeter.yaml", ".perimeter.yaml"] as const;

type Kind = { type: "paths" } | { type: "path" } | { type: "formats" } | { type: "enum"; values: readonly string[] } | { type: "boolean" } | { type: "command" };

/** The keys of a configuration file and their kinds. */
export interface ConfigValues {
  readonly policies?: string[];
  readonly library?: boolean;
  readonly input?: string[];
  readonly params?: string;
  readonly "fail-on"?: string;
  readonly format?: string[];
  readonly output?: string;
  readonly engine?: string;
  readonly opa?: string;
  readonly baseline?: string;
  readonly quiet?: boolean;
}

export interface Config {
  /** The configuration file, as found (absolute). */
  readonly file: string;
  readonly values: ConfigValues;
}

/** Finds the configuration file from `cwd` upward; undefined when there is none. */
export function findConfig(cwd = process.cwd()): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const p = join(dir, name);
      if (existsSync(p) && statSync(p).isFile()) return p;
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

interface Problem {
  readonly offset: number;
  readonly message: string;
}

/** A path relative to the working directory (as a user would type it), for messages and reports. */
function fromCwd(base: string, value: string): string {
  if (value === "-" || isAbsolute(value)) return value;
  const abs = resolve(base, value);
  const rel = relative(process.cwd(), abs);
  return rel === "" ? "." : isAbsolute(rel) ? abs : rel;
}

/**
 * Parses the text of a configuration file; `file` names it in problems, `base` is the folder
 * relative paths are resolved from. Returns the values or the problems (`FILE:LINE:COL: …`).
 */
export function parseConfig(file: string, text: string, base: string, kinds: Readonly<Record<string, Kind>> = CHECK_KEYS): { values: ConfigValues } | { problems: string[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const p = lines.linePos(offset);
    return `${file}:${p.line}:${p.col}`;
  };
  if (doc.errors.length > 0) return { problems: doc.errors.map((e) => `${at(e.pos[0])}: not valid YAML: ${e.message.split("\n")[0]}`) };
  const problems: Problem[] = [];
  const values: Record<string, unknown> = {};
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { values: {} };
  if (!isMap(root)) return { problems: [`${at(root.range?.[0] ?? 0)}: the configuration must be a mapping of keys (policies, input, format, …)`] };
  for (const pair of root.items) {
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
    const keyOffset = keyNode?.range?.[0] ?? 0;
    if (key === undefined) {
      problems.push({ offset: keyOffset, message: "a key must be a plain name" });
      continue;
    }
    const kind = kinds[key];
    if (kind === undefined) {
      const hint = didYouMean(key, Object.keys(kinds));
      problems.push({ offset: keyOffset, message: `unknown key \`${key}\`${hint ? `; ${hint}` : `; keys: ${Object.keys(kinds).join(", ")}`}` });
      continue;
    }
    const node = pair.value as Node | null;
    const r = convert(key, kind, node, base);
    if ("problem" in r) problems.push({ offset: r.offset ?? node?.range?.[0] ?? keyOffset, message: r.problem });
    else values[key] = r.value;
  }
  if (problems.length > 0) return { problems: problems.map((p) => `${at(p.offset)}: ${p.message}`) };
  return { values: values as ConfigValues };
}

type Converted = { value: unknown } | { problem: string; offset?: number };

function describe(node: Node | null): string {
  if (node === null || (isScalar(node) && node.value === null)) return "nothing";
  if (isMap(node)) return "a mapping";
  if (isSeq(node)) return "a list";
  const v = (node as { value: unknown }).value;
  return typeof v === "string" ? `the string "${v}"` : `${typeof v} ${String(v)}`;
}

function stringOf(node: Node | null): string | undefined {
  if (isScalar(node) && typeof node.value === "string" && node.value !== "") return node.value;
  return undefined;
}

function convert(key: string, kind: Kind, node: Node | null, base: string): Converted {
  switch (kind.type) {
    case "boolean":
      if (isScalar(node) && typeof node.value === "boolean") return { value: node.value };
      return { problem: `\`${key}\` must be true or false, not ${describe(node)}` };
    case "path":
    case "command": {
      const s = stringOf(node);
      if (s === undefined) return { problem: `\`${key}\` must be a ${kind.type === "path" ? "path" : "program"} (a string), not ${describe(node)}` };
      return { value: kind.type === "path" || /[\\/]/.test(s) ? fromCwd(base, s) : s };
    }
    case "enum": {
      const s = stringOf(node);
      if (s !== undefined && kind.values.includes(s)) return { value: s };
      const hint = s === undefined ? undefined : didYouMean(s, kind.values);
      return { problem: `\`${key}\` must be one of ${kind.values.join(", ")}, not ${describe(node)}${hint ? `; ${hint}` : ""}` };
    }
    case "paths":
    case "formats": {
      const items = isSeq(node) ? (node.items as (Node | null)[]) : [node];
      const out: string[] = [];
      for (const item of items) {
        const s = stringOf(item);
        if (s === undefined) {
          return { problem: `\`${key}\` must be ${kind.type === "paths" ? "a path or a list of paths" : "a format (FORMAT or FORMAT=FILE) or a list of them"}, not ${describe(item)}`, offset: item?.range?.[0] ?? node?.range?.[0] };
        }
        if (kind.type === "paths") out.push(fromCwd(base, s));
        else {
          const eq = s.indexOf("=");
          out.push(eq < 0 ? s : `${s.slice(0, eq)}=${fromCwd(base, s.slice(eq + 1))}`);
        }
      }
      return { value: out };
    }
  }
}

export const CHECK_KEYS: Readonly<Record<keyof ConfigValues, Kind>> = {
  policies: { type: "paths" },
  library: { type: "boolean" },
  input: { type: "paths" },
  params: { type: "path" },
  "fail-on": { type: "enum", values: ["critical", "high", "medium", "low", "info"] },
  format: { type: "formats" },
  output: { type: "path" },
  engine: { type: "enum", values: ["wasm", "js", "opa"] },
  opa: { type: "command" },
  baseline: { type: "path" },
  quiet: { type: "boolean" },
};

/** `--config FILE` and `--no-config`, for the option table of every command that reads the file. */
export const CONFIG_OPTIONS = { config: { type: "string" }, "no-config": { type: "boolean" } } as const;

/** The shipped library's folder, relative to the working directory when it is inside it (`node_modules/perimeter/policies`). */
export function libraryPath(): string {
  const abs = packagePath("policies");
  const rel = relative(process.cwd(), abs);
  return rel.startsWith("..") || isAbsolute(rel) ? abs : rel;
}

/**
 * For `lint`, `test`, `explain` and `catalogue`: the policies to read — those given, else the
 * configuration file's `policies` (and the library with `library: true`), else `fallback` — and
 * its `params` (a `--params` flag replaces it).
 */
export function policiesFromConfig(given: readonly string[], flags: { config?: string; "no-config"?: boolean }, io: Output, fallback: readonly string[]): { paths: string[]; params?: string } {
  if (flags.config !== undefined && flags["no-config"]) throw new UsageError("--config and --no-config contradict each other");
  const c = loadConfig({ config: flags.config, noConfig: flags["no-config"] }, io)?.values ?? {};
  const params = c.params === undefined ? {} : { params: c.params };
  if (given.length > 0) return { paths: [...given], ...params };
  const paths = [...(c.policies ?? []), ...(c.library ? [libraryPath()] : [])];
  return { paths: paths.length > 0 ? paths : [...fallback], ...params };
}

/**
 * The configuration a command runs with: `--no-config` none; `--config FILE` that file (it must
 * exist); else the one found upward from the working directory. Problems are printed and
 * throw `InputError` (exit 2).
 */
export function loadConfig(opts: { config?: string; noConfig?: boolean }, io: Output): Config | undefined {
  if (opts.noConfig) return undefined;
  const file = opts.config !== undefined ? resolve(opts.config) : findConfig();
  if (file === undefined) return undefined;
  const shown = opts.config ?? fromCwd(process.cwd(), relative(process.cwd(), file));
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    io.err(`error: ${opts.config !== undefined ? "--config " : "the configuration file "}${shown}: cannot read the file: ${ioReason(e)}`);
    throw new InputError("config");
  }
  const r = parseConfig(shown, text, dirname(file));
  if ("problems" in r) {
    io.err(`${r.problems.map((p) => `error: ${p}`).join("\n")}\nthe configuration file ${shown} has errors; nothing was evaluated`);
    throw new InputError("config");
  }
  return { file, values: r.values };
}
