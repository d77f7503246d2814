// `perimeter lsp` is loaded only when it runs: the bundle (dist/bin/perimeter.cjs) holds the
// language server and its libraries behind esbuild's lazy module wrappers, and V8's own
// coverage of a run (NODE_V8_COVERAGE) shows whether a wrapper ran: another command never
// runs them, `perimeter lsp` does.
import { describe, expect, it } from "vitest";
import { lazyModulesRun, ran } from "../helpers/bundle-coverage.js";
import { runCli } from "../helpers/cli.js";

const LSP = /^src\/lsp\/|\/vscode-languageserver\/|\/vscode-jsonrpc\//;

describe("perimeter lsp in the bundle", () => {
  it("is not run by another command", () => {
    const lint = lazyModulesRun(["lint", "policies", "--no-cache"]).runs;
    // The wrappers are there (the coverage saw the bundle), and none of the server's ran.
    expect(lint.get("src/lsp/server.ts")).toBe(0);
    expect(ran(lint, LSP)).toEqual([]);
    expect(lint.get("src/cli/lint.ts")).toBeGreaterThan(0);
  });

  it("runs when `perimeter lsp` runs", () => {
    const lsp = lazyModulesRun(["lsp", "--help"]).runs;
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
