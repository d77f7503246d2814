// Installs like any npm tool: `npm pack` the repository (as built by `npm test`'s pretest), install
// the tarball into an empty project in a temporary directory (dependencies from the npm cache or
// the registry), and there run what a user runs: `npx perimeter check` with the shipped library
// on an export, and `npx prettier --plugin perimeter/prettier --check`. Slow (about half a
// minute: the pack, an install, a handful of processes): one file, one round trip.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packagePath } from "../../src/paths.js";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const NPX = process.platform === "win32" ? "npx.cmd" : "npx";

/**
 * The environment of a user's shell: without what `npm test` adds for its own package (its
 * lifecycle variables, and `npm_config_local_prefix`, which would make the inner npm install
 * into this repository), keeping the registry, cache and proxy settings.
 */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_(package|lifecycle)_|^npm_config_local_prefix$|^npm_command$|^INIT_CWD$/i.test(k)) continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: "1", npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };
}

function run(cmd: string, args: readonly string[], cwd: string, input?: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env: userEnv(), encoding: "utf8", input, timeout: 90_000, maxBuffer: 64 * 1024 * 1024 });
}

const ok = (r: SpawnSyncReturns<string>) => `exit ${r.status}${r.error ? ` (${r.error.message})` : ""}\n${r.stdout}\n${r.stderr}`;

let work: string;
let project: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "perimeter-pack-"));
  const packed = run(NPM, ["pack", "--ignore-scripts", "--pack-destination", work, "--json"], packagePath());
  expect(packed.status, ok(packed)).toBe(0);
  const filename = (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename;
  const tgz = join(work, filename.replace(/^@.*\//, ""));
  project = join(work, "project");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "a-user-project", version: "1.0.0", private: true }, null, 2));
  const installed = run(NPM, ["install", tgz, "--prefer-offline", "--no-audit", "--no-fund", "--prefix", project], project);
  expect(installed.status, ok(installed)).toBe(0);
  copyFileSync(packagePath("examples", "exports", "acme-aws-prod.json"), join(project, "export.json"));
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("npm pack, npm install, npx perimeter", { timeout: 120_000 }, () => {
  it("ships the library, the schema and the code, and no tests", () => {
    const files = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name).slice(dir.length + 1));
    const shipped = files(join(project, "node_modules", "perimeter"));
    expect(shipped).toContain("package.json");
    expect(shipped).toContain("policies/databricks/apps/ingress.perimeter");
    expect(shipped).toContain("docs/language.md"); // the language reference the README and the editors point to
    expect(shipped.some((f) => f.startsWith("policies/std/"))).toBe(true);
    expect(shipped.some((f) => /(^|\/)test\//.test(f) || f.endsWith(".test.js"))).toBe(false);
  });

  it("runs `npx perimeter check --library` on a user's export, and the library by its folder", () => {
    const version = run(NPX, ["--no-install", "perimeter", "--version"], project);
    expect(version.stdout.trim(), ok(version)).toMatch(/^perimeter \d+\.\d+\.\d+/);
    const lib = run(NPX, ["--no-install", "perimeter", "check", "--library", "--input", "export.json", "--now", "2026-11-28", "--max-export-age", "36500", "--format", "json"], project);
    expect(lib.status, ok(lib)).toBe(1); // the example export fails controls
    expect(lib.stderr).toBe("");
    const report = JSON.parse(lib.stdout) as { controls: { id: string; status: string }[] };
    expect(report.controls.length).toBe(25);
    expect(report.controls.find((c) => c.id === "APPS-ING-002")?.status).toBe("fail");
    const byPath = run(NPX, ["--no-install", "perimeter", "check", "node_modules/perimeter/policies", "--input", "-", "--now", "2026-11-28", "--format", "json"], project, readFileSync(join(project, "export.json"), "utf8"));
    expect(byPath.status, ok(byPath)).toBe(1);
    expect((JSON.parse(byPath.stdout) as { controls: unknown[] }).controls).toEqual(report.controls);
    // A configuration file in the user's project.
    writeFileSync(join(project, "perimeter.yaml"), "library: true\ninput: export.json\nfail-on: critical\nformat: [text, sarif=out/perimeter.sarif]\n");
    const configured = run(NPX, ["--no-install", "perimeter", "check", "--quiet"], project);
    expect(configured.status, ok(configured)).toBe(0); // nothing critical fails
    expect(configured.stdout).toMatch(/^FAIL +APPS-ING-002/m);
    expect(JSON.parse(readFileSync(join(project, "out", "perimeter.sarif"), "utf8")).version).toBe("2.1.0");
  });

  it("runs `npx prettier --plugin perimeter/prettier --check` from the user's project", () => {
    copyFileSync(packagePath("policies", "databricks", "apps", "params.perimeter"), join(project, "formatted.perimeter"));
    const good = run(NPX, ["--no-install", "prettier", "--plugin", "perimeter/prettier", "--check", "formatted.perimeter"], project);
    expect(good.status, ok(good)).toBe(0);
    writeFileSync(join(project, "messy.perimeter"), 'control   X-1 "t" {\nseverity low\n      for ws in workspaces\n  require ws.workspace_name == "x"\n}\n');
    const messy = run(NPX, ["--no-install", "prettier", "--plugin", "perimeter/prettier", "--check", "messy.perimeter"], project);
    expect(messy.status, ok(messy)).toBe(1);
    expect(messy.stderr + messy.stdout).toContain("messy.perimeter");
    const fixed = run(NPX, ["--no-install", "prettier", "--plugin", "perimeter/prettier", "messy.perimeter"], project);
    expect(fixed.status, ok(fixed)).toBe(0);
    expect(fixed.stdout).toBe('control X-1 "t" {\n  severity low\n  for ws in workspaces\n  require ws.workspace_name == "x"\n}\n');
  });
});
