/**
 * The seed corpora of the fuzz targets: `fuzz/corpus/<name>/`, built from the repository's
 * policies, exports and params files by `scripts/fuzz-corpus.mjs` (named by content hash, so
 * there are no duplicates). Read once per process, in name order (runs are reproducible).
 */

import { readdirSync, readFileSync } from "node:fs";
import { packagePath } from "../src/paths.js";

const cache = new Map<string, string[]>();

/** The texts of a corpus, sorted by file name. Throws when the corpus is missing or empty. */
export function corpus(name: string): string[] {
  let texts = cache.get(name);
  if (texts !== undefined) return texts;
  const dir = packagePath("fuzz", "corpus", name);
  texts = readdirSync(dir)
    .sort()
    .map((f) => readFileSync(`${dir}/${f}`, "utf8"));
  if (texts.length === 0) throw new Error(`the fuzz corpus ${dir} is empty`);
  cache.set(name, texts);
  return texts;
}

/** A diagnostic or problem message as a coverage key: names, numbers and quoted text left out. */
export function messageKey(prefix: string, message: string): string {
  return `${prefix}:${message
    .replace(/`[^`]*`|"[^"]*"|'[^']*'/g, "…")
    .replace(/\d+/g, "#")
    .slice(0, 80)}`;
}
