// The real Prettier CLI with the plugin resolved through the package export
// (`perimeter/prettier` → dist/src/format/index.js, built by `npm test` first).
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { packagePath } from "../../src/paths.js";
import { tempDir, writeTemp } from "../helpers/cli.js";

function prettier(args: readonly string[]) {
  const r = spawnSync("npx", ["prettier", "--plugin", "perimeter/prettier", ...args], { cwd: packagePath(), encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("prettier --plugin perimeter/prettier", () => {
  it("finds the repository's policies formatted", () => {
    const r = prettier(["--check", "policies/**/*.perimeter"]);
    expect(r.stdout + r.stderr).toContain("All matched files use Prettier code style!");
    expect(r.code).toBe(0);
  });

  it("agrees with every golden output, with each case's .prettierrc.json", () => {
    const r = prettier(["--check", "test/format/cases/*/output.perimeter"]);
    expect(r.stdout + r.stderr).toContain("All matched files use Prettier code style!");
    expect(r.code).toBe(0);
  });

  it("fails on a syntax error, naming the line and column", () => {
    const file = writeTemp(tempDir(), "bad.perimeter", "let ok = 1\nlet broken = [1, 2\n");
    const r = prettier(["--check", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("SyntaxError: E0104: ");
    expect(r.stderr).toMatch(/at line 2, column \d+/);
  });

  it("formats a file to stdout", () => {
    const file = writeTemp(tempDir(), "x.perimeter", "let   x=[1,2,]\n");
    const r = prettier([file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("let x = [1, 2]\n");
  });
});
