// The engine seam (src/engine/): engines are chosen by name, none reaches another, the seam
// composes them (a compiled engine's package Reports merged; a program without controls is the
// reference evaluator's), and the heavy engines stay out of what the CLI loads until chosen.
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { lazyModulesRun, ran } from "../helpers/bundle-coverage.js";
import { tempDir } from "../helpers/cli.js";
import { composed } from "../../src/engine/compose.js";
import { EngineError, type PackageEngine } from "../../src/engine/engine.js";
import { jsEngine } from "../../src/engine/js.js";
import { loadEngine, selectEngine } from "../../src/engine/registry.js";
import { wasmEngine } from "../../src/engine/wasm.js";
import { defaultParams } from "../../src/eval/params.js";
import { loadExport } from "../../src/io/export-file.js";
import { lowerProgram } from "../../src/ir/lower.js";
import { frontEnd, readPolicyFiles } from "../../src/program/load.js";
import { packagePath } from "../../src/paths.js";
import { SourceFile } from "../../src/source/source.js";

const NOW = "2026-11-28";

/** The source files a module loads, statically (value imports and re-exports, not `import type`), transitively. */
function staticClosure(start: string): string[] {
  const seen = new Set<string>();
  const todo = [packagePath(start)];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+"(\.[^"]+)"/gms)) todo.push(resolve(dirname(file), m[1]!).replace(/\.js$/, ".ts"));
  }
  return [...seen].map((f) => relative(packagePath(), f).split("\\").join("/"));
}

describe("the engine seam", () => {
  it("no engine module reaches another engine, or the reference evaluator", () => {
    const wasm = staticClosure("src/engine/wasm.ts");
    const opa = staticClosure("src/engine/opa.ts");
    const js = staticClosure("src/engine/js.ts");
    expect(wasm).toContain("src/backends/wasm/evaluate.ts");
    expect(wasm.filter((f) => /^src\/engine\/(js|opa|compose|registry)\.ts$|^src\/backends\/(opa|rego)\/|^src\/eval\/run\.ts$/.test(f))).toEqual([]);
    expect(opa).toContain("src/backends/opa/engine.ts");
    expect(opa.filter((f) => /^src\/engine\/(js|wasm|compose|registry)\.ts$|^src\/backends\/wasm\/|^src\/eval\/run\.ts$/.test(f))).toEqual([]);
    expect(js.filter((f) => /^src\/engine\/(wasm|opa|compose|registry)\.ts$|^src\/backends\//.test(f))).toEqual([]);
  });

  it("selects an engine as --engine and --opa do, flags before the configuration file", () => {
    expect(selectEngine({})).toEqual({ name: "wasm" });
    expect(selectEngine({ engine: "js" }, { engine: "opa", opa: "/x/opa" })).toEqual({ name: "js" });
    expect(selectEngine({ opa: "/bin/opa" })).toEqual({ name: "opa", opa: "/bin/opa" });
    expect(selectEngine({}, { opa: "/x/opa" })).toEqual({ name: "opa", opa: "/x/opa" });
    expect(selectEngine({}, { engine: "js", opa: "/x/opa" })).toEqual({ name: "js" });
    expect(() => selectEngine({ engine: "wasm", opa: "/bin/opa" })).toThrow(new EngineError("--opa is for --engine opa, not --engine wasm"));
    expect(() => selectEngine({ engine: "rego" })).toThrow(new EngineError("--engine must be one of wasm, js, opa, not `rego`"));
  });

  it("composes: a program without controls gets the reference evaluator's Report from every engine, without running the compiled one", async () => {
    const src = new SourceFile("params-only.perimeter", "package only.params\n\nparam limit = 3\n");
    const fe = frontEnd([src], { today: NOW });
    const ir = lowerProgram(fe.program!);
    expect(ir.controls).toEqual([]);
    const exp = loadExport(packagePath("examples", "exports", "acme-aws-prod.json")).export!;
    const ctx = { now: NOW, params: defaultParams(ir) };
    let ran = false;
    const spy: PackageEngine = {
      name: "wasm",
      packageReports: () => {
        ran = true;
        return [];
      },
    };
    const want = jsEngine.reports(ir, [exp], ctx);
    expect(composed(spy).reports(ir, [exp], ctx)).toEqual(want);
    expect(ran).toBe(false);
    expect((await loadEngine("wasm")).reports(ir, [exp], ctx)).toEqual(want);
  });

  it("merges a compiled engine's package Reports into the reference evaluator's Report", async () => {
    const loaded = readPolicyFiles([packagePath("policies")]);
    const extra = new SourceFile("extra.perimeter", 'package extra.one\n\ncontrol X-1 "named x" {\n  severity low\n  for ws in workspaces\n  require ws.workspace_url == "x"\n}\n');
    const fe = frontEnd([...loaded.sources, extra], { today: NOW }, loaded.diagnostics);
    expect(fe.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const ir = lowerProgram(fe.program!);
    expect(new Set(ir.controls.map((c) => c.package)).size).toBeGreaterThan(1);
    const exp = loadExport(packagePath("examples", "exports", "contoso-dev-azure-noncompliant.json")).export!;
    const ctx = { now: NOW, params: defaultParams(ir) };
    expect(composed(wasmEngine).reports(ir, [exp], ctx)).toEqual(jsEngine.reports(ir, [exp], ctx));
  });
});

describe("the engines in the CLI bundle", () => {
  it("loads the OPA engine (and the Rego backend) only when chosen, and the compiler only on a cache miss", () => {
    const args = ["check", "policies", "--input", packagePath("examples", "exports", "contoso-dev-azure-noncompliant.json"), "--now", "2026-11-28"];
    const home = { XDG_CACHE_HOME: tempDir() };
    const miss = lazyModulesRun(args, home);
    expect(miss.result.code).toBe(1);
    expect(miss.runs.get("src/engine/registry.ts")).toBeGreaterThan(0);
    // A miss compiles the policies (Chevrotain, lowering) on the Wasm engine: never the OPA engine or the Rego backend.
    expect(ran(miss.runs, /^src\/api\/policies\.ts$/)).toHaveLength(1);
    expect(miss.runs.get("src/engine/opa.ts")).toBe(0);
    expect(ran(miss.runs, /^src\/(engine\/opa|backends\/opa\/|backends\/rego\/)/)).toEqual([]);
    // A hit (the program from the cache of compiled policies) runs no compiler either.
    const hit = lazyModulesRun(args, home);
    expect(hit.result.stdout).toBe(miss.result.stdout);
    expect(ran(hit.runs, /chevrotain|^src\/(syntax\/parser|ir\/lower|api\/policies)\.ts$|^src\/(engine\/opa|backends\/opa\/|backends\/rego\/)/)).toEqual([]);
  });
});
