/**
 * A progress bar for long runs over many exports: one line on stderr, rewritten in place
 * with `\r` (`[=====>    ] 12/40 exports checked`), erased when the run ends so nothing of it
 * is left in the scrollback. Shown only when stderr is a terminal, `CI` is not set and there
 * is more than one step; everywhere else (pipes, files, CI logs) it prints nothing at all.
 * Redraws at most every 50 ms, so a run over thousands of small exports is not slowed by it.
 */

export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface Progress {
  /** `done` of `total` steps finished, in the phase named by `label`. */
  update(done: number, label?: string): void;
  /** Erases the line. */
  end(): void;
}

const NONE: Progress = { update() {}, end() {} };
const WIDTH = 30;
const INTERVAL_MS = 50;

/** Whether `CI` counts as set: any value but empty, `0` or `false`. */
export function inCi(env: NodeJS.ProcessEnv): boolean {
  const v = env["CI"];
  return v !== undefined && v !== "" && v !== "0" && v.toLowerCase() !== "false";
}

/** The bar itself: `[=====>    ] 12/40 exports checked`. */
export function progressLine(done: number, total: number, label: string, width = WIDTH): string {
  const filled = total === 0 ? width : Math.min(width, Math.floor((done / total) * width));
  const bar = filled >= width ? "=".repeat(width) : `${"=".repeat(filled)}>${" ".repeat(width - filled - 1)}`;
  return `[${bar}] ${done}/${total} ${label}`;
}

export function progressBar(total: number, label: string, stream: ProgressStream = process.stderr, env: NodeJS.ProcessEnv = process.env, clock: () => number = Date.now): Progress {
  if (stream.isTTY !== true || inCi(env) || total < 2) return NONE;
  let last = -Infinity;
  let shown = "";
  let current = label;
  return {
    update(done, l) {
      if (l !== undefined) current = l;
      const t = clock();
      if (done !== 0 && done !== total && t - last < INTERVAL_MS) return;
      const cols = stream.columns && stream.columns > 20 ? stream.columns - 1 : 79;
      const line = progressLine(done, total, current).slice(0, cols);
      if (line === shown) return;
      last = t;
      shown = line;
      stream.write(`\r${line}\u001b[K`);
    },
    end() {
      if (shown !== "") stream.write("\r\u001b[K");
      shown = "";
    },
  };
}
