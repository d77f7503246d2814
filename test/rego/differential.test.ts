// The emitted Rego, run by the reference interpreter of the Rego subset (test/helpers/rego),
// gives the same Report as the reference evaluator, and its `verdicts` rule the Report's
// verdicts (src/report/verdicts.ts): on every example export, with default and site
// parameters, on several dates, and on generated exports (fast-check).
import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitRego } from "../../src/backends/rego/emit.js";
import { applyOverrides, defaultParams } from "../../src/eval/params.js";
import type { ParamValues } from "../../src/eval/interp.js";
import { evaluate } from "../../src/eval/run.js";
import type { IrProgram } from "../../src/ir/ir.js";
import { lowerProgram } from "../../src/ir/lower.js";
import { verdicts } from "../../src/report/verdicts.js";
import { frontEnd, readPolicyFiles } from "../../src/program/load.js";
import { RegoEngine } from "../helpers/rego/index.js";
import { exportDocument, parsedErrors } from "../helpers/arbitrary-export.js";
import { parse as parseYaml } from "yaml";

/** JSON with object keys sorted: the Report's key order is not part of its meaning. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x !== null && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));
}

interface Compiled {
  readonly ir: IrProgram;
  readonly engine: (data: unknown) => RegoEngine;
  readonly entry: string;
  readonly verdicts: string;
}

function compile(paths: string[]): Compiled {
  const loaded = readPolicyFiles(paths);
  const ir = lowerProgram(frontEnd(loaded.sources).program!);
  const modules = emitRego(ir).map((f) => ({ path: f.path, text: f.text }));
  const pkg = ir.controls[0]!.package;
  const entry = `data.${pkg.split(".").join(".")}.report`;
  return { ir, engine: (data) => new RegoEngine(modules, data), entry, verdicts: `data.${pkg}.verdicts` };
}

function paramsData(params: ParamValues): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [pkg, m] of params) out[pkg] = Object.fromEntries(m);
  return out;
}

function compare(c: Compiled, doc: Record<string, unknown>, now: string | null, params: ParamValues): void {
  const want = evaluate(c.ir, { document: doc, errors: parsedErrors(doc) }, { now, params });
  const data = { perimeter: { ...(now === null ? {} : { now }), params: paramsData(params) } };
  const engine = c.engine(data);
  const got = engine.evaluate(c.entry, doc);
  expect(canonical(got)).toBe(canonical(want));
  // The verdicts rule: the evaluator's verdicts, in the same order.
  expect(canonical(engine.evaluate(c.verdicts, doc))).toBe(canonical(verdicts(want)));
}

const exportsDirs = ["examples/exports", "test/fixtures/exports", "policies/databricks/apps/fixtures"];
const exports = exportsDirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith(".json")).map((f) => join(d, f)));
const load = (f: string) => JSON.parse(readFileSync(f, "utf8")) as Record<string, unknown>;

const corpora: Record<string, string[]> = {
  policies: ["policies"],
  "language example": ["test/fixtures/language"],
  "reads corpus": ["test/golden/ir/lets-defs-reads.perimeter"],
  "report fixture": ["test/report/fixtures/report.perimeter"],
};

describe("Rego and the reference evaluator agree", () => {
  for (const [name, paths] of Object.entries(corpora)) {
    const c = compile(paths);
    it.each(exports)(`${name} on %s`, (file) => {
      const doc = load(file);
      compare(c, doc, "2026-11-28", defaultParams(c.ir));
      compare(c, doc, null, defaultParams(c.ir));
      compare(c, doc, "2027-02-01", defaultParams(c.ir));
    });
  }

  it("with a site parameters file", () => {
    const c = compile(["policies"]);
    const site = applyOverrides(c.ir, parseYaml(readFileSync("examples/params/site.yaml", "utf8")), "site.yaml");
    expect(site.problems).toEqual([]);
    for (const file of exports) compare(c, load(file), "2026-11-28", site.params);
  });

  it("on generated exports (property-based)", () => {
    const library = compile(["policies"]);
    const language = compile(["test/fixtures/language"]);
    fc.assert(
      fc.property(exportDocument, (doc) => {
        compare(library, doc, "2026-11-28", defaultParams(library.ir));
        compare(language, doc, "2026-11-28", defaultParams(language.ir));
      }),
      { numRuns: Number(process.env["PERIMETER_PROPERTY_RUNS"] ?? 60) },
    );
  });
});
