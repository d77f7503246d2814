// The codes table of the language reference is generated from src/diagnostics/codes.ts
// (`npm run build && npm run gen:codes`) and must be fresh: a code added, renamed or reworded
// in codes.ts and not regenerated fails here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BEGIN_MARKER, CODES_DOC, codesTable, END_MARKER, withCodesTable } from "../../src/diagnostics/codes-table.js";
import { CODES } from "../../src/diagnostics/codes.js";

const doc = readFileSync(join(import.meta.dirname, "../..", CODES_DOC), "utf8");

describe(`the codes table of ${CODES_DOC}`, () => {
  it("is what npm run gen:codes writes", () => {
    expect(doc.includes(BEGIN_MARKER) && doc.includes(END_MARKER)).toBe(true);
    expect(withCodesTable(doc), "run `npm run build && npm run gen:codes`").toBe(doc);
  });

  it("has one row per code, in order", () => {
    const rows = codesTable().split("\n").slice(2);
    expect(rows.map((r) => r.split(" | ")[0]!.slice(2))).toEqual(Object.keys(CODES));
    expect(rows.every((r) => !r.slice(2, -2).includes(" | ", r.indexOf(" | ", r.indexOf(" | ") + 3) + 3))).toBe(true);
  });

  it("refuses a document without its markers", () => {
    expect(() => withCodesTable("# no table here\n")).toThrow(/must hold the markers/);
    expect(() => withCodesTable(`${END_MARKER}\n${BEGIN_MARKER}\n`)).toThrow(/must hold the markers/);
  });
});
