// Writes the codes table of the language reference from src/diagnostics/codes.ts (run after
// `npm run build`: it reads the compiled module). The document and its markers are
// src/diagnostics/codes-table.ts's.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CODES_DOC, withCodesTable } from "../dist/src/diagnostics/codes-table.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const file = join(root, CODES_DOC);
const before = readFileSync(file, "utf8");
const after = withCodesTable(before);
if (after !== before) writeFileSync(file, after);
console.log(`${CODES_DOC}: codes table ${after === before ? "already fresh" : "rewritten"}`);
