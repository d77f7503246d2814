// Golden files: compare output with a committed file; `npm run test:update` (UPDATE_GOLDEN=1) rewrites them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { expect } from "vitest";

export function expectGolden(path: string, actual: string): void {
  if (process.env["UPDATE_GOLDEN"] === "1") {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`missing golden file ${path}: run \`npm run test:update\` and review it`);
  expect(actual).toBe(readFileSync(path, "utf8"));
}
