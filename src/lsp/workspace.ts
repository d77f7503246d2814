/**
 * The language server's model of the user's policies: which files form a policy set, the
 * text of each (an open editor buffer overrides the file on disk), and the analysis of a set
 * (parse + check, the same front end as `perimeter lint`).
 *
 * A workspace folder is a policy set: the `policies` of its `perimeter.yaml` when it has
 * one, else every `*.perimeter` file under it. A file outside every folder (or outside the
 * set of its folder) is checked with the `*.perimeter` files of its own directory, which is
 * how a package spread over sibling files resolves. Parses are cached per file text, so an
 * edit re-parses one file and re-checks the set.
 */

import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { parseConfig } from "../io/config-file.js";
import { findPolicyFiles, readPolicyFiles } from "../io/policy-files.js";
import { makeUnit, type Unit } from "../check/program.js";
import type { CheckResult } from "../check/index.js";
import { checkUnits, withLibrary } from "../program/load.js";
import { parseSource, type ParseResult } from "../syntax/parse.js";
import { SourceFile } from "../source/source.js";
import { hasErrors, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { analysisDiagnostics } from "./diagnostics.js";
import { todayUtc } from "../util/date.js";

export interface Analysis {
  /** The files of the set (absolute paths), as analysed. */
  readonly paths: readonly string[];
  readonly units: readonly Unit[];
  readonly files: ReadonlyMap<string, SourceFile>;
  /** What `perimeter lint` reports for the set, plus (when a file has a syntax error) the checker's findings outside the broken declarations. */
  readonly diagnostics: readonly Diagnostic[];
  /** The checker's tables (also over a recovered tree); undefined when it could not run. */
  readonly checked?: CheckResult;
}

interface Cached {
  readonly text: string;
  readonly parsed: ParseResult;
  readonly unit: Unit;
}

export class Workspace {
  private readonly folders: string[] = [];
  private readonly overrides = new Map<string, string>();
  private readonly parses = new Map<string, Cached>();
  /** Today (UTC), as `perimeter lint` compares waivers with it. */
  today: () => string = todayUtc;

  setFolders(paths: readonly string[]): void {
    this.folders.splice(0, this.folders.length, ...paths.map((p) => resolve(p)));
  }

  open(path: string, text: string): void {
    this.overrides.set(resolve(path), text);
  }

  close(path: string): void {
    this.overrides.delete(resolve(path));
  }

  /** The text of a file: the editor's buffer when open, else the file on disk. */
  text(path: string): string | undefined {
    const key = resolve(path);
    const open = this.overrides.get(key);
    if (open !== undefined) return open;
    try {
      return readFileSync(key, "utf8").replace(/^\uFEFF/, "");
    } catch {
      return undefined;
    }
  }

  /** The files analysed together with `path` (absolute, `path` among them). */
  policySet(path: string): string[] {
    const file = resolve(path);
    const folder = this.folders.filter((f) => file.startsWith(f.endsWith(sep) ? f : f + sep)).sort((a, b) => b.length - a.length)[0];
    if (folder !== undefined) {
      const set = this.folderSet(folder);
      if (set.includes(file)) return set;
    }
    const siblings = findPolicyFiles(dirname(file)).map((p) => resolve(p)).filter((p) => dirname(p) === dirname(file));
    return siblings.includes(file) ? siblings : [...siblings, file].sort();
  }

  /** The sets of the workspace folders (for publishing diagnostics of files not open). */
  folderSets(): string[][] {
    return this.folders.map((f) => this.folderSet(f));
  }

  private folderSet(folder: string): string[] {
    const config = ["perimeter.yaml", ".perimeter.yaml"].map((n) => join(folder, n)).find((p) => existsSync(p));
    let roots = [folder];
    if (config !== undefined) {
      try {
        const parsed = parseConfig(config, readFileSync(config, "utf8"), folder);
        if ("values" in parsed && parsed.values.policies !== undefined) roots = parsed.values.policies.map((p) => resolve(folder, p));
      } catch {
        // An unreadable configuration: the folder's files, as without one.
      }
    }
    const files = roots.flatMap((r) => (isDir(r) ? findPolicyFiles(r) : [r])).map((p) => resolve(p));
    for (const open of this.overrides.keys()) if (!files.includes(open) && roots.some((r) => open.startsWith(r + sep)) && open.endsWith(".perimeter")) files.push(open);
    return [...new Set(files)].sort();
  }

  private parse(path: string, text: string): Cached {
    const hit = this.parses.get(path);
    if (hit !== undefined && hit.text === text) return hit;
    const source = new SourceFile(path, text);
    const parsed = parseSource(source);
    const entry = { text, parsed, unit: makeUnit(source, parsed.file, true) };
    this.parses.set(path, entry);
    return entry;
  }

  /** Parses and checks a policy set; `replace` substitutes one file's text (completion's probe). */
  analyze(paths: readonly string[], replace?: { path: string; text: string }): Analysis {
    const read: Diagnostic[] = [];
    const user: Unit[] = [];
    const parseDiags: Diagnostic[] = [];
    for (const path of paths) {
      let text = replace !== undefined && replace.path === path ? replace.text : this.text(path);
      if (text === undefined) {
        // Unreadable: report it as lint does.
        read.push(...readPolicyFiles([path]).diagnostics);
        continue;
      }
      if (replace !== undefined && replace.path === path) {
        const source = new SourceFile(path, text);
        const parsed = parseSource(source);
        parseDiags.push(...parsed.diagnostics);
        user.push(makeUnit(source, parsed.file, true));
        continue;
      }
      text = text.replace(/^\uFEFF/, "");
      const c = this.parse(path, text);
      parseDiags.push(...c.parsed.diagnostics);
      user.push(c.unit);
    }
    const units = withLibrary(user);
    const files = new Map(units.map((u) => [u.source.path, u.source] as const));
    let checked: CheckResult | undefined;
    try {
      checked = checkUnits(units, { today: this.today() });
    } catch {
      // A tree recovered from syntax errors the checker cannot walk: the syntax errors alone.
      if (!hasErrors(parseDiags)) throw new Error("the checker failed on a file without syntax errors");
    }
    const diagnostics = analysisDiagnostics(sortDiagnostics([...read, ...parseDiags]), units, checked);
    return { paths, units, files, diagnostics, ...(checked ? { checked } : {}) };
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
