/**
 * The cache of the `perimeter` binary: content-addressed entries under the user's cache
 * directory (`$XDG_CACHE_HOME/perimeter`, else `~/.cache/perimeter`), each named by the
 * SHA-256 of everything it depends on, the build of the tool included, so an entry is never
 * stale: a change makes a new key, and nothing is ever invalidated.
 *
 * Invariants:
 * - Only the bundled binary caches (src/cli/bin.ts calls `enableCache` with the digest of its
 *   own build, dist/bin/build-id); the modules run from `src/` or `dist/src/` never do.
 * - `--no-cache` or `PERIMETER_NO_CACHE` (any value but `0` or empty) bypasses it: nothing is
 *   read or written. The tool's own V8 code cache (launch.ts, its own folder) is not the user's
 *   data: only `PERIMETER_NO_CACHE` turns it off.
 * - The cache can never make a run fail: an entry that is missing, unreadable, truncated or
 *   altered (each carries the SHA-256 of its body) reads as absent and is rewritten; a
 *   directory that cannot be written is skipped silently.
 * - Writes are atomic (a temporary file in the same directory, then a rename), so concurrent
 *   runs never see half an entry.
 */

import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";
import { packagePath } from "../paths.js";

/** The layout of entries; bump when it changes. */
const LAYOUT = "v1";

let buildId: string | undefined;

/** Called by the bundled binary with the digest of its build: turns the cache on. */
export function enableCache(id: string | undefined = readBuildId()): void {
  buildId = id;
}

/** dist/bin/build-id, written by scripts/bundle-cli.mjs; undefined when absent. */
export function readBuildId(): string | undefined {
  return readBuildIdAt(packagePath("dist", "bin", "build-id"));
}

/** The build id in `file`; undefined when it is absent or not one. */
export function readBuildIdAt(file: string): string | undefined {
  try {
    const id = readFileSync(file, "utf8").trim();
    return /^[0-9a-f]{16,}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** `$XDG_CACHE_HOME/perimeter` (when it is an absolute path, as the XDG spec requires), else `~/.cache/perimeter`. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env["XDG_CACHE_HOME"];
  return join(xdg !== undefined && xdg !== "" && isAbsolute(xdg) ? xdg : join(homedir(), ".cache"), "perimeter");
}

export interface Cache {
  /** The directory of this build's entries. */
  readonly dir: string;
  /** A key for `parts` (any JSON), this build and this layout. */
  key(kind: string, parts: unknown): string;
  /** The body of an entry; undefined when it is absent, unreadable or fails its digest. */
  get(key: string): Buffer | undefined;
  /** Writes an entry atomically; never throws. */
  put(key: string, body: Uint8Array | string): void;
}

/**
 * The cache, or undefined when it is off (not the bundled binary, `--no-cache`, `PERIMETER_NO_CACHE`).
 * `area` is its folder: compiled policies and lint results in `v1`, the tool's own V8 code
 * cache (launch.ts) in `code-v1`.
 */
export function openCache(options: { noCache?: boolean; area?: string } = {}, env: NodeJS.ProcessEnv = process.env): Cache | undefined {
  const off = env["PERIMETER_NO_CACHE"];
  if (buildId === undefined || options.noCache === true || (off !== undefined && off !== "" && off !== "0")) return undefined;
  const build = buildId;
  const dir = join(cacheDirectory(env), options.area ?? LAYOUT);
  const file = (key: string): string => join(dir, key);
  return {
    dir,
    key: (kind, parts) => `${kind}-${digest(JSON.stringify([LAYOUT, build, kind, parts]))}`,
    get(key) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file(key));
      } catch {
        return undefined;
      }
      // `<sha256 of the body>\n<body>`
      const nl = bytes.indexOf(0x0a);
      if (nl !== 64) return undefined;
      const body = bytes.subarray(nl + 1);
      return bytes.subarray(0, 64).toString("latin1") === digest(body) ? body : undefined;
    },
    put(key, body) {
      const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
      const tmp = `${file(key)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(tmp, Buffer.concat([Buffer.from(`${digest(bytes)}\n`, "latin1"), bytes]));
        renameSync(tmp, file(key));
      } catch {
        try {
          rmSync(tmp, { force: true });
        } catch {
          // nothing more to do: the cache is an optimisation
        }
      }
    },
  };
}

/** An entry's body parsed as a JSON object; undefined when it is absent, corrupt or not an object. */
export function getJson(cache: Cache, key: string): Readonly<Record<string, unknown>> | undefined {
  const body = cache.get(key);
  if (body === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(body.toString("utf8"));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function digest(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}
