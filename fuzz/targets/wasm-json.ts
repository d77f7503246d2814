/**
 * Fuzz target `wasm-json`: raw bytes as the input of `opa_eval` in the compiled library module
 * (the shipped policies, through the npm SDK `@open-policy-agent/opa-wasm` as a host uses it):
 * mutated exports, invalid UTF-8, byte-order marks, deep nesting, truncations.
 *
 * Oracles:
 * - the runtime's JSON reader accepts exactly what `JSON.parse` accepts (of the bytes decoded
 *   as UTF-8, invalid sequences as U+FFFD, a leading byte-order mark dropped), except nesting
 *   deeper than 2048 levels, which it refuses: accepted input gives one result, refused input
 *   the empty result set (an undefined input);
 * - it never traps: the only exception allowed is `opa_abort` with a message;
 * - accepted input reads the same value: the report equals the reference evaluator's when the
 *   export loader accepts the document, else the module's own report of the document written
 *   back by `JSON.stringify` (numbers within 2^53 only);
 * - after any input, the next evaluation on the same instance gives the right report.
 * Coverage keys: accepted/refused × why (depth, syntax), loader verdict, aborts.
 */

import { reportFor } from "../../src/engine/js.js";
import { perimeterData } from "../../src/backends/data.js";
import { compileWasm } from "../../src/backends/wasm/compile.js";
import { loadPolicySync, type LoadedPolicy } from "../../src/backends/wasm/sdk.js";
import { defaultParams } from "../../src/eval/params.js";
import { hasUnsafeNumber } from "../../src/export/exact-json.js";
import { parseExport } from "../../src/export/load.js";
import type { IrProgram } from "../../src/ir/ir.js";
import { lowerProgram } from "../../src/ir/lower.js";
import { packagePath } from "../../src/paths.js";
import { frontEnd, readPolicyFiles } from "../../src/program/load.js";
import { corpus } from "../corpus.js";
import type { Target } from "../driver.js";
import { jsonInputArbitrary, jsonInputBytes, type JsonInput } from "../json-input.js";

const NOW = "2026-11-28";
export const MAX_DEPTH = 2048;

interface Setup {
  readonly ir: IrProgram;
  readonly params: ReturnType<typeof defaultParams>;
  readonly policy: LoadedPolicy;
  readonly good: Uint8Array;
  readonly want: string;
}

let setup: Setup | undefined;

function ready(): Setup {
  if (setup !== undefined) return setup;
  const loaded = readPolicyFiles([packagePath("policies")]);
  const fe = frontEnd(loaded.sources, {}, loaded.diagnostics);
  if (fe.program === undefined) throw new Error("the policy library does not check");
  const ir = lowerProgram(fe.program);
  const params = defaultParams(ir);
  const policy = loadPolicySync(compileWasm(ir).module);
  policy.setData(perimeterData(NOW, params));
  const text = corpus("export-loader")[0]!;
  const exp = parseExport("good.json", text).export;
  if (exp === undefined) throw new Error("the first export seed does not load");
  setup = { ir, params, policy, good: new Uint8Array(Buffer.from(text)), want: JSON.stringify(reportFor(ir, exp, NOW, params)) };
  return setup;
}

/** The deepest nesting of brackets outside strings (the text need not be valid). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** The SDK's evaluation: the result set, or what was thrown (`opa_abort` throws its message as a string). */
function run(policy: LoadedPolicy, bytes: Uint8Array): { results: unknown[] } | { thrown: unknown } {
  try {
    const copy = new Uint8Array(bytes); // its own ArrayBuffer (a Buffer's may be a shared pool)
    return { results: policy.evaluate(copy.buffer) as unknown[] };
  } catch (e) {
    return { thrown: e };
  }
}

function describe(thrown: unknown): string {
  return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : `${typeof thrown} ${JSON.stringify(thrown)}`;
}

const result = (rs: unknown[]) => JSON.stringify((rs[0] as { result: unknown } | undefined)?.result);

export const wasmJsonTarget: Target<JsonInput> = {
  name: "wasm-json",
  about: "opa_eval input bytes: mutated exports, invalid UTF-8, byte-order marks, deep nesting (compiled policy library, npm SDK)",
  arbitrary: jsonInputArbitrary({ byteOps: 3 }),
  prepare: ready,
  execute(input) {
    const s = ready();
    const bytes = jsonInputBytes("wasm-json", input);
    const keys: string[] = [];
    const text = new TextDecoder().decode(bytes);
    let value: unknown;
    let valid = true;
    try {
      value = JSON.parse(text);
    } catch {
      valid = false;
    }
    const deep = nestingDepth(text) > MAX_DEPTH;
    const expectAccept = valid && !deep;
    keys.push(`${valid ? "json" : "not-json"}${deep ? "-deep" : ""}`);
    const got = run(s.policy, bytes);
    if ("thrown" in got) {
      if (typeof got.thrown !== "string" || got.thrown.trim() === "") throw new Error(`opa_eval trapped (not opa_abort): ${describe(got.thrown)}`);
      keys.push(`abort:${got.thrown.slice(0, 40)}`);
    } else {
      const accepted = got.results.length === 1;
      if (got.results.length > 1) throw new Error(`${got.results.length} results`);
      if (accepted !== expectAccept) throw new Error(`the module ${accepted ? "accepts" : "refuses"} input it should ${expectAccept ? "accept" : "refuse"}: JSON.parse ${valid ? "accepts" : "refuses"} it, nesting ${nestingDepth(text)} (the limit is ${MAX_DEPTH})`);
      if (accepted) {
        const exp = parseExport("fuzz.json", text).export;
        if (exp !== undefined) {
          keys.push("export");
          const want = JSON.stringify(reportFor(s.ir, exp, NOW, s.params));
          if (result(got.results) !== want) throw new Error(`the module's report differs from the reference evaluator's\n--- module ---\n${result(got.results)}\n--- reference ---\n${want}`);
        } else if (!hasUnsafeNumber(value)) {
          keys.push("not-export");
          const again = run(s.policy, new TextEncoder().encode(JSON.stringify(value)));
          if ("thrown" in again) throw new Error(`the document written back traps: ${describe(again.thrown)}`);
          if (result(again.results) !== result(got.results)) throw new Error(`the report of the bytes differs from the report of the document written back\n--- bytes ---\n${result(got.results)}\n--- written back ---\n${result(again.results)}`);
        }
      }
    }
    const next = run(s.policy, s.good);
    if ("thrown" in next) throw new Error(`the next evaluation fails: ${describe(next.thrown)}`);
    if (result(next.results) !== s.want) throw new Error(`the next evaluation on the same instance is wrong\n--- got ---\n${result(next.results)}\n--- want ---\n${s.want}`);
    return keys;
  },
  bytes: (input) => ({ ext: "json", data: jsonInputBytes("wasm-json", input) }),
};
