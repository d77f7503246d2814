/**
 * The Prettier 3 plugin for Perimeter (`perimeter/prettier`):
 *
 *   npx prettier --plugin perimeter/prettier --write "policies/**\/*.perimeter"
 *
 * `parsers.perimeter` parses with the compiler's own front end and refuses files with syntax
 * errors; `printers["perimeter-ast"]` prints the canonical layout described in
 * docs/language.md ("Canonical layout"). The default print width is 100 columns; a Prettier
 * configuration (`printWidth`, `tabWidth`, `useTabs`) overrides it.
 */

import type { Plugin, SupportLanguage } from "prettier";
import { perimeterParser } from "./parser.js";
import { perimeterPrinter } from "./printer.js";
import type { PNode } from "./types.js";

export { PerimeterSyntaxError, parseForFormat } from "./parser.js";

export const languages: SupportLanguage[] = [
  { name: "Perimeter", parsers: ["perimeter"], extensions: [".perimeter"], vscodeLanguageIds: ["perimeter"] },
];

export const parsers = { perimeter: perimeterParser };

export const printers = { "perimeter-ast": perimeterPrinter };

export const defaultOptions = { printWidth: 100, tabWidth: 2, useTabs: false };

const plugin = { languages, parsers, printers, defaultOptions } satisfies Plugin<PNode>;

export default plugin;
