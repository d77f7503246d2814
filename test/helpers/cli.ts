// Runs the built CLI (`npm test` builds first) as a user would: the bundled binary that
// package.json's `bin` names, capturing output and exit code. Its cache of compiled policies
// goes to a temporary directory of this test process, never the user's.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packagePath } from "../../src/paths.js";

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The bundled binary (scripts/bundle-cli.mjs), as package.json's `bin` names it. */
export const CLI_BIN = packagePath("dist", "bin", "perimeter.js");

let cacheHome: string | undefined;

/** The XDG_CACHE_HOME the CLI runs of this test process share (created once). */
export function testCacheHome(): string {
  return (cacheHome ??= mkdtempSync(join(tmpdir(), "perimeter-cache-")));
}

export function runCli(args: readonly string[], opts: { cwd?: string; env?: Record<string, string>; input?: string | Buffer } = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI_BIN, ...args], {
    cwd: opts.cwd ?? packagePath(),
    ...(opts.input !== undefined ? { input: opts.input } : {}),
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", XDG_CACHE_HOME: testCacheHome(), ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh cache home for CLI runs (`env`), and the entries of one folder under it (`perimeter/<area>`). */
export function freshCacheHome(area: string): { env: Record<string, string>; dir: string; entries: () => string[] } {
  const h = tempDir();
  const dir = join(h, "perimeter", area);
  const entries = (): string[] => {
    try {
      return readdirSync(dir).sort();
    } catch {
      return [];
    }
  };
  return { env: { XDG_CACHE_HOME: h }, dir, entries };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "perimeter-test-"));
}

export function writeTemp(dir: string, name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** True when the text contains something that looks like a JavaScript stack trace. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+\(.+:\d+:\d+\)$/m.test(text) || /^\s+at .+:\d+:\d+$/m.test(text);
}

/**
 * The lines of stderr besides `check`'s warning about results an export left undecided (its
 * collection errors): what a test of an export with such errors still wants empty.
 */
export function stderrBeyondGaps(stderr: string): string[] {
  return stderr.split("\n").filter((l) => l !== "" && !/^warning: .* could not be decided: /.test(l));
}
