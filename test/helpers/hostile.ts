// Exports with hostile names for the report safety tests: a real export with every workspace
// name, list label, NCC, app and policy name and egress destination replaced — by strings that
// Markdown, GitHub or HTML would turn into something (links, images, elements, headings,
// mentions, references), or by benign names for a twin report to compare with.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reportFor } from "../../src/engine/js.js";
import { defaultParams } from "../../src/eval/params.js";
import { loadExport } from "../../src/io/export-file.js";
import type { IrProgram } from "../../src/ir/ir.js";
import { lowerProgram } from "../../src/ir/lower.js";
import { packagePath } from "../../src/paths.js";
import { frontEnd, readPolicyFiles } from "../../src/program/load.js";
import { sha256, type ExportRun } from "../../src/report/run.js";
import { annotateWaivers } from "../../src/report/waivers.js";
import { NOW } from "../report/fixtures.js";

/** Strings a hostile or careless export could hold, one for each thing GitHub would make of them. */
export const HOSTILE = [
  "www.evil-example.com/login",
  "https://evil.example/x?y=1#frag",
  "[x](https://evil.example) and [ref][1]",
  "![img](https://evil.example/i.png)",
  "<img src=x onerror=alert(1)>",
  "<script>alert(1)</script><a href='https://evil.example'>a</a>",
  "<https://evil.example/autolink>",
  "@team and @org/team, ping @octocat",
  "#123 and org/repo#45 and GH-7",
  "`code` ``x`` ```",
  "a | b | c",
  "line1\nline2\r\n# heading\r- item\n> quote\n---\n===",
  "*bold* _em_ **strong** ~~strike~~ ~one~",
  "ciso@acme.example",
  ":tada: and :+1:",
  "&lt;b&gt; &#64;team &amp; &copy;",
  "# not a heading",
  "---",
  "1. first",
  "    indented like code",
  "[^1] and [1]: https://evil.example",
  "trailing backslash \\",
  "- [ ] task",
  "x  ",
] as const;

/** The i-th hostile name (they repeat). */
export const hostileName = (i: number) => HOSTILE[i % HOSTILE.length]!;
/** A benign name that no other one contains. */
export const benignName = (i: number) => `benign${i}z`;

/** The export with every workspace name, list label, NCC and policy name and denied destination replaced by `name(i)`. */
export function mutate(doc: unknown, name: (i: number) => string): unknown {
  let i = 0;
  const keys = new Set(["workspace_name", "label", "destination", "name"]);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== "object") return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, keys.has(k) && typeof x === "string" ? name(i++) : walk(x)]));
  };
  return walk(doc);
}

const tmp = mkdtempSync(join(tmpdir(), "perimeter-gfm-"));
let library: IrProgram | undefined;

export function libraryProgram(): IrProgram {
  if (library) return library;
  const loaded = readPolicyFiles(["policies/databricks"]);
  const fe = frontEnd(loaded.sources, { today: NOW }, loaded.diagnostics);
  if (fe.program === undefined) throw new Error(fe.diagnostics.map((d) => d.message).join("\n"));
  library = lowerProgram(fe.program);
  return library;
}

/** The report of `file` with its names replaced, evaluated by `ir`, as a run. */
export function mutatedRun(file: string, ir: IrProgram, name: (i: number) => string, tag: string): ExportRun {
  const path = join(tmp, `${tag}-${file.replace(/[^\w.-]/g, "_")}`);
  writeFileSync(path, JSON.stringify(mutate(JSON.parse(readFileSync(packagePath(file), "utf8")), name)));
  const r = loadExport(path);
  if (r.export === undefined) throw new Error(`mutated ${file} does not load: ${JSON.stringify(r.problems)}`);
  return { file, sha256: sha256(readFileSync(path)), report: annotateWaivers(reportFor(ir, r.export, NOW, defaultParams(ir))) };
}

