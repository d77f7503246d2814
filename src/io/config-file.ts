/**
 * Reading the text of a configuration file (see cli/config.ts for the file and its keys): YAML,
 * checked key by key, every problem as `FILE:LINE:COLUMN: message`. Its own module, loaded
 * only when a configuration file exists, so a run without one never loads the YAML parser.
 */

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { didYouMean } from "../diagnostics/suggest.js";
import { SEVERITIES } from "../util/severity.js";
import { fromCwd } from "./config-location.js";

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

interface Problem {
  readonly offset: number;
  readonly message: string;
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
  "fail-on": { type: "enum", values: SEVERITIES },
  format: { type: "formats" },
  output: { type: "path" },
  engine: { type: "enum", values: ["wasm", "js", "opa"] },
  opa: { type: "command" },
  baseline: { type: "path" },
  quiet: { type: "boolean" },
};
