// The emitted Rego judged by the real tools (installed by `npm run tools`): every bundle the
// repository can produce passes `opa check --strict`, `opa fmt --list` finds nothing to reformat,
// Regal (with .regal/config.yaml, whose `bugs` category is never configured away) finds nothing,
// and no emitted rule, function or import alias takes the name of an OPA builtin or operator.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { emitRego } from "../../src/backends/rego/emit.js";
import { OPA_BUILTIN_NAMES } from "../../src/backends/rego/opa-builtins.js";
import { lowerProgram } from "../../src/ir/lower.js";
import { frontEnd, readPolicyFiles } from "../../src/program/load.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { OPA, REGAL, run, writeTree } from "../helpers/opa.js";
import { startOpaServer } from "../helpers/opa-server.js";

function perimeterFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (n === "node_modules" || n.startsWith(".")) return [];
    return statSync(p).isDirectory() ? perimeterFiles(p) : n.endsWith(".perimeter") ? [p] : [];
  });
}

/** Every program the repository holds that compiles: the library, and each policy file alone. */
const corpora: { name: string; files: { path: string; text: string }[] }[] = [];
for (const paths of [["policies"], ...["examples", "test"].flatMap(perimeterFiles).map((f) => [f])]) {
  const fe = frontEnd(readPolicyFiles(paths).sources);
  if (fe.program === undefined || fe.diagnostics.some((d) => d.severity === "error")) continue;
  const ir = lowerProgram(fe.program);
  if (ir.controls.length === 0 && paths[0] !== "policies") continue;
  corpora.push({ name: paths.map((p) => relative(".", p)).join(" "), files: emitRego(ir) });
}

describe.skipIf(OPA === undefined)("OPA accepts the emitted Rego", () => {
  it("compiles a good number of the repository's programs", () => {
    expect(corpora.length).toBeGreaterThanOrEqual(8);
  });

  it("takes every builtin name OPA has into account", () => {
    const caps = JSON.parse(run(OPA!, ["capabilities", "--current"]).stdout) as { builtins: { name: string }[] };
    const missing = caps.builtins.map((b) => b.name.split(".")[0]!).filter((n) => !OPA_BUILTIN_NAMES.has(n));
    expect([...new Set(missing)]).toEqual([]);
  });

  it.each(corpora.map((c) => [c.name, c] as const))("opa check --strict, opa fmt --list and no builtin names: %s", (_name, c) => {
    const dir = writeTree(c.files);
    const check = run(OPA!, ["check", "--strict", "--max-errors", "-1", dir]);
    expect(check.stderr + check.stdout).toBe("");
    expect(check.status).toBe(0);
    const fmt = run(OPA!, ["fmt", "--list", dir]);
    expect(fmt.stdout).toBe("");
    expect(fmt.status).toBe(0);
    // Rule, function and import names as OPA parses them.
    for (const f of c.files) {
      const ast = JSON.parse(run(OPA!, ["parse", "--format", "json", join(dir, f.path)]).stdout) as {
        rules?: { head: { name?: string; ref?: { value: unknown }[] } }[];
        imports?: { alias?: string; path: { value: { value: unknown }[] } }[];
      };
      const names = [
        ...(ast.rules ?? []).map((r) => r.head.name ?? String(r.head.ref?.[0]?.value)),
        ...(ast.imports ?? []).map((i) => i.alias ?? String(i.path.value.at(-1)?.value)),
      ];
      expect(names.length, f.path).toBeGreaterThan(0);
      expect(names.filter((n) => OPA_BUILTIN_NAMES.has(n)), f.path).toEqual([]);
    }
  });

  it("opa check --strict loads the OPA bundle `perimeter compile --target bundle` writes", () => {
    const dir = tempDir();
    const bundle = join(dir, "policies.tar.gz");
    expect(runCli(["compile", "policies", "--target", "bundle", "-o", bundle]).code).toBe(0);
    const check = run(OPA!, ["check", "--strict", "--bundle", bundle]);
    expect(check.stderr + check.stdout).toBe("");
    expect(check.status).toBe(0);
  });

  it("opa run --server --bundle serves it, and takes `now` and the params by PUT /v1/data/perimeter/now and …/params", async () => {
    const dir = tempDir();
    const bundle = join(dir, "policies.tar.gz");
    expect(runCli(["compile", "policies", "--target", "bundle", "-o", bundle]).code).toBe(0);
    const server = await startOpaServer(OPA!, bundle, ["--bundle"]);
    try {
      const input = readFileSync("examples/exports/contoso-prod-azure-compliant.json", "utf8");
      const before = JSON.parse((await server.query("databricks/apps/report", input))!) as { now: unknown; summary: unknown };
      expect(before.now).toBeNull();
      // The bundle owns perimeter/lib, so `data.perimeter` is set path by path.
      await server.putData("perimeter/now", "2026-11-28");
      const site = parseYaml(readFileSync("examples/params/site.yaml", "utf8")) as Record<string, unknown>;
      await server.putData("perimeter/params", site);
      const after = JSON.parse((await server.query("databricks/apps/report", input))!) as { now: unknown; summary: unknown };
      expect(after.now).toBe("2026-11-28");
      // 38 of 41 pass on the defaults, 41 of 41 with the site's params (README).
      expect(before.summary).toEqual({ pass: 38, fail: 3, unknown: 0, waived: 0 });
      expect(after.summary).toEqual({ pass: 41, fail: 0, unknown: 0, waived: 0 });
    } finally {
      await server.stop();
    }
  });
});

describe.skipIf(REGAL === undefined)("Regal finds nothing in the emitted Rego", () => {
  it.each(corpora.map((c) => [c.name, c] as const))("regal lint: %s", (_name, c) => {
    const dir = writeTree(c.files);
    const lint = run(REGAL!, ["lint", "--config-file", ".regal/config.yaml", "--format", "json", dir]);
    const report = JSON.parse(lint.stdout) as { violations?: { category: string; title: string; location: { file: string; row: number } }[] };
    const violations = (report.violations ?? []).map((v) => `${v.category}/${v.title} ${relative(dir, v.location.file)}:${v.location.row}`);
    expect(violations).toEqual([]);
    expect(lint.status).toBe(0);
  });

  it("never turns off a rule of the bugs category", () => {
    const config = readFileSync(".regal/config.yaml", "utf8");
    expect(config).not.toMatch(/^\s{2}bugs:/m);
  });
});
