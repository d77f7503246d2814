// Shared helpers of the export loader tests: example and fixture files, and a deep copy of
// their parsed documents to mutate.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseExport, type ExportLoadResult } from "../../src/export/load.js";

export const ROOT = join(import.meta.dirname, "..", "..");
export const EXAMPLES = join(ROOT, "examples", "exports");
export const FIXTURES = join(ROOT, "test", "fixtures", "exports");

export const exampleFiles = readdirSync(EXAMPLES).filter((f) => f.endsWith(".json")).sort();
export const fixtureFiles = readdirSync(FIXTURES).filter((f) => f.endsWith(".json")).sort();

export function exampleText(name: string): string {
  return readFileSync(join(EXAMPLES, name), "utf8");
}

/** A fresh parsed copy of an example, to mutate. */
export function exampleDoc(name: string): Record<string, any> {
  return JSON.parse(exampleText(name)) as Record<string, any>;
}

export function parseDoc(doc: unknown, file = "test.json"): ExportLoadResult {
  return parseExport(file, JSON.stringify(doc, null, 2));
}

export function errorsOf(r: ExportLoadResult): { pointer: string; message: string }[] {
  return r.problems.filter((p) => p.severity === "error").map(({ pointer, message }) => ({ pointer, message }));
}

export function warningsOf(r: ExportLoadResult): { pointer: string; message: string }[] {
  return r.problems.filter((p) => p.severity === "warning").map(({ pointer, message }) => ({ pointer, message }));
}
