/**
 * The soak ledger (`fuzz/soak-ledger.jsonl`, committed): one JSON line per target per soak
 * round, appended when the round ends (its runs done, a finding, or stopped by SIGTERM or
 * SIGINT), so that a soak spread over many sessions adds up. Reading it gives the seeds
 * already used (a new round takes a fresh one) and the per-target totals that FUZZING.md's
 * table shows (`npm run fuzz:ledger` prints it, ledger-table.ts).
 */

import { appendFileSync, existsSync, readFileSync } from "node:fs";
import type { RunStats } from "./driver.js";

export interface LedgerEntry {
  readonly target: string;
  /** The group the target ran in (its draw and evaluation shared), if any. */
  readonly group?: string;
  /** The round's seed (null for rows carried over from before the ledger, whose seeds are in `seeds`). */
  readonly seed: number | null;
  readonly seeds?: readonly number[];
  /** When the round started (ISO 8601), or the day of a carried-over row. */
  readonly started: string;
  readonly executions: number;
  readonly wallSeconds: number;
  /** CPU time of the process (for a group: the whole group's, shared by its members); null when not measured. */
  readonly cpuSeconds: number | null;
  readonly execPerSecond: number;
  /** Distinct coverage keys the round reached. */
  readonly coverage: number;
  readonly slowestMs: number;
  /** The round's finding (a round stops its target at its first one), with the failing input's file. */
  readonly findings: readonly {
    readonly error: string;
    readonly file?: string;
  }[];
  /** How the round ended early: "SIGTERM", "SIGINT"; absent when it ran its runs or stopped at a finding. */
  readonly stopped?: string;
  /** The commit the round ran (`-dirty` when tracked files differed from it), null when unknown. */
  readonly commit: string | null;
  readonly note?: string;
}

export class LedgerError extends Error {}

const num = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0;

/** Checks one parsed line; returns what is wrong with it, or undefined. */
function invalid(e: Record<string, unknown>): string | undefined {
  if (typeof e["target"] !== "string" || e["target"] === "") return "no target";
  if (!(e["seed"] === null || Number.isSafeInteger(e["seed"]))) return "seed is not an integer or null";
  if (e["seeds"] !== undefined && !(Array.isArray(e["seeds"]) && e["seeds"].every((s) => Number.isSafeInteger(s)))) return "seeds is not a list of integers";
  if (typeof e["started"] !== "string") return "no started date";
  for (const k of ["executions", "wallSeconds", "execPerSecond", "coverage", "slowestMs"]) if (!num(e[k])) return `${k} is not a number of at least 0`;
  if (!(e["cpuSeconds"] === null || num(e["cpuSeconds"]))) return "cpuSeconds is not a number or null";
  if (!Array.isArray(e["findings"]) || !e["findings"].every((f) => f !== null && typeof f === "object" && typeof (f as { error?: unknown }).error === "string")) return "findings is not a list of {error, file}";
  if (!(e["commit"] === null || typeof e["commit"] === "string")) return "commit is not a string or null";
  return undefined;
}

/** The entries of a ledger file (none when it does not exist). Throws LedgerError naming the file and line of a bad one. */
export function readLedger(file: string): LedgerEntry[] {
  if (!existsSync(file)) return [];
  const out: LedgerEntry[] = [];
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (line.trim() === "") return;
      let e: unknown;
      try {
        e = JSON.parse(line);
      } catch (err) {
        throw new LedgerError(`${file}:${i + 1}: not JSON (${(err as Error).message})`);
      }
      const why = e !== null && typeof e === "object" && !Array.isArray(e) ? invalid(e as Record<string, unknown>) : "not an object";
      if (why !== undefined) throw new LedgerError(`${file}:${i + 1}: ${why}`);
      out.push(e as LedgerEntry);
    });
  return out;
}

/** The ledger entry of a target's round. */
export function ledgerEntry(
  s: RunStats,
  round: {
    seed: number;
    started: Date;
    commit: string | null;
    signal?: string;
  },
): LedgerEntry {
  return {
    target: s.target,
    ...(s.group !== undefined ? { group: s.group } : {}),
    seed: round.seed,
    started: round.started.toISOString(),
    executions: s.executions,
    wallSeconds: Math.round(s.ms) / 1000,
    cpuSeconds: Math.round(s.cpuMs) / 1000,
    execPerSecond: s.ms > 0 ? Math.round((s.executions * 10_000) / s.ms) / 10 : 0,
    coverage: s.coverage,
    slowestMs: Math.round(s.slowestMs),
    findings:
      s.failure !== undefined
        ? [
            {
              error: s.failure.error.slice(0, 500),
              ...(s.failure.file !== undefined ? { file: s.failure.file } : {}),
            },
          ]
        : [],
    ...(s.stopped && round.signal !== undefined ? { stopped: round.signal } : {}),
    commit: round.commit,
  };
}

/** Appends entries (one line each: a single write, so rounds of parallel soak processes do not interleave). */
export function appendLedger(file: string, entries: readonly LedgerEntry[]): void {
  if (entries.length > 0) appendFileSync(file, entries.map((e) => `${JSON.stringify(e)}\n`).join(""));
}

/** The seeds a target's rounds used. */
function seedsOf(e: LedgerEntry): number[] {
  return [...(e.seed !== null ? [e.seed] : []), ...(e.seeds ?? [])];
}

/** Whether one of these targets already ran a round with this seed (the same inputs again). */
export function seedUsed(entries: readonly LedgerEntry[], targets: readonly string[], seed: number): LedgerEntry | undefined {
  return entries.find((e) => targets.includes(e.target) && seedsOf(e).includes(seed));
}

/** A seed none of these targets has run: one more than the largest they used (of the whole ledger when they have none; 1 for an empty ledger). */
export function freshSeed(entries: readonly LedgerEntry[], targets: readonly string[]): number {
  const own = entries.filter((e) => targets.includes(e.target)).flatMap(seedsOf);
  const all = own.length > 0 ? own : entries.flatMap(seedsOf);
  return all.length > 0 ? Math.max(...all) + 1 : 1;
}

export interface Totals {
  readonly target: string;
  readonly rounds: number;
  readonly executions: number;
  readonly wallSeconds: number;
  /** CPU seconds of the rounds that measured it (a group's shared by its members: counted once per member). */
  readonly cpuSeconds: number;
  readonly coverage: number;
  readonly slowestMs: number;
  readonly findings: readonly {
    readonly error: string;
    readonly file?: string;
  }[];
  readonly groups: readonly string[];
}

/** Per-target totals, in the order targets first appear (or `order`, when given; others after). */
export function totals(entries: readonly LedgerEntry[], order: readonly string[] = []): Totals[] {
  const names = [...new Set([...order.filter((t) => entries.some((e) => e.target === t)), ...entries.map((e) => e.target)])];
  return names.map((target) => {
    const es = entries.filter((e) => e.target === target);
    return {
      target,
      rounds: es.length,
      executions: es.reduce((s, e) => s + e.executions, 0),
      wallSeconds: es.reduce((s, e) => s + e.wallSeconds, 0),
      cpuSeconds: es.reduce((s, e) => s + (e.cpuSeconds ?? 0), 0),
      coverage: Math.max(...es.map((e) => e.coverage)),
      slowestMs: Math.max(...es.map((e) => e.slowestMs)),
      findings: es.flatMap((e) => e.findings),
      groups: [...new Set(es.flatMap((e) => (e.group !== undefined ? [e.group] : [])))],
    };
  });
}

const thousands = (n: number) => Math.round(n).toLocaleString("en-US");

/** A duration as FUZZING.md writes it: `42 s`, `45 min`, `3 h 05 min`. */
export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const min = Math.round(seconds / 60);
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, "0")} min`;
}

function ms(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`;
}

/** The Markdown table of per-target totals (FUZZING.md "Soak on this machine"), with a total line. */
export function ledgerTable(entries: readonly LedgerEntry[], order: readonly string[] = [], goal = 1_000_000): string {
  const rows = totals(entries, order);
  const lines = [`| target | rounds | executions | of ${thousands(goal)} | wall time | exec/s | CPU time | coverage keys (most in a round) | slowest execution | findings |`, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"];
  for (const t of rows) {
    const files = t.findings.flatMap((f) => (f.file !== undefined ? [f.file.split("/").pop()!] : []));
    const findings = t.findings.length === 0 ? "none" : `${t.findings.length}${files.length > 0 ? ` (${files.join(", ")})` : ""}`;
    lines.push(
      `| \`${t.target}\`${t.groups.length > 0 ? ` (${t.groups.join(", ")})` : ""} | ${t.rounds} | ${thousands(t.executions)} | ${Math.min(100, (t.executions * 100) / goal).toFixed(1)} % | ${duration(t.wallSeconds)} | ${t.wallSeconds > 0 ? (t.executions / t.wallSeconds).toFixed(1) : "—"} | ${t.cpuSeconds > 0 ? duration(t.cpuSeconds) : "—"} | ${t.coverage} | ${ms(t.slowestMs)} | ${findings} |`,
    );
  }
  const all = rows.reduce((s, t) => s + t.executions, 0);
  const reached = rows.filter((t) => t.executions >= goal).length;
  lines.push("", `Total: ${thousands(all)} executions; ${reached} of ${rows.length} targets at ${thousands(goal)} or more.`);
  if (rows.some((t) => t.groups.length > 0)) lines.push("The rounds of a group (in brackets) share one process: their wall and CPU time are the group's, shown for each member.");
  return `${lines.join("\n")}\n`;
}
