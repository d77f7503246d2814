/**
 * Memory over many evaluations: runs one case N times and samples, at the end of the warm-up
 * (the first tenth) and then at ten evenly spaced points, the Wasm memory size (64 KiB pages;
 * null for the cases that run no Wasm) and the process RSS (after a full GC when Node runs
 * with --expose-gc, as `npm run bench` does). Flat means: no page added and RSS within noise
 * after the warm-up.
 */

export interface MemorySample {
  readonly evaluations: number;
  readonly wasmPages: number | null;
  readonly rssMB: number;
}

export interface MemoryRun {
  readonly name: string;
  readonly evaluations: number;
  readonly seconds: number;
  readonly samples: readonly MemorySample[];
  /** Pages added after the warm-up (null: the case runs no Wasm). */
  readonly pageGrowth: number | null;
  /** RSS change after the warm-up, MB. */
  readonly rssGrowthMB: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function sample(evaluations: number, pages: (() => number) | undefined): MemorySample {
  gc?.();
  return { evaluations, wasmPages: pages === undefined ? null : pages(), rssMB: process.memoryUsage.rss() / 2 ** 20 };
}

export function memoryRun(name: string, evaluations: number, run: () => unknown, pages?: () => number): MemoryRun {
  const warm = Math.max(1, Math.floor(evaluations / 10));
  const step = Math.max(1, Math.floor((evaluations - warm) / 10));
  const t0 = performance.now();
  for (let i = 0; i < warm; i++) run();
  const samples = [sample(warm, pages)];
  let done = warm;
  while (done < evaluations) {
    const n = Math.min(step, evaluations - done);
    for (let i = 0; i < n; i++) run();
    done += n;
    samples.push(sample(done, pages));
  }
  const first = samples[0]!;
  const last = samples.at(-1)!;
  return {
    name,
    evaluations,
    seconds: (performance.now() - t0) / 1000,
    samples,
    pageGrowth: last.wasmPages === null || first.wasmPages === null ? null : last.wasmPages - first.wasmPages,
    rssGrowthMB: last.rssMB - first.rssMB,
  };
}
