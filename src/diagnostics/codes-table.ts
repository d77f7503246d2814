/**
 * The codes table of the language reference, rendered from `CODES` (codes.ts): the Markdown
 * between the `<!-- codes:begin -->` and `<!-- codes:end -->` markers of `CODES_DOC`, written by
 * `npm run gen:codes` (scripts/gen-codes.mjs) and checked fresh by a test.
 */

import { replaceBetweenMarkers } from "../util/markers.js";
import { CODES } from "./codes.js";

/** The document that holds the generated table (relative to the package root). */
export const CODES_DOC = "docs/language.md";

export const BEGIN_MARKER = "<!-- codes:begin (generated from src/diagnostics/codes.ts by `npm run gen:codes`; do not edit) -->";
export const END_MARKER = "<!-- codes:end -->";

/** The Markdown table: code, name and what it reports, in code order. */
export function codesTable(): string {
  const rows = Object.entries(CODES).map(([code, info]) => `| ${code} | ${info.name} | ${info.summary} |`);
  return ["| code | name | reports |", "|---|---|---|", ...rows].join("\n");
}

/** `doc` with the text between the markers replaced by the table; throws when the markers are not there once each, in order. */
export function withCodesTable(doc: string): string {
  return replaceBetweenMarkers(doc, BEGIN_MARKER, END_MARKER, codesTable(), CODES_DOC);
}
