// The Rego runtime library's source files (src/backends/rego/lib/**/*.rego): real Rego that the
// real tools accept as it is (`opa fmt --diff` finds nothing to change, `opa check --strict`
// and Regal find nothing), emitted byte for byte as written (the line layout of emitted Rego
// leaves them unchanged), read into the build (lib.generated.ts is fresh), and with the export
// schema's collection slots as the table `slot_paths`.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { layout } from "../../src/backends/rego/layout.js";
import { libFiles, slotPaths } from "../../src/backends/rego/lib-source.js";
import { packagePath } from "../../src/paths.js";
import { OPA, REGAL, run } from "../helpers/opa.js";

const LIB = packagePath("src", "backends", "rego", "lib");

function onDisk(dir: string = LIB): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return onDisk(path);
    return e.name.endsWith(".rego") ? [{ path: relative(LIB, path).split(sep).join("/"), text: readFileSync(path, "utf8") }] : [];
  });
}

describe("the Rego library's files", () => {
  it("are what the build read (lib.generated.ts is fresh: run `npm run build` after editing a .rego file)", () => {
    const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    expect(libFiles()).toEqual(onDisk().sort(byPath));
  });

  it("live where their package says (perimeter/lib/, as in a compiled policy) and each stays under Regal's 500 lines", () => {
    for (const f of libFiles()) {
      expect(f.path).toMatch(/^perimeter\/lib\/[a-z_]+\.rego$/);
      expect(f.text).toMatch(/^(# [^\n]*\n)*package perimeter\.lib\n/);
      expect(f.text.split("\n").length).toBeLessThanOrEqual(500);
    }
  });

  it("are emitted as written: the line layout of emitted Rego changes nothing in them", () => {
    for (const f of libFiles()) expect(layout(f.text), f.path).toBe(f.text);
  });

  it("list the export schema's collection slots as the table slot_paths (unknown.rego)", () => {
    const unknown = libFiles().find((f) => f.path === "perimeter/lib/unknown.rego");
    const m = /^slot_paths := (\[\n[^]*?\n\])$/m.exec(unknown?.text ?? "");
    expect(m, "unknown.rego defines slot_paths := [ … ]").not.toBeNull();
    const table = JSON.parse(m![1]!.replace(/,(\s*\])/g, "$1")) as string[][];
    const expected = slotPaths();
    const hint = `slot_paths in unknown.rego should be:\nslot_paths := [\n${expected.map((p) => `\t${JSON.stringify(p).replace(/,/g, ", ")},`).join("\n")}\n]`;
    expect(table, hint).toEqual(expected);
  });
});

describe.skipIf(OPA === undefined)("OPA accepts the Rego library's files as they are", () => {
  it("opa fmt --diff finds nothing to change", () => {
    const fmt = run(OPA!, ["fmt", "--diff", LIB]);
    expect(fmt.stdout).toBe("");
    expect(fmt.status).toBe(0);
  });

  it("opa check --strict passes", () => {
    const check = run(OPA!, ["check", "--strict", LIB]);
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });
});

describe.skipIf(REGAL === undefined)("Regal finds nothing in the Rego library's files", () => {
  it("regal lint (with .regal/config.yaml)", () => {
    // no-defined-entrypoint is about a whole bundle: the library has no entrypoint of its own
    // (the `report` rules of the compiled packages are; test/rego/opa.test.ts lints those with it on).
    const lint = run(REGAL!, ["lint", "--config-file", ".regal/config.yaml", "--disable", "no-defined-entrypoint", "--format", "json", LIB]);
    const report = JSON.parse(lint.stdout) as { violations?: { category: string; title: string; location: { file: string; row: number } }[] };
    const violations = (report.violations ?? []).map((v) => `${v.category}/${v.title} ${relative(LIB, v.location.file)}:${v.location.row}`);
    expect(violations).toEqual([]);
    expect(lint.status).toBe(0);
  });
});
