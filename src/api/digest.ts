/**
 * SHA-256 of what the library API and the CLI read from disk (exports, policy files, cache
 * entries), with Node's native hash: the same hex digest as `sha256` of src/report/run.ts
 * (plain JavaScript, for the browser), several times faster on files of megabytes.
 */

import { createHash } from "node:crypto";

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}
