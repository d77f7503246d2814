// The real OPA and Regal for the tests, as `npm run tools` installs them into .tools/bin
// (PERIMETER_OPA / PERIMETER_REGAL name other binaries). In CI a missing tool is an error: the
// OPA tests must run there. Elsewhere (a machine without Go) they are skipped with a notice.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

/** A tool in .tools/bin (or at $env): its path; in CI a missing one throws, elsewhere undefined with a notice. */
export function tool(name: string, env: string): string | undefined {
  const path = process.env[env] ?? resolve(".tools/bin", name);
  if (existsSync(path)) return path;
  if (process.env["CI"]) throw new Error(`${name} is not installed at ${path}: run \`npm run tools\` (CI must run the OPA tests)`);
  console.warn(`${name} not found at ${path}: the tests that need it are skipped (run \`npm run tools\`)`);
  return undefined;
}

/** The OPA binary, or undefined (tests skipped) outside CI when it is not installed. */
export const OPA: string | undefined = tool("opa", "PERIMETER_OPA");
/** The Regal binary, or undefined (tests skipped) outside CI when it is not installed. */
export const REGAL: string | undefined = tool("regal", "PERIMETER_REGAL");

/** Runs a tool; returns stdout, stderr and the exit status (never throws on a non-zero exit). */
export function run(bin: string, args: readonly string[], input?: string): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(bin, args, { encoding: "utf8", input, maxBuffer: 256 * 1024 * 1024, stdio: ["pipe", "pipe", "pipe"] });
    return { status: 0, stdout, stderr: "" };
  } catch (e) {
    const err = e as { status?: number; stdout?: string; stderr?: string };
    return { status: err.status ?? 1, stdout: err.stdout ?? "", stderr: err.stderr ?? String(e) };
  }
}

/** Writes files (relative paths) under a fresh temporary directory and returns it. */
export function writeTree(files: readonly { path: string; text: string }[], prefix = "perimeter-opa-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const f of files) {
    const p = join(dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.text);
  }
  return dir;
}
