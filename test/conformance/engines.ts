// The engines the conformance corpus runs on, behind one small adapter table: each takes the
// compiled corpus (one program, a package per case) and gives, per case, the Report of the
// case's package on the case's export, or the error that stopped it. The reference evaluator
// (src/eval), our Wasm module (src/backends/wasm, through the npm OPA SDK), the real OPA on the
// emitted Rego (`opa eval`, all cases in one process) and OPA's own Wasm build of that Rego
// (`opa build -t wasm`, one build with an entrypoint per case, loaded by
// @open-policy-agent/opa-wasm). They run the backends one package Report at a time, below the
// engine seam (src/engine), whose engines merge the packages into one Report per export; the
// merge itself is tested in test/engine/.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { emitRego } from "../../src/backends/rego/emit.js";
import { packagePath } from "../../src/backends/rego/names.js";
import { compileWasm } from "../../src/backends/wasm/compile.js";
import { perimeterData } from "../../src/backends/data.js";
import { loadPolicySync, type LoadedPolicy } from "../../src/backends/wasm/sdk.js";
import { evaluate } from "../../src/eval/run.js";
import { exactJsonText } from "../../src/export/exact-json.js";
import type { LoadedExport } from "../../src/export/load.js";
import type { IrProgram } from "../../src/ir/ir.js";
import { buildOpaWasm, packageProgram } from "../helpers/opa-differential.js";
import { runAsync } from "../helpers/opa-server.js";
import type { Case, Compiled, EngineName } from "./corpus.js";

/** What one engine gave for one case: the case package's Report (plain JSON), or an error. */
export type Outcome = { readonly report: unknown } | { readonly error: string };

export interface EngineRun {
  readonly outcomes: ReadonlyMap<Case, Outcome>;
  /** Milliseconds spent preparing (compiling, building) and evaluating every case. */
  readonly prepareMs: number;
  readonly evalMs: number;
}

export interface EngineAdapter {
  readonly name: EngineName;
  /** Why it cannot run here (a missing tool), or undefined. */
  readonly unavailable?: string;
  run(corpus: Compiled): Promise<EngineRun>;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The export as the Wasm modules read it: the document, or its exact JSON bytes when it holds integers beyond 2^53. */
function wasmInput(exp: LoadedExport): unknown {
  return exp.exactIntegers ? (new TextEncoder().encode(exactJsonText(exp.document)).buffer as ArrayBuffer) : exp.document;
}

const entrypoint = (c: Case) => `${c.package.replaceAll(".", "/")}/report`;

/** Evaluates the cases on a loaded OPA-ABI module, `now` set as data once per distinct date. */
function evaluateModule(policy: LoadedPolicy, cases: readonly Case[], corpus: Compiled, which: (c: Case) => number | string): Map<Case, Outcome> {
  const out = new Map<Case, Outcome>();
  const byNow = [...cases].sort((a, b) => String(a.now).localeCompare(String(b.now)));
  let dataKey: string | undefined;
  for (const c of byNow) {
    const data = perimeterData(c.now, corpus.params);
    const key = JSON.stringify(data);
    if (key !== dataKey) {
      policy.setData(data);
      dataKey = key;
    }
    try {
      const rs = policy.evaluate(wasmInput(corpus.exports.get(c)!), which(c)) as { result: unknown }[];
      out.set(c, rs[0] === undefined ? { error: "the report is undefined" } : { report: rs[0].result });
    } catch (e) {
      out.set(c, { error: errorText(e) });
    }
  }
  return out;
}

const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
};

export const reference: EngineAdapter = {
  name: "reference",
  run(corpus) {
    const [parts, prepareMs] = time(() => new Map(corpus.cases.map((c) => [c, packageProgram(corpus.ir, c.package)])));
    const [outcomes, evalMs] = time(() => {
      const out = new Map<Case, Outcome>();
      for (const c of corpus.cases) {
        const exp = corpus.exports.get(c)!;
        try {
          out.set(c, { report: JSON.parse(JSON.stringify(evaluate(parts.get(c)!, { document: exp.document, errors: exp.errors }, { now: c.now, params: corpus.params }))) });
        } catch (e) {
          out.set(c, { error: errorText(e) });
        }
      }
      return out;
    });
    return Promise.resolve({ outcomes, prepareMs, evalMs });
  },
};

/**
 * Cases per shard for the compiled engines. Our Wasm module's static data must fit the SDK's
 * default initial memory (MAX_INITIAL_PAGES: about 60 cases with the library), and OPA's
 * compile time grows faster than the number of packages (measured with OPA v1.22.4: the Rego of
 * 39, 70, 132 and 266 case packages took 0.5, 1.2, 3.1 and 11.5 s of CPU for `opa eval` of
 * `x := 1`, and `opa build -t wasm` of 30 and 132 entrypoints 0.6 and 4.4 s), so several small
 * processes beat one.
 */
export const SHARD = 40;

/** The cases in shards of at most SHARD, in corpus order. */
export function shards(cases: readonly Case[], size = SHARD): Case[][] {
  const out: Case[][] = [];
  for (let i = 0; i < cases.length; i += size) out.push(cases.slice(i, i + size));
  return out;
}

/** The program of some of the cases: their packages and the packages that are no case's (the library). */
export function shardProgram(corpus: Compiled, cases: readonly Case[]): IrProgram {
  const mine = new Set(cases.map((c) => c.package));
  const anyCase = new Set(corpus.cases.map((c) => c.package));
  const ir = corpus.ir;
  const ids = new Set(ir.controls.filter((c) => mine.has(c.package)).map((c) => c.id));
  return {
    ...ir,
    packages: ir.packages.filter((p) => mine.has(p.name) || !anyCase.has(p.name)),
    controls: ir.controls.filter((c) => ids.has(c.id)),
    waivers: ir.waivers.filter((w) => ids.has(w.control)),
    tests: [],
  };
}

/** Runs an engine shard by shard, adding up the time spent preparing and evaluating. */
async function byShard(corpus: Compiled, run: (shard: Case[]) => Promise<{ outcomes: Map<Case, Outcome>; prepareMs: number; evalMs: number }>): Promise<EngineRun> {
  const outcomes = new Map<Case, Outcome>();
  let prepareMs = 0;
  let evalMs = 0;
  for (const shard of shards(corpus.cases)) {
    const r = await run(shard);
    for (const [c, o] of r.outcomes) outcomes.set(c, o);
    prepareMs += r.prepareMs;
    evalMs += r.evalMs;
  }
  return { outcomes, prepareMs, evalMs };
}

export const wasm: EngineAdapter = {
  name: "wasm",
  run(corpus) {
    return byShard(corpus, (shard) => {
      const [loaded, prepareMs] = time(() => {
        const module = compileWasm(shardProgram(corpus, shard));
        return { module, policy: loadPolicySync(module.module) };
      });
      const [outcomes, evalMs] = time(() =>
        evaluateModule(loaded.policy, shard, corpus, (c) => {
          const i = loaded.module.reports.indexOf(entrypoint(c));
          if (i < 0) throw new Error(`the module has no entrypoint ${entrypoint(c)}`);
          return i;
        }),
      );
      return Promise.resolve({ outcomes, prepareMs, evalMs });
    });
  },
};

/**
 * The query of the one `opa eval`: per case, its package's report with the case's export as
 * input and its date as `data.perimeter.now`, collected in an array (empty when undefined).
 */
export function opaQuery(cases: readonly Case[]): string {
  return cases
    .map((c, i) => {
      const now = c.now === null ? "" : ` with data.perimeter.now as ${JSON.stringify(c.now)}`;
      return `x${i} := input[${i}]; c${i} := [r | r := data.${packagePath(c.package)}.report with input as x${i}${now}]`;
    })
    .join("; ");
}

/** The Rego of some cases and its data (the params; `now` goes in per case) in a fresh directory. */
function regoDir(corpus: Compiled, cases: readonly Case[]): string {
  const dir = mkdtempSync(join(tmpdir(), "perimeter-conformance-"));
  for (const f of emitRego(shardProgram(corpus, cases))) writeFile(join(dir, "policy", f.path), f.text);
  writeFile(join(dir, "policy", "data.json"), JSON.stringify(perimeterData(null, corpus.params)));
  return dir;
}

function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** One `opa eval` over the given cases; a failed run is an error for each of them. */
async function opaEval(opa: string, dir: string, cases: readonly Case[], corpus: Compiled): Promise<Map<Case, Outcome>> {
  const inputs = join(dir, `input-${cases.length}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(inputs, `[${cases.map((c) => (corpus.exports.get(c)!.exactIntegers ? exactJsonText(corpus.exports.get(c)!.document) : c.inputText)).join(",")}]`);
  const r = await runAsync(opa, ["eval", "--format", "json", "--data", join(dir, "policy"), "--input", inputs, opaQuery(cases)]);
  const out = new Map<Case, Outcome>();
  let parsed: { result?: { bindings?: Record<string, unknown[]> }[]; errors?: { message?: string }[] } | undefined;
  try {
    parsed = JSON.parse(r.stdout) as typeof parsed;
  } catch {
    parsed = undefined;
  }
  const bindings = parsed?.result?.[0]?.bindings;
  if (r.status !== 0 || bindings === undefined) {
    const why = parsed?.errors?.map((e) => e.message).join("; ") || (r.stderr || r.stdout).trim().split("\n")[0] || `exit status ${r.status}`;
    for (const c of cases) out.set(c, { error: `opa eval failed: ${why}` });
    return out;
  }
  cases.forEach((c, i) => {
    const rs = bindings[`c${i}`];
    out.set(c, rs?.[0] === undefined ? { error: "the report is undefined" } : { report: rs[0] });
  });
  return out;
}

export function opaEngine(opa: string | undefined): EngineAdapter {
  return {
    name: "opa",
    ...(opa === undefined ? { unavailable: "OPA is not installed (npm run tools)" } : {}),
    run(corpus) {
      return byShard(corpus, async (shard) => {
        const t0 = performance.now();
        const dir = regoDir(corpus, shard);
        const prepareMs = performance.now() - t0;
        try {
          const t1 = performance.now();
          let outcomes = await opaEval(opa!, dir, shard, corpus);
          // A case that stops OPA (a conflict, a type error) fails the whole query: then each
          // case of the shard runs alone, so that the error is the failing case's only.
          if (shard.length > 1 && [...outcomes.values()].every((o) => "error" in o)) {
            outcomes = new Map();
            for (const c of shard) outcomes.set(c, (await opaEval(opa!, dir, [c], corpus)).get(c)!);
          }
          return { outcomes, prepareMs, evalMs: performance.now() - t1 };
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    },
  };
}

export function opaWasmEngine(opa: string | undefined): EngineAdapter {
  return {
    name: "opa-wasm",
    ...(opa === undefined ? { unavailable: "OPA is not installed (npm run tools)" } : {}),
    run(corpus) {
      return byShard(corpus, async (shard) => {
        const t0 = performance.now();
        let policy: LoadedPolicy;
        try {
          policy = await buildOpaWasm(opa!, emitRego(shardProgram(corpus, shard)), shard.map(entrypoint));
        } catch (e) {
          const error = `opa build -t wasm failed: ${errorText(e)}`;
          return { outcomes: new Map(shard.map((c) => [c, { error }])), prepareMs: performance.now() - t0, evalMs: 0 };
        }
        const prepareMs = performance.now() - t0;
        const [outcomes, evalMs] = time(() => evaluateModule(policy, shard, corpus, entrypoint));
        return { outcomes, prepareMs, evalMs };
      });
    },
  };
}

/** The adapter table: every engine the corpus runs on. */
export function engines(opa: string | undefined): EngineAdapter[] {
  return [reference, wasm, opaEngine(opa), opaWasmEngine(opa)];
}
