/**
 * Target groups: targets that draw the same inputs and prepare each the same way (the six
 * renderer targets: draw a payload export, load it with repairs, evaluate it) run on one stream
 * of inputs, the shared work done once per input, then every member's own renderer and
 * oracles. Each member counts its executions, coverage keys and slowest execution (the shared
 * work plus its own) exactly as when it runs alone: with the same seed and chunk size a group
 * draws the same inputs as each member's own run (test/fuzz/group.test.ts checks this).
 *
 * A member that fails is taken out of the group (the others go on with the stream); its input
 * is replayed on that member alone, shrunk with its oracles only, and written as its finding,
 * as `runTarget` does (driver.ts).
 */

import fc from "fast-check";
import { checkHang, chunkSeed, cpuNow, describe, replayFinding, turn, writeFinding, writeTrace, type RunOptions, type RunStats, type Target } from "./driver.js";

/** A target whose execution is `judge(input, build(input))`, `build` shared with its group. */
export interface Member<I, B> extends Target<I> {
  /** The member's own part of an execution: its entry point and oracles on the shared work. */
  judge(input: I, built: B): Promise<Iterable<string>> | Iterable<string>;
}

export interface TargetGroup<I, B> {
  readonly name: string;
  readonly about: string;
  readonly arbitrary: fc.Arbitrary<I>;
  /** The work every member's execution starts with (timed, and counted in each member's execution time). */
  build(input: I): B;
  /** The input as a file (for the trace). */
  bytes(input: I): { ext: string; data: Uint8Array | string };
  readonly members: readonly Member<I, B>[];
}

interface State<I, B> {
  readonly member: Member<I, B>;
  executions: number;
  readonly coverage: Set<string>;
  slowest: number;
  /** Where it failed in the current chunk (the input's index in the chunk, its error). */
  failedAt?: { index: number; input: I; error: string };
  failure?: { readonly seed: number; readonly error: string; readonly file?: string };
}

/** Runs `runs` executions of every member of a group on one stream of inputs; returns each member's numbers. */
export async function runGroup<I, B>(group: TargetGroup<I, B>, opts: RunOptions): Promise<RunStats[]> {
  const chunk = Math.max(1, opts.chunk ?? 1000);
  const hangMs = opts.hangMs ?? 10_000;
  for (const m of group.members) m.prepare?.();
  const states: State<I, B>[] = group.members.map((member) => ({ member, executions: 0, coverage: new Set(), slowest: 0 }));
  const active = () => states.filter((s) => s.failure === undefined);
  let done = 0;
  let stopped = false;
  const start = performance.now();
  const cpu0 = cpuNow();
  for (let c = 0; done < opts.runs && !stopped && active().length > 0; c++) {
    const numRuns = Math.min(chunk, opts.runs - done);
    const seed = chunkSeed(opts.seed, c);
    const running = active();
    let index = -1;
    let counted = 0;
    const property = fc.asyncProperty(group.arbitrary, async (input) => {
      index++;
      if (opts.stop !== undefined) {
        await turn();
        if (stopped || opts.stop()) {
          stopped = true;
          return;
        }
      }
      counted++;
      if (opts.trace !== undefined) writeTrace(opts.trace, group.bytes(input).data, input);
      const failed = (s: State<I, B>, e: unknown) => {
        s.executions++;
        s.failedAt = { index, input, error: describe(e) };
        if (opts.findings !== undefined) writeFinding(opts.findings, s.member, input, seed, `unshrunk: ${describe(e)}`);
      };
      const t0 = cpuNow();
      let built: B;
      try {
        built = group.build(input);
      } catch (e) {
        for (const s of running) if (s.failedAt === undefined) failed(s, e);
        return;
      }
      const buildMs = cpuNow() - t0;
      for (const s of running) {
        if (s.failedAt !== undefined) continue;
        const t1 = cpuNow();
        try {
          const keys = await s.member.judge(input, built);
          const dt = buildMs + (cpuNow() - t1);
          if (dt > s.slowest) s.slowest = dt;
          checkHang(dt, hangMs);
          for (const k of keys) s.coverage.add(k);
          s.executions++;
        } catch (e) {
          failed(s, e);
        }
      }
    });
    // The group's property never fails (a member's failure is recorded, not thrown): nothing
    // shrinks here, each failing member is replayed and shrunk alone below.
    await fc.check(property, { numRuns, seed, endOnFailure: false, maxSkipsPerRun: 0 });
    done += Math.min(counted, numRuns);
    for (const s of running) {
      if (s.failedAt === undefined) continue;
      const { index: at, input, error } = s.failedAt;
      const shrunk = await replayFinding(s.member, seed, at, opts);
      const found = shrunk ?? { input, error };
      const file = opts.findings !== undefined ? writeFinding(opts.findings, s.member, found.input, seed, shrunk === undefined ? `${error}\n(not reproduced alone: the input as found, unshrunk)` : found.error) : undefined;
      opts.log?.(`${s.member.name}: FINDING after ${s.executions} executions (chunk seed ${seed}, input ${at} of the chunk): ${found.error.slice(0, 2000)}${file ? `\n  input: ${file}` : ""}`);
      s.failure = { seed, error: found.error, ...(file ? { file } : {}) };
      delete s.failedAt;
    }
    const ms = performance.now() - start;
    for (const s of running) {
      if (s.failure !== undefined) continue;
      opts.log?.(
        `${s.member.name}: ${s.executions} executions, ${Math.round(ms / 1000)} s, ${Math.round((s.executions * 1000) / ms)} exec/s, coverage ${s.coverage.size}, slowest ${Math.round(s.slowest)} ms (group ${group.name})${stopped ? " (stopped)" : ""}`,
      );
    }
  }
  const ms = performance.now() - start;
  const cpuMs = cpuNow() - cpu0;
  return states.map((s) => ({
    target: s.member.name,
    group: group.name,
    executions: s.executions,
    ms,
    coverage: s.coverage.size,
    slowestMs: s.slowest,
    cpuMs,
    ...(s.failure !== undefined ? { failure: s.failure } : {}),
    ...(stopped ? { stopped } : {}),
  }));
}
