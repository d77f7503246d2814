/**
 * Policy files on disk: the named files, and every `*.perimeter` file under the named
 * directories (sorted, so runs are reproducible), read as UTF-8 text. Unreadable paths become
 * diagnostics. Apart from the parser (program/load.ts), so reading and hashing the files of a run
 * (the CLI's cache of compiled policies) does not load Chevrotain.
 */

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { SourceFile, span } from "../source/source.js";
import { ioReason } from "./errors.js";

export const POLICY_EXTENSION = ".perimeter";

export interface Loaded {
  readonly sources: SourceFile[];
  readonly diagnostics: Diagnostic[];
}

/** Reads the named files, and every `*.perimeter` file under the named directories. */
export function readPolicyFiles(paths: readonly string[]): Loaded {
  const sources: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const add = (path: string) => {
    const key = resolve(path);
    if (seen.has(key)) return;
    seen.add(key);
    const r = readText(path);
    if (typeof r === "string") sources.push(new SourceFile(path, r));
    else diagnostics.push(r);
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      diagnostics.push(diagnostic("E0601", p, span(0, 0), `cannot read \`${p}\`: no such file or directory`));
      continue;
    }
    if (st.isDirectory()) {
      const files = findPolicyFiles(p);
      if (files.length === 0) diagnostics.push(diagnostic("E0601", p, span(0, 0), `no \`*${POLICY_EXTENSION}\` files in directory \`${p}\``));
      files.forEach(add);
    } else add(p);
  }
  return { sources, diagnostics };
}

export function findPolicyFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith(".") || e.name === "node_modules") continue;
      const full = join(d, e.name);
      if (e.isDirectory()) visit(full);
      else if (e.name.endsWith(POLICY_EXTENSION)) out.push(full);
    }
  };
  visit(dir);
  return out;
}

function readText(path: string): string | Diagnostic {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return diagnostic("E0601", path, span(0, 0), `cannot read \`${path}\`: ${ioReason(e)}`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    const text = new TextDecoder("utf-8").decode(bytes);
    const at = Math.max(0, text.indexOf("\uFFFD"));
    return diagnostic("E0602", path, span(at, at + 1), "this is not a text file: it is not valid UTF-8", { help: "policy files are UTF-8 text" });
  }
}

