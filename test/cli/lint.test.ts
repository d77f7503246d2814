// `perimeter lint`: exit codes, formats, and bad input of every kind without a stack trace.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasStackTrace, runCli, tempDir, writeTemp } from "../helpers/cli.js";

const good = 'import std.databricks\ncontrol A-1 "t" {\n  severity low\n  for ws in workspaces\n  egress ws {\n    restricted\n  }\n}\n';

describe("perimeter lint", () => {
  it("exits 0 on a clean file and says so", () => {
    const dir = tempDir();
    const r = runCli(["lint", writeTemp(dir, "ok.perimeter", good)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("1 file checked: 0 errors, 0 warnings");
  });

  it("exits 0 with warnings, 2 with errors, and renders file:line:col with a caret", () => {
    const dir = tempDir();
    expect(runCli(["lint", writeTemp(dir, "w.perimeter", `${good}let unused = 1\n`)]).code).toBe(0);
    const bad = writeTemp(dir, "bad.perimeter", good.replace("restricted", "restricted\n    enforced for \"appz\""));
    const r = runCli(["lint", bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("error[E0304]: `\"appz\"` is not a serverless product");
    expect(r.stdout).toContain(`${bad}:7:18`);
    expect(r.stdout).toMatch(/\n\s+\|\s+\^{6}\n/);
    expect(r.stdout).toContain("help: did you mean `\"apps\"`?");
  });

  it("lints every *.perimeter file under a directory", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "sub"));
    writeTemp(dir, "a.perimeter", good);
    writeTemp(join(dir, "sub"), "b.perimeter", good.replace("A-1", "A-2"));
    writeTemp(dir, "notes.txt", "not a policy");
    const r = runCli(["lint", dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("2 files checked");
  });

  it("prints diagnostics as JSON with --format json", () => {
    const dir = tempDir();
    const r = runCli(["lint", "--format", "json", writeTemp(dir, "x.perimeter", "let x = 10.0.0.1/8\nlet y = x\n")]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { diagnostics: { code: string; start: { line: number; column: number } }[] };
    expect(doc.diagnostics.map((d) => d.code)).toEqual(["E0403", "W0101"]);
    expect(doc.diagnostics[0]!.start).toEqual({ line: 1, column: 9 });
  });

  it.each([
    [["lint"], "no policy files given"],
    [["lint", "--format", "xml", "x"], "--format must be one of text, json"],
    [["lint", "--bogus", "x"], "unknown option '--bogus'"],
    [["frobnicate"], "unknown command `frobnicate`"],
  ])("exits 2 on bad usage: %j", (args, message) => {
    const r = runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(hasStackTrace(r.stderr + r.stdout)).toBe(false);
  });

  it("prints usage and version", () => {
    expect(runCli(["--help"]).code).toBe(0);
    expect(runCli(["lint", "--help"]).stdout).toContain("usage: perimeter lint");
    expect(runCli(["--version"]).stdout).toMatch(/^perimeter \d+\.\d+\.\d+/);
    expect(runCli([]).code).toBe(2);
  });

  it.each<[string, string | Buffer, number, RegExp]>([
    ["missing.perimeter", "", 2, /E0601/],
    ["empty.perimeter", "", 0, /0 errors/],
    ["binary.perimeter", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0xff, 0xfe, 0x00]), 2, /E060[12]/],
    ["latin1.perimeter", Buffer.from([0x6c, 0x65, 0x74, 0x20, 0x78, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0x22]), 2, /E0602/],
    ["deep.perimeter", `let x = ${"[".repeat(10000)}`, 2, /E0107/],
    ["nots.perimeter", `let x = ${"not ".repeat(20000)}true\nlet y = x\n`, 2, /E0107/],
    ["garbage.perimeter", "\u0001\u0002 ~~~ $$$ ```".repeat(2000), 2, /E0101/],
  ])("handles %s without a stack trace", (name, content, code, expected) => {
    const dir = tempDir();
    const path = name === "missing.perimeter" ? join(dir, name) : writeTemp(dir, name, content);
    const r = runCli(["lint", path]);
    expect(r.code).toBe(code);
    expect(r.stdout + r.stderr).toMatch(expected);
    expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
  });

  it("lints a 10 MB file", () => {
    const dir = tempDir();
    const line = "# padding comment to make a large policy file ...............................\n";
    const big = `${line.repeat(Math.ceil((10 * 1024 * 1024) / line.length))}${good}let broken = [1, 2\n`;
    const r = runCli(["lint", writeTemp(dir, "big.perimeter", big)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/E0104/);
    expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
  });
});
