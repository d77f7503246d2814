/**
 * Start-up of the `perimeter` binary as a user runs it: whole processes, wall clock, against
 * the floor `node -e 0` measured in the same run (issue 17). Cases: `--version`;
 * `check policies --input <the 7.5 KB example>` with a warm cache and with none
 * (`--no-cache`: every policy compiled from source); `lint policies`, warm and `--no-cache`; and
 * `check` as the first run after installing (an empty cache directory: no V8 code cache of the
 * binary either, see src/cli/launch.ts).
 *
 * The cases are interleaved, round after round (each round runs every case once, in an order
 * that rotates), so a shared machine's load falls on all of them alike; a case's figure is the
 * median of its rounds and its ratio is that over the floor's median. The cache lives in a
 * temporary XDG_CACHE_HOME, filled by one run of each warm case before timing. With `before`,
 * the same commands of an earlier build (its bundle `dist/bin/perimeter.js`, or before there was
 * one its `dist/src/cli/main.js`) run in the same rounds, for BENCHMARKS.md's before-and-after.
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packagePath } from "../src/paths.js";

/** The 7.5 KB example export (7,592 bytes as compact JSON). */
export const STARTUP_EXPORT = join("examples", "exports", "contoso-dev-azure-noncompliant.json");
export const NOW = "2026-11-28";

export interface StartupCase {
  readonly name: string;
  /** What the target allows, as a multiple of the floor (none for the floor and the earlier build). */
  readonly goal?: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly ratio: number;
}

export interface StartupResults {
  readonly rounds: number;
  readonly floorMs: number;
  readonly cases: readonly StartupCase[];
  /** The earlier build measured beside (its path), when asked for. */
  readonly before?: string;
}

interface Spec {
  readonly name: string;
  readonly goal?: number;
  readonly command: string;
  readonly args: readonly string[];
  readonly warm?: boolean;
  /** Each run gets an empty cache directory of its own (the first run after installing). */
  readonly fresh?: boolean;
}

export const STARTUP = {
  floor: "`node -e 0` (the floor)",
  version: "`perimeter --version`",
  checkWarm: "`perimeter check policies --input <7.5 KB example>`, warm cache",
  checkCold: "`perimeter check policies --input <7.5 KB example>`, cold (`--no-cache`)",
  lintWarm: "`perimeter lint policies`, warm cache",
  lintCold: "`perimeter lint policies`, cold (`--no-cache`)",
  checkFirst: "`perimeter check policies --input <7.5 KB example>`, first run (empty cache directory: no code cache either)",
} as const;

function specs(before: string | undefined): Spec[] {
  const bin = packagePath("dist", "bin", "perimeter.js");
  const node = process.execPath;
  const check = ["check", "policies", "--input", STARTUP_EXPORT, "--now", NOW];
  const lint = ["lint", "policies", "--now", NOW];
  const out: Spec[] = [
    { name: STARTUP.floor, command: node, args: ["-e", "0"] },
    { name: STARTUP.version, goal: 1.5, command: node, args: [bin, "--version"] },
    { name: STARTUP.checkWarm, goal: 3, command: node, args: [bin, ...check], warm: true },
    { name: STARTUP.checkCold, goal: 5, command: node, args: [bin, ...check, "--no-cache"] },
    { name: STARTUP.lintWarm, goal: 3, command: node, args: [bin, ...lint], warm: true },
    { name: STARTUP.lintCold, command: node, args: [bin, ...lint, "--no-cache"] },
    { name: STARTUP.checkFirst, command: node, args: [bin, ...check], fresh: true },
  ];
  if (before !== undefined && existsSync(join(before, "dist", "bin", "perimeter.js"))) {
    // An earlier bundled build: the same cases (warm ones share the temporary cache).
    const old = join(before, "dist", "bin", "perimeter.js");
    out.push(
      { name: `before: ${STARTUP.version}`, command: node, args: [old, "--version"] },
      { name: `before: ${STARTUP.checkWarm}`, command: node, args: [old, ...check], warm: true },
      { name: `before: ${STARTUP.checkCold}`, command: node, args: [old, ...check, "--no-cache"] },
      { name: `before: ${STARTUP.lintCold}`, command: node, args: [old, ...lint, "--no-cache"] },
    );
  } else if (before !== undefined) {
    const old = join(before, "dist", "src", "cli", "main.js");
    if (!existsSync(old)) throw new Error(`--before ${before}: no dist/bin/perimeter.js or dist/src/cli/main.js there (build it first)`);
    out.push(
      { name: `before: ${STARTUP.version}`, command: node, args: [old, "--version"] },
      { name: "before: `perimeter check policies --input <7.5 KB example>`", command: node, args: [old, ...check] },
      { name: "before: `perimeter lint policies`", command: node, args: [old, ...lint] },
    );
  }
  return out;
}

function spawnOnce(spec: Spec, env: NodeJS.ProcessEnv): number {
  const fresh = spec.fresh === true ? mkdtempSync(join(tmpdir(), "perimeter-bench-first-")) : undefined;
  const t0 = performance.now();
  const r = spawnSync(spec.command, spec.args, { stdio: ["ignore", "ignore", "pipe"], cwd: packagePath(), env: fresh === undefined ? env : { ...env, XDG_CACHE_HOME: fresh } });
  const ms = performance.now() - t0;
  if (fresh !== undefined) rmSync(fresh, { recursive: true, force: true });
  // `check` exits 1 on the example (it has failures); anything else is a broken run.
  if (r.status !== 0 && r.status !== 1) throw new Error(`${spec.command} ${spec.args.join(" ")} exited with ${r.status ?? r.signal}: ${r.stderr}`);
  return ms;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function startupRun(rounds: number, options: { before?: string; log?: (line: string) => void } = {}): StartupResults {
  const home = mkdtempSync(join(tmpdir(), "perimeter-bench-cache-"));
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: home, NO_COLOR: "1" };
  delete env["PERIMETER_NO_CACHE"];
  try {
    const all = specs(options.before);
    // One run of each case before timing: it fills the cache of compiled policies for the warm
    // cases and, for every case, the binary's code cache of its command (launch.ts), which
    // `--no-cache` leaves on; the "first run" case never sees either.
    for (const s of all) spawnOnce(s, env);
    const times = all.map((): number[] => []);
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < all.length; k++) {
        const i = (k + r) % all.length;
        times[i]!.push(spawnOnce(all[i]!, env));
      }
    }
    const floorMs = median(times[0]!);
    const cases = all.map((s, i): StartupCase => {
      const m = median(times[i]!);
      return { name: s.name, ...(s.goal !== undefined ? { goal: s.goal } : {}), medianMs: m, minMs: Math.min(...times[i]!), ratio: m / floorMs };
    });
    for (const c of cases) options.log?.(`${c.name}: median ${c.medianMs.toFixed(1)} ms (${c.ratio.toFixed(2)}× the floor)`);
    return { rounds, floorMs, cases, ...(options.before !== undefined ? { before: options.before } : {}) };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

export function renderStartup(r: StartupResults): string[] {
  const lines = [
    "### Start-up (whole processes, same run)",
    "",
    `Wall clock of \`node <bin> …\` with stdout to /dev/null, ${r.rounds} interleaved rounds; median ms, minimum in brackets, and the median over the floor's. The export is the 7.5 KB example (\`${STARTUP_EXPORT}\`).`,
    "",
    "| command | median ms | × floor | goal | |",
    "|---|--:|--:|--:|---|",
  ];
  for (const c of r.cases) {
    const judged = c.goal === undefined ? "" : c.ratio <= c.goal ? "met" : "**missed**";
    lines.push(`| ${c.name} | ${c.medianMs.toFixed(1)} [${c.minMs.toFixed(1)}] | ${c.ratio.toFixed(2)}× | ${c.goal === undefined ? "" : `≤ ${c.goal}×`} | ${judged} |`);
  }
  lines.push("");
  return lines;
}

function main(argv: readonly string[]): void {
  const rounds = Number(argv.find((a) => /^\d+$/.test(a)) ?? 15);
  const i = argv.indexOf("--before");
  const before = i >= 0 ? argv[i + 1] : undefined;
  const r = startupRun(rounds, { log: (l) => console.error(l), ...(before !== undefined ? { before } : {}) });
  process.stdout.write(`${renderStartup(r).join("\n")}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
