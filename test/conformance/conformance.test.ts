// The conformance corpus (test/conformance/cases/*.yaml: a case per behaviour of an operator,
// written once) run on every engine: the reference evaluator, our Wasm module, the real OPA on
// the emitted Rego and OPA's own Wasm build of it. Each case names the engines that disagree
// and how; a case may record an engine as a known failure, with its reason, and fails when
// that engine starts to agree. Every IR operator (operators.ts, derived from src/ir/ir.ts) has
// at least one case, and each case exercises an operator its file is about.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPA } from "../helpers/opa.js";
import { compileCorpus, readCorpus, type Case, type Compiled, type EngineName } from "./corpus.js";
import { engines, type EngineRun, type Outcome } from "./engines.js";
import { judge, verdict } from "./judge.js";
import { irOperators, operatorsOf } from "./operators.js";

const files = readCorpus();
const corpus: Compiled = compileCorpus(files);
const adapters = engines(OPA);
const runs = new Map<EngineName, EngineRun>();

beforeAll(async () => {
  // The OPA engines spawn processes: run them together, the in-process engines meanwhile.
  const settled = await Promise.allSettled(adapters.filter((a) => a.unavailable === undefined).map(async (a) => runs.set(a.name, await a.run(corpus))));
  for (const s of settled) if (s.status === "rejected") throw s.reason;
}, 300_000);

afterAll(() => {
  const perEngine = [...runs].map(([n, r]) => `${n} ${(r.prepareMs / 1000).toFixed(2)} s + ${(r.evalMs / 1000).toFixed(2)} s`).join("; ");
  const skipped = adapters.filter((a) => a.unavailable !== undefined).map((a) => `${a.name} (${a.unavailable})`);
  console.log(`conformance: ${corpus.cases.length} cases in ${files.length} files; per engine, prepare + evaluate: ${perEngine}${skipped.length > 0 ? `; skipped: ${skipped.join(", ")}` : ""}`);
});

function outcomesOf(c: Case): Map<EngineName, Outcome> {
  return new Map([...runs].map(([n, r]) => [n, r.outcomes.get(c)!]));
}

describe.each(files.map((f) => [f.file, f] as const))("%s", (_name, file) => {
  it.each(file.cases.map((c) => [c.name, c] as const))("%s", (_n, c) => {
    const ran = [...runs.keys()];
    expect(ran).toContain("reference");
    const failures = verdict(c, judge(c, outcomesOf(c)), ran);
    if (failures.length > 0) expect.fail(`${c.where} (${c.name}):\n  ${failures.join("\n  ")}\n  policy:\n${c.source.replace(/^/gm, "    ")}`);
  });
});

describe("the corpus covers the IR", () => {
  const cat = irOperators();
  const used = new Map(corpus.cases.map((c) => [c, operatorsOf(corpus.ir, c.package, cat)]));

  it("derives the operators from src/ir/ir.ts", () => {
    // A sample of what the derivation must find, so that a broken derivation cannot pass vacuously.
    for (const k of ["cmp:within", "cmp:matches", "builtin:cidrs", "quant:none", "is:missing", "arith:-", "coalesce", "first", "located:filter"]) expect(cat.keys).toContain(k);
    expect(cat.keys.length).toBeGreaterThan(40);
  });

  it("every operator of the IR has at least one case", () => {
    const counts = new Map(cat.keys.map((k) => [k, 0]));
    for (const s of used.values()) for (const k of s) if (counts.has(k)) counts.set(k, counts.get(k)! + 1);
    console.log(`conformance: cases per operator: ${[...counts].map(([k, n]) => `${k} ${n}`).join(", ")}`);
    expect([...counts].filter(([, n]) => n === 0).map(([k]) => k)).toEqual([]);
  });

  it("every file names operators of the IR, and each of its cases exercises one of them", () => {
    const problems: string[] = [];
    for (const f of files) {
      for (const op of f.operators) if (!cat.keys.includes(op)) problems.push(`${f.file}: \`${op}\` is not an operator of the IR (${cat.keys.join(", ")})`);
      if (f.operators.length === 0) continue;
      for (const c of f.cases) if (!f.operators.some((op) => used.get(c)!.has(op))) problems.push(`${c.where} (${c.name}) exercises none of ${f.operators.join(", ")}`);
    }
    expect(problems).toEqual([]);
  });
});

describe("the judge", () => {
  it("fails a case whose expected value is wrong, on every engine that ran", () => {
    for (const form of ["value", "require", "policy"] as const) {
      const c = corpus.cases.find((x) => x.expect.form === form && Object.keys(x.knownFailure).length === 0)!;
      expect(c, `no ${form} case`).toBeDefined();
      const e = c.expect;
      const wrong: Case =
        e.form === "value"
          ? { ...c, expect: { form: "value", shown: ["not", "the", "value"] } }
          : e.form === "require"
            ? { ...c, expect: { form: "require", status: e.status === "pass" ? "fail" : "pass" } }
            : { ...c, expect: { ...e, controls: Object.fromEntries(Object.keys(e.controls).map((id) => [id, { "no such subject": "pass" }])) } };
      expect(verdict(c, judge(c, outcomesOf(c)), [...runs.keys()])).toEqual([]);
      const failures = verdict(wrong, judge(wrong, outcomesOf(c)), [...runs.keys()]);
      expect(failures.map((f) => f.split(":")[0]).sort()).toEqual([...runs.keys()].sort());
    }
  });

  it("fails a known failure that passes", () => {
    const c = corpus.cases.find((x) => Object.keys(x.knownFailure).length === 0)!;
    const marked: Case = { ...c, knownFailure: { reference: "pretend" } };
    expect(verdict(marked, judge(marked, outcomesOf(c)), [...runs.keys()])).toEqual([expect.stringContaining("reference: recorded as a known failure (pretend) but it now passes")]);
  });
});
