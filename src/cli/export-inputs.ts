/**
 * What `--input` names, resolved before anything is compiled: files, directories (every
 * `*.json` directly in them, sorted by name) and `-` for standard input (read once, named
 * `<stdin>` in reports). A path that is missing, unreadable or an empty directory is reported
 * as such — the path and the reason, exit 2 — never as a schema problem. The same file named
 * twice (a glob and its directory) is read once.
 *
 * The exports themselves are read lazily (`read()`), one at a time, so a run over many
 * exports holds one document at a time.
 */

import { accessSync, constants, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Output } from "./io.js";
import { InputError } from "./errors.js";
import { ioReason } from "../io/errors.js";

export { ioReason };

export const STDIN_NAME = "<stdin>";

export interface ExportInput {
  /** The name reports show: the path as given (or found in a directory), or `<stdin>`. */
  readonly name: string;
  /** The bytes of the export (standard input is read once and kept). */
  read(): Buffer;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function fileInput(path: string): ExportInput {
  return { name: path, read: () => readFileSync(path) };
}

/**
 * All of standard input, synchronously. `readFileSync(0)` fails with EAGAIN when the pipe is in
 * non-blocking mode (as some shells and CI runners leave it): read in chunks and wait briefly
 * when no data is there yet; EOF ends it.
 */
export function readStdinSync(fd = 0): Buffer {
  const chunks: Buffer[] = [];
  const chunk = Buffer.allocUnsafe(1 << 16);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EAGAIN" || code === "EWOULDBLOCK") {
        Atomics.wait(pause, 0, 0, 10);
        continue;
      }
      if (code === "EOF") break; // Windows, at the end of a pipe
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks);
}

function stdinInput(readStdin: () => Buffer): ExportInput {
  let bytes: Buffer | undefined;
  return { name: STDIN_NAME, read: () => (bytes ??= readStdin()) };
}

/**
 * Resolves the `--input` arguments (`flag` names the option in messages); prints every
 * problem and throws `InputError` when there is one.
 */
export function resolveExportInputs(args: readonly string[], io: Output, opts: { flag?: string; readStdin?: () => Buffer } = {}): ExportInput[] {
  const flag = opts.flag ?? "--input";
  const out: ExportInput[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const add = (path: string) => {
    const key = resolve(path);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(fileInput(path));
  };
  let stdin = false;
  for (const arg of args) {
    if (arg === "-") {
      if (stdin) problems.push(`${flag} -: standard input can be read only once`);
      else out.push(stdinInput(opts.readStdin ?? (() => readStdinSync())));
      stdin = true;
      continue;
    }
    if (arg === "") {
      problems.push(`${flag}: an empty path`);
      continue;
    }
    let isDir: boolean;
    try {
      isDir = statSync(arg).isDirectory();
    } catch (e) {
      problems.push(`${flag} ${arg}: ${ioReason(e)}`);
      continue;
    }
    if (isDir) {
      let names: string[];
      try {
        names = readdirSync(arg, { withFileTypes: true })
          .filter((d) => d.name.endsWith(".json") && (d.isFile() || (d.isSymbolicLink() && safeIsFile(join(arg, d.name)))))
          .map((d) => d.name)
          .sort(byName);
      } catch (e) {
        problems.push(`${flag} ${arg}: cannot list the directory: ${ioReason(e)}`);
        continue;
      }
      if (names.length === 0) problems.push(`${flag} ${arg}: no *.json files in the directory`);
      for (const n of names) add(join(arg, n));
      continue;
    }
    try {
      accessSync(arg, constants.R_OK);
    } catch (e) {
      problems.push(`${flag} ${arg}: cannot read the file: ${ioReason(e)}`);
      continue;
    }
    add(arg);
  }
  if (problems.length > 0) {
    io.err(problems.map((p) => `error: ${p}`).join("\n"));
    throw new InputError("input paths");
  }
  return out;
}

function safeIsFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
