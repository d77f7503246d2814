// `perimeter lsp` is loaded only when it runs: the bundle (dist/bin/perimeter.cjs) holds the
// language server and its libraries behind esbuild's lazy module wrappers, and V8's own
// coverage of a run (NODE_V8_COVERAGE) shows whether a wrapper ran: another command never
// runs them, `perimeter lsp` does.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

interface Coverage {
  result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[];
}

/** How often each lazy module wrapper of the bundle ran (by the module's path) in one CLI run. */
function wrappersRun(args: readonly string[]): Map<string, number> {
  const dir = mkdtempSync(join(tmpdir(), "perimeter-coverage-"));
  runCli(args, { env: { NODE_V8_COVERAGE: dir } });
  const runs = new Map<string, number>();
  for (const file of readdirSync(dir)) {
    const cov = JSON.parse(readFileSync(join(dir, file), "utf8")) as Coverage;
    for (const script of cov.result.filter((s) => s.url.endsWith("/dist/bin/perimeter.cjs")))
      for (const f of script.functions) if (/^(src|node_modules)\//.test(f.functionName)) runs.set(f.functionName, (runs.get(f.functionName) ?? 0) + f.ranges[0]!.count);
  }
  return runs;
}

const LSP = (name: string) => name.startsWith("src/lsp/") || name.includes("/vscode-languageserver/") || name.includes("/vscode-jsonrpc/");

describe("perimeter lsp in the bundle", () => {
  it("is not run by another command", () => {
    const lint = wrappersRun(["lint", "policies", "--no-cache"]);
    // The wrappers are there (the coverage saw the bundle), and none of the server's ran.
    expect([...lint.keys()].filter(LSP)).toContain("src/lsp/server.ts");
    expect([...lint].filter(([name, n]) => LSP(name) && n > 0)).toEqual([]);
    expect(lint.get("src/cli/lint.ts")).toBeGreaterThan(0);
  });

  it("runs when `perimeter lsp` runs", () => {
    const lsp = wrappersRun(["lsp", "--help"]);
    expect(lsp.get("src/lsp/server.ts")).toBeGreaterThan(0);
  });

  it("prints its usage, and refuses an unknown option without a stack trace", () => {
    const help = runCli(["lsp", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("usage: perimeter lsp [--stdio]");
    const bad = runCli(["lsp", "--tcp"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown option '--tcp'");
  });
});
