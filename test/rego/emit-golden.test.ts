// Golden Rego for the shipped policies and the test corpus; emitting twice gives identical bytes.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { emitRego } from "../../src/backends/rego/emit.js";
import { lowerProgram } from "../../src/ir/lower.js";
import { frontEnd, readPolicyFiles } from "../../src/program/load.js";
import { expectGolden } from "../helpers/golden.js";
import { runCli, tempDir } from "../helpers/cli.js";

const golden = join(import.meta.dirname, "..", "golden", "rego");

function compile(paths: string[]) {
  const loaded = readPolicyFiles(paths);
  const fe = frontEnd(loaded.sources);
  expect(fe.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return emitRego(lowerProgram(fe.program!));
}

const corpora: Record<string, string[]> = {
  policies: ["policies"],
  "language-example": ["test/fixtures/language"],
  "lets-defs-reads": ["test/golden/ir/lets-defs-reads.perimeter"],
};

describe("the Rego backend", () => {
  it.each(Object.keys(corpora))("emits the golden Rego of %s", (name) => {
    const files = compile(corpora[name]!);
    const dir = join(golden, name);
    if (process.env["UPDATE_GOLDEN"] === "1" && existsSync(dir)) rmSync(dir, { recursive: true });
    for (const f of files) if (!f.path.startsWith("perimeter/lib/")) expectGolden(join(dir, f.path), f.text);
    if (process.env["UPDATE_GOLDEN"] !== "1") {
      const listed = (d: string, base = ""): string[] =>
        readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listed(join(d, e.name), `${base}${e.name}/`) : [`${base}${e.name}`]));
      expect(listed(dir).sort()).toEqual(files.filter((f) => !f.path.startsWith("perimeter/lib/")).map((f) => f.path).sort());
    }
  });

  it("emits the runtime library as its golden files", () => {
    for (const f of compile(["test/fixtures/language"]).filter((x) => x.path.startsWith("perimeter/lib/"))) expectGolden(join(golden, "lib", f.path), f.text);
  });

  it("is deterministic", () => {
    const a = compile(["policies"]);
    const b = compile(["policies"]);
    expect(a).toEqual(b);
  });

  it("keeps within Regal's file-length limit and uses only portable builtins", () => {
    const allowed = new Set([
      "array.concat", "array.slice", "object.get", "object.union", "regex.match", "regex.find_all_string_submatch_n", "strings.reverse", "json.marshal",
      "count", "concat", "split", "substring", "contains", "startswith", "endswith", "lower", "upper", "format_int", "to_number", "replace", "indexof",
      "walk", "max", "floor", "abs", "is_object", "is_array", "is_string", "is_number",
    ]);
    for (const f of compile(["policies"])) {
      expect(f.text.split("\n").length, f.path).toBeLessThanOrEqual(500);
      const code = f.text.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, '""').replace(/#.*$/gm, "");
      for (const m of code.matchAll(/(?<![\w.])([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*)\(/g)) {
        const name = m[1]!;
        if (name.startsWith("lib.") || name.includes(".") === false) continue;
        if (/^(databricks|std|apps|lib)\./.test(name)) continue;
        expect(allowed.has(name), `${f.path}: ${name}`).toBe(true);
      }
      expect(code).not.toMatch(/\b(net\.cidr_merge|net\.cidr_expand|time\.|http\.send|rand\.|uuid\.|sprintf)\b/);
    }
  });
});

describe("perimeter compile", () => {
  it("writes Rego files, an OPA bundle and the IR", () => {
    const dir = tempDir();
    expect(runCli(["compile", "policies", "--target", "rego", "-o", join(dir, "rego")]).code).toBe(0);
    expect(readFileSync(join(dir, "rego", "databricks", "apps", "report.rego"), "utf8")).toContain("report := lib.report(perimeter_controls, perimeter_waivers)");
    expect(runCli(["compile", "policies", "--target", "bundle", "-o", join(dir, "b.tar.gz")]).code).toBe(0);
    expect(runCli(["compile", "policies", "--target", "bundle", "-o", join(dir, "b2.tar.gz")]).code).toBe(0);
    const a = readFileSync(join(dir, "b.tar.gz"));
    expect(a.equals(readFileSync(join(dir, "b2.tar.gz")))).toBe(true);
    const tarText = gunzipSync(a).toString("latin1");
    expect(tarText).toContain(".manifest");
    expect(tarText).toContain('"roots": [');
    expect(tarText).toContain('"perimeter/lib"');
    expect(tarText).not.toContain("policy.wasm");
    expect(runCli(["compile", "policies", "--target", "ir", "-o", "-"]).stdout).toContain("control APPS-ING-001");
  });
  it("exits 2 on bad usage", () => {
    expect(runCli(["compile", "policies"]).code).toBe(2);
    expect(runCli(["compile", "policies", "--target", "java", "-o", "x"]).code).toBe(2);
    expect(runCli(["compile", "--target", "rego", "-o", "x"]).code).toBe(2);
  });
});
