/**
 * Where the package's own files live at run time.
 *
 * The same modules run from `src/` (tests, through Vite) and from `dist/src/` (the built
 * CLI), so files shipped beside the code (the export schema, the `policies/` library) are
 * found from the package root, located by walking up to the nearest `package.json`.
 */

import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "policies"))) return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error("perimeter: cannot locate the package root (package.json beside policies/)");
    dir = up;
  }
}

export function packagePath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}

/** The shipped library's folder, relative to the working directory when it is inside it (`node_modules/perimeter/policies`). */
export function libraryPath(): string {
  const abs = packagePath("policies");
  const rel = relative(process.cwd(), abs);
  return rel.startsWith("..") || isAbsolute(rel) ? abs : rel;
}
