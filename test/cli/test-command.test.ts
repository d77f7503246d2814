// `perimeter test`: passing and failing expectations, the diff with the deciding conditions, exit codes.
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir, writeTemp } from "../helpers/cli.js";

const dev = join(import.meta.dirname, "..", "fixtures", "exports", "contoso-dev-azure-noncompliant.json");

function project(tests: string): string {
  const dir = tempDir();
  mkdirSync(join(dir, "fixtures"));
  copyFileSync(dev, join(dir, "fixtures", "dev.json"));
  writeTemp(dir, "p.perimeter", `control T-1 "conf" {\n  severity high\n  for ws in workspaces\n  require ws.workspace_conf.enableIpAccessLists == "true"\n}\n${tests}`);
  return dir;
}

describe("perimeter test", () => {
  it("passes when every expectation holds", () => {
    const r = runCli(["test", project('test "dev fails" {\n  given "fixtures/dev.json"\n  expect T-1 fail for 2718281828459045\n  expect T-1 fail\n}\n')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("✓ dev fails [evaluator]");
    expect(r.stdout).toContain("1 test run: 1 passed, 0 failed");
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
});
