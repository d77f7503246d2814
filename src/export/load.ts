/**
 * Loading a `dbx-network-export/v1` document: from a file (or its text) to a validated export.
 *
 * Steps: decode the bytes (`json-text.ts`); `JSON.parse`, reporting syntax errors at a line and
 * column; require a top-level object; unwrap API list envelopes wherever the schema expects a
 * list of objects (`envelopes.ts`); validate against the JSON Schema (`validate.ts`); check the
 * slot paths of `collection.errors` (`slots.ts`); warn about integers float64 cannot hold
 * (`inexact.ts`). An export with no error problem is returned with its warnings; otherwise
 * only the problems are.
 *
 * Invariants:
 * - `parseExport` and `loadExport` never throw, whatever the input (binary garbage, huge or
 *   deeply nested files): every failure is an `ExportProblem`, at most `MAX_PROBLEMS` of them.
 * - Every pointer handed out — in problems and from `pointerOf` — names the place in the file
 *   as written (see `pointers.ts`); without envelopes it also resolves against `document`.
 * - `document` is the parsed JSON with envelopes unwrapped; nothing else is changed, and
 *   zero-value defaults are not filled in (absent stays absent).
 */

import { readFileSync } from "node:fs";
import { exportRootType } from "../schema/index.js";
import { unwrapEnvelopes } from "./envelopes.js";
import { decodeExportBytes, parseJsonText } from "./json-text.js";
import { buildPointerIndex } from "./pointers.js";
import { inexactIntegers } from "./inexact.js";
import type { ExportProblem } from "./problems.js";
import { capProblems, errorAt, hasErrorProblems, warningAt } from "./problems.js";
import type { CollectionError } from "./slots.js";
import { collectionErrors } from "./slots.js";
import { describeValue, schemaProblems } from "./validate.js";

export type { ExportProblem } from "./problems.js";
export { formatProblem, MAX_PROBLEMS } from "./problems.js";
export type { CollectionError, SlotParse } from "./slots.js";
export { parseSlotPath, slotPathOf } from "./slots.js";
export { PAGE_TOKEN_KEYS } from "./envelopes.js";

export interface LoadedExport {
  /** The file name the export was loaded from (as given). */
  readonly file: string;
  /** The export document, list envelopes unwrapped. */
  readonly document: Record<string, unknown>;
  /** `collection.errors`, parsed: the slots that were not collected. */
  readonly errors: readonly CollectionError[];
  /** The JSON pointer of an object or array of `document`, in the file as written; undefined for anything else. */
  pointerOf(value: object): string | undefined;
}

export interface ExportLoadResult {
  /** Present when there is no error problem (warnings may remain). */
  readonly export?: LoadedExport;
  readonly problems: ExportProblem[];
}

/** Parses and validates the text of an export file named `file` (used only in problems). */
export function parseExport(file: string, text: string): ExportLoadResult {
  try {
    return parseUnchecked(file, text);
  } catch (e) {
    return { problems: [internalProblem(file, e)] };
  }
}

/** Reads, parses and validates an export file. */
export function loadExport(file: string): ExportLoadResult {
  try {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      return { problems: [errorAt(file, "", `cannot read the file: ${readFailure(e)}`)] };
    }
    let decoded;
    try {
      decoded = decodeExportBytes(bytes);
    } catch {
      return { problems: [errorAt(file, "", `cannot read the file: it is too large (${bytes.length} bytes)`)] };
    }
    return parseUnchecked(file, decoded.text, decoded.warning === undefined ? [] : [warningAt(file, "", decoded.warning)]);
  } catch (e) {
    return { problems: [internalProblem(file, e)] };
  }
}

/** The load proper; `earlier` are problems found before parsing (undecodable bytes). */
function parseUnchecked(file: string, text: string, earlier: readonly ExportProblem[] = []): ExportLoadResult {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    return { problems: [...earlier, { file, pointer: "", message: parsed.message, severity: "error", line: parsed.line, column: parsed.column }] };
  }
  const value = parsed.value;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { problems: [...earlier, errorAt(file, "", `the export must be a JSON object (found ${describeValue(value)})`)] };
  }
  const document = value as Record<string, unknown>;
  const root = exportRootType();
  const { envelopes, rejected } = unwrapEnvelopes(document, root);
  const slots = collectionErrors({ file, doc: document, envelopes, root });
  const rounded = inexactIntegers(text, value).map((n) =>
    warningAt(file, n.pointer, `the integer ${n.written} is beyond 2^53 and is read as ${n.read}, the nearest float64: keys, messages and waivers that name it see ${n.read}`),
  );
  const problems = capProblems([...earlier, ...schemaProblems({ file, doc: document, envelopes, rejected }), ...slots.problems, ...rounded]);
  if (hasErrorProblems(problems)) return { problems };
  let index: WeakMap<object, string> | undefined;
  const loaded: LoadedExport = {
    file,
    document,
    errors: slots.errors,
    pointerOf(v: object): string | undefined {
      if (typeof v !== "object" || v === null) return undefined;
      index ??= buildPointerIndex(document, envelopes);
      return index.get(v);
    },
  };
  return { export: loaded, problems };
}

function readFailure(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a directory";
    case "ERR_FS_FILE_TOO_LARGE":
      return "it is too large";
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

/** A failure of the loader itself (a bug, or the engine out of stack or memory), as a problem. */
function internalProblem(file: string, e: unknown): ExportProblem {
  const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return errorAt(file, "", `internal error while loading the export (${why})`);
}
