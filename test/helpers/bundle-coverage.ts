// Which modules of the bundled binary a CLI run executed: the bundle (dist/bin/perimeter.cjs)
// keeps every module reached only through a dynamic import behind one of esbuild's lazy
// wrappers, a function named after the module's path ("src/lsp/server.ts",
// "node_modules/chevrotain/…"), and V8's own coverage of the run (NODE_V8_COVERAGE) counts how
// often each wrapper ran. A module absent from the map is not lazy: it runs whenever the binary
// starts.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, type CliResult } from "./cli.js";

interface Coverage {
  result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[];
}

/** The run's result, and how often each lazy module of the bundle ran (by its path). */
export function lazyModulesRun(args: readonly string[], env: Record<string, string> = {}): { result: CliResult; runs: Map<string, number> } {
  const dir = mkdtempSync(join(tmpdir(), "perimeter-coverage-"));
  const result = runCli(args, { env: { ...env, NODE_V8_COVERAGE: dir } });
  const runs = new Map<string, number>();
  for (const file of readdirSync(dir)) {
    const cov = JSON.parse(readFileSync(join(dir, file), "utf8")) as Coverage;
    for (const script of cov.result.filter((s) => s.url.endsWith("/dist/bin/perimeter.cjs")))
      for (const f of script.functions) if (/^(src|node_modules)\//.test(f.functionName)) runs.set(f.functionName, (runs.get(f.functionName) ?? 0) + f.ranges[0]!.count);
  }
  return { result, runs };
}

/** The lazy modules matching `pattern` that ran. */
export function ran(runs: ReadonlyMap<string, number>, pattern: RegExp): string[] {
  return [...runs].filter(([name, n]) => pattern.test(name) && n > 0).map(([name]) => name);
}
