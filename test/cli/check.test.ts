// `perimeter check` and `perimeter explain`: exit codes 0/1/2/70, every format, baselines,
// waiver states, the progress bar, bad input of every kind.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { commands, main } from "../../src/cli/main.js";
import { inCi, progressBar, progressLine } from "../../src/cli/progress.js";
import { packagePath } from "../../src/paths.js";
import { validateSarif } from "../report/sarif-schema.js";
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
    // The problem names the file, the value's line and column, and its JSON pointer.
    expect(bad.stderr).toContain(`${json}:1:34: /databricks.apps/corporate/0: \`10.0.0.1/8\` has host bits set beyond its /8 prefix (did you mean \`10.0.0.0/8\`?)`);
    const unknown = runCli(["check", language, "--input", prod, "--params", writeTemp(dir, "u.yaml", "databricks.apps:\n  corprate: []\n")]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("u.yaml:2:13: /databricks.apps/corprate: package `databricks.apps` has no param `corprate`; did you mean `corporate`?");
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

// The report fixtures (test/report/fixtures): every status and every waiver state.
// These tests run the command in-process (through `main`, as the binary does), which is faster
// than a process per run and independent of dist/; the tests above spawn the built CLI.
async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const line = (t: string) => (t.endsWith("\n") ? t : `${t}\n`);
  const code = await main(args, { out: (t) => out.push(line(t)), err: (t) => err.push(line(t)), colorOut: false, colorErr: false });
  return { code, stdout: out.join(""), stderr: err.join("") };
}
const policy = "test/report/fixtures/report.perimeter";
const acme = "test/report/fixtures/exports/acme-2026-11-27.json";
const acmeBefore = "test/report/fixtures/exports/acme-2026-10-27.json";
const sha = (f: string) => createHash("sha256").update(readFileSync(packagePath(f))).digest("hex");
const version = (JSON.parse(readFileSync(packagePath("package.json"), "utf8")) as { version: string }).version;

describe("perimeter check --format", () => {
  const fresh = (format: string) => cli(["check", policy, "--input", acme, "--now", "2026-11-28", "--format", format]);
  const run = fresh;

  it("rejects an unknown format", async () => {
    const r = await run("xml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--format must be one of text, json, sarif, junit, github, markdown, html, not `xml`");
  });

  it("sarif: valid SARIF 2.1.0 naming the tool version and hashing the inputs", async () => {
    const r = await run("sarif");
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(validateSarif(doc) ? [] : validateSarif.errors).toEqual([]);
    expect(doc.runs[0].tool.driver.version).toBe(version);
    const hashes = Object.fromEntries(doc.runs[0].artifacts.map((a: { location: { uri: string }; hashes: Record<string, string> }) => [a.location.uri, a.hashes["sha-256"]]));
    expect(hashes[acme]).toBe(sha(acme));
    expect(hashes[policy]).toBe(sha(policy));
    expect(hashes["policies/std/databricks.perimeter"]).toBe(sha("policies/std/databricks.perimeter"));
  });

  it("junit: parses, with the counts of the report", async () => {
    const r = await run("junit");
    expect(r.code).toBe(1);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => name === "testsuite" }).parse(r.stdout);
    // <testsuites> has no `skipped` in Jenkins' schema: the suites count theirs.
    const skipped = doc.testsuites.testsuite.reduce((n: number, s: { skipped: string }) => n + Number(s.skipped), 0);
    expect([doc.testsuites.tests, doc.testsuites.failures, skipped]).toEqual(["12", "2", 1]);
  });

  it("github: workflow commands and a summary line", async () => {
    const r = await run("github");
    expect(r.stdout.split("\n").filter((l) => l.startsWith("::")).map((l) => l.slice(0, l.indexOf(" ")))).toEqual(["::error", "::warning", "::warning", "::warning", "::warning"]);
    expect(r.stdout).toContain("perimeter: 12 results in 1 export: 8 passed, 2 failed, 1 unknown, 1 waived");
  });

  it("markdown and html: stamped with the version, the date and the SHA-256 of every input", async () => {
    for (const format of ["markdown", "html"]) {
      const r = await run(format);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`perimeter ${version}`);
      expect(r.stdout).toContain("2026-11-28 (waivers are judged against this date)");
      for (const f of [policy, acme, "policies/std/databricks.perimeter"]) expect(r.stdout).toContain(sha(f));
    }
    expect((await run("html")).stdout).not.toMatch(/<(script|link|img)\b|\ssrc=/);
  });

  it("prints what the report goldens hold (test/report/golden/acme.*)", async () => {
    const golden = (f: string) => readFileSync(packagePath("test", "report", "golden", f), "utf8");
    for (const [format, file] of [["text", "acme.txt"], ["json", "acme.json"], ["junit", "acme.junit.xml"], ["github", "acme.github.txt"]]) {
      expect((await run(format!)).stdout, format).toBe(golden(file!));
    }
    // The stamped formats differ from the goldens only in the stamp: the real version, and the
    // bundled library among the inputs (the goldens leave both out, so they do not change with them).
    const sarif = JSON.parse((await run("sarif")).stdout);
    const expected = JSON.parse(golden("acme.sarif"));
    expect(sarif.runs[0].results).toEqual(expected.runs[0].results);
    expect(sarif.runs[0].tool.driver.rules).toEqual(expected.runs[0].tool.driver.rules);
    const body = (text: string, from: string) => text.slice(text.indexOf(from));
    expect(body((await run("markdown")).stdout, "## Results")).toBe(body(golden("acme.md"), "## Results"));
    expect(body((await run("html")).stdout, '<section aria-labelledby="export-1">')).toBe(body(golden("acme.html"), '<section aria-labelledby="export-1">'));
  });

  it("the same inputs render the same bytes", async () => {
    for (const format of ["sarif", "html"]) expect((await fresh(format)).stdout).toBe((await run(format)).stdout);
  });
});

describe("perimeter check --baseline", () => {
  const baselineFile = async () => {
    const dir = tempDir();
    const before = await cli(["check", policy, "--input", acmeBefore, "--now", "2026-10-28", "--format", "json"]);
    return { dir, file: writeTemp(dir, "baseline.json", before.stdout) };
  };

  it("marks results new / still failing, lists fixed ones, and exits 1 only for new failures", async () => {
    const { file } = await baselineFile();
    const r = await cli(["check", policy, "--input", acme, "--now", "2026-11-28", "--baseline", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ dbx-analytics .* \(1000000000000002\) \[new\]/);
    expect(r.stdout).toMatch(/✗ dbx-analytics .* \(1000000000000002\) \[still failing\]/);
    expect(r.stdout).toContain("fixed since the baseline:\n         ✓ NET-001  dbx-prod (1000000000000001): now passes");
    expect(r.stdout).toContain("against the baseline: 1 new, 1 still failing, 1 fixed, 2 not evaluated now");
    // The new failure is of NET-001 (high), so it counts with --fail-on high...
    expect((await cli(["check", policy, "--input", acme, "--now", "2026-11-28", "--baseline", file, "--fail-on", "high"])).code).toBe(1);
    // ...but not with --fail-on critical; and the still-failing NET-002 never counts.
    expect((await cli(["check", policy, "--input", acme, "--now", "2026-11-28", "--baseline", file, "--fail-on", "critical"])).code).toBe(0);
  });

  it("exits 0 when every failure is already in the baseline", async () => {
    const dir = tempDir();
    const same = writeTemp(dir, "same.json", (await cli(["check", policy, "--input", acme, "--now", "2026-11-28", "--format", "json"])).stdout);
    const r = await cli(["check", policy, "--input", acme, "--now", "2026-11-28", "--baseline", same]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("against the baseline: 0 new, 2 still failing, 0 fixed");
    expect((await cli(["check", policy, "--input", acme, "--now", "2026-11-28"])).code).toBe(1);
  });

  it("adds the marks to the JSON without changing any existing field", async () => {
    const { file } = await baselineFile();
    const plain = JSON.parse((await cli(["check", policy, "--input", acme, "--now", "2026-11-28", "--format", "json"])).stdout);
    const marked = JSON.parse((await cli(["check", policy, "--input", acme, "--now", "2026-11-28", "--format", "json", "--baseline", file])).stdout);
    expect(marked.controls[0].results[1].baseline).toBe("new");
    expect(marked.controls[1].results[1].baseline).toBe("still_failing");
    expect(marked.fixed.map((f: { subject: { key: string }; now: string }) => `${f.subject.key} ${f.now}`)).toEqual(["1000000000000001 pass", "1000000000000005 absent", "1000000000000005 absent"]);
    expect(marked.baseline).toMatchObject({ new: 1, still_failing: 1, fixed: 1, absent: 2 });
    const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === "baseline" || k === "fixed" ? undefined : v)));
    expect(strip(marked)).toEqual(strip(plain));
    // A marked report can itself be the next baseline.
    const dir = tempDir();
    const next = writeTemp(dir, "next.json", JSON.stringify(marked));
    expect((await cli(["check", policy, "--input", acme, "--now", "2026-11-28", "--baseline", next])).code).toBe(0);
  });

  it("marks markdown and html too, and accepts an array of reports", async () => {
    const dir = tempDir();
    const two = writeTemp(dir, "two.json", (await cli(["check", policy, "--input", acmeBefore, "--input", acmeBefore, "--now", "2026-10-28", "--format", "json"])).stdout);
    const md = await cli(["check", policy, "--input", acme, "--now", "2026-11-28", "--format", "markdown", "--baseline", two]);
    expect(md.stdout).toContain("Against the baseline: **1 new**, 1 still failing, 1 fixed, 2 not evaluated now.");
    const html = await cli(["check", policy, "--input", acme, "--now", "2026-11-28", "--format", "html", "--baseline", two]);
    expect(html.stdout).toContain("<h3 id=\"export-1-fixed\">Fixed since the baseline</h3>");
  });

  it("exits 2 on a baseline that cannot be read or is not a report", async () => {
    const dir = tempDir();
    for (const [file, message] of [
      [join(dir, "none.json"), "cannot read the file: no such file"],
      [writeTemp(dir, "bad.json", "{"), "not JSON"],
      [writeTemp(dir, "sarif.json", '{"version": "2.1.0", "runs": []}'), "the document is not a perimeter report"],
    ] as const) {
      const r = await cli(["check", policy, "--input", acme, "--baseline", file]);
      expect(r.code, file).toBe(2);
      expect(r.stderr).toContain(`error: --baseline ${file}: ${message}`);
      expect(r.stdout).toBe("");
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
  });
});

describe("perimeter check: waiver states", () => {
  it("lists every waiver with its state and warns on stderr about expired and expiring ones", async () => {
    const r = await cli(["check", policy, "--input", acme, "--now", "2026-11-28"]);
    expect(r.stdout).toContain("waivers:\n  NET-001 / 1000000000000003 until 2026-12-10: active, expiring in 12 days");
    expect(r.stdout).toContain("  NET-002 / 1000000000000001 until 2027-06-30: unused");
    expect(r.stdout).toContain("  NET-001 / 1000000000000002 until 2026-11-01: expired 27 days ago, not applied");
    expect(r.stderr).toContain("warning: waiver for NET-001 / 1000000000000003 (test/report/fixtures/report.perimeter:41) expires on 2026-12-10 (in 12 days); renew or remove it");
    expect(r.stderr).toContain("warning: waiver for NET-001 / 1000000000000002 (test/report/fixtures/report.perimeter:50) expired on 2026-11-01 and is not applied");
  });

  it("an expiring waiver still applies; after its date it does not", async () => {
    const last = JSON.parse((await cli(["check", policy, "--input", acme, "--now", "2026-12-10", "--format", "json"])).stdout);
    // The JSON is the backends' Report: the expiring flag is for the human formats.
    expect(last.waivers[0]).toMatchObject({ state: "active" });
    expect(last.waivers[0]).not.toHaveProperty("expiring");
    expect(last.controls[0].results[2].status).toBe("waived");
    expect((await cli(["check", policy, "--input", acme, "--now", "2026-12-10"])).stdout).toContain("until 2026-12-10: active, expiring today (its last day)");
    const after = JSON.parse((await cli(["check", policy, "--input", acme, "--now", "2026-12-11", "--format", "json"])).stdout);
    expect(after.waivers[0]).toMatchObject({ state: "expired" });
    expect(after.controls[0].results[2].status).toBe("fail");
  });

  it("says nothing on stderr when no waiver needs attention", async () => {
    const r = await cli(["check", policy, "--input", acme, "--now", "2026-10-01"]);
    expect(r.stderr).not.toContain("warning: waiver");
  });
});

describe("progress bar", () => {
  const tty = () => {
    const writes: string[] = [];
    return { writes, stream: { isTTY: true, columns: 100, write: (t: string) => writes.push(t) } };
  };

  it("draws `[=====>    ] 12/40 exports` on one line rewritten with \\r, and erases it at the end", () => {
    expect(progressLine(12, 40, "exports", 10)).toBe("[===>      ] 12/40 exports");
    expect(progressLine(40, 40, "exports", 10)).toBe("[==========] 40/40 exports");
    const { writes, stream } = tty();
    let t = 0;
    const p = progressBar(3, "exports loaded", stream, {}, () => (t += 100));
    for (let i = 0; i <= 3; i++) p.update(i);
    p.end();
    expect(writes).toEqual([
      "\r[>                             ] 0/3 exports loaded\u001b[K",
      "\r[==========>                   ] 1/3 exports loaded\u001b[K",
      "\r[====================>         ] 2/3 exports loaded\u001b[K",
      "\r[==============================] 3/3 exports loaded\u001b[K",
      "\r\u001b[K",
    ]);
  });

  it("is quiet when stderr is not a terminal, in CI, or for a single export", () => {
    for (const [stream, env, total] of [
      [{ isTTY: false, write: () => { throw new Error("written"); } }, {}, 40],
      [{ isTTY: true, write: () => { throw new Error("written"); } }, { CI: "true" }, 40],
      [{ isTTY: true, write: () => { throw new Error("written"); } }, {}, 1],
    ] as const) {
      const p = progressBar(total, "exports", stream, env);
      p.update(1);
      p.end();
    }
    expect([inCi({ CI: "1" }), inCi({ CI: "false" }), inCi({ CI: "" }), inCi({})]).toEqual([true, false, false, false]);
  });

  it("redraws at most every 50 ms", () => {
    const { writes, stream } = tty();
    const p = progressBar(1000, "exports", stream, {}, () => 0);
    for (let i = 0; i <= 1000; i++) p.update(i);
    expect(writes).toHaveLength(2); // the first and the last
  });

  it("the CLI prints no progress to a pipe", () => {
    const r = runCli(["check", policy, "--input", acme, "--input", acme, "--now", "2026-10-01"]);
    // Only the warnings (the fixture has a collection gap), no progress line, no escape sequence.
    expect(r.stderr.split("\n").filter((l) => l !== "" && !l.startsWith("warning: "))).toEqual([]);
    expect(r.stderr).not.toMatch(/\r|\u001b|exports (loaded|checked)/);
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

describe("perimeter check: stale exports, collection gaps, --compact", () => {
  it("warns about exports older than --max-export-age days (default 30) and flags them in the overview", () => {
    const r = runCli(["check", language, "--input", dev, "--now", "2026-12-07", "--format", "markdown"]);
    expect(r.stderr).toContain(`warning: ${dev} was exported on 2026-08-24, 105 days before the evaluation date 2026-12-07 (more than --max-export-age 30)`);
    expect(r.stdout).toMatch(/## Overview\n\n> \[!WARNING\]\n> \*\*Stale export:\*\* `[^`]*contoso-dev-azure-noncompliant.json` was exported on 2026-08-24, 105 days before the evaluation date 2026-12-07 \(more than 30 days\)\./);
    const lenient = runCli(["check", language, "--input", dev, "--now", "2026-12-07", "--max-export-age", "105"]);
    expect(lenient.stderr).not.toContain("was exported on");
    expect(runCli(["check", language, "--input", dev, "--now", "2026-12-07", "--max-export-age", "104"]).stderr).toContain("was exported on 2026-08-24");
  });

  it("warns about results left undecided by collection errors", () => {
    const r = runCli(["check", policy, "--input", acme, "--now", "2026-11-28"]);
    expect(r.stderr).toContain(`warning: ${acme}: 1 result of 1 control could not be decided: the export did not collect workspaces[3].ip_access_lists`);
  });

  it("rejects a bad --max-export-age and --compact outside Markdown", () => {
    const bad = runCli(["check", language, "--input", dev, "--max-export-age", "a month"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--max-export-age expects a whole number of days, got `a month`");
    const compact = runCli(["check", language, "--input", dev, "--format", "json", "--compact"]);
    expect(compact.code).toBe(2);
    expect(compact.stderr).toContain("--compact is for --format markdown, not --format json");
    expect(hasStackTrace(bad.stderr + compact.stderr)).toBe(false);
  });

  it("writes the compact Markdown summary with --compact", () => {
    const r = runCli(["check", language, "--input", dev, "--input", prod, "--now", "2026-11-28", "--format", "markdown", "--compact"]);
    expect(r.stdout.startsWith("# Perimeter compliance report (compact summary)\n")).toBe(true);
    expect(r.stdout).toContain("## Overview");
    expect(r.stdout).toContain("## Failures");
    expect(r.stdout).not.toContain("**Passes**");
  });
});
