// The emitted Rego judged by the real OPA (v1.22.4, installed by `npm run tools`), against the
// reference evaluator and our Wasm module:
// - `opa run --server` on the Rego files and a data.json, one server per program for the whole
//   file; `now` and the params set with PUT /v1/data/perimeter; POST /v1/data/<pkg>/report and
//   /verdicts give, as canonical JSON byte for byte, the evaluator's Report and
//   verdicts(Report), and so does our Wasm module: on every example, policy-test and fixture
//   export (test/wasm/helpers.ts EXPORT_DIRS), with the default params and examples/params/site.yaml,
//   on several dates and none; and on generated exports (PERIMETER_OPA_RUNS, default 500).
// - `opa eval --bundle` / `--data` on the command line, once per example export.
// - OPA's own Wasm (`opa build -t wasm`) of the emitted Rego, loaded by @open-policy-agent/opa-wasm.
// scripts/soak-opa.mjs runs the same comparison on as many generated exports as asked.
import fc from "fast-check";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundle } from "../../src/backends/bundle.js";
import { emitRego } from "../../src/backends/rego/emit.js";
import { perimeterData } from "../../src/backends/data.js";
import { loadPolicySync } from "../../src/backends/wasm/sdk.js";
import { bundleRoots } from "../../src/api/compile.js";
import { runCli } from "../helpers/cli.js";
import { defaultParams } from "../../src/eval/params.js";
import type { ParamValues } from "../../src/eval/interp.js";
import { evaluate } from "../../src/eval/run.js";
import { loadExport } from "../../src/io/export-file.js";
import { verdicts } from "../../src/report/verdicts.js";
import { show, type Value } from "../../src/eval/value.js";
import { exportDocument, exportDocumentExact, parsedErrors } from "../helpers/arbitrary-export.js";
import { exactJsonText } from "../../src/export/exact-json.js";
import { OPA, run, writeTree } from "../helpers/opa.js";
import { canonical, canonicalText, pool, runAsync } from "../helpers/opa-server.js";
import { buildOpaWasm, describeMismatch, Differential, generatedSettings, widenIds, packageProgram, paramSets, PROGRAMS, type Case, type Setting } from "../helpers/opa-differential.js";
import { compileProgram, exampleExports } from "../wasm/helpers.js";
import { runCount, seedFrom } from "../helpers/env.js";

/** Dates: none, and each side of every waiver's expiry in the corpus. */
const NOWS = [null, "2026-11-01", "2026-11-28", "2026-12-10", "2027-01-31", "2027-02-01"];
const RUNS = runCount("PERIMETER_OPA_RUNS", 500);
const SEED = seedFrom("PERIMETER_OPA_SEED", 20261128);

/** The example exports as written (numbers exactly as in the file). */
function exampleCases(): Case[] {
  return exampleExports().map((e) => {
    const json = readFileSync(e.file, "utf8");
    // No example uses list envelopes: the file is the document the engines read.
    expect(canonicalText(json)).toBe(canonical(e.document));
    return { label: e.file, json, exp: { document: e.document, errors: e.errors } };
  });
}

describe.skipIf(OPA === undefined)("the real OPA, the reference evaluator and the Wasm module agree", () => {
  const servers = new Map<string, Differential>();
  const started = Date.now();

  beforeAll(async () => {
    // All settled before failing, so that afterAll stops every server that did start.
    const starts = await Promise.allSettled(Object.entries(PROGRAMS).map(async ([name, paths]) => servers.set(name, await Differential.start(OPA!, name, compileProgram(paths)))));
    for (const r of starts) if (r.status === "rejected") throw r.reason;
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...servers.values()].map((s) => s.stop()));
    const queries = [...servers.values()].reduce((n, s) => n + s.queries, 0);
    const results = [...servers.values()].map((s) => `${s.name} ${JSON.stringify(s.statuses)}`).join("; ");
    console.log(`OPA differential: ${queries} OPA queries in ${((Date.now() - started) / 1000).toFixed(1)} s; results compared: ${results}`);
  });

  describe.each(Object.keys(PROGRAMS))("%s", (name) => {
    it("every example export, with default and site params, on every date and none", async () => {
      const d = servers.get(name)!;
      expect(d.packages.length).toBeGreaterThan(0);
      const cases = exampleCases();
      let settings = 0;
      // Every date with the default params; with site.yaml's, none and one.
      for (const ps of paramSets(d.ir)) {
        for (const now of ps.name === "defaults" ? NOWS : [null, "2026-11-28"]) {
          const m = await d.compare({ name: `${ps.name}, now ${now ?? "none"}`, now, params: ps.params }, cases);
          if (m !== undefined) expect.fail(describeMismatch(m, false));
          settings++;
        }
      }
      expect(settings).toBe(NOWS.length + 2 * (paramSets(d.ir).length - 1));
      // The library's case sends 14 exports in 8 settings through OPA (its address-count and
      // CIDR helpers are slow in Rego): 48 s on a quiet machine, over the 60 s default on a busy one.
    }, 180_000);
  });

  it("site.yaml applies to the library", () => {
    expect(paramSets(servers.get("policies")!.ir).map((p) => p.name)).toEqual(["defaults", "site.yaml"]);
    expect(generatedSettings(servers.get("policies")!.ir)).toHaveLength(12);
  });

  it("a wrong setting on OPA's side is caught (the comparison is not vacuous)", async () => {
    const d = servers.get("report fixture")!;
    const s: Setting = { name: "defaults, now 2026-11-28", now: "2026-11-28", params: defaultParams(d.ir) };
    await d.set(s);
    await d.server.putData("perimeter", perimeterData("2026-11-29", s.params).perimeter);
    const m = await d.compare(s, exampleCases().slice(0, 1));
    await d.server.putData("perimeter", perimeterData(s.now, s.params).perimeter);
    expect(m?.what).toBe("acme.reports report: OPA vs evaluator");
    expect(m?.got).toContain('"now":"2026-11-29"');
  });

  it(`on ${RUNS} generated exports (seed ${SEED}; two in three with long workspace ids), for the library and the language example, in assorted settings`, async () => {
    const library = servers.get("policies")!;
    const language = servers.get("fixtures/language")!;
    // One export in three with its workspace ids made 16, 10 and 9 digits long (widenIds), one
    // in three with ids beyond 2^53 (exportDocumentExact: bigints, as the loader reads them, and
    // the same digits in the JSON text all three engines read).
    const plain = fc.sample(exportDocument, { numRuns: RUNS, seed: SEED });
    const exact = fc.sample(exportDocumentExact, { numRuns: RUNS, seed: SEED });
    const docs = plain.map((doc, i) => (i % 3 === 1 ? widenIds(doc) : i % 3 === 2 ? exact[i]! : doc));
    const numbers = docs.flatMap((doc) => exactJsonText(doc).replace(/"(?:[^"\\]|\\.)*"/g, '""').match(/-?\d+(\.\d+)?(e[-+]?\d+)?/gi) ?? []);
    expect(numbers).toContain("3141592653589793");
    expect(numbers.filter((n) => /^\d+$/.test(n) && BigInt(n) > BigInt(Number.MAX_SAFE_INTEGER)).length).toBeGreaterThan(RUNS / 10);
    const before = new Map([library, language].map((d) => [d, { ...d.statuses }]));
    for (const d of [library, language]) {
      const settings = generatedSettings(d.ir);
      // Run i in setting i mod n: one PUT per setting, and the requests of a setting in parallel.
      for (const [k, s] of settings.entries()) {
        const cases: Case[] = [];
        docs.forEach((doc, i) => {
          if (i % settings.length === k) cases.push({ label: `generated export #${i} (seed ${SEED})`, json: exactJsonText(doc), exp: { document: doc, errors: parsedErrors(doc) } });
        });
        const m = await d.compare(s, cases);
        if (m !== undefined) expect.fail(describeMismatch(m));
      }
    }
    // Every status occurs (the language example's waiver of workspace 3141592653589793 too).
    const seen = (d: Differential, st: string) => (d.statuses[st] ?? 0) - (before.get(d)![st] ?? 0);
    for (const d of [library, language]) for (const st of ["pass", "fail", "unknown"]) expect(seen(d, st), `${d.name} ${st}`).toBeGreaterThan(0);
    expect(seen(language, "waived")).toBeGreaterThan(0);
  }, 300_000);
});

/**
 * An integer beyond 2^53 in the export: OPA keeps it exact (Go big numbers), and so do the
 * evaluator (bigints from the loader) and the Wasm module (digits kept): a workspace id of 16
 * digits, 9876543210987655, is the subject key 9876543210987655 in all three Reports.
 */
describe.skipIf(OPA === undefined)("an integer beyond 2^53", () => {
  it("OPA, the evaluator and the Wasm module all key the workspace 9876543210987655, with equal Reports", async () => {
    const ir = compileProgram(["policies"]);
    const d = await Differential.start(OPA!, "policies", ir);
    try {
      const json = readFileSync("examples/exports/contoso-dev-azure-noncompliant.json", "utf8").replaceAll("2718281828459045", "9876543210987655");
      // Read as `perimeter check` reads it.
      const file = join(writeTree([{ path: "export.json", text: json }]), "export.json");
      const exp = loadExport(file).export!;
      const params = defaultParams(ir);
      await d.set({ name: "defaults, no date", now: null, params });
      const opa = canonicalText((await d.server.query("databricks/apps/report", json))!);
      expect([...new Set(opa.match(/98765432109876\d\d/g))]).toEqual(["9876543210987655"]);
      expect(canonical(evaluate(ir, { document: exp.document, errors: exp.errors }, { now: null, params })), "the evaluator").toBe(opa);
      const policy = loadPolicySync(d.wasm.module);
      policy.setData(perimeterData(null, params));
      const wasm = canonical((policy.evaluate(new TextEncoder().encode(json).buffer as ArrayBuffer, 0) as { result: unknown }[])[0]!.result);
      expect(wasm, "the Wasm module").toBe(opa);
    } finally {
      await d.stop();
    }
  });
});

// --- the command line: opa eval ------------------------------------------------------------

describe.skipIf(OPA === undefined)("opa eval on the command line", () => {
  const ir = compileProgram(["policies"]);
  const pkg = "databricks.apps";
  const files = emitRego(ir);

  /** `opa eval <load args> --input <export> data.<pkg>.report` (raw output) on every example export equals the evaluator's Report. */
  async function expectEvalReports(load: readonly string[], now: string | null, params: ParamValues): Promise<void> {
    const results = await pool(exampleExports(), 2, (e) => runAsync(OPA!, ["eval", ...load, "--input", e.file, "--format", "raw", `data.${pkg}.report`]));
    for (const [i, e] of exampleExports().entries()) {
      const r = results[i]!;
      expect(r.status === 0 ? r.stderr : r.stdout + r.stderr, e.file).toBe("");
      const want = evaluate(ir, { document: e.document, errors: e.errors }, { now, params });
      expect(canonicalText(r.stdout.trim()), e.file).toBe(canonical(want));
    }
  }
  const site = () => paramSets(ir).find((p) => p.name === "site.yaml")!.params;
  const settingsFile = (dir: string) => {
    const settings = join(dir, "settings.json");
    writeFileSync(settings, JSON.stringify(perimeterData("2026-11-28", site())));
    return settings;
  };

  // The bundle `perimeter compile --target bundle` writes (Rego only: an OPA built without a
  // Wasm runtime refuses a bundle that names Wasm entrypoints), with `now` and the site params
  // given beside it: the bundle owns `perimeter/lib`, not `data.perimeter`.
  it("opa eval --bundle (the bundle `compile --target bundle` writes) --data <now and site params> gives the evaluator's Report on every example export", async () => {
    const dir = writeTree([]);
    const tarball = join(dir, "policies.tar.gz");
    expect(runCli(["compile", "policies", "--target", "bundle", "-o", tarball]).code).toBe(0);
    await expectEvalReports(["--bundle", tarball, "--data", settingsFile(dir)], "2026-11-28", site());
  });

  it("opa eval --bundle with nothing beside it: the params' defaults, no waiver in force", async () => {
    const tarball = join(writeTree([]), "policies.tar.gz");
    writeFileSync(tarball, bundle({ rego: files, roots: bundleRoots(ir) }));
    await expectEvalReports(["--bundle", tarball], null, defaultParams(ir));
  });

  it("opa eval --data <Rego dir> --data <data.json with now and site params> gives the evaluator's Report on every example export", async () => {
    await expectEvalReports(["--data", writeTree(files), "--data", settingsFile(writeTree([]))], "2026-11-28", site());
  });
});

// --- OPA's own Wasm compiler ---------------------------------------------------------------

describe.skipIf(OPA === undefined)("opa build -t wasm of the emitted Rego, run by @open-policy-agent/opa-wasm", () => {
  it("lib.number_text writes numbers as the evaluator does, in OPA and in OPA's Wasm (whose format_int stops at 2^31 - 1)", async () => {
    const numbers = [
      0, 7, -7, 0.5, -2.25, 1e-7, 999999999, -999999999, 1000000000, -1000000000, 1000000001, 2147483647, 2147483648, -2147483649, 4294967296,
      123456789012, 1000000000000000, 2718281828459045, 9007199254740991, -9007199254740991, 1e18, 1.5e18, 1e20,
    ]; // Integers beyond 2^53 that float64 holds exactly (1e18, 1e20); test/cli/opa-exact-integers.test.ts has the others.
    const want = numbers.map((n) => show(n as Value));
    const lib = emitRego(compileProgram(["test/golden/ir/lets-defs-reads.perimeter"])).filter((f) => f.path.startsWith("perimeter/lib/"));
    const files = [...lib, { path: "t/t.rego", text: "package t\n\nimport data.perimeter.lib\n\ntexts := [lib.number_text(x) | some x in input]\n" }];
    const input = join(writeTree([]), "input.json");
    writeFileSync(input, JSON.stringify(numbers));
    const r = run(OPA!, ["eval", "--data", writeTree(files), "--input", input, "--format", "raw", "data.t.texts"]);
    expect(r.status === 0 ? r.stderr : r.stdout + r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual(want);
    const policy = await buildOpaWasm(OPA!, files, ["t/texts"]);
    expect((policy.evaluate(numbers, "t/texts") as { result: unknown }[])[0]?.result).toEqual(want);
  });

  it.each(Object.keys(PROGRAMS))("%s: the evaluator's Report and verdicts on every example export", async (name) => {
    const ir = compileProgram(PROGRAMS[name]!);
    const pkgs = [...new Set(ir.controls.map((c) => c.package))].sort();
    const entrypoints = pkgs.flatMap((p) => [`${p.replaceAll(".", "/")}/report`, `${p.replaceAll(".", "/")}/verdicts`]);
    const policy = await buildOpaWasm(OPA!, emitRego(ir), entrypoints);
    expect(Object.keys(policy.entrypoints).sort()).toEqual([...entrypoints].sort());
    for (const ps of paramSets(ir)) {
      for (const now of [null, "2026-11-28", "2027-02-01"]) {
        policy.setData(perimeterData(now, ps.params));
        for (const e of exampleExports()) {
          for (const p of pkgs) {
            const want = evaluate(packageProgram(ir, p), { document: e.document, errors: e.errors }, { now, params: ps.params });
            const at = `${e.file} ${p} (${ps.name}, now ${now ?? "none"})`;
            const report = policy.evaluate(e.document, `${p.replaceAll(".", "/")}/report`) as { result: unknown }[];
            expect(canonical(report[0]?.result), at).toBe(canonical(want));
            const v = policy.evaluate(e.document, `${p.replaceAll(".", "/")}/verdicts`) as { result: unknown }[];
            expect(canonical(v[0]?.result), at).toBe(canonical(verdicts(want)));
          }
        }
      }
    }
  });
});
