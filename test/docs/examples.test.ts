// Every example of README.md and docs/ runs, so the documentation cannot drift from the tool.
// Each page gets a scratch folder holding copies of examples/ and policies/ (and export.json,
// exports/, site.yaml and fixtures/ made from the examples), `perimeter` and `npx perimeter`
// on PATH as the built dist/bin/perimeter.js, and OPA's .tools/bin; its blocks then run in page
// order: `sh` commands must exit 0 or the block's `exit=N`; `console` commands must print what
// the block shows (stdout and stderr as a terminal shows them; markdown.ts `outputMatches`);
// `perimeter` blocks are linted by the CLI (a `fragment` is parsed only); `yaml`, `json` and
// `xml` blocks are parsed; `file=PATH` writes a block for the commands after it; CI pipelines
// (`yaml ci=…`) may only run commands that some tested block runs. Blocks that need the
// network, credentials, an install or a long run are `skip-doctest` with a reason, listed at
// the end. The markers are described in markdown.ts.
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { SourceFile } from "../../src/source/source.js";
import { parseSource } from "../../src/syntax/parse.js";
import { packagePath } from "../../src/paths.js";
import { CLI_BIN, testCacheHome } from "../helpers/cli.js";
import { OPA } from "../helpers/opa.js";
import { consoleCommands, docPages, outputMatches, shCommands, type Block } from "./markdown.js";

const pages = docPages();
const all = pages.flatMap((p) => p.blocks);

/** Languages whose blocks are examples of output or of other tools' configuration, not run. */
const SHOWN_ONLY = new Set(["text", "markdown", "lua", "toml", "ebnf"]);
/** Languages this test runs or parses; mermaid is parsed by mermaid.test.ts. */
const CHECKED = new Set(["sh", "console", "perimeter", "yaml", "json", "xml", "js", "mermaid"]);

const skipped: string[] = [];
const shown: Record<string, number> = {};
/** Every command the tested sh and console blocks ran (for the CI pipelines' check). */
const tested = new Set<string>();

function sandbox(): string {
  const dir = mkdtempSync(join(tmpdir(), "perimeter-docs-"));
  cpSync(packagePath("examples"), join(dir, "examples"), { recursive: true });
  cpSync(packagePath("policies"), join(dir, "policies"), { recursive: true });
  cpSync(packagePath("test", "fixtures", "language"), join(dir, "test", "fixtures", "language"), { recursive: true });
  cpSync(packagePath("examples", "exports"), join(dir, "exports"), { recursive: true });
  cpSync(packagePath("examples", "exports"), join(dir, "fixtures"), { recursive: true });
  cpSync(packagePath("examples", "exports", "contoso-dev-azure-noncompliant.json"), join(dir, "export.json"));
  cpSync(packagePath("examples", "params", "site.yaml"), join(dir, "site.yaml"));
  // `npx prettier --plugin perimeter/prettier` and `import "@open-policy-agent/opa-wasm"` resolve from here.
  mkdirSync(join(dir, "node_modules", "@open-policy-agent"), { recursive: true });
  symlinkSync(packagePath(), join(dir, "node_modules", "perimeter"), "dir");
  for (const pkg of readdirSync(packagePath("node_modules", "@open-policy-agent"))) {
    symlinkSync(packagePath("node_modules", "@open-policy-agent", pkg), join(dir, "node_modules", "@open-policy-agent", pkg), "dir");
  }
  if (existsSync(packagePath(".tools"))) symlinkSync(packagePath(".tools"), join(dir, ".tools"), "dir");
  const bin = join(dir, ".bin");
  mkdirSync(bin);
  const script = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  script("perimeter", `exec "${process.execPath}" "${CLI_BIN}" "$@"`);
  script(
    "npx",
    [
      `case "$1" in`,
      `  perimeter) shift; exec "${process.execPath}" "${CLI_BIN}" "$@" ;;`,
      `  prettier) shift; exec "${process.execPath}" "${packagePath("node_modules", "prettier", "bin", "prettier.cjs")}" "$@" ;;`,
      `  *) echo "npx $1: not available to the documentation tests (mark the block skip-doctest)" >&2; exit 127 ;;`,
      `esac`,
    ].join("\n"),
  );
  script("npm", `echo "npm $*: not run by the documentation tests (mark the block skip-doctest)" >&2; exit 127`);
  script("node", `exec "${process.execPath}" "$@"`);
  return dir;
}

function shell(dir: string, command: string): { status: number | null; output: string } {
  const env: Record<string, string> = { ...(process.env as Record<string, string>) };
  delete env["FORCE_COLOR"];
  env["NO_COLOR"] = "1";
  env["PATH"] = `${join(dir, ".bin")}:${join(dir, ".tools", "bin")}:${process.env["PATH"]}`;
  env["XDG_CACHE_HOME"] = testCacheHome();
  // stderr joins stdout in order, as a terminal shows them.
  const r = spawnSync("bash", ["-c", `exec 2>&1\n${command}`], { cwd: dir, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, output: r.stdout };
}

function where(b: Block): string {
  return `${b.page}:${b.line}`;
}

function lint(dir: string, path: string): void {
  const r = shell(dir, `perimeter lint ${JSON.stringify(path)}`);
  expect(r.output, `perimeter lint ${path}`).toMatch(/checked: 0 errors/);
  expect(r.status, r.output).toBe(0);
}

function write(dir: string, b: Block): void {
  const path = join(dir, b.attrs["file"]!);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, b.text + "\n");
}

function runBlock(dir: string, b: Block): void {
  const exit = Number(b.attrs["exit"] ?? "0");
  switch (b.lang) {
    case "sh":
      for (const command of shCommands(b.text)) {
        const r = shell(dir, command);
        expect(r.status, `${where(b)}: \`${command}\`\n${r.output}`).toBe(exit);
        tested.add(command.replace(/\s+#.*$/, "").trim());
      }
      return;
    case "console": {
      const commands = consoleCommands(b.text);
      expect(commands.length).toBeGreaterThan(0);
      for (const { command, output } of commands) {
        const r = shell(dir, command);
        expect(r.status, `${where(b)}: \`${command}\`\n${r.output}`).toBe(exit);
        if (!outputMatches(r.output, output)) expect(r.output.trimEnd(), `${where(b)}: \`${command}\` prints what the block shows`).toBe(output.trimEnd());
        tested.add(command.trim());
      }
      return;
    }
    case "perimeter":
      if (b.attrs["fragment"] !== undefined) {
        const parsed = parseSource(new SourceFile(`${where(b)}.perimeter`, b.text + "\n"));
        expect(parsed.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
      } else if (b.attrs["file"] !== undefined) {
        write(dir, b);
        // The folder: a file may use what the page's earlier files in its package declare.
        lint(dir, dirname(b.attrs["file"]));
      } else {
        const file = `block-${b.line}.perimeter`;
        writeFileSync(join(dir, file), b.text + "\n");
        lint(dir, file);
        rmSync(join(dir, file));
      }
      return;
    case "yaml": {
      const doc = YAML.parseDocument(b.text);
      expect(doc.errors.map((e) => e.message), where(b)).toEqual([]);
      if (b.attrs["file"] !== undefined) write(dir, b);
      if (b.attrs["ci"] !== undefined) ciPipeline(b, doc.toJS());
      return;
    }
    case "json":
      expect(() => JSON.parse(b.text), where(b)).not.toThrow();
      if (b.attrs["file"] !== undefined) write(dir, b);
      return;
    case "xml":
      expect(XMLValidator.validate(b.text), where(b)).toBe(true);
      return;
    case "js":
      // A program the page runs by a later command (`node FILE`).
      expect(b.attrs["file"], `${where(b)}: a js block needs file=NAME and a later \`node NAME\``).toBeDefined();
      write(dir, b);
      return;
    default:
      throw new Error(`${where(b)}: no runner for \`${b.lang}\``);
  }
}

/** The run: lines of a CI pipeline (GitHub `run`, GitLab `script`, Azure `script`), perimeter's ones. */
function ciPipeline(b: Block, value: unknown): void {
  const commands: string[] = [];
  const visit = (v: unknown, key?: string) => {
    if (Array.isArray(v)) v.forEach((x) => visit(x, key));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) visit(x, k);
    else if (typeof v === "string" && (key === "run" || key === "script")) commands.push(...v.split("\n").filter((l) => l.trim() !== ""));
  };
  visit(value);
  const kind = b.attrs["ci"];
  if (kind === "gitlab") expect(Object.values(value as object).some((job) => Array.isArray((job as { script?: unknown }).script)), where(b)).toBe(true);
  if (kind === "azure") expect(Array.isArray((value as { steps?: unknown }).steps), where(b)).toBe(true);
  const perimeter = commands.filter((c) => /\bperimeter\b/.test(c));
  for (const c of perimeter) expect(tested.has(c.trim()), `${where(b)}: the pipeline runs \`${c}\`, which no tested block runs`).toBe(true);
}

describe.each(pages.filter((p) => p.blocks.some((b) => b.lang !== "mermaid")).map((p) => [p.page, p] as const))("%s", (_name, page) => {
  let dir: string | undefined;
  const getDir = () => (dir ??= sandbox());
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  for (const b of page.blocks) {
    const label = `${b.lang || "(none)"} at line ${b.line}${b.attrs["file"] ? ` (${b.attrs["file"]})` : ""}`;
    if (b.attrs["skip-doctest"] !== undefined) {
      skipped.push(`${where(b)}: ${b.attrs["reason"] ?? "(no reason)"}`);
      it(`${label}: skipped, with a reason`, () => {
        expect(b.attrs["reason"] ?? "", `${where(b)}: skip-doctest needs reason="…"`).not.toBe("");
        expect(b.lang, "only command blocks may be skipped").toBe("sh");
      });
      continue;
    }
    if (SHOWN_ONLY.has(b.lang)) {
      shown[b.lang || "(none)"] = (shown[b.lang || "(none)"] ?? 0) + 1;
      continue;
    }
    if (b.lang === "mermaid") continue;
    const needsOpa = b.attrs["needs"] === "opa";
    it.skipIf(needsOpa && OPA === undefined)(label, { timeout: 120_000 }, () => runBlock(getDir(), b));
  }
});

describe("the documentation's examples", () => {
  it("every block's language is run, parsed or shown on purpose", () => {
    expect(all.filter((b) => !CHECKED.has(b.lang) && !SHOWN_ONLY.has(b.lang)).map((b) => `${where(b)}: ${b.lang}`)).toEqual([]);
  });

  it("runs commands from README.md and from most pages", () => {
    const pagesWithCommands = new Set(all.filter((b) => (b.lang === "sh" || b.lang === "console") && b.attrs["skip-doctest"] === undefined).map((b) => b.page));
    expect(pagesWithCommands).toContain("README.md");
    expect(pagesWithCommands.size).toBeGreaterThanOrEqual(8);
  });

  it("skips few blocks, each with its reason (listed)", () => {
    console.log(`documentation blocks: ${all.length}; skipped ${skipped.length}:\n  ${skipped.join("\n  ")}\nshown only (not run): ${JSON.stringify(shown)}`);
    expect(skipped.length).toBeLessThanOrEqual(10);
  });
});
