/**
 * `--app-source NAME=DIR`: the file names at the root of an app's source folder, written to
 * `apps[].x_source_files` of every collected app called NAME (an app name is unique within a
 * workspace; the same app deployed to several workspaces gets the same list). The names say
 * whether the app builds with PyPI (`requirements.txt`, `pyproject.toml`) or npm
 * (`package.json`, `.npmrc`) — which the APIs do not tell.
 *
 * Only regular files (and links to them) at the top level are listed, sorted; directories
 * are not. Nothing is read from the files.
 */

import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { didYouMean } from "../diagnostics/suggest.js";

export interface AppSource {
  readonly name: string;
  readonly dir: string;
  readonly files: readonly string[];
}

/** Parses and reads one `NAME=DIR`; a message when it is not usable. */
export function readAppSource(spec: string): AppSource | { readonly error: string } {
  const eq = spec.indexOf("=");
  if (eq <= 0 || eq === spec.length - 1) return { error: `--app-source expects NAME=DIR (an app name and its source folder), got \`${spec}\`` };
  const name = spec.slice(0, eq);
  const dir = spec.slice(eq + 1);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === "ENOENT" ? "no such directory" : code === "ENOTDIR" ? "not a directory" : code === "EACCES" ? "permission denied" : (e as Error).message;
    return { error: `--app-source ${name}=${dir}: cannot read the folder: ${why}` };
  }
  const files = entries
    .filter((d) => d.isFile() || (d.isSymbolicLink() && isFile(join(dir, d.name))))
    .map((d) => d.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { name, dir, files };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Sets `x_source_files` on the apps named by `sources`; warnings for names no collected app has. */
export function attachAppSources(workspaces: readonly Record<string, unknown>[], sources: readonly AppSource[], appsNotCollected: boolean): string[] {
  const warnings: string[] = [];
  const names = new Set<string>();
  for (const ws of workspaces) {
    const apps = ws["apps"];
    if (!Array.isArray(apps)) continue;
    for (const app of apps) {
      if (typeof app !== "object" || app === null) continue;
      const name = (app as { name?: unknown }).name;
      if (typeof name !== "string") continue;
      names.add(name);
      const src = sources.find((s) => s.name === name);
      if (src !== undefined) (app as Record<string, unknown>)["x_source_files"] = [...src.files];
    }
  }
  for (const s of sources) {
    if (names.has(s.name)) continue;
    const hint = didYouMean(s.name, names);
    const why = appsNotCollected ? " (the apps of some workspaces were not collected)" : "";
    warnings.push(`--app-source ${s.name}: no collected app is called \`${s.name}\`${why}; its files were not recorded${hint ? `; ${hint}` : ""}`);
  }
  return warnings;
}
