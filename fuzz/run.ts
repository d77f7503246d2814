/**
 * `npm run fuzz -- --target NAME|GROUP|all [--runs N] [--seed S] [--chunk N] [--findings DIR]`:
 * runs fuzz targets (fuzz/targets/), printing progress per chunk (executions, rate, coverage)
 * and a JSON summary line per target; a finding (the shrunk failing input and its error) is
 * written to `--findings` (default fuzz/findings/) and makes the exit code 1. `--list` names
 * the targets and groups, `--list-units` what `all` and the soak run (each group, and each
 * target in no group). A group (`renderers`: the six renderer targets) runs its targets on one
 * stream of inputs, the shared work done once per input (group.ts); each target still gets its
 * own summary. `--trace FILE` rewrites FILE with each input before it runs (a process that dies
 * leaves its killer there). An execution slower than `--hang-ms` (default 10 s) is a finding.
 *
 * `--ledger FILE` appends each target's round to the soak ledger (ledger.ts) when it ends,
 * also when SIGTERM or SIGINT stops it (the input running finishes, then the counts so far are
 * written and the exit code is 128 + the signal's number); without `--seed`, a round takes a
 * seed its targets have not run yet, and a `--seed` they have run is refused.
 * Bad arguments exit 2.
 */

import { execFileSync } from "node:child_process";
import { isAbsolute, relative, resolve } from "node:path";
import { packagePath, packageRoot } from "../src/paths.js";
import { runTarget, type RunOptions, type RunStats, type Target } from "./driver.js";
import { runGroup, type TargetGroup } from "./group.js";
import { appendLedger, freshSeed, LedgerError, ledgerEntry, readLedger, seedUsed, type LedgerEntry } from "./ledger.js";
import { GROUPS, TARGETS, groupNamed, targetNamed, units } from "./targets.js";

type Unit = Target<unknown> | TargetGroup<unknown, unknown>;
const isGroup = (u: Unit): u is TargetGroup<unknown, unknown> => "members" in u;
const names = (u: Unit) => (isGroup(u) ? u.members.map((m) => m.name) : [u.name]);

function usage(message: string): never {
  process.stderr.write(
    `error: ${message}\nusage: npm run fuzz -- --target NAME|GROUP|all [--runs N] [--seed S] [--chunk N] [--findings DIR] [--trace FILE] [--hang-ms MS] [--ledger FILE] [--list] [--list-units]\ntargets: ${TARGETS.map((t) => t.name).join(", ")}\ngroups: ${GROUPS.map((g) => g.name).join(", ")}\n`,
  );
  process.exit(2);
}

function integer(name: string, text: string | undefined, min: number): number {
  if (text === undefined || !/^-?\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) usage(`--${name} needs an integer of at least ${min} (got ${JSON.stringify(text ?? "")})`);
  return Number(text);
}

/** The commit checked out (`-dirty` when tracked files other than the ledger differ from it), or null outside git. */
function commit(ledger: string): string | null {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: packageRoot(), encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const head = git("rev-parse", "HEAD");
    const inside = relative(packageRoot(), resolve(ledger));
    const exclude = inside.startsWith("..") || isAbsolute(inside) ? [] : [`:(exclude)${inside}`];
    const dirty = git("status", "--porcelain", "--untracked-files=no", "--", ".", ...exclude) !== "";
    return dirty ? `${head}-dirty` : head;
  } catch {
    return null;
  }
}

const SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;

async function main(argv: readonly string[]): Promise<number> {
  let target: string | undefined;
  let runs = 10_000;
  let seed: number | undefined;
  let chunk = 1000;
  let findings = packagePath("fuzz", "findings");
  let trace: string | undefined;
  let hangMs = 10_000;
  let ledger: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => argv[++i];
    switch (a) {
      case "--target":
        target = value();
        break;
      case "--runs":
        runs = integer("runs", value(), 1);
        break;
      case "--seed":
        seed = integer("seed", value(), -(2 ** 31));
        break;
      case "--chunk":
        chunk = integer("chunk", value(), 1);
        break;
      case "--findings":
        findings = value() ?? usage("--findings needs a directory");
        break;
      case "--hang-ms":
        hangMs = integer("hang-ms", value(), 1);
        break;
      case "--trace":
        trace = value() ?? usage("--trace needs a file");
        break;
      case "--ledger":
        ledger = value() ?? usage("--ledger needs a file");
        break;
      case "--list":
        for (const t of TARGETS) process.stdout.write(`${t.name}\t${t.about}\n`);
        for (const g of GROUPS) process.stdout.write(`${g.name}\t(group) ${g.about}\n`);
        return 0;
      case "--list-units":
        for (const u of units()) process.stdout.write(`${u.name}\t${names(u).join(" ")}\n`);
        return 0;
      default:
        usage(`unknown argument ${JSON.stringify(a)}`);
    }
  }
  if (target === undefined) usage("--target is required");
  const chosen: Unit[] = target === "all" ? units() : [targetNamed(target) ?? groupNamed(target) ?? usage(`no target or group ${JSON.stringify(target)}`)];
  let entries: LedgerEntry[] = [];
  if (ledger !== undefined) {
    try {
      entries = readLedger(ledger);
    } catch (e) {
      if (e instanceof LedgerError) usage(e.message);
      throw e;
    }
    if (seed !== undefined) {
      for (const u of chosen) {
        const used = seedUsed(entries, names(u), seed);
        if (used !== undefined) usage(`${used.target} already ran seed ${seed} (${ledger}, started ${used.started}): leave out --seed for a fresh one`);
      }
    }
  }
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  let signal: keyof typeof SIGNALS | undefined;
  for (const s of Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]) {
    process.on(s, () => {
      if (signal !== undefined) process.exit(128 + SIGNALS[s]);
      signal = s;
      log(`${s}: stopping after the input running (again to quit at once)`);
    });
  }
  log(`${seed !== undefined ? `seed ${seed}` : ledger !== undefined ? "fresh seeds from the ledger" : "seed from the clock"}, ${runs} runs per target`);
  const stats: RunStats[] = [];
  for (const u of chosen) {
    if (signal !== undefined) break;
    const roundSeed = seed ?? (ledger !== undefined ? freshSeed(entries, names(u)) : Date.now() % 2 ** 31);
    const started = new Date();
    const opts: RunOptions = {
      runs,
      seed: roundSeed,
      chunk,
      findings,
      log,
      hangMs,
      stop: () => signal !== undefined,
      ...(trace !== undefined ? { trace: chosen.length > 1 ? `${trace}.${u.name}` : trace } : {}),
    };
    const got = isGroup(u) ? await runGroup(u, opts) : [await runTarget(u, opts)];
    for (const s of got) process.stdout.write(`${JSON.stringify({ summary: true, ...s, execPerSecond: Math.round((s.executions * 1000) / s.ms), seed: roundSeed })}\n`);
    if (ledger !== undefined) {
      const c = commit(ledger);
      const round = got.map((s) => ledgerEntry(s, { seed: roundSeed, started, commit: c, ...(signal !== undefined ? { signal } : {}) }));
      appendLedger(ledger, round);
      entries = [...entries, ...round];
    }
    stats.push(...got);
  }
  if (signal !== undefined) return 128 + SIGNALS[signal];
  return stats.some((s) => s.failure !== undefined) ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
