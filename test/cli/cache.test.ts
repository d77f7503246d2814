// The cache of compiled policies (src/cli/cache.ts, policy-cache.ts), through the bundled
// binary: a second run reads the entry and says exactly what a compilation says; a corrupt,
// altered or unreadable entry is ignored and rewritten, never an error; `--no-cache` and
// PERIMETER_NO_CACHE neither read nor write; an edited policy makes a new entry; a library
// file that changed under an entry makes it a miss.
import { createHash } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheDirectory } from "../../src/cli/cache.js";
import { freshCacheHome, runCli, stderrBeyondGaps, tempDir, writeTemp } from "../helpers/cli.js";

const fixtures = join(import.meta.dirname, "..", "fixtures");
const dev = join(fixtures, "exports", "contoso-dev-azure-noncompliant.json");
const NOW = "2026-11-28";
/** A policy of the user's that imports the bundled library (std.databricks). */
const PASSING = 'import std.databricks\ncontrol OK-1 "restricted egress" {\n  severity high\n  for ws in workspaces\n  egress ws {\n    restricted\n  }\n}\n';

/** A fresh cache home and the entries under it. */
const home = () => freshCacheHome("v1");

const check = (env: Record<string, string>, ...extra: string[]) => runCli(["check", "policies", "--input", dev, "--now", NOW, "--format", "json", "--max-export-age", "36500", ...extra], { env });

/** Rewrites an entry's body, keeping its digest line valid (what a stale or hand-edited entry would look like). */
function rewriteEntry(file: string, edit: (body: string) => string): void {
  const text = readFileSync(file, "utf8");
  const body = edit(text.slice(65));
  writeFileSync(file, `${createHash("sha256").update(body).digest("hex")}\n${body}`);
}

describe("the cache of compiled policies", () => {
  it("is written by the first run and read by the second, with the same report in every engine and format", () => {
    const h = home();
    const first = check(h.env);
    expect(first.code).toBe(1);
    const names = h.entries();
    expect(names.filter((n) => n.endsWith(".json"))).toHaveLength(1);
    expect(names.filter((n) => n.endsWith(".wasm"))).toHaveLength(1);
    const mtimes = names.map((n) => statSync(join(h.dir, n)).mtimeMs);
    const second = check(h.env);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe(first.stdout);
    expect(h.entries()).toEqual(names);
    expect(names.map((n) => statSync(join(h.dir, n)).mtimeMs)).toEqual(mtimes);
    for (const format of ["sarif", "markdown", "text"]) {
      const cached = runCli(["check", "policies", "--input", dev, "--now", NOW, "--format", format], { env: h.env });
      const compiled = runCli(["check", "policies", "--input", dev, "--now", NOW, "--format", format, "--no-cache"], { env: h.env });
      expect(cached.stdout).toBe(compiled.stdout);
    }
    // The js engine evaluates the cached IR with the reference evaluator.
    expect(check(h.env, "--engine", "js").stdout).toBe(first.stdout);
  });

  it("is what a hit runs: an entry altered with a valid digest shows in the report", () => {
    const h = home();
    check(h.env, "--engine", "js");
    const json = h.entries().find((n) => n.endsWith(".json"))!;
    rewriteEntry(join(h.dir, json), (body) => body.replace(/"title":"[^"]*"/, '"title":"FROM THE CACHE"'));
    expect(check(h.env, "--engine", "js").stdout).toContain("FROM THE CACHE");
    expect(check(h.env, "--engine", "js", "--no-cache").stdout).not.toContain("FROM THE CACHE");
  });

  it("ignores and rewrites a corrupt entry: truncated, garbage, a module that does not match its digest", () => {
    const h = home();
    const reference = check(h.env).stdout;
    const json = join(h.dir, h.entries().find((n) => n.endsWith(".json"))!);
    const wasm = join(h.dir, h.entries().find((n) => n.endsWith(".wasm"))!);
    const good = readFileSync(json);
    for (const damage of [
      () => writeFileSync(json, good.subarray(0, 100)),
      () => writeFileSync(json, "not an entry"),
      () => rewriteEntry(json, () => "{not json"),
      () => rewriteEntry(json, () => "[1,2,3]"),
      () => writeFileSync(wasm, Buffer.from("garbage")),
      () => rewriteEntry(wasm, (body) => body.slice(0, 10)),
    ]) {
      damage();
      const r = check(h.env);
      expect(r.code).toBe(1);
      expect(stderrBeyondGaps(r.stderr)).toEqual([]);
      expect(r.stdout).toBe(reference);
      // Rewritten: the next run reads a valid entry again.
      expect(readFileSync(json)).toEqual(good);
    }
  });

  it("is a miss when a library file an entry was built from changed (its digest is checked on every hit)", () => {
    const h = home();
    const policy = writeTemp(tempDir(), "p.perimeter", PASSING);
    const run = () => runCli(["check", policy, "--input", dev, "--format", "json", "--now", NOW, "--engine", "js"], { env: h.env });
    const reference = run().stdout;
    const json = join(h.dir, h.entries().find((n) => n.endsWith(".json"))!);
    rewriteEntry(json, (body) => {
      const entry = JSON.parse(body);
      const lib = entry.units.find((u: { user: boolean }) => !u.user);
      expect(lib).toBeDefined();
      lib.sha256 = "0".repeat(64);
      entry.ir.controls[0].title = "STALE";
      return JSON.stringify(entry);
    });
    const r = run();
    expect(r.stdout).toBe(reference);
    expect(readFileSync(json, "utf8")).not.toContain("STALE");
  });

  it("keys entries by the policy files: an edited policy makes a new entry and its own report", () => {
    const h = home();
    const dir = tempDir();
    const policy = PASSING;
    const file = writeTemp(dir, "p.perimeter", policy);
    const a = runCli(["check", file, "--input", dev, "--format", "json", "--now", NOW], { env: h.env });
    writeFileSync(file, policy.replace("OK-1", "OK-2"));
    const b = runCli(["check", file, "--input", dev, "--format", "json", "--now", NOW], { env: h.env });
    expect(a.stdout).toContain('"OK-1"');
    expect(b.stdout).toContain('"OK-2"');
    expect(b.stdout).not.toContain('"OK-1"');
    expect(h.entries().filter((n) => n.endsWith(".json"))).toHaveLength(2);
  });

  it("never caches policy errors: they are reported on every run", () => {
    const h = home();
    const bad = writeTemp(tempDir(), "bad.perimeter", 'control X "x" {\n  severity nope\n}\n');
    for (let i = 0; i < 2; i++) {
      const r = runCli(["check", bad, "--input", dev], { env: h.env });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("bad.perimeter:1:9");
    }
    expect(h.entries()).toEqual([]);
  });

  it("is bypassed by --no-cache and PERIMETER_NO_CACHE: nothing is read or written", () => {
    const h = home();
    expect(check(h.env, "--no-cache").code).toBe(1);
    expect(check({ ...h.env, PERIMETER_NO_CACHE: "1" }).code).toBe(1);
    expect(h.entries()).toEqual([]);
    expect(check({ ...h.env, PERIMETER_NO_CACHE: "0" }).code).toBe(1);
    expect(h.entries()).toHaveLength(2);
  });

  it("never fails a run when the cache directory cannot be written", () => {
    const file = writeTemp(tempDir(), "not-a-directory", "x");
    const r = check({ XDG_CACHE_HOME: file });
    expect(r.code).toBe(1);
    expect(stderrBeyondGaps(r.stderr)).toEqual([]);
    expect(JSON.parse(r.stdout)).toHaveProperty("controls");
  });

  it("lives in $XDG_CACHE_HOME/perimeter when that is absolute, else ~/.cache/perimeter", () => {
    expect(cacheDirectory({ XDG_CACHE_HOME: "/var/cache/me", HOME: "/home/u" })).toBe("/var/cache/me/perimeter");
    expect(cacheDirectory({ XDG_CACHE_HOME: "relative/dir" })).toMatch(/[\\/]\.cache[\\/]perimeter$/);
    expect(cacheDirectory({})).toMatch(/[\\/]\.cache[\\/]perimeter$/);
  });
});

describe("the cache of lint results", () => {
  const policy = `${PASSING}
waive OK-1 for 3141592653589793
  until 2027-01-31
  reason "dry-run"
  approved_by "ciso@contoso.com"

test "a fixture" {
  given "fixture.json"
  expect OK-1 pass for 3141592653589793
}
`;
  const lint = (env: Record<string, string>, file: string, ...extra: string[]) => runCli(["lint", file, ...extra], { env });

  it("gives what linting from source gives, in text and JSON, and depends on --now and on the fixtures that exist", () => {
    const h = home();
    const dir = tempDir();
    const file = writeTemp(dir, "p.perimeter", policy);
    for (const args of [["--now", "2026-12-01"], ["--now", "2027-02-15"], ["--now", "2027-02-15", "--format", "json"]]) {
      const first = lint(h.env, file, ...args);
      const second = lint(h.env, file, ...args);
      const fresh = lint(h.env, file, ...args, "--no-cache");
      expect(second.stdout).toBe(first.stdout);
      expect(fresh.stdout).toBe(first.stdout);
      expect(second.code).toBe(fresh.code);
    }
    expect(lint(h.env, file, "--now", "2026-12-01").stdout).not.toContain("W0110");
    expect(lint(h.env, file, "--now", "2027-02-15").stdout).toContain("W0110");
    expect(lint(h.env, file, "--now", "2027-02-15").stdout).toContain("W0108");
    // The fixture appears: the recorded lookup no longer holds, so the warning goes.
    writeTemp(dir, "fixture.json", "{}");
    const after = lint(h.env, file, "--now", "2027-02-15");
    expect(after.stdout).not.toContain("W0108");
    expect(after.stdout).toBe(lint(h.env, file, "--now", "2027-02-15", "--no-cache").stdout);
  });

  it("reports errors from the cache as from source (exit 2, same text)", () => {
    const h = home();
    const bad = writeTemp(tempDir(), "bad.perimeter", 'control X "x" {\n  severity nope\n}\n');
    const a = lint(h.env, bad);
    const b = lint(h.env, bad);
    expect(a.code).toBe(2);
    expect(b.code).toBe(2);
    expect(b.stdout).toBe(a.stdout);
    expect(h.entries().filter((n) => n.startsWith("lint-"))).toHaveLength(1);
  });
});
