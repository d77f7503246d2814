/**
 * The language server as an editor meets it (issue 18): the time from a one-character edit of
 * the library's largest policy file to the diagnostics the server publishes for it, through
 * the real protocol. `perimeter lsp --stdio` (the bundled binary) is started with `policies/`
 * as its workspace folder, the file is opened, and then each edit types one character into a
 * name (`corporate` → `corporatex`, an unknown name with its "did you mean") or takes it out
 * again, alternately, 120 ms apart (a fast typist's interval between keys); an edit's time runs
 * from sending `didChange` to receiving the `publishDiagnostics` of that document version. The
 * server runs with its default debounce (an edit after a quiet spell is analysed at once; one
 * within 25 ms of the last analysis waits for the window to close). Median over the edits
 * (target: ≤ 50 ms).
 *
 * The client is async and the harness (bench/run.ts) is not, so the harness runs this file as
 * a child process (`node dist/bench/lsp.js --json N`) and reads its JSON.
 */

import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { findPolicyFiles } from "../src/io/policy-files.js";
import { packagePath } from "../src/paths.js";
import { LspClient, uri } from "../test/helpers/lsp.js";

export const LSP_GOAL_MS = 50;

export interface LspResults {
  /** The edited file, relative to the package. */
  readonly file: string;
  readonly bytes: number;
  readonly edits: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly p90Ms: number;
  /** Until the first diagnostics after `didOpen` (process start not included). */
  readonly openMs: number;
}

/** The largest `*.perimeter` file of the library. */
export function largestPolicy(): string {
  const files = findPolicyFiles(packagePath("policies"));
  return files.map((f) => ({ f, size: statSync(f).size })).sort((a, b) => b.size - a.size)[0]!.f;
}

const quantile = (xs: readonly number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;

/** The pause between two edits: about a fast typist's interval between keystrokes. */
export const PAUSE_MS = 120;

export async function lspEdits(edits: number): Promise<LspResults> {
  const path = largestPolicy();
  const text = readFileSync(path, "utf8");
  const word = "corporate";
  const at = text.indexOf(` ${word}\n`);
  if (at < 0) throw new Error(`${path}: no \` ${word}\` to edit`);
  const before = text.slice(0, at + 1 + word.length);
  const line = before.split("\n").length - 1;
  const character = before.length - (before.lastIndexOf("\n") + 1);
  const client = await LspClient.start(packagePath("policies"));
  try {
    const t0 = performance.now();
    const opened = client.nextDiagnostics(uri(path));
    await client.open(path, text);
    await opened;
    const openMs = performance.now() - t0;
    const times: number[] = [];
    for (let i = 0; i < edits; i++) {
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      const insert = i % 2 === 0;
      const range = insert ? { start: { line, character }, end: { line, character } } : { start: { line, character }, end: { line, character: character + 1 } };
      const version = i + 2;
      const published = client.nextDiagnostics(uri(path), (p) => p.version === version);
      const start = performance.now();
      if ((await client.change(path, [{ range, text: insert ? "x" : "" }])) !== version) throw new Error("document versions out of step");
      const p = await published;
      times.push(performance.now() - start);
      const errors = p.diagnostics.filter((d) => d.severity === 1).length;
      if (errors !== (insert ? 1 : 0)) throw new Error(`edit ${i + 1}: ${errors} errors published, expected ${insert ? 1 : 0}`);
    }
    return { file: relative(packagePath(), path), bytes: Buffer.byteLength(text), edits, medianMs: quantile(times, 0.5), minMs: Math.min(...times), p90Ms: quantile(times, 0.9), openMs };
  } finally {
    await client.stop();
  }
}

/** Runs the measurement in a child process (for the synchronous harness). */
export function lspRun(edits: number, options: { log?: (line: string) => void } = {}): LspResults {
  const r = spawnSync(process.execPath, [join(packagePath("dist", "bench"), "lsp.js"), "--json", String(edits)], { encoding: "utf8", cwd: packagePath() });
  if (r.status !== 0) throw new Error(`bench/lsp.ts exited with ${r.status ?? r.signal}: ${r.stderr}`);
  const results = JSON.parse(r.stdout) as LspResults;
  options.log?.(`language server: ${results.edits} edits of ${results.file}, median ${results.medianMs.toFixed(1)} ms to diagnostics`);
  return results;
}

export function renderLsp(r: LspResults): string[] {
  return [
    "### Language server: an edit to its diagnostics",
    "",
    `\`perimeter lsp --stdio\` on \`policies/\`, ${r.edits} one-character edits of \`${r.file}\` (${r.bytes.toLocaleString("en-US")} bytes), the largest policy file, typed ${PAUSE_MS} ms apart; from \`didChange\` to the \`publishDiagnostics\` of that version, through the protocol, the server with its default debounce.`,
    "",
    "| median ms | min ms | p90 ms | goal | | first diagnostics after open |",
    "|--:|--:|--:|--:|---|--:|",
    `| ${r.medianMs.toFixed(1)} | ${r.minMs.toFixed(1)} | ${r.p90Ms.toFixed(1)} | ≤ ${LSP_GOAL_MS} | ${r.medianMs <= LSP_GOAL_MS ? "met" : "**missed**"} | ${r.openMs.toFixed(1)} ms |`,
    "",
  ];
}

async function main(argv: readonly string[]): Promise<void> {
  const edits = Number(argv.find((a) => /^\d+$/.test(a)) ?? 60);
  const r = await lspEdits(edits);
  if (argv.includes("--json")) process.stdout.write(`${JSON.stringify(r)}\n`);
  else process.stdout.write(`${renderLsp(r).join("\n")}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(`bench/lsp: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
