/**
 * Loading a `dbx-network-export/v1` document: from its text to a validated export (reading
 * and decoding a file's bytes is `io/export-file.ts`, so this module runs in a browser too).
 *
 * Steps: decode the bytes (`io/export-file.ts`, `json-text.ts`); `JSON.parse`, reporting syntax errors at a line and
 * column; require a top-level object; unwrap API list envelopes wherever the schema expects a
 * list of objects (`envelopes.ts`); validate against the JSON Schema (`validate.ts`); check the
 * slot paths of `collection.errors` (`slots.ts`); warn about numbers the engines cannot hold as
 * written (`inexact.ts`); read integers beyond 2^53 exactly (`exact-json.ts`). An export with
 * no error problem is returned with its warnings; otherwise only the problems are.
 *
 * Invariants:
 * - `parseExport` and `loadExport` never throw, whatever the input (binary garbage, huge or
 *   deeply nested files): every failure is an `ExportProblem`, at most `MAX_PROBLEMS` of them.
 * - Every pointer handed out — in problems and from `pointerOf` — names the place in the file
 *   as written (see `pointers.ts`); without envelopes it also resolves against `document`.
 * - `document` is the parsed JSON with envelopes unwrapped; nothing else is changed, and
 *   zero-value defaults are not filled in (absent stays absent).
 * - Integers beyond the safe integers are `bigint`s in `document` (exact, as OPA reads them;
 *   `exact-json.ts` says which; `exactIntegers` says there are some). Validation
 *   and the problems work on `JSON.parse`'s value, which has the same shape; in the common
 *   case (no number beyond 2^53) it is the document itself, parsed once.
 */

import { exportRootType } from "../schema/index.js";
import { unwrapEnvelopes } from "./envelopes.js";
import { parseJsonText } from "./json-text.js";
import { buildPointerIndex } from "./pointers.js";
import { exactJsonValue, hasUnsafeNumber } from "./exact-json.js";
import { inexactNumbers } from "./inexact.js";
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
  /** The export document, list envelopes unwrapped; integers beyond 2^53 as `bigint`s. */
  readonly document: Record<string, unknown>;
  /** Does `document` hold a `bigint` (`JSON.stringify` would throw: write it with `exactJsonText`)? */
  readonly exactIntegers: boolean;
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

/**
 * Parses and validates the text of an export file named `file` (used only in problems);
 * `earlier` are problems found before parsing (undecodable bytes, `io/export-file.ts`).
 */
export function parseExport(file: string, text: string, earlier: readonly ExportProblem[] = []): ExportLoadResult {
  try {
    return parseUnchecked(file, text, earlier);
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
  const unsafe = hasUnsafeNumber(value);
  const rounded = unsafe ? inexactNumbers(text, value).map((n) => warningAt(file, n.pointer, inexactMessage(n.written, n.read))) : [];
  const problems = capProblems([...earlier, ...schemaProblems({ file, doc: document, envelopes, rejected }), ...slots.problems, ...rounded]);
  if (hasErrorProblems(problems)) return { problems };
  const exact = unsafe ? exactDocument(text, root) : undefined;
  const doc = exact?.document ?? document;
  const keys = exact?.envelopes ?? envelopes;
  let index: WeakMap<object, string> | undefined;
  const loaded: LoadedExport = {
    file,
    document: doc,
    exactIntegers: exact !== undefined,
    errors: slots.errors,
    pointerOf(v: object): string | undefined {
      if (typeof v !== "object" || v === null) return undefined;
      index ??= buildPointerIndex(doc, keys);
      return index.get(v);
    },
  };
  return { export: loaded, problems };
}

function inexactMessage(written: string, read: string): string {
  if (!Number.isFinite(Number(written))) return `the number ${written} is beyond the float64 range and is read as ${read}`;
  return `the number ${written} is beyond 2^53 and is read as ${read}, the nearest float64: keys, messages and waivers that name it see ${read} (an integer is kept exact when written without fraction or exponent, or when below 10^21)`;
}

/**
 * The document with its integers beyond 2^53 as `bigint`s, envelopes unwrapped; undefined
 * when the text has none (its numbers beyond 2^53 are all float64s).
 */
function exactDocument(text: string, root: ReturnType<typeof exportRootType>): { document: Record<string, unknown>; envelopes: WeakMap<readonly unknown[], string> } | undefined {
  const document = exactJsonValue(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Record<string, unknown> | undefined;
  return document === undefined ? undefined : { document, envelopes: unwrapEnvelopes(document, root).envelopes };
}


/** A failure of the loader itself (a bug, or the engine out of stack or memory), as a problem. */
function internalProblem(file: string, e: unknown): ExportProblem {
  const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return errorAt(file, "", `internal error while loading the export (${why})`);
}
