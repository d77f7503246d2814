// The library API as a user of the package calls it: `import { check, … } from "perimeter"`
// resolves to package.json's "exports" entry, the built dist/src/index.js (`npm test` builds
// first), which is what is imported here. Each function returns what the matching command
// prints, never printing itself; the CLI (the real consumer of the same functions) gives the
// reference output.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { packagePath } from "../../src/paths.js";
import { runCli } from "../helpers/cli.js";

type Api = typeof import("../../src/index.js");

const NOW = "2026-11-28";
const ACME = "examples/exports/acme-aws-prod.json";
const CONTOSO = "examples/exports/contoso-dev-azure-noncompliant.json";
let api: Api;

beforeAll(async () => {
  const pkg = JSON.parse(readFileSync(packagePath("package.json"), "utf8")) as { exports: Record<string, string> };
  api = (await import(pathToFileURL(packagePath(pkg.exports["."]!)).href)) as Api;
});

/** Fails the test if the API writes to the process's streams. */
function silent(): void {
  const fail = (): boolean => {
    throw new Error("the library API printed");
  };
  vi.spyOn(process.stdout, "write").mockImplementation(fail);
  vi.spyOn(process.stderr, "write").mockImplementation(fail);
}

/** Text as the CLI writes it: with a final newline. */
const line = (text: string): string => (text.endsWith("\n") ? text : `${text}\n`);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the library API (dist/src/index.js)", { timeout: 120_000 }, () => {
  it("check: the shipped library on exports gives the Reports `perimeter check --format json` prints, on every built-in engine", async () => {
    silent();
    const run = await api.check({ policies: [], library: true, exports: [ACME, CONTOSO], now: NOW, maxExportAge: 36500 });
    const js = await api.check({ policies: [], library: true, exports: [ACME, CONTOSO], now: NOW, maxExportAge: 36500, engine: "js" });
    vi.restoreAllMocks();
    if (!run.ok) throw new Error(api.formatProblems(run.problems));
    if (!js.ok) throw new Error(api.formatProblems(js.problems));
    expect(run.failed).toBe(true);
    expect(run.runs.map((r) => r.file)).toEqual([ACME, CONTOSO]);
    expect(run.runs[0]!.report.controls).toHaveLength(25);
    const cli = runCli(["check", "--library", "--input", ACME, CONTOSO, "--now", NOW, "--max-export-age", "36500", "--format", "json", "--no-config"]);
    expect(cli.code).toBe(1);
    expect(line(api.render("json", run.runs, run.info))).toBe(cli.stdout);
    expect(api.render("json", js.runs, js.info)).toBe(api.render("json", run.runs, run.info));
    // The exit policy (`failOn`) decides as `--fail-on` does.
    const critical = await api.check({ policies: [], library: true, exports: [ACME], now: NOW, failOn: "critical" });
    const cliCritical = runCli(["check", "--library", "--input", ACME, "--now", NOW, "--fail-on", "critical", "--no-config"]);
    expect(critical.ok && critical.failed).toBe(cliCritical.code === 1);
  });

  it("check: bad input is returned as problems, worded as the CLI prints them, and nothing is evaluated", async () => {
    silent();
    const missing = await api.check({ policies: [], library: true, exports: ["no/such/export.json"], now: NOW });
    const badPolicy = await api.check({ policies: ["examples/policies/misspelt.perimeter"], exports: [ACME], now: NOW });
    const noOpa = await api.check({ policies: [], library: true, exports: [ACME], now: NOW, engine: "opa", opa: "/no/such/opa" });
    vi.restoreAllMocks();
    expect(missing.ok).toBe(false);
    expect(api.formatProblems(missing.ok ? [] : missing.problems)).toBe("error: --input no/such/export.json: cannot read the file: no such file or directory\nnothing was evaluated");
    expect(badPolicy.ok).toBe(false);
    if (badPolicy.ok) return;
    expect(badPolicy.problems[0]!.kind).toBe("policies");
    const cli = runCli(["check", "examples/policies/misspelt.perimeter", "--input", ACME, "--now", NOW, "--no-config", "--no-cache"]);
    expect(cli.code).toBe(2);
    expect(line(api.formatProblems(badPolicy.problems))).toBe(cli.stderr);
    expect(noOpa.ok).toBe(false);
    expect(api.formatProblems(noOpa.ok ? [] : noOpa.problems)).toMatch(/^error: --opa \/no\/such\/opa: no such file; install OPA/);
  });

  it("explain: the text `perimeter explain` prints, and the explanation as data", async () => {
    silent();
    const r = await api.explain({ policies: ["policies"], control: "APPS-ING-002", export: ACME, now: NOW });
    const typo = await api.explain({ policies: ["policies"], control: "APPS-ING-02", export: ACME, now: NOW });
    vi.restoreAllMocks();
    if (!r.ok) throw new Error(api.formatProblems(r.problems));
    const cli = runCli(["explain", "APPS-ING-002", "policies", "--input", ACME, "--now", NOW, "--no-config"]);
    expect(cli.code).toBe(r.failed ? 1 : 0);
    expect(line(r.text)).toBe(cli.stdout);
    expect(r.control.id).toBe("APPS-ING-002");
    expect(r.subjects.length).toBeGreaterThan(0);
    expect(typo.ok).toBe(false);
    expect(api.formatProblems(typo.ok ? [] : typo.problems)).toContain("hint: did you mean `APPS-ING-002`?");
  });

  it("compile: the IR text and the Rego files `perimeter compile` writes", async () => {
    silent();
    const ir = api.compile({ policies: ["policies"], target: "ir" });
    const rego = api.compile({ policies: ["policies"], target: "rego" });
    const wasm = api.compile({ policies: ["policies"], target: "wasm" });
    vi.restoreAllMocks();
    if (!ir.ok || ir.target !== "ir" || !rego.ok || rego.target !== "rego" || !wasm.ok || wasm.target !== "wasm") throw new Error("compile failed");
    expect(line(ir.text)).toBe(runCli(["compile", "policies", "--target", "ir", "-o", "-"]).stdout);
    expect(rego.files.some((f) => f.path.startsWith("perimeter/lib/"))).toBe(true);
    expect([...wasm.bytes.subarray(0, 4)]).toEqual([0x00, 0x61, 0x73, 0x6d]);
    expect(wasm.entrypoints.length).toBeGreaterThan(0);
  });

  it("testPolicies: the shipped library's test blocks on the evaluator and the Wasm engine, with their coverage", async () => {
    silent();
    const r = await api.testPolicies({ policies: ["policies"], now: NOW });
    vi.restoreAllMocks();
    if (!r.ok) throw new Error(api.formatProblems(r.problems));
    const engines = new Set(r.results.map((x) => x.engine));
    expect([...engines].sort()).toEqual(["evaluator", "wasm"]);
    const passed = r.results.filter((x) => x.error === undefined && x.expectations.every((e) => e.ok)).length;
    const cli = runCli(["test", "policies", "--now", NOW, "--no-config"]);
    expect(cli.stdout.trimEnd().split("\n").at(-1)).toBe(`${r.results.length} test runs: ${passed} passed, ${r.results.length - passed} failed`);
    expect(r.coverage.total).toBeGreaterThan(0);
  });

  it("loadEngine: each engine by name gives the same Report of a loaded export", async () => {
    const compiled = api.compilePolicies(["policies"], { now: NOW });
    if (!compiled.ok) throw new Error("the library does not compile");
    const exp = api.loadExport(ACME).export!;
    const params = api.defaultParams(compiled.ir);
    const reports = await Promise.all((["js", "wasm"] as const).map(async (name) => (await api.loadEngine(name)).reports(compiled.ir, [exp], { now: NOW, params })[0]));
    expect(JSON.stringify(reports[1])).toBe(JSON.stringify(reports[0]));
    expect(api.ENGINE_NAMES).toEqual(["wasm", "js", "opa"]);
  });
});
