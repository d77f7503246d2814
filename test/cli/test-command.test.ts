// `perimeter test`: passing and failing expectations, the diff with the deciding conditions,
// condition coverage and `--coverage-threshold`, exit codes.
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir, writeTemp } from "../helpers/cli.js";

const dev = join(import.meta.dirname, "..", "fixtures", "exports", "contoso-dev-azure-noncompliant.json");
const prod = join(import.meta.dirname, "..", "fixtures", "exports", "contoso-prod-azure.json");

function project(tests: string, controls = `control T-1 "conf" {\n  severity high\n  for ws in workspaces\n  require ws.workspace_conf.enableIpAccessLists == "true"\n}\n`): string {
  const dir = tempDir();
  mkdirSync(join(dir, "fixtures"));
  copyFileSync(dev, join(dir, "fixtures", "dev.json"));
  copyFileSync(prod, join(dir, "fixtures", "prod.json"));
  writeTemp(dir, "p.perimeter", `${controls}${tests}`);
  return dir;
}

const devTest = 'test "dev" {\n  given "fixtures/dev.json"\n  expect T-1 fail\n}\n';
const prodTest = 'test "prod" {\n  given "fixtures/prod.json"\n  expect T-1 pass\n}\n';

describe("perimeter test", () => {
  it("passes when every expectation holds", () => {
    const r = runCli(["test", project('test "dev fails" {\n  given "fixtures/dev.json"\n  expect T-1 fail for 2718281828459045\n  expect T-1 fail\n}\n')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("✓ dev fails [evaluator]");
    expect(r.stdout).toContain("✓ dev fails [wasm]");
    expect(r.stdout).toContain("2 test runs: 2 passed, 0 failed");
  });
  it("fails with expected vs actual and the deciding conditions", () => {
    const r = runCli(["test", project('test "dev passes?" {\n  given "fixtures/dev.json"\n  expect T-1 pass for 2718281828459045\n}\n')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("expect T-1 pass for 2718281828459045 (line 8): got fail");
    expect(r.stdout).toContain('requirement 1 (require): `ws.workspace_conf.enableIpAccessLists` is missing, expected "true"');
  });
  it("reports a subject that was not selected", () => {
    const r = runCli(["test", project('test "wrong key" {\n  given "fixtures/dev.json"\n  expect T-1 fail for 42\n}\n')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("got not selected");
  });
  it("exits 2 when a test's export cannot be loaded", () => {
    const r = runCli(["test", project('test "missing" {\n  given "fixtures/none.json"\n  expect T-1 fail\n}\n')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("cannot load the export");
  });

  it("prints the coverage of every requirement and where conjunct, and the uncovered ones", () => {
    const controls = `control T-1 "conf" {\n  severity high\n  for ws in workspaces where ws.account_workspace.workspace_status == "RUNNING"\n  require ws.workspace_conf.enableIpAccessLists == "true"\n  require count(ws.ip_access_lists) >= 0\n}\n`;
    const r = runCli(["test", project(devTest, controls)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("coverage: 0 of 3 conditions (0.0%) seen both true and false in 1 test export");
    expect(r.stdout).toMatch(/uncovered:\n  T-1 where #1 `ws.account_workspace.workspace_status == "RUNNING"` \(.*p\.perimeter:3\): never false/);
    expect(r.stdout).toMatch(/  T-1 requirement 1 `ws.workspace_conf.enableIpAccessLists == "true"` \(.*p\.perimeter:4\): never true/);
    expect(r.stdout).toMatch(/  T-1 requirement 2 `count\(ws.ip_access_lists\) >= 0` \(.*p\.perimeter:5\): never false/);
    // The last line stays the tests' summary.
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("2 test runs: 2 passed, 0 failed");
  });

  it("counts a condition covered once the test exports made it both true and false", () => {
    const r = runCli(["test", project(devTest + prodTest)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("coverage: 1 of 1 conditions (100.0%) seen both true and false in 2 test exports");
    expect(r.stdout).not.toContain("uncovered:");
  });

  it("does not count a value computed from data the export did not collect", () => {
    const controls = `control T-1 "apps" {\n  severity high\n  for ws in workspaces\n  require count(ws.apps) == 0\n}\n`;
    const r = runCli(["test", project('test "dev" {\n  given "fixtures/dev.json"\n  expect T-1 unknown\n}\n', controls)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/T-1 requirement 1 `count\(ws.apps\) == 0` \(.*\): never decided \(only on uncollected data, 1×\)/);
  });

  it("--coverage-threshold makes the run exit 1 below it", () => {
    const dir = project(devTest);
    const below = runCli(["test", dir, "--coverage-threshold", "50"]);
    expect(below.code).toBe(1);
    expect(below.stdout).toContain("coverage is below the threshold of 50%");
    const zero = runCli(["test", dir, "--coverage-threshold", "0"]);
    expect(zero.code).toBe(0);
    expect(zero.stdout).toContain("coverage meets the threshold of 0%");
    const full = runCli(["test", project(devTest + prodTest), "--coverage-threshold", "100%"]);
    expect(full.code).toBe(0);
    // A failing expectation fails the run whatever the coverage.
    expect(runCli(["test", project('test "x" {\n  given "fixtures/dev.json"\n  expect T-1 pass\n}\n' + prodTest), "--coverage-threshold", "0"]).code).toBe(1);
    for (const bad of ["abc", "101", "-1", ""]) {
      const r = runCli(["test", dir, `--coverage-threshold=${bad}`]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain("--coverage-threshold expects a percentage from 0 to 100");
    }
  });
});
