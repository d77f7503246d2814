/**
 * The tool's version, from the package's `package.json`: read by `perimeter --version` in
 * main.ts and, without loading the rest of the tool, by the launcher (launch.ts).
 */

import { readFileSync } from "node:fs";

export function versionIn(packageJson: string): string {
  try {
    return (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}
