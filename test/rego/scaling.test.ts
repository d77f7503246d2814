// OPA's work on the library's Rego grows as the export does (BENCHMARKS.md, "The Rego in OPA:
// how it scales"). Measured as the expression evaluations of one evaluation (the sum of
// `num_eval` in `opa eval --profile`), which, unlike time, does not depend on the machine's
// load: from a ~50 KB to a ~500 KB generated export (bench/generate.ts), ×10 the bytes, they
// may grow at most ×12. Also with a network policy and a collection error per workspace (the
// lookups by id and the matching of errors to subjects). Before the Rego memoised iterations
// and predicates, indexed lookups and errors, the growth was ×17.5 and ×49.8. Each Report
// must equal the reference evaluator's.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateExport } from "../../bench/generate.js";
import { emitRego } from "../../src/backends/rego/emit.js";
import { perimeterData } from "../../src/backends/data.js";
import { defaultParams } from "../../src/eval/params.js";
import { evaluate } from "../../src/eval/run.js";
import { parseExport } from "../../src/export/load.js";
import { lowerProgram } from "../../src/ir/lower.js";
import { frontEnd, readPolicyFiles } from "../../src/program/load.js";
import { OPA, run, writeTree } from "../helpers/opa.js";

const NOW = "2026-11-28";

type Obj = Record<string, unknown>;

/** A network policy of its own (six allowed destinations) and a collection error per workspace. */
function widened(text: string): string {
  const doc = JSON.parse(text) as Obj;
  const account = doc["account"] as Obj;
  const policies = account["network_policies"] as Obj[];
  const restricted = policies.find((p) => p["network_policy_id"] !== "default-policy")!;
  const collection = doc["collection"] as Obj;
  const errors = (collection["errors"] ??= []) as Obj[];
  (doc["workspaces"] as Obj[]).forEach((w, i) => {
    const p = structuredClone(restricted);
    p["network_policy_id"] = `np-${i}`;
    const access = (p["egress"] as Obj)["network_access"] as Obj;
    access["allowed_internet_destinations"] = (access["allowed_internet_destinations"] as unknown[]).slice(0, 6);
    policies.push(p);
    ((w["network_option"] ??= {}) as Obj)["network_policy_id"] = `np-${i}`;
    errors.push({ slot: `workspaces[${i}].apps`, http_status: 403, error_code: "PERMISSION_DENIED" });
  });
  return JSON.stringify(doc);
}

describe.skipIf(OPA === undefined)("OPA's work grows as the export does", () => {
  const ir = lowerProgram(frontEnd(readPolicyFiles(["policies"]).sources).program!);
  const params = defaultParams(ir);
  const dir = writeTree(emitRego(ir).map((f) => ({ path: `rego/${f.path}`, text: f.text })));
  const data = join(dir, "data.json");
  writeFileSync(data, JSON.stringify(perimeterData(NOW, params)));

  /** The expression evaluations of one evaluation of the Report, checked against the evaluator's. */
  function evaluations(name: string, text: string): number {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, text);
    const r = run(OPA!, ["eval", "--data", join(dir, "rego"), "--data", data, "--input", file, "--format", "json", "--profile", "--profile-limit", "1000000", "data.databricks.apps.report"]);
    expect(r.stderr, name).toBe("");
    const out = JSON.parse(r.stdout) as { result: { expressions: { value: unknown }[] }[]; profile: { num_eval: number }[] };
    const loaded = parseExport(`${name}.json`, text).export!;
    const want = JSON.parse(JSON.stringify(evaluate(ir, { document: loaded.document, errors: loaded.errors }, { now: NOW, params }))) as unknown;
    expect(out.result[0]!.expressions[0]!.value, name).toEqual(want);
    return out.profile.reduce((n, p) => n + p.num_eval, 0);
  }

  it.each([
    ["the generated exports", (t: string) => t],
    ["a network policy and a collection error per workspace", widened],
  ])("%s: ×10 the bytes, at most ×12 the expression evaluations", (_name, shape) => {
    const small = shape(generateExport(50_000));
    const large = shape(generateExport(500_000));
    expect(large.length / small.length).toBeGreaterThan(9.5);
    expect(large.length / small.length).toBeLessThan(10.5);
    const growth = evaluations("large", large) / evaluations("small", small);
    expect(growth).toBeLessThanOrEqual(12);
  }, 120_000);
});
