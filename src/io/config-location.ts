/**
 * Where the configuration file is (`perimeter.yaml` or `.perimeter.yaml`, found upward from
 * the working directory) and how the paths in it are shown (relative to the working
 * directory). Apart from `config-file.ts`, so finding no file never loads the YAML parser.
 */

import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";

export const CONFIG_NAMES = ["perimeter.yaml", ".perimeter.yaml"] as const;

/** Finds the configuration file from `cwd` upward; undefined when there is none. */
export function findConfig(cwd = process.cwd()): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const p = join(dir, name);
      if (existsSync(p) && statSync(p).isFile()) return p;
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** A path relative to the working directory (as a user would type it), for messages and reports. */
export function fromCwd(base: string, value: string): string {
  if (value === "-" || isAbsolute(value)) return value;
  const abs = resolve(base, value);
  const rel = relative(process.cwd(), abs);
  return rel === "" ? "." : isAbsolute(rel) ? abs : rel;
}
