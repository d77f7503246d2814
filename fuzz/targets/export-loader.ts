/**
 * Fuzz target `export-loader`: mutated exports (JSON-level mutations of the example and
 * fixture exports, then text and byte edits) through `loadExportBytes`.
 *
 * Oracles (the loader's own invariants, src/export/load.ts): it never throws and never fails
 * inside (no "internal error" problem); it settles (an export and no error, or errors and no
 * export); at most MAX_PROBLEMS problems; every problem names the file, and either a line and
 * column inside the text (syntax errors) or an RFC 6901 pointer that resolves in the document
 * as written; every object of a loaded export has a pointer that resolves in the document as
 * written. Coverage keys: the problem messages hit (names and numbers left out).
 */

import { decodeExportBytes, loadExportBytes } from "../../src/io/export-file.js";
import { MAX_PROBLEMS } from "../../src/export/load.js";
import { messageKey } from "../corpus.js";
import type { Target } from "../driver.js";
import { jsonInputArbitrary, jsonInputBytes, type JsonInput } from "../json-input.js";

const FILE = "fuzz.json";
const POINTER = /^(\/([^~/]|~[01])*)*$/;

function tokens(pointer: string): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Does the pointer name a value of `doc` (own keys only, array indexes in range)? */
export function resolves(doc: unknown, pointer: string): boolean {
  let cur = doc;
  for (const t of tokens(pointer)) {
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9]\d*)$/.test(t) || Number(t) >= cur.length) return false;
      cur = cur[Number(t)];
    } else if (typeof cur === "object" && cur !== null && Object.prototype.hasOwnProperty.call(cur, t)) cur = (cur as Record<string, unknown>)[t];
    else return false;
  }
  return true;
}

/** The document as written (BOM dropped as the loader does), or undefined when it is not JSON. */
function written(bytes: Uint8Array): { doc: unknown; text: string } | { text: string } {
  const text = decodeExportBytes(bytes).text;
  try {
    return { doc: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown, text };
  } catch {
    return { text };
  }
}

export const exportLoaderTarget: Target<JsonInput> = {
  name: "export-loader",
  about: "export bytes: JSON-level mutations of the example and fixture exports, then text and byte edits (loadExportBytes)",
  arbitrary: jsonInputArbitrary(),
  execute(input) {
    const bytes = jsonInputBytes("export-loader", input);
    const r = loadExportBytes(FILE, Buffer.from(bytes));
    const keys: string[] = [];
    const errors = r.problems.filter((p) => p.severity === "error").length;
    if (r.export !== undefined ? errors > 0 : errors === 0) throw new Error(`unsettled: export ${r.export !== undefined}, ${errors} errors: ${JSON.stringify(r.problems)}`);
    if (r.problems.length > MAX_PROBLEMS) throw new Error(`${r.problems.length} problems (more than ${MAX_PROBLEMS})`);
    const w = written(bytes);
    const lines = w.text.split(/\r\n|\r|\n/);
    for (const p of r.problems) {
      keys.push(messageKey(p.severity, p.message));
      if (p.message.startsWith("internal error")) throw new Error(`the loader failed inside: ${p.message}`);
      if (p.file !== FILE) throw new Error(`problem names file ${JSON.stringify(p.file)}: ${p.message}`);
      if (p.message.trim() === "") throw new Error(`problem without a message at ${p.pointer}`);
      if (p.line !== undefined) {
        if (!(p.line >= 1 && p.line <= lines.length + 1 && (p.column ?? 1) >= 1)) throw new Error(`problem at line ${p.line} column ${p.column} of a ${lines.length}-line text: ${p.message}`);
        continue;
      }
      if (!POINTER.test(p.pointer)) throw new Error(`not a JSON pointer: ${JSON.stringify(p.pointer)} (${p.message})`);
      if (p.pointer !== "" && !("doc" in w && resolves(w.doc, p.pointer))) throw new Error(`pointer ${JSON.stringify(p.pointer)} does not resolve in the document as written: ${p.message}`);
    }
    if (r.export !== undefined) {
      keys.push("loaded");
      if (!("doc" in w)) throw new Error("an export was loaded from text that JSON.parse refuses");
      const todo: unknown[] = [r.export.document];
      let checked = 0;
      while (todo.length > 0 && checked < 5000) {
        const v = todo.pop();
        if (typeof v !== "object" || v === null) continue;
        checked++;
        const ptr = r.export.pointerOf(v);
        if (ptr === undefined || !resolves(w.doc, ptr)) throw new Error(`pointerOf gives ${JSON.stringify(ptr)}, which does not resolve in the document as written`);
        for (const x of Array.isArray(v) ? v : Object.values(v)) todo.push(x);
      }
    }
    return keys;
  },
  bytes: (input) => ({ ext: "json", data: jsonInputBytes("export-loader", input) }),
};
