/**
 * The shared driver of the fuzz targets: runs a target's property with fast-check in chunks
 * (one seed per chunk, derived from the run's seed, so a run is reproducible and reports its
 * progress), counts executions and their rate, gathers the target's coverage keys (distinct
 * diagnostic codes, problem kinds, result shapes: fast-check gives no code coverage), flags an
 * execution slower than `hangMs` as a hang, and writes a failing input, shrunk, to the findings
 * directory with the error that it caused.
 *
 * A target is data: a name, an arbitrary of inputs (seed corpus × mutations, see mutate.ts),
 * `execute` (the entry point and the oracles; it throws on a violation and returns coverage
 * keys) and `bytes` (the failing input as a file). Nothing here knows any entry point.
 * Targets that share their inputs and the work of preparing them run as a group (group.ts),
 * which reuses `chunkSeed`, `replayFinding` and `writeFinding` from here.
 */

import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";

export interface Target<I> {
  readonly name: string;
  /** What the input is, for FUZZING.md and `--list`. */
  readonly about: string;
  readonly arbitrary: fc.Arbitrary<I>;
  /** Runs the entry point on the input and checks the oracles: throws on a violation; returns coverage keys. */
  execute(input: I): Promise<Iterable<string>> | Iterable<string>;
  /** Loads what every execution shares (programs, modules, the template's vocabulary): not timed. */
  prepare?(): void;
  /** The input as a file, to reproduce a finding (`ext` without dot). */
  bytes(input: I): { ext: string; data: Uint8Array | string };
}

export interface RunOptions {
  readonly runs: number;
  readonly seed: number;
  /** Executions per chunk (a progress line and a fresh seed per chunk). */
  readonly chunk?: number;
  /** Where findings go; none are written when undefined. */
  readonly findings?: string;
  /**
   * An execution that takes more CPU time than this is a finding (a super-linear blow-up). CPU
   * time, not wall time: on a shared machine a soak at `nice 15` can wait many times its own
   * running time, and that is not the target's doing.
   */
  readonly hangMs?: number;
  readonly log?: (line: string) => void;
  /**
   * A file rewritten with each input before it runs (its bytes, then the input as JSON in
   * `<file>.input.json`): when the process dies (a native crash, out of memory), it holds the
   * input that killed it.
   */
  readonly trace?: string;
  /** Shrinking stops after this many executions or milliseconds (the smallest failing input so far is kept). */
  readonly shrinkRuns?: number;
  readonly shrinkMs?: number;
  /**
   * Asked before each input: once it says true, the run stops after the input executing (the
   * rest of the chunk is drawn but not executed or counted) and its stats say `stopped`.
   */
  readonly stop?: () => boolean;
}

export interface RunStats {
  readonly target: string;
  readonly executions: number;
  readonly ms: number;
  readonly coverage: number;
  readonly slowestMs: number;
  /** CPU time of the process (user + system) while the target (or its group) ran. */
  readonly cpuMs: number;
  readonly failure?: { readonly seed: number; readonly error: string; readonly file?: string };
  /** True when `stop` ended the run before its runs were done. */
  readonly stopped?: boolean;
  /** The group the target ran in (its draw, load and evaluation shared with the group's other targets). */
  readonly group?: string;
}

export class HangError extends Error {}

/** The seed of chunk `c` of a run seeded `seed` (each chunk its own seed, so a finding replays alone). */
export function chunkSeed(seed: number, c: number): number {
  return (seed + Math.imul(c, 0x9e3779b1)) | 0;
}

/** CPU time of this process so far, in ms. */
export function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Keeps the input about to run in `trace` (its bytes) and `trace.input.json` (the fast-check value), so that a process that dies leaves its killer. */
export function writeTrace(trace: string, bytes: Uint8Array | string, input: unknown): void {
  writeFileSync(trace, bytes);
  writeFileSync(`${trace}.input.json`, JSON.stringify(input));
}

/** Throws a HangError when an execution took more than `hangMs` of CPU time. */
export function checkHang(cpuMs: number, hangMs: number): void {
  if (cpuMs > hangMs) throw new HangError(`an execution took ${Math.round(cpuMs)} ms of CPU time (more than ${hangMs} ms)`);
}

/** Lets signal handlers and timers run between inputs (a chunk is otherwise one long run of microtasks). */
export const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs `runs` executions of a target (fewer if one fails or `stop` says so) and returns the numbers. */
export async function runTarget<I>(target: Target<I>, opts: RunOptions): Promise<RunStats> {
  const chunk = Math.max(1, opts.chunk ?? 1000);
  const hangMs = opts.hangMs ?? 10_000;
  target.prepare?.();
  const coverage = new Set<string>();
  let executions = 0;
  let slowest = 0;
  let stopped = false;
  const start = performance.now();
  const cpu0 = cpuNow();
  const stats = (extra: Partial<RunStats> = {}): RunStats => ({
    target: target.name,
    executions,
    ms: performance.now() - start,
    coverage: coverage.size,
    slowestMs: slowest,
    cpuMs: cpuNow() - cpu0,
    ...(stopped ? { stopped } : {}),
    ...extra,
  });
  for (let c = 0; executions < opts.runs && !stopped; c++) {
    const numRuns = Math.min(chunk, opts.runs - executions);
    const seed = chunkSeed(opts.seed, c);
    let counted = 0;
    let failedAt: number | undefined;
    let shrinks = 0;
    const property = fc.asyncProperty(target.arbitrary, async (input) => {
      if (failedAt !== undefined) {
        // Shrinking: slow targets and big inputs could shrink for hours; past the budget every
        // candidate passes, which ends it with the smallest failing input found so far.
        if (++shrinks > (opts.shrinkRuns ?? 300) || performance.now() - failedAt > (opts.shrinkMs ?? 120_000)) return;
      } else {
        if (opts.stop !== undefined) {
          await turn();
          if (stopped || opts.stop()) {
            stopped = true;
            return;
          }
        }
        counted++;
      }
      if (opts.trace !== undefined) writeTrace(opts.trace, target.bytes(input).data, input);
      const t0 = cpuNow();
      try {
        const keys = await target.execute(input);
        const dt = cpuNow() - t0;
        if (dt > slowest) slowest = dt;
        checkHang(dt, hangMs);
        for (const k of keys) coverage.add(k);
      } catch (e) {
        if (failedAt === undefined) {
          failedAt = performance.now();
          // The input as found, before shrinking (which a crash could cut short).
          if (opts.findings !== undefined) writeFinding(opts.findings, target, input, seed, `unshrunk: ${describe(e)}`);
        }
        throw e;
      }
    });
    const details = await fc.check(property, { numRuns, seed, endOnFailure: false, maxSkipsPerRun: 0 });
    executions += Math.min(counted, numRuns);
    if (details.failed) {
      const input = details.counterexample?.[0] as I | undefined;
      const error = describe(details.errorInstance);
      const file = input !== undefined && opts.findings !== undefined ? writeFinding(opts.findings, target, input, seed, error) : undefined;
      opts.log?.(`${target.name}: FINDING after ${executions} executions (chunk seed ${seed}): ${error.slice(0, 2000)}${file ? `\n  input: ${file}` : ""}`);
      return stats({ failure: { seed, error, ...(file ? { file } : {}) } });
    }
    const ms = performance.now() - start;
    opts.log?.(`${target.name}: ${executions} executions, ${Math.round(ms / 1000)} s, ${Math.round((executions * 1000) / ms)} exec/s, coverage ${coverage.size}, slowest ${Math.round(slowest)} ms${stopped ? " (stopped)" : ""}`);
  }
  return stats();
}

/**
 * Replays input `index` of the chunk seeded `seed` on the target alone and, when it fails
 * there too, shrinks it with that target's oracles (within the shrink budget): the finding of
 * a target that failed inside a group. Returns the shrunk input and its error, or undefined
 * when the input passes alone (a hang under load, say).
 */
export async function replayFinding<I>(target: Target<I>, seed: number, index: number, opts: Pick<RunOptions, "shrinkRuns" | "shrinkMs" | "hangMs">): Promise<{ input: I; error: string } | undefined> {
  const hangMs = opts.hangMs ?? 10_000;
  let failedAt: number | undefined;
  let shrinks = 0;
  const property = fc.asyncProperty(target.arbitrary, async (input) => {
    if (failedAt !== undefined && (++shrinks > (opts.shrinkRuns ?? 300) || performance.now() - failedAt > (opts.shrinkMs ?? 120_000))) return;
    const t0 = cpuNow();
    try {
      await target.execute(input);
      const dt = cpuNow() - t0;
      checkHang(dt, hangMs);
    } catch (e) {
      failedAt ??= performance.now();
      throw e;
    }
  });
  const details = await fc.check(property, { numRuns: 1, seed, path: String(index), endOnFailure: false, maxSkipsPerRun: 0 });
  if (!details.failed || details.counterexample === null) return undefined;
  return { input: details.counterexample[0] as I, error: describe(details.errorInstance) };
}

export function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

export function writeFinding<I>(dir: string, target: Pick<Target<I>, "name" | "bytes">, input: I, seed: number, error: string): string {
  mkdirSync(dir, { recursive: true });
  const { ext, data } = target.bytes(input);
  const hash = createHash("sha256").update(data).digest("hex").slice(0, 12);
  const base = join(dir, `${target.name}-${hash}`);
  writeFileSync(`${base}.${ext}`, data);
  writeFileSync(`${base}.txt`, `target: ${target.name}\nchunk seed: ${seed}\ninput: ${JSON.stringify(input)}\n\n${error}\n`);
  return `${base}.${ext}`;
}
