// `perimeter lsp` is loaded only when it runs: the files `perimeter --version` (or any other
// command) loads statically hold none of the language server or its libraries (the bundle's
// esbuild metafile, written by scripts/bundle-cli.mjs, says which sources each file holds).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { packagePath } from "../../src/paths.js";
import { runCli } from "../helpers/cli.js";

interface Meta {
  outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, unknown> }>;
}

describe("perimeter lsp in the bundle", () => {
  it("is not in what the entry point loads before dispatching", () => {
    const meta = JSON.parse(readFileSync(packagePath("node_modules", ".cache", "perimeter-build-meta.json"), "utf8")) as Meta;
    const seen = new Set<string>();
    const visit = (out: string) => {
      if (seen.has(out)) return;
      seen.add(out);
      for (const i of meta.outputs[out]?.imports ?? []) if (i.kind === "import-statement" && !i.external) visit(i.path);
    };
    visit("dist/bin/perimeter.js");
    const inputs = [...seen].flatMap((o) => Object.keys(meta.outputs[o]?.inputs ?? {}));
    expect(inputs.length).toBeGreaterThan(0);
    expect(inputs.filter((i) => i.includes("vscode-languageserver") || i.includes("vscode-jsonrpc") || i.startsWith("src/lsp/"))).toEqual([]);
    // …and it is a dynamic import of the entry point.
    const lazy = meta.outputs["dist/bin/perimeter.js"]!.imports.filter((i) => i.kind === "dynamic-import").map((i) => Object.keys(meta.outputs[i.path]?.inputs ?? {}));
    expect(lazy.some((ins) => ins.includes("src/lsp/server.ts"))).toBe(true);
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
