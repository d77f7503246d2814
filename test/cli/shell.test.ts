// The CLI in a shell: `--input` with several files, directories and standard input; missing
// paths; `-o`; several reports from one run; `--quiet`; colour; "did you mean" for options and
// commands; the configuration file (found upward, flags over keys, paths from its folder, its
// problems at file:line:column). Every case spawns the built CLI, several processes per test:
// hence the longer timeouts on a loaded machine.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { expandGreedy, optionHint } from "../../src/cli/options.js";
import { parseConfig } from "../../src/io/config-file.js";
import { parseTargets } from "../../src/cli/output.js";
import { packagePath } from "../../src/paths.js";
import { validateSarif } from "../report/sarif-schema.js";
import { hasStackTrace, runCli, tempDir } from "../helpers/cli.js";

const examples = packagePath("examples", "exports");
const aws = join(examples, "acme-aws-prod.json");
const dev = join(examples, "contoso-dev-azure-noncompliant.json");
const prod = join(examples, "contoso-prod-azure-compliant.json");
const partial = join(examples, "contoso-partial-collection-errors.json");
const policies = packagePath("policies");
// The examples were exported months before this date: the stale-export warning is the subject of check.test.ts, not of these.
const NOW = ["--now", "2026-11-28", "--max-export-age", "36500"];

const json = (text: string) => JSON.parse(text) as { controls: { id: string; status: string }[] } | { controls: { id: string; status: string }[] }[];
const statuses = (r: { controls: { id: string; status: string }[] }) => r.controls.map((c) => `${c.id}:${c.status}`);

/** A folder with copies of exports (so their names in reports are predictable). */
function exportsDir(files: readonly string[]): string {
  const dir = tempDir();
  for (const f of files) copyFileSync(f, join(dir, f.split("/").pop()!));
  return dir;
}

describe("--input", { timeout: 240_000 }, () => {
  it("takes several files after one --input (what a glob expands to), before or after the policies", () => {
    const several = runCli(["check", policies, "--input", aws, dev, prod, "--format", "json", ...NOW]);
    const repeated = runCli(["check", policies, "-i", aws, "-i", dev, "-i", prod, "--format", "json", ...NOW]);
    expect(several.stderr).not.toContain("E0104");
    expect(several.code).toBe(1);
    expect(several.stdout).toBe(repeated.stdout);
    expect(json(several.stdout)).toHaveLength(3);
    // `--` ends the list when the policies come after it.
    const after = runCli(["check", "--input", aws, dev, prod, "--format", "json", ...NOW, "--", policies]);
    expect(after.code).toBe(1);
    expect(after.stdout).toBe(several.stdout);
  });

  it("says where the policies went when they follow the inputs without `--`", () => {
    const r = runCli(["check", "--input", aws, policies]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: no policy files given");
    expect(r.stderr).toContain("end the inputs with `--`");
  });

  it("reads every *.json of a directory, sorted by name, and nothing else", () => {
    const dir = exportsDir([prod, aws, dev]);
    writeFileSync(join(dir, "notes.txt"), "not an export");
    mkdirSync(join(dir, "nested.json"));
    const r = runCli(["check", policies, "--input", dir, "--format", "json", ...NOW]);
    expect(r.stderr).toBe("");
    const reports = json(r.stdout) as { controls: unknown[] }[];
    expect(reports).toHaveLength(3);
    const text = runCli(["check", policies, "--input", dir, ...NOW]).stdout;
    const titles = text.split("\n").filter((l) => l.startsWith(dir));
    expect(titles.map((t) => t.slice(dir.length + 1).split(" ")[0])).toEqual(["acme-aws-prod.json", "contoso-dev-azure-noncompliant.json", "contoso-prod-azure-compliant.json"]);
    // A file named both directly and through its directory is read once.
    expect(json(runCli(["check", policies, "--input", dir, join(dir, "acme-aws-prod.json"), "--format", "json", ...NOW]).stdout)).toHaveLength(3);
  });

  it("reads standard input for `-`, as `perimeter export | perimeter check policies --input -` does", () => {
    const piped = runCli(["check", policies, "--input", "-", "--format", "json", ...NOW], { input: readFileSync(aws) });
    const file = runCli(["check", policies, "--input", aws, "--format", "json", ...NOW]);
    expect(piped.code).toBe(file.code);
    expect(piped.stderr).toBe("");
    expect(statuses(json(piped.stdout) as never)).toEqual(statuses(json(file.stdout) as never));
    // Longer than one read of the pipe (64 KiB): every chunk is read.
    const padded = runCli(["check", policies, "--input", "-", "--format", "json", ...NOW], { input: Buffer.concat([readFileSync(aws), Buffer.from(" \n".repeat(150_000))]) });
    expect(padded.stderr).toBe("");
    expect(padded.stdout).toBe(piped.stdout);
    // Named <stdin> in the reports; with files around it, in the order given.
    const text = runCli(["check", policies, "--input", dev, "-", ...NOW], { input: readFileSync(aws) }).stdout;
    expect(text).toMatch(/^<stdin> \(account 7f3e9a21/m);
    expect(text.indexOf("contoso-dev-azure-noncompliant.json")).toBeLessThan(text.indexOf("<stdin>"));
    // SARIF stamps the digest of the bytes read and stays valid.
    const sarif = JSON.parse(runCli(["check", policies, "--input", "-", "--format", "sarif", ...NOW], { input: readFileSync(aws) }).stdout);
    expect(validateSarif(sarif)).toBe(true);
    expect(JSON.stringify(sarif)).toContain(JSON.stringify(sarif.runs[0].artifacts.find((a: { location: { uri: string } }) => a.location.uri === "%3Cstdin%3E").hashes));
    // Bad JSON on stdin is a problem of <stdin>, with its line and column.
    const bad = runCli(["check", policies, "--input", "-"], { input: "{\n  oops" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: <stdin>:2:3: /);
    // explain reads stdin too.
    const ex = runCli(["explain", "APPS-ING-002", policies, "--input", "-", "--now", "2026-11-28"], { input: readFileSync(aws) });
    expect(ex.code).toBe(1);
    expect(ex.stdout).toContain("acme-prod (5561234987650123) at /workspaces/0: fail");
  });

  it("says which path is missing or unreadable, and why — not a schema message — and evaluates nothing", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "empty"));
    const missing = join(dir, "missing.json");
    const r = runCli(["check", policies, "--input", aws, missing, join(dir, "empty"), "-", "-"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([
      `error: --input ${missing}: no such file or directory`,
      `error: --input ${join(dir, "empty")}: no *.json files in the directory`,
      "error: --input -: standard input can be read only once",
    ]);
    expect(r.stderr).not.toContain("dbx-network-export/v1");
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it("says a file cannot be read when its permissions forbid it", (ctx) => {
    if (process.getuid?.() === 0) ctx.skip(); // root reads any file
    const dir = tempDir();
    const locked = join(dir, "locked.json");
    copyFileSync(aws, locked);
    chmodSync(locked, 0o000);
    const r = runCli(["check", policies, "--input", locked]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`error: --input ${locked}: cannot read the file: permission denied`);
  });

  it("expands a greedy list up to the next option or `--`", () => {
    const opts = { input: { type: "string", short: "i", multiple: true }, now: { type: "string" } } as const;
    expect(expandGreedy(["p", "-i", "a", "b", "-", "--now", "x", "c"], opts, ["input"])).toEqual(["p", "-i", "a", "--input=b", "--input=-", "--now", "x", "c"]);
    expect(expandGreedy(["--input=a", "b", "--", "c"], opts, ["input"])).toEqual(["--input=a", "--input=b", "--", "c"]);
    expect(expandGreedy(["--input"], opts, ["input"])).toEqual(["--input"]);
  });
});

describe("-o/--output and several reports", { timeout: 240_000 }, () => {
  it("writes the report to -o FILE (creating its folder) for check, explain, lint, test and catalogue", () => {
    const dir = tempDir();
    const cases: [string[], string, number][] = [
      [["check", policies, "--input", aws, ...NOW], "check.txt", 1],
      [["explain", "APPS-ING-002", policies, "--input", aws, "--now", "2026-11-28"], "explain.txt", 1],
      [["lint", policies], "lint.txt", 0],
      [["test", packagePath("test", "fixtures", "language")], "test.txt", 0],
      [["catalogue", policies], "catalogue.md", 0],
    ];
    for (const [args, name, code] of cases) {
      const toStdout = runCli(args);
      const out = join(dir, "sub", name);
      const toFile = runCli([...args, "-o", out]);
      expect(toFile.code, name).toBe(code);
      expect(toStdout.code, name).toBe(code);
      expect(toFile.stdout, name).toBe("");
      expect(readFileSync(out, "utf8"), name).toBe(toStdout.stdout);
    }
  });

  it("writes further reports with --format FORMAT=FILE, the same as separate runs", () => {
    const dir = tempDir();
    const r = runCli(["check", policies, "--input", aws, dev, ...NOW, "--format", "sarif=" + join(dir, "out", "perimeter.sarif"), "--format", `markdown=${join(dir, "summary.md")}`, "-f", `json=${join(dir, "r.json")}`]);
    expect(r.code).toBe(1);
    // No bare --format: the text report still goes to stdout.
    expect(r.stdout).toBe(runCli(["check", policies, "--input", aws, dev, ...NOW]).stdout);
    for (const [format, file] of [
      ["sarif", join(dir, "out", "perimeter.sarif")],
      ["markdown", join(dir, "summary.md")],
      ["json", join(dir, "r.json")],
    ] as const) {
      expect(readFileSync(file, "utf8"), format).toBe(runCli(["check", policies, "--input", aws, dev, ...NOW, "--format", format]).stdout);
    }
    expect(validateSarif(JSON.parse(readFileSync(join(dir, "out", "perimeter.sarif"), "utf8")))).toBe(true);
    // A bare --format chooses the main report, to stdout or -o.
    const main = runCli(["check", policies, "--input", aws, ...NOW, "--format", "junit", "--format", `json=${join(dir, "j.json")}`, "-o", join(dir, "main.xml")]);
    expect(main.stdout).toBe("");
    expect(readFileSync(join(dir, "main.xml"), "utf8")).toMatch(/^<\?xml/);
  });

  it("rejects ambiguous or impossible outputs with a clear message", () => {
    const dir = tempDir();
    const bad: [string[], string][] = [
      [["-f", "json", "-f", "sarif"], "error: more than one report for standard output\n  hint: give one bare `--format FORMAT` (it goes to stdout or -o FILE) and `--format FORMAT=FILE` for the others"],
      [["-f", "sarif="], "error: --format sarif=: no file after `=`\n  hint: --format sarif=report.sarif"],
      [["-f", "jsn"], "error: --format must be one of text, json, sarif, junit, github, markdown, html, not `jsn`\n  hint: did you mean `json`?"],
      [["-f", `json=${join(dir, "a")}`, "-f", `sarif=${join(dir, "a")}`], `error: two reports would be written to \`${join(dir, "a")}\``],
      [["-o", dir], `error: -o ${dir}: cannot write the file: it is a directory`],
    ];
    for (const [args, message] of bad) {
      const r = runCli(["check", policies, "--input", aws, "--max-export-age", "36500", ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim(), args.join(" ")).toBe(message);
    }
    expect(parseTargets(["sarif=-"], undefined, ["text", "sarif"], "text")).toEqual({ main: { format: "sarif", file: undefined }, extra: [] });
  });
});

describe("--quiet, colour, did you mean", { timeout: 240_000 }, () => {
  it("check --quiet lists only what fails or is unknown, and the summary", () => {
    const full = runCli(["check", policies, "--input", dev, partial, ...NOW]);
    const quiet = runCli(["check", policies, "--input", dev, partial, ...NOW, "--quiet"]);
    expect(quiet.code).toBe(full.code);
    expect(quiet.stdout).not.toMatch(/^PASS /m);
    expect(quiet.stdout).not.toMatch(/^N\/A /m);
    expect(quiet.stdout).not.toMatch(/^ +✓ /m);
    expect(quiet.stdout).toMatch(/^FAIL /m);
    expect(quiet.stdout).toMatch(/^UNKNOWN /m);
    const failing = full.stdout.split("\n").filter((l) => /^(FAIL|UNKNOWN) /.test(l));
    expect(quiet.stdout.split("\n").filter((l) => /^[A-Z/]+ +[A-Z]+-/.test(l))).toEqual(failing);
    const summary = (s: string) => s.trim().split("\n").pop();
    expect(summary(quiet.stdout)).toBe(summary(full.stdout));
    // Machine formats stay complete.
    expect(runCli(["check", policies, "--input", dev, partial, ...NOW, "-q", "-f", "json"]).stdout).toBe(runCli(["check", policies, "--input", dev, partial, ...NOW, "-f", "json"]).stdout);
  });

  it("lint --quiet prints errors only; test --quiet only the failing runs", () => {
    const dir = tempDir();
    const warn = join(dir, "warn.perimeter");
    writeFileSync(warn, 'import std.databricks\ncontrol A-1 "t" {\n  severity low\n  for ws in workspaces\n  egress ws {\n    restricted\n  }\n}\nlet unused = 1\n');
    const full = runCli(["lint", warn]);
    expect(full.stdout).toContain("warning[");
    const quiet = runCli(["lint", warn, "--quiet"]);
    expect(quiet.stdout.trim()).toBe(full.stdout.trim().split("\n").pop());
    const tests = runCli(["test", packagePath("test", "fixtures", "language"), "-q"]);
    expect(tests.code).toBe(0);
    expect(tests.stdout).not.toContain("✓");
    expect(tests.stdout).toMatch(/test runs?: \d+ passed, 0 failed/);
  });

  it("colours on request, never with --no-color, and follows NO_COLOR / FORCE_COLOR", () => {
    const args = ["check", policies, "--input", aws, ...NOW];
    const esc = "\u001b[";
    expect(runCli(args).stdout).not.toContain(esc); // a pipe, NO_COLOR=1 (the helper's default)
    expect(runCli(args, { env: { NO_COLOR: "", FORCE_COLOR: "1" } }).stdout).toContain(esc);
    expect(runCli(args, { env: { NO_COLOR: "1", FORCE_COLOR: "1" } }).stdout).toContain(esc);
    expect(runCli([...args, "--no-color"], { env: { NO_COLOR: "", FORCE_COLOR: "1" } }).stdout).not.toContain(esc);
    expect(runCli(["--no-color", ...args], { env: { NO_COLOR: "", FORCE_COLOR: "1" } }).stdout).not.toContain(esc);
    expect(runCli([...args, "--color"]).stdout).toContain(esc);
    // A file never gets colour.
    const out = join(tempDir(), "r.txt");
    runCli([...args, "-o", out], { env: { NO_COLOR: "", FORCE_COLOR: "1" } });
    expect(readFileSync(out, "utf8")).not.toContain(esc);
  });

  it("suggests the closest option and command", () => {
    const cases: [string[], string][] = [
      [["check", policies, "--fromat", "json"], "error: unknown option '--fromat'\n  hint: did you mean `--format`?"],
      [["check", policies, "--input", aws, "--fail_on", "high"], "error: unknown option '--fail_on'\n  hint: did you mean `--fail-on`?"],
      [["lint", "--quite", policies], "error: unknown option '--quite'\n  hint: did you mean `--quiet`?"],
      [["chekc"], "error: unknown command `chekc`\n  hint: did you mean `check`?"],
      [["cataloge"], "error: unknown command `cataloge`\n  hint: did you mean `catalogue`?"],
      [["frobnicate"], "error: unknown command `frobnicate`\n  hint: commands: catalogue, check, compile, explain, export, fmt, lint, lsp, test"],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim(), args.join(" ")).toBe(message);
    }
    expect(optionHint("-x", { quiet: { type: "boolean", short: "q" } })).toBe("options: --quiet, -q");
  });
});

describe("the configuration file", { timeout: 240_000 }, () => {
  /** A project: perimeter.yaml at its root, exports/ and a sub/ folder to run from. */
  function project(config: string, name = "perimeter.yaml"): string {
    const dir = tempDir();
    mkdirSync(join(dir, "exports"));
    mkdirSync(join(dir, "sub", "deeper"), { recursive: true });
    copyFileSync(aws, join(dir, "exports", "aws.json"));
    copyFileSync(dev, join(dir, "exports", "dev.json"));
    writeFileSync(join(dir, name), config);
    return dir;
  }
  const policiesFrom = (dir: string) => relative(dir, policies);

  it("is found upward from the working directory; its paths are relative to its folder", () => {
    for (const name of ["perimeter.yaml", ".perimeter.yaml"]) {
      const dir = project("", name);
      writeFileSync(join(dir, name), `policies: ${policiesFrom(dir)}\ninput: [exports/aws.json, exports/dev.json]\nformat: [json, sarif=out/perimeter.sarif]\nfail-on: critical\n`);
      const r = runCli(["check", ...NOW], { cwd: join(dir, "sub", "deeper") });
      expect(r.stderr, name).toBe("");
      expect(r.code, name).toBe(1); // dev fails a critical control
      expect(json(r.stdout), name).toHaveLength(2);
      expect(existsSync(join(dir, "out", "perimeter.sarif")), name).toBe(true);
      expect(existsSync(join(dir, "sub", "deeper", "out")), name).toBe(false);
    }
  });

  it("gives way to flags: each flag replaces its key", () => {
    const dir = project("");
    writeFileSync(join(dir, "perimeter.yaml"), `policies: [${policiesFrom(dir)}]\ninput: exports\nformat: json\nfail-on: critical\nquiet: true\n`);
    const base = runCli(["check", ...NOW], { cwd: dir });
    expect(json(base.stdout)).toHaveLength(2);
    const one = runCli(["check", ...NOW, "--input", join(dir, "exports", "aws.json"), "--format", "text", "--fail-on", "info"], { cwd: dir });
    expect(one.stdout).toMatch(/^FAIL /m);
    expect(one.stdout).not.toMatch(/^PASS /m); // quiet still comes from the file
    expect(one.stdout).not.toContain("dev.json");
    // aws fails only high and medium controls: critical (the file) passes, info (the flag) fails.
    expect(runCli(["check", ...NOW, "--input", join(dir, "exports", "aws.json")], { cwd: dir }).code).toBe(0);
    expect(one.code).toBe(1);
    // The file's booleans are turned off by their --no- flags; both forms at once are refused.
    const loud = runCli(["check", ...NOW, "--input", join(dir, "exports", "aws.json"), "--format", "text", "--no-quiet"], { cwd: dir });
    expect(loud.stdout).toMatch(/^PASS /m);
    const both = runCli(["check", ...NOW, "--quiet", "--no-quiet"], { cwd: dir });
    expect([both.code, both.stderr.trim()]).toEqual([2, "error: --quiet and --no-quiet contradict each other"]);
    writeFileSync(join(dir, "sub", "library.yaml"), "library: true\ninput: ../exports/aws.json\nformat: json\n");
    const withLibrary = json(runCli(["check", ...NOW, "--config", join(dir, "sub", "library.yaml")], { cwd: dir }).stdout) as { controls: { id: string }[] };
    expect(withLibrary.controls.map((c) => c.id)).toContain("APPS-ING-001");
    const withoutLibrary = runCli(["check", ...NOW, "--config", join(dir, "sub", "library.yaml"), "--no-library"], { cwd: dir });
    expect([withoutLibrary.code, withoutLibrary.stderr]).toEqual([2, expect.stringContaining("no policy files given")]);
    // --no-config ignores it; --config names another.
    expect(runCli(["check", ...NOW, "--no-config"], { cwd: dir }).stderr).toContain("no policy files given");
    writeFileSync(join(dir, "sub", "other.yaml"), `policies: ../${policiesFrom(dir)}\ninput: ../exports/aws.json\n`);
    const other = runCli(["check", ...NOW, "--config", join(dir, "sub", "other.yaml")], { cwd: dir });
    expect(other.stdout).toMatch(/^PASS /m);
    expect(other.stdout).not.toContain("dev.json");
  });

  it("reports its problems with file, line and column, with suggestions, and evaluates nothing", () => {
    const dir = project("policies: policies\ninptu: exports\nfail-on: hihg\nformat: [text, 3]\nquiet: yes\nengine: opa\n");
    const r = runCli(["check"], { cwd: join(dir, "sub") });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([
      "error: ../perimeter.yaml:2:1: unknown key `inptu`; did you mean `input`?",
      'error: ../perimeter.yaml:3:10: `fail-on` must be one of critical, high, medium, low, info, not the string "hihg"; did you mean `high`?',
      "error: ../perimeter.yaml:4:16: `format` must be a format (FORMAT or FORMAT=FILE) or a list of them, not number 3",
      'error: ../perimeter.yaml:5:8: `quiet` must be true or false, not the string "yes"',
      "the configuration file ../perimeter.yaml has errors; nothing was evaluated",
    ]);
    writeFileSync(join(dir, "perimeter.yaml"), "policies: [a\n");
    expect(runCli(["check"], { cwd: dir }).stderr).toMatch(/^error: perimeter\.yaml:\d+:\d+: not valid YAML: /);
    writeFileSync(join(dir, "perimeter.yaml"), "- policies\n");
    expect(runCli(["check"], { cwd: dir }).stderr).toMatch(/^error: perimeter\.yaml:1:1: the configuration must be a mapping/);
    writeFileSync(join(dir, "perimeter.yaml"), "input: a\ninput: b\n");
    expect(runCli(["check"], { cwd: dir }).stderr).toMatch(/^error: perimeter\.yaml:2:1: not valid YAML: Map keys must be unique/);
    const missing = runCli(["check", "--config", "nope.yaml"], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe("error: --config nope.yaml: cannot read the file: no such file or directory");
    expect(runCli(["check", "--config", "x", "--no-config"], { cwd: dir }).stderr.trim()).toBe("error: --config and --no-config contradict each other");
  });

  it("gives lint, test, explain and catalogue their policies and params when none are named", () => {
    const dir = project("");
    mkdirSync(join(dir, "rules"));
    copyFileSync(packagePath("test", "fixtures", "language", "block-1.perimeter"), join(dir, "rules", "block-1.perimeter"));
    // The fixture's test block reads its export relative to the policy file.
    const block = readFileSync(join(dir, "rules", "block-1.perimeter"), "utf8").replace(/given "([^"]+)"/g, (_m, f: string) => `given "${join(packagePath("test", "fixtures", "language"), f)}"`);
    writeFileSync(join(dir, "rules", "block-1.perimeter"), block);
    writeFileSync(join(dir, "params.yaml"), "databricks.apps:\n  corporate: [198.18.0.0/15]\n");
    writeFileSync(join(dir, "perimeter.yaml"), "policies: rules\nparams: params.yaml\n");
    const cwd = join(dir, "sub");
    const lint = runCli(["lint"], { cwd });
    expect(lint.code, lint.stderr).toBe(0);
    expect(lint.stdout).toContain("1 file checked");
    expect(runCli(["lint", "--no-config"], { cwd }).stderr).toContain("no policy files given");
    const catalogue = runCli(["catalogue"], { cwd });
    expect(catalogue.stdout).toContain("| APPS-ING-001 |");
    expect(catalogue.stdout).toContain("3 controls.");
    const test = runCli(["test"], { cwd });
    expect(test.stdout, test.stderr).toMatch(/2 test runs: 2 passed/);
    // explain: the params of the file apply (the corporate range above), a --params flag replaces them.
    const explain = runCli(["explain", "APPS-ING-002", "--input", join(dir, "exports", "aws.json"), "--now", "2026-11-28"], { cwd });
    expect(explain.stdout, explain.stderr).toContain("198.18.0.0/15");
    writeFileSync(join(dir, "other.yaml"), "databricks.apps:\n  corporate: [192.0.2.0/24]\n");
    const flagged = runCli(["explain", "APPS-ING-002", "--input", join(dir, "exports", "aws.json"), "--params", join(dir, "other.yaml"), "--now", "2026-11-28"], { cwd });
    expect(flagged.stdout).toContain("192.0.2.0/24");
    expect(flagged.stdout).not.toContain("198.18.0.0/15");
  });

  it("resolves every path key from its folder", () => {
    const base = "/project";
    const cwd = process.cwd();
    const r = parseConfig("perimeter.yaml", "policies: [p, /abs/q]\ninput: e\nparams: s.yaml\noutput: o.txt\nformat: [text, sarif=r.sarif]\nbaseline: b.json\nopa: opa\nengine: js\nlibrary: true\n", base);
    const rel = (p: string) => relative(cwd, join(base, p));
    expect(r).toEqual({
      values: { policies: [rel("p"), "/abs/q"], input: [rel("e")], params: rel("s.yaml"), output: rel("o.txt"), format: ["text", `sarif=${rel("r.sarif")}`], baseline: rel("b.json"), opa: "opa", engine: "js", library: true },
    });
    expect(parseConfig("c.yaml", "", base)).toEqual({ values: {} });
  });
});

describe("--library", { timeout: 240_000 }, () => {
  it("checks the shipped library without naming its folder", () => {
    const lib = runCli(["check", "--library", "--input", aws, "--format", "json", ...NOW], { cwd: tempDir() });
    const named = runCli(["check", policies, "--input", aws, "--format", "json", ...NOW]);
    expect(lib.stderr).toBe("");
    expect(statuses(json(lib.stdout) as never)).toEqual(statuses(json(named.stdout) as never));
  });
});
