// Malformed network data fails closed (LANGUAGE.md §5), as a property over generated exports:
// inserting an unparsable entry into an enabled IP access list (of a workspace or of the
// account) never turns a failing result into a passing one, and a requirement or `where` that
// reads the list fails with the inserted value at its JSON pointer. Checked on the reference
// evaluator for every draw, on the Wasm module for every draw (its Report equal byte for
// byte), and on the real OPA — its server, and its own Wasm compilation of the emitted Rego —
// for the mutated exports (skipped with a notice when OPA is not installed; required in CI).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wasmReport } from "../helpers/engines.js";
import { defaultParams } from "../../src/eval/params.js";
import { evaluate } from "../../src/eval/run.js";
import { exactJsonText } from "../../src/export/exact-json.js";
import type { IrProgram } from "../../src/ir/ir.js";
import type { Report } from "../../src/report/report.js";
import { exportDocument, MALFORMED, parsedErrors } from "../helpers/arbitrary-export.js";
import { compile } from "../helpers/eval.js";
import { OPA } from "../helpers/opa.js";
import { describeMismatch, Differential, type Case } from "../helpers/opa-differential.js";
import { compileProgram } from "../wasm/helpers.js";
import { runCount, seedFrom } from "../helpers/env.js";

const RUNS = runCount("PERIMETER_MALFORMED_RUNS", 200);
const SEED = seedFrom("PERIMETER_OPA_SEED", 20261207);
const NOW = "2026-11-28";

/** One control per operator and statement; `reads` says which enabled lists each always reads. */
const OPERATORS: readonly { id: string; reads: readonly ("ALLOW" | "BLOCK")[]; text: string }[] = [
  { id: "T-ALLOW-ONLY", reads: ["ALLOW", "BLOCK"], text: "for ws in workspaces\n  ingress ws {\n    allow only from 10.0.0.0/8\n  }" },
  { id: "T-DENY", reads: ["ALLOW", "BLOCK"], text: "for ws in workspaces\n  ingress ws {\n    deny from 198.51.100.0/24\n  }" },
  { id: "T-WITHIN", reads: ["ALLOW", "BLOCK"], text: "for ws in workspaces\n  require std.allowed_ranges(ws) within 0.0.0.0/0" },
  { id: "T-NOT-OVERLAPS", reads: ["ALLOW", "BLOCK"], text: "for ws in workspaces\n  require not (std.allowed_ranges(ws) overlaps 203.0.113.0/24)" },
  { id: "T-ANY", reads: ["ALLOW"], text: "for ws in workspaces\n  require any e in std.allow_entries(ws): e within 10.0.0.0/8" },
  { id: "T-NONE", reads: ["BLOCK"], text: "for ws in workspaces\n  require none e in std.block_entries(ws): not (e overlaps 10.0.0.0/8)" },
  { id: "T-WHERE", reads: ["BLOCK"], text: "for ws in workspaces where not (std.block_entries(ws) overlaps 192.0.2.0/24)\n  require true" },
  { id: "T-OR", reads: ["ALLOW"], text: "for ws in workspaces\n  require std.allow_entries(ws) within 10.0.0.0/8 or not (std.block_entries(ws) overlaps 10.0.0.0/8)" },
];

const operators = (): IrProgram =>
  compile(`package t\nimport std.databricks as std\n${OPERATORS.map((o) => `control ${o.id} "${o.id}" {\n  severity high\n  ${o.text}\n}\n`).join("")}`);

type Doc = Record<string, unknown>;
type List = { list_type?: unknown; enabled?: unknown; ip_addresses?: unknown };

/** The enabled ALLOW and BLOCK lists with an address array: [pointer of the list, the list]. */
function enabledLists(doc: Doc): [string, List][] {
  const out: [string, List][] = [];
  const add = (base: string, lists: unknown) => {
    if (!Array.isArray(lists)) return;
    lists.forEach((l: List, j) => {
      if (l !== null && typeof l === "object" && (l.list_type === "ALLOW" || l.list_type === "BLOCK") && l.enabled === true && Array.isArray(l.ip_addresses)) out.push([`${base}/ip_access_lists/${j}`, l]);
    });
  };
  (Array.isArray(doc["workspaces"]) ? (doc["workspaces"] as Doc[]) : []).forEach((ws, i) => add(`/workspaces/${i}`, ws?.["ip_access_lists"]));
  add("/account", (doc["account"] as Doc | undefined)?.["ip_access_lists"]);
  return out;
}

/** A copy of `doc` with `bad` inserted at `position` (mod its length + 1) of the `which`-th enabled list. */
function insert(doc: Doc, which: number, position: number, bad: string): { doc: Doc; pointer: string; type: string; subject: string } | undefined {
  const copy = structuredClone(doc);
  const lists = enabledLists(copy);
  if (lists.length === 0) return undefined;
  const [at, list] = lists[which % lists.length]!;
  const ips = list.ip_addresses as unknown[];
  const k = position % (ips.length + 1);
  ips.splice(k, 0, bad);
  return { doc: copy, pointer: `${at}/ip_addresses/${k}`, type: list.list_type as string, subject: at.replace(/\/ip_access_lists\/\d+$/, "") };
}

function report(ir: IrProgram, doc: Doc): Report {
  const js = evaluate(ir, { document: doc, errors: parsedErrors(doc) }, { now: NOW, params: defaultParams(ir) });
  const wasm = wasmReport(ir, { file: "generated.json", document: doc, exactIntegers: false, errors: parsedErrors(doc) as never, pointerOf: () => undefined }, NOW, defaultParams(ir));
  expect(JSON.stringify(wasm), "the Wasm module's Report").toBe(JSON.stringify(js));
  return js;
}

/** Status by `control pointer`. */
function statuses(r: Report): Map<string, string> {
  return new Map(r.controls.flatMap((c) => c.results.map((x) => [`${c.id} ${x.subject.pointer}`, x.status] as const)));
}

const draw = fc.record({ doc: exportDocument, which: fc.nat(), position: fc.nat(), bad: fc.constantFrom(...MALFORMED) });

describe("inserting a malformed entry into an enabled list (property)", () => {
  const library = compileProgram(["policies"]);
  const ops = operators();
  const mutated: Case[] = [];

  it(`never turns a fail into a pass, and fails what reads it, on the evaluator and the Wasm module (${RUNS} draws, seed ${SEED})`, () => {
    let inserted = 0;
    let readFailures = 0;
    fc.assert(
      fc.property(draw, ({ doc, which, position, bad }) => {
        const m = insert(doc, which, position, bad);
        fc.pre(m !== undefined);
        inserted++;
        for (const ir of [library, ops]) {
          const before = statuses(report(ir, doc));
          const afterReport = report(ir, m!.doc);
          const after = statuses(afterReport);
          for (const [k, s] of before) if (s === "fail" || s === "waived") expect(after.get(k), `${k}: ${s} before`).not.toBe("pass");
          if (ir !== ops || m!.subject === "/account") continue;
          for (const o of OPERATORS.filter((x) => x.reads.includes(m!.type as "ALLOW"))) {
            const r = afterReport.controls.find((c) => c.id === o.id)!.results.find((x) => x.subject.pointer === m!.subject);
            expect(r?.status, `${o.id} at ${m!.subject}`).toBe("fail");
            expect(r!.failures.some((f) => f.malformed?.some((x) => x.value === bad && x.pointer === m!.pointer))).toBe(true);
            readFailures++;
          }
        }
        if (mutated.length < 120) mutated.push({ label: `${m!.pointer} = ${JSON.stringify(bad)}`, json: exactJsonText(m!.doc), exp: { document: m!.doc, errors: parsedErrors(m!.doc) } });
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // Not vacuous: most draws have a list to insert into, and the operators read it.
    expect(inserted).toBeGreaterThan(RUNS / 2);
    expect(readFailures).toBeGreaterThan(RUNS);
  }, 300_000);

  describe.skipIf(OPA === undefined)("OPA agrees on the mutated exports", () => {
    const servers: Differential[] = [];
    beforeAll(async () => {
      servers.push(await Differential.start(OPA!, "operators", ops, { opaWasm: true }), await Differential.start(OPA!, "policies", library));
    }, 120_000);
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.stop()));
    });

    it("its server, and its Wasm compilation of the emitted Rego, give the evaluator's Reports and verdicts", async () => {
      expect(mutated.length).toBeGreaterThan(50);
      for (const d of servers) {
        const m = await d.compare({ name: `defaults, now ${NOW}`, now: NOW, params: defaultParams(d.ir) }, mutated);
        if (m !== undefined) expect.fail(describeMismatch(m));
      }
      expect(servers[0]!.statuses["fail"]).toBeGreaterThan(0);
    }, 300_000);
  });
});
