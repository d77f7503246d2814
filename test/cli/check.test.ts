// `perimeter check` and `perimeter explain`: exit codes 0/1/2/70, both formats, bad input of every kind.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commands, main } from "../../src/cli/main.js";
import { hasStackTrace, runCli, tempDir, writeTemp } from "../helpers/cli.js";

const fixtures = join(import.meta.dirname, "..", "fixtures");
const prod = join(fixtures, "exports", "contoso-prod-azure.json");
const dev = join(fixtures, "exports", "contoso-dev-azure-noncompliant.json");
const language = join(fixtures, "language");
const passing = 'import std.databricks\ncontrol OK-1 "restricted egress" {\n  severity high\n  for ws in workspaces\n  egress ws {\n    restricted\n  }\n}\n';

describe("perimeter check", () => {
  it("exits 1 when a subject fails, and lists passes as well as failures", () => {
    const r = runCli(["check", language, "--input", prod, "--now", "2026-11-28"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("PASS     APPS-ING-001");
    expect(r.stdout).toContain("FAIL     APPS-ING-002");
    expect(r.stdout).toContain("WAIVED   APPS-EGR-001");
    expect(r.stdout).toContain("3 results: 1 passed, 1 failed, 0 unknown, 1 waived");
  });

  it("exits 0 when nothing fails", () => {
    const dir = tempDir();
    const r = runCli(["check", writeTemp(dir, "ok.perimeter", passing), "--input", prod]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("PASS     OK-1");
  });

  it("honours --fail-on", () => {
    const dir = tempDir();
    const low = writeTemp(dir, "low.perimeter", passing.replace("severity high", "severity low").replace("restricted\n", "enforced\n"));
    expect(runCli(["check", low, "--input", prod]).code).toBe(1);
    expect(runCli(["check", low, "--input", prod, "--fail-on", "medium"]).code).toBe(0);
    expect(runCli(["check", low, "--input", prod, "--fail-on", "low"]).code).toBe(1);
  });

  it("prints the Report as JSON, one document per export, an array for several", () => {
    const one = JSON.parse(runCli(["check", language, "--input", dev, "--format", "json", "--now", "2026-11-28"]).stdout);
    expect(one.perimeter).toBe("1");
    expect(one.controls.map((c: { id: string; status: string }) => `${c.id}:${c.status}`)).toEqual(["APPS-ING-001:fail", "APPS-ING-002:fail", "APPS-EGR-001:fail"]);
    expect(one.controls[0].results[0].subject).toEqual({ kind: "workspace", key: "2718281828459045", label: "dbx-dev", pointer: "/workspaces/0" });
    expect(one.controls[0].results[0].unknown).toEqual([{ requirement: 0, statement: "where", slots: ["workspaces[0].apps"] }]);
    const two = JSON.parse(runCli(["check", language, "--input", dev, "--input", prod, "--format", "json", "--now", "2026-11-28"]).stdout);
    expect(two).toHaveLength(2);
  });

  it("applies a waiver only until its date", () => {
    const before = JSON.parse(runCli(["check", language, "--input", prod, "--format", "json", "--now", "2027-01-31"]).stdout);
    const after = JSON.parse(runCli(["check", language, "--input", prod, "--format", "json", "--now", "2027-02-01"]).stdout);
    expect(before.controls[2].status).toBe("waived");
    expect(after.controls[2].status).toBe("fail");
    expect(after.waivers[0].state).toBe("expired");
  });

  it("takes site parameters from YAML and JSON, type-checked", () => {
    const dir = tempDir();
    const yaml = writeTemp(dir, "site.yaml", "databricks.apps:\n  corporate: [0.0.0.0/0]\n");
    const r = JSON.parse(runCli(["check", language, "--input", prod, "--params", yaml, "--format", "json", "--now", "2026-11-28"]).stdout);
    expect(r.controls[1].results[0].failures.map((f: { requirement: number }) => f.requirement)).toEqual([2]);
    const json = writeTemp(dir, "site.json", JSON.stringify({ "databricks.apps": { corporate: ["10.0.0.1/8"] } }));
    const bad = runCli(["check", language, "--input", prod, "--params", json]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${json}: /databricks.apps/corporate/0: \`10.0.0.1/8\` has host bits set beyond its /8 prefix (did you mean \`10.0.0.0/8\`?)`);
    const unknown = runCli(["check", language, "--input", prod, "--params", writeTemp(dir, "u.yaml", "databricks.apps:\n  corprate: []\n")]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("/databricks.apps/corprate: package `databricks.apps` has no param `corprate`; did you mean `corporate`?");
  });

  it("exits 2 on a malformed export, naming the JSON pointer, and evaluates nothing", () => {
    const dir = tempDir();
    const wrong = writeTemp(dir, "wrong.json", JSON.stringify({ schema: "dbx-network-export/v1", workspaces: [{ workspace_id: "not a number" }] }));
    const r = runCli(["check", language, "--input", wrong]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${wrong}: /workspaces/0/workspace_id:`);
    expect(r.stdout).toBe("");
    const truncated = writeTemp(dir, "cut.json", '{"schema": "dbx-network-export/v1", "workspaces": [');
    const t = runCli(["check", language, "--input", truncated]);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(new RegExp(`${truncated.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:1:\\d+`));
    expect(hasStackTrace(r.stderr + t.stderr)).toBe(false);
  });

  it("exits 2 on policy errors and bad usage", () => {
    const dir = tempDir();
    const broken = writeTemp(dir, "bad.perimeter", "control X-1 \"t\" {\n  for ws in workspacs\n  require true\n}\n");
    const r = runCli(["check", broken, "--input", prod]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown name `workspacs`");
    for (const args of [["check", language], ["check", "--input", prod], ["check", language, "--input", prod, "--now", "2026-02-30"], ["check", language, "--input", prod, "--fail-on", "severe"], ["check", language, "--input", join(dir, "none.json")]]) {
      const x = runCli(args);
      expect(x.code, args.join(" ")).toBe(2);
      expect(hasStackTrace(x.stderr)).toBe(false);
    }
  });

  it("exits 70 with a short report on an internal error", async () => {
    commands["crash"] = { run: () => { throw new Error("boom"); }, summary: "" };
    const lines: string[] = [];
    const code = await main(["crash"], { out: (t) => lines.push(t), err: (t) => lines.push(t), colorOut: false, colorErr: false });
    delete commands["crash"];
    expect(code).toBe(70);
    expect(lines.join("\n")).toContain("internal error: boom");
    expect(hasStackTrace(lines.join("\n"))).toBe(false);
  });
});

describe("perimeter explain", () => {
  it("shows every condition with values and JSON pointers", () => {
    const r = runCli(["explain", "APPS-ING-001", language, "--input", dev, "--now", "2026-11-28"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("dbx-dev (2718281828459045) at /workspaces/0: fail");
    expect(r.stdout).toContain("where #1: false — not collected: workspaces[0].apps");
    expect(r.stdout).toContain("ws.workspace_conf.enableIpAccessLists = missing  (/workspaces/0/workspace_conf/enableIpAccessLists)");
    expect(r.stdout).toContain("→ IP access lists are switched off on dbx-dev");
  });
  it("explains passes too, and filters by subject", () => {
    const r = runCli(["explain", "APPS-ING-001", language, "--input", prod, "--subject", "3141592653589793"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("requirement 1 (require): true");
    expect(runCli(["explain", "APPS-ING-001", language, "--input", prod, "--subject", "42"]).code).toBe(2);
  });
  it("suggests the closest control id", () => {
    const r = runCli(["explain", "APPS-ING-01", language, "--input", prod]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("did you mean `APPS-ING-001`?");
  });
});
