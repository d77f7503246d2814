// `perimeter fmt` and `perimeter fmt --check` on real files: exit codes 0/1/2, the files
// listed, files rewritten or left alone, errors rendered like `lint`'s.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasStackTrace, runCli, tempDir, writeTemp } from "../helpers/cli.js";

const messy = 'control A-1   "t" {\n    severity low\n  for ws in workspaces\n  egress ws { restricted }\n}\n';
const tidy = 'control A-1 "t" {\n  severity low\n  for ws in workspaces\n  egress ws {\n    restricted\n  }\n}\n';

describe("perimeter fmt", () => {
  it("rewrites files that are not formatted, lists them, and leaves formatted ones alone", () => {
    const dir = tempDir();
    const a = writeTemp(dir, "a.perimeter", messy);
    const b = writeTemp(dir, "b.perimeter", tidy);
    const r = runCli(["fmt", a, b]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${a}\n1 file formatted, 1 unchanged\n`);
    expect(readFileSync(a, "utf8")).toBe(tidy);
    expect(readFileSync(b, "utf8")).toBe(tidy);
    expect(runCli(["fmt", a, b]).stdout).toBe("0 files formatted, 2 unchanged\n");
  });

  it("--check writes nothing, lists the files that would change and exits 1", () => {
    const dir = tempDir();
    const a = writeTemp(dir, "a.perimeter", messy);
    const b = writeTemp(dir, "b.perimeter", tidy);
    const r = runCli(["fmt", "--check", a, b]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${a}\n1 file of 2 not formatted\n`);
    expect(readFileSync(a, "utf8")).toBe(messy);
  });

  it("--check exits 0 when every file is formatted", () => {
    const dir = tempDir();
    const r = runCli(["fmt", "--check", writeTemp(dir, "b.perimeter", tidy)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("1 file already formatted\n");
  });

  it("searches directories for *.perimeter files", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "sub"));
    writeTemp(dir, "a.perimeter", messy);
    writeTemp(join(dir, "sub"), "c.perimeter", messy.replace("A-1", "A-2"));
    writeTemp(dir, "notes.txt", "not a policy   ");
    const r = runCli(["fmt", "--check", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${join(dir, "a.perimeter")}\n${join(dir, "sub", "c.perimeter")}\n2 files of 2 not formatted\n`);
    expect(runCli(["fmt", dir]).code).toBe(0);
    expect(runCli(["fmt", "--check", dir]).code).toBe(0);
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("not a policy   ");
  });

  it("exits 2 on syntax errors, printing them, and formats the other files", () => {
    const dir = tempDir();
    const bad = writeTemp(dir, "bad.perimeter", "let x = 1\nlet broken = (1 +\n");
    const a = writeTemp(dir, "a.perimeter", messy);
    for (const args of [["fmt", bad, a], ["fmt", "--check", bad]]) {
      const r = runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("error[E0104]: expected an expression, found end of file");
      expect(r.stderr).toContain(`--> ${bad}:2:18`);
      expect(r.stderr).toMatch(/\n\s*\|\s+\^\n/);
      expect(r.stderr).toContain("1 error, 0 warnings: files with errors were not formatted");
      expect(hasStackTrace(r.stderr + r.stdout)).toBe(false);
    }
    expect(readFileSync(bad, "utf8")).toBe("let x = 1\nlet broken = (1 +\n");
    expect(readFileSync(a, "utf8")).toBe(tidy);
  });

  it("exits 2 on a missing file", () => {
    const r = runCli(["fmt", "--check", "no/such/file.perimeter"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error[E0601]: cannot read `no/such/file.perimeter`: no such file or directory");
  });

  it("honours a Prettier configuration file beside the policies", () => {
    const dir = tempDir();
    writeTemp(dir, ".prettierrc.json", '{ "printWidth": 40 }');
    const f = writeTemp(dir, "w.perimeter", 'let zones = ["a.example.com", "b.example.com"]\n');
    expect(runCli(["fmt", f]).code).toBe(0);
    expect(readFileSync(f, "utf8")).toBe('let zones = [\n  "a.example.com",\n  "b.example.com",\n]\n');
  });

  it.each([
    [["fmt"], "no policy files given"],
    [["fmt", "--write", "x.perimeter"], "unknown option '--write'"],
  ])("exits 2 on bad usage: %j", (args, message) => {
    const r = runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it("prints its usage with --help and is listed by perimeter --help", () => {
    const r = runCli(["fmt", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("usage: perimeter fmt [--check] POLICY|DIR...");
    expect(runCli(["--help"]).stdout).toMatch(/\n {2}fmt +format policy files/);
  });
});
