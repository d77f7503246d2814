/**
 * The files bundled into the page at build time: the shipped policy library (`policies/`),
 * the fixtures its tests read, and the examples (exports, params). Paths are the
 * repository's, so the page names files as `perimeter check policies --input examples/…`
 * run from the repository does, and its reports match the CLI's byte for byte.
 */

const strip = (files: Record<string, string>): Map<string, string> => new Map(Object.entries(files).map(([k, v]) => [k.replace(/^(\.\.\/)+/, ""), v] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** `policies/**\/*.perimeter`, sorted by path (as the CLI finds them in a directory). */
export const POLICY_FILES: ReadonlyMap<string, string> = strip(import.meta.glob<string>("../../policies/**/*.perimeter", { query: "?raw", import: "default", eager: true }));

/** Paths of the JSON files under `policies/` (the fixtures `test` blocks name), for the checker's "does this file exist". */
export const POLICY_FIXTURES: ReadonlySet<string> = new Set(strip(import.meta.glob<string>("../../policies/**/*.json", { query: "?url", import: "default", eager: true })).keys());

/** The example exports, each by path → URL of the static file (fetched when chosen). */
export const EXAMPLE_EXPORTS: ReadonlyMap<string, string> = strip(import.meta.glob<string>("../../examples/exports/*.json", { query: "?url", import: "default", eager: true }));

/** The example params files, by path → text. */
export const EXAMPLE_PARAMS: ReadonlyMap<string, string> = strip(import.meta.glob<string>("../../examples/params/*.{yaml,yml,json}", { query: "?raw", import: "default", eager: true }));

/** The library the checker resolves `import std.*` from (the CLI's `policies/std`). */
export const LIBRARY_PREFIX = "policies/std/";
