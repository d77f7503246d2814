// The Wasm backend through the CLI: `compile --target wasm`, the bundle's policy.wasm and
// manifest, `check --engine wasm|js` (the same output), and `test` on both engines.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { loadPolicySync } from "../../src/backends/wasm/sdk.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { EXPORT_DIRS, wasmOf } from "./helpers.js";
import { readdirSync } from "node:fs";

/** The files of an uncompressed ustar archive. */
function untar(tar: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (let at = 0; at + 512 <= tar.length; ) {
    const name = tar.toString("utf8", at, at + 100).replace(/\0.*$/s, "");
    if (name === "") break;
    const prefix = tar.toString("utf8", at + 345, at + 500).replace(/\0.*$/s, "");
    const size = parseInt(tar.toString("ascii", at + 124, at + 136).replace(/\0.*$/s, ""), 8);
    out.set(prefix ? `${prefix}/${name}` : name, tar.subarray(at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

describe("perimeter compile --target wasm / bundle", () => {
  it("writes the module (deterministic, the library's bytes) and a bundle with policy.wasm and its manifest entries", () => {
    const dir = tempDir();
    const r = runCli(["compile", "policies", "--target", "wasm", "-o", join(dir, "policy.wasm")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("entrypoints databricks/apps/report, databricks/apps/verdicts");
    const bytes = readFileSync(join(dir, "policy.wasm"));
    expect(bytes.equals(Buffer.from(wasmOf("policies").module))).toBe(true);
    expect(runCli(["compile", "policies", "--target", "wasm", "-o", join(dir, "again.wasm")]).code).toBe(0);
    expect(readFileSync(join(dir, "again.wasm")).equals(bytes)).toBe(true);
    expect(loadPolicySync(bytes).entrypoints).toEqual({ "databricks/apps/report": 0, "databricks/apps/verdicts": 1 });

    expect(runCli(["compile", "policies", "--target", "wasm-bundle", "-o", join(dir, "b.tar.gz")]).code).toBe(0);
    const files = untar(gunzipSync(readFileSync(join(dir, "b.tar.gz"))));
    expect([...files.keys()].sort()).toEqual(["/.manifest", "/policy.wasm"]);
    // Entries are named from the bundle's root, as `opa build` names them.
    expect(files.get("/policy.wasm")?.equals(bytes)).toBe(true);
    const manifest = JSON.parse(files.get("/.manifest")!.toString("utf8")) as { wasm: unknown };
    expect(manifest.wasm).toEqual([
      { entrypoint: "databricks/apps/report", module: "/policy.wasm" },
      { entrypoint: "databricks/apps/verdicts", module: "/policy.wasm" },
    ]);
  });
});

describe("perimeter check --engine", () => {
  const inputs = EXPORT_DIRS.flatMap((d) => readdirSync(d).filter((f) => f.endsWith(".json")).map((f) => join(d, f)));

  it("wasm (the default) and js print the same report, in every format", () => {
    for (const format of ["json", "text", "sarif"]) {
      const args = ["check", "policies", "--now", "2026-11-28", "--format", format, ...inputs.flatMap((i) => ["--input", i])];
      const js = runCli([...args, "--engine", "js"]);
      const wasm = runCli(args);
      expect(js.code).toBe(1);
      expect(wasm.code).toBe(js.code);
      expect(wasm.stdout).toBe(js.stdout);
      expect(wasm.stderr).toBe(js.stderr);
    }
  });

  it("rejects an unknown engine", () => {
    const r = runCli(["check", "policies", "--engine", "rego", "--input", inputs[0]!]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--engine/);
  });
});

describe("perimeter test", () => {
  it("runs every test block on the evaluator and on the Wasm module", () => {
    const r = runCli(["test", "policies", "--now", "2026-11-28"]);
    expect(r.code).toBe(0);
    const runs = /(\d+) test runs: (\d+) passed, 0 failed/.exec(r.stdout);
    expect(runs).not.toBeNull();
    expect(r.stdout.match(/\[wasm\]/g)?.length).toBe(Number(runs![1]) / 2);
    expect(r.stdout.match(/\[evaluator\]/g)?.length).toBe(Number(runs![1]) / 2);
  });
});
