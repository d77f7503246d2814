// The V8 code cache of the bundled binary (src/cli/launch.ts): the first run of a command
// writes an entry under $XDG_CACHE_HOME/perimeter/code-v1, later runs read it and print exactly
// what a run without it prints; an entry that is corrupt, altered with a valid digest, or
// refused by V8 is ignored and rewritten, never an error; PERIMETER_NO_CACHE writes none, and
// `--no-cache` (the policies compiled from source) keeps it.
import { createHash } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshCacheHome, runCli } from "../helpers/cli.js";

const dev = join(import.meta.dirname, "..", "fixtures", "exports", "contoso-dev-azure-noncompliant.json");
const CHECK = ["check", "policies", "--input", dev, "--now", "2026-11-28", "--format", "json", "--max-export-age", "36500"];

const home = () => freshCacheHome("code-v1");

const withDigest = (body: Buffer): Buffer => Buffer.concat([Buffer.from(`${createHash("sha256").update(body).digest("hex")}\n`), body]);

describe("the code cache of the binary", () => {
  it("is written by a command's first run, one entry per command, and read by the next, with the same output", () => {
    const h = home();
    const plain = runCli(CHECK, { env: { ...h.env, PERIMETER_NO_CACHE: "1" } });
    expect(plain.code).toBe(1);
    expect(h.entries()).toEqual([]);
    const first = runCli(CHECK, { env: h.env });
    expect(first.stdout).toBe(plain.stdout);
    const [entry, ...more] = h.entries();
    expect(more).toEqual([]);
    expect(entry).toMatch(/^v8-[0-9a-f]{64}$/);
    // A V8 code cache, behind the digest every cache entry carries.
    expect(statSync(join(h.dir, entry!)).size).toBeGreaterThan(100_000);
    const mtime = statSync(join(h.dir, entry!)).mtimeMs;
    const second = runCli(CHECK, { env: h.env });
    expect(second).toEqual(first);
    expect(statSync(join(h.dir, entry!)).mtimeMs).toBe(mtime);
    // `--no-cache` is about the policies: the tool's code cache is still read (nothing new written).
    expect(runCli([...CHECK, "--no-cache"], { env: h.env }).stdout).toBe(plain.stdout);
    expect(h.entries()).toEqual([entry]);
    // Another command has its own entry.
    expect(runCli(["lint", "policies"], { env: h.env }).code).toBe(0);
    expect(h.entries()).toHaveLength(2);
  });

  it("ignores and rewrites an entry that is truncated, garbage, or refused by V8", () => {
    const h = home();
    const first = runCli(CHECK, { env: h.env });
    const [entry] = h.entries();
    const file = join(h.dir, entry!);
    const good = readFileSync(file);
    const spoiled: Buffer[] = [
      good.subarray(0, 1000), // truncated: fails its digest
      Buffer.concat([good.subarray(0, 70), Buffer.from("garbage"), good.subarray(77)]), // fails its digest
      withDigest(Buffer.from("not a V8 code cache at all")), // a valid digest; V8 refuses the data
      withDigest(good.subarray(65, good.length - 64)), // a valid digest over a cut code cache
    ];
    for (const bytes of spoiled) {
      writeFileSync(file, bytes);
      const r = runCli(CHECK, { env: h.env });
      expect(r).toEqual(first);
      expect(readFileSync(file).equals(bytes)).toBe(false);
      expect(h.entries()).toEqual([entry]);
    }
  });

  it("is not read for --version, which never loads the tool", () => {
    const h = home();
    const r = runCli(["--version"], { env: h.env });
    expect(r.stdout).toMatch(/^perimeter \d+\.\d+\.\d+\n$/);
    expect(h.entries()).toEqual([]);
    // main.ts prints the same line when --version comes with a global option.
    expect(runCli(["--no-color", "--version"], { env: h.env }).stdout).toBe(r.stdout);
  });
});
