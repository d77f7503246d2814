/**
 * One timed case: tinybench runs the function for a time budget after a warm-up and gives
 * the latency distribution; we keep what the tables print (evaluations per second, median
 * and p99 in microseconds) and derive MB/s from the input's size.
 */

import { Bench } from "tinybench";

export interface Timing {
  readonly name: string;
  /** Bytes of export JSON each call consumes (0 for compile cases). */
  readonly bytes: number;
  readonly samples: number;
  readonly perSecond: number;
  readonly medianUs: number;
  readonly p99Us: number;
  /** Megabytes (10^6 bytes) of export JSON per second, at the median latency. */
  readonly mbPerSecond: number;
}

export interface TimeOptions {
  /** Measured time per case, milliseconds. */
  readonly timeMs: number;
  /** Warm-up time per case, milliseconds. */
  readonly warmupMs: number;
}

export interface Case {
  readonly name: string;
  readonly bytes: number;
  readonly run: () => unknown;
}

/** Times the cases one after the other in this process (same machine, same run). */
export function timeCases(cases: readonly Case[], options: TimeOptions): Timing[] {
  const bench = new Bench({ time: options.timeMs, warmupTime: options.warmupMs, warmupIterations: 5, iterations: 10, throws: true });
  for (const c of cases) bench.add(c.name, c.run);
  bench.runSync();
  return cases.map((c, i): Timing => {
    const result = bench.tasks[i]!.result;
    if (result.state !== "completed") throw new Error(`benchmark case ${c.name} did not complete (${result.state})`);
    const medianMs = result.latency.p50;
    return {
      name: c.name,
      bytes: c.bytes,
      samples: result.latency.samplesCount,
      perSecond: 1000 / result.latency.mean,
      medianUs: medianMs * 1000,
      p99Us: result.latency.p99 * 1000,
      mbPerSecond: c.bytes === 0 ? 0 : c.bytes / 1e6 / (medianMs / 1000),
    };
  });
}
