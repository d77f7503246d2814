// `perimeter check --engine opa`: the report of a real OPA is the report of the other engines,
// byte for byte in every format tested, for one export or several (one `opa eval`), several
// packages, waivers, site parameters and integers beyond 2^53; a missing or broken OPA is one
// line and exit 2.
import { chmodSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { batches, batchQuery } from "../../src/backends/opa/engine.js";
import { packagePath } from "../../src/paths.js";
import { hasStackTrace, runCli, tempDir, writeTemp } from "../helpers/cli.js";
import { OPA } from "../helpers/opa.js";

const examples = packagePath("examples", "exports");
const exports = readdirSync(examples)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => join(examples, f));
const policies = packagePath("policies");
const language = packagePath("test", "fixtures", "language");
const site = packagePath("examples", "params", "site.yaml");
const NOW = ["--now", "2026-11-28"];

/** `check` on both engines with the same arguments: exit code, stdout and stderr must agree. */
function same(args: readonly string[]): void {
  const js = runCli(["check", ...args, "--engine", "js"]);
  const opa = runCli(["check", ...args, "--engine", "opa", "--opa", OPA!]);
  expect(opa.stderr).toBe(js.stderr);
  expect(opa.stdout).toBe(js.stdout);
  expect(opa.code).toBe(js.code);
  expect(js.code === 0 || js.code === 1).toBe(true);
}

describe.skipIf(OPA === undefined)("perimeter check --engine opa, with OPA", () => {
  for (const format of ["json", "text", "sarif"]) {
    it(`prints the js engine's ${format} for the example exports, all in one run`, () => {
      same([policies, ...exports.flatMap((e) => ["--input", e]), "--format", format, ...NOW]);
    }, 60_000);
  }

  it("prints the js engine's JSON for one export alone, and for all with site parameters", () => {
    same([policies, "--input", exports[1]!, "--format", "json", ...NOW]);
    same([policies, ...exports.flatMap((e) => ["--input", e]), "--format", "json", "--params", site, ...NOW]);
  }, 60_000);

  it("applies waivers as the js engine does, before and after their date", () => {
    for (const now of ["2026-11-28", "2027-02-01"]) same([language, "--input", exports[1]!, "--input", exports[3]!, "--format", "json", "--now", now]);
  }, 60_000);

  it("merges the reports of several packages with controls, as the Wasm engine does", () => {
    const dir = tempDir();
    const text = (pkg: string, id: string, until: string) =>
      `package ${pkg}\nimport std.databricks\n\ncontrol ${id} "conf ${pkg}" {\n  severity high\n  for ws in workspaces\n  require ws.workspace_conf.enableIpAccessLists == "true" else "lists off on {ws.workspace_id}"\n}\n\nwaive ${id} for "2718281828459045" until ${until} reason "r ${pkg}"\n`;
    writeTemp(dir, "z.perimeter", text("zeta.two", "Z-1", "2027-01-31"));
    writeTemp(dir, "a.perimeter", text("alpha.one", "A-1", "2026-12-31"));
    writeTemp(dir, "m.perimeter", "package mid.none\nlet x = 1\n");
    same([dir, ...exports.flatMap((e) => ["--input", e]), "--format", "json", ...NOW]);
  }, 60_000);

  it("passes integers beyond 2^53 to OPA with their digits (a workspace id of 16 digits)", () => {
    const dir = tempDir();
    const text = readFileSync(exports[1]!, "utf8").replaceAll("2718281828459045", "9876543210987655");
    const file = writeTemp(dir, "big-id.json", text);
    same([policies, "--input", file, "--input", exports[0]!, "--format", "json", ...NOW]);
    expect(runCli(["check", policies, "--input", file, "--format", "json", "--opa", OPA!, ...NOW]).stdout).toContain('"key": "9876543210987655"');
  }, 60_000);

  it("says in one line what OPA said when it fails", () => {
    const dir = tempDir();
    const fake = writeTemp(dir, "opa", "#!/bin/sh\necho 'rego_parse_error: something went wrong' >&2\nexit 3\n");
    chmodSync(fake, 0o755);
    const r = runCli(["check", policies, "--input", exports[0]!, "--opa", fake]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`error: opa eval (${fake}) failed with exit status 3: rego_parse_error: something went wrong\n`);
  });
});

describe("perimeter check --engine opa, without OPA", () => {
  it("--opa /nonexistent: exit 2, one line, no stack trace", () => {
    const r = runCli(["check", policies, "--input", exports[0]!, "--opa", "/nonexistent"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: --opa \/nonexistent: no such file; install OPA .*--engine wasm or --engine js\n$/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it("no opa on PATH: exit 2, says how to install OPA or use another engine", () => {
    const empty = tempDir();
    const r = runCli(["check", policies, "--input", exports[0]!, "--engine", "opa"], { env: { PATH: empty } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("error: --engine opa: no `opa` on PATH; install OPA (https://github.com/open-policy-agent/opa/releases)");
    expect(r.stderr).toContain("pass its path with --opa PATH, or use --engine wasm or --engine js");
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it("a directory as --opa: exit 2, one line", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "opa"));
    const r = runCli(["check", policies, "--input", exports[0]!, "--opa", join(dir, "opa")]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: --opa .*: cannot run it: permission denied; install OPA/);
  });

  it("--opa with another engine is a usage error; --help lists the engine", () => {
    const r = runCli(["check", policies, "--input", exports[0]!, "--engine", "js", "--opa", "/usr/bin/opa"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: --opa is for --engine opa, not --engine js");
    const help = runCli(["check", "--help"]);
    expect(help.stdout).toContain("opa (the policies compiled to Rego and evaluated by OPA");
    expect(help.stdout).toContain("--opa PATH");
  });

  it("evaluates exports in batches of bounded size, each with at least one export, in order", () => {
    expect(batches(["aa", "bb", "cccc", "d", "eeeeeeee", "f"], 5)).toEqual([[0, 1], [2, 3], [4], [5]]);
    expect(batches([], 5)).toEqual([]);
    expect(batches(["é"], 1)).toEqual([[0]]);
    expect(batchQuery(["alpha.one", "zeta.two"])).toBe(
      "reports := [[r0, r1] | x := input[_]; r0 := data.alpha.one.report with input as x; r1 := data.zeta.two.report with input as x]",
    );
  });
});
