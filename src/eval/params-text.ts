/**
 * The text of a parameters file, read and applied: `.yaml`/`.yml` as YAML, anything else as JSON,
 * every problem with its line and column. No file system (the browser playground calls it on the
 * editor's text; `io/params-file.ts` reads the file), and the only module of params that loads the
 * YAML parser.
 */

import { LineCounter, parseDocument, type Document } from "yaml";
import { parseJsonText } from "../export/json-text.js";
import type { IrProgram } from "../ir/ir.js";
import { applyOverrides, defaultParams, type ParamProblem, type ResolvedParams } from "./params.js";

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
