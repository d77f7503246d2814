/**
 * Inputs built from a JSON seed corpus, shared by the export, Wasm and report targets: a seed,
 * structure-aware JSON mutations (mutate.ts), the document written compact or indented, then
 * text edits and byte edits. The same input always gives the same bytes.
 */

import fc from "fast-check";
import { corpus } from "./corpus.js";
import { BYTE_OPS, cloneJson, JSON_OPS, mutateBytes, mutateJson, mutateText, opsArbitrary, TEXT_OPS, writeJson, type Json, type Op } from "./mutate.js";

export interface JsonInput {
  readonly seed: number;
  readonly json: readonly Op[];
  readonly indent: boolean;
  readonly text: readonly Op[];
  readonly bytes: readonly Op[];
}

const parsed = new Map<string, Json[]>();

/** The parsed seeds of a corpus. */
export function seedDocs(name: string): Json[] {
  let docs = parsed.get(name);
  if (docs === undefined) parsed.set(name, (docs = corpus(name).map((t) => JSON.parse(t) as Json)));
  return docs;
}

/** Mostly JSON-level mutations; text and byte edits now and then (most of those make invalid JSON). */
export function jsonInputArbitrary(opts: { textOps?: number; byteOps?: number } = {}): fc.Arbitrary<JsonInput> {
  return fc.record({
    seed: fc.nat(),
    json: opsArbitrary(JSON_OPS, 6),
    indent: fc.boolean(),
    text: opsArbitrary(TEXT_OPS, opts.textOps ?? 2),
    bytes: opsArbitrary(BYTE_OPS, opts.byteOps ?? 2),
  });
}

/** The mutated document (before any text edit). */
export function mutatedDoc(name: string, input: Pick<JsonInput, "seed" | "json">): Json {
  const docs = seedDocs(name);
  let doc = cloneJson(docs[input.seed % docs.length]!);
  for (const op of input.json) doc = mutateJson(doc, op);
  return doc;
}

/** The text of an input (JSON and text edits; no byte edits). */
export function jsonInputText(name: string, input: JsonInput): string {
  let text = writeJson(mutatedDoc(name, input), input.indent);
  for (const op of input.text) text = mutateText(text, op);
  return text;
}

/**
 * The bytes of an input (UTF-8 of the text, then byte edits). The last input's bytes are kept:
 * the soak's trace (`bytes`) and the execution ask for the same input in turn. Keyed by the
 * input object, which nothing mutates; the targets copy the bytes before anything could write
 * to them (a Buffer, an ArrayBuffer for the SDK).
 */
export function jsonInputBytes(name: string, input: JsonInput): Uint8Array {
  if (lastBytes !== undefined && lastBytes.name === name && lastBytes.input === input) return lastBytes.bytes;
  // A copy: a small Buffer is a view of a shared pool, which the byte edits must not touch.
  let bytes: Uint8Array = new Uint8Array(Buffer.from(jsonInputText(name, input), "utf8"));
  for (const op of input.bytes) bytes = mutateBytes(bytes, op);
  lastBytes = { name, input, bytes };
  return bytes;
}

let lastBytes: { name: string; input: JsonInput; bytes: Uint8Array } | undefined;
