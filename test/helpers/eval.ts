// Helpers for evaluator tests: compile policy text, evaluate expressions and controls on in-memory exports.
import { expect } from "vitest";
import { defaultParams } from "../../src/eval/params.js";
import { Interpreter, type ParamValues } from "../../src/eval/interp.js";
import { evaluate } from "../../src/eval/run.js";
import type { Value } from "../../src/eval/value.js";
import { buildPointerIndex } from "../../src/export/pointers.js";
import type { IrProgram } from "../../src/ir/ir.js";
import { lowerProgram } from "../../src/ir/lower.js";
import type { Report } from "../../src/report/report.js";
import { lint } from "./front.js";

export function compile(text: string): IrProgram {
  const fe = lint(text);
  const errors = fe.diagnostics.filter((d) => d.severity === "error");
  expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return lowerProgram(fe.program!);
}

const cache = new Map<string, IrProgram>();

/** The value of `expr` (a Perimeter expression) on `doc`, evaluated as a package let. */
export function valueOf(expr: string, doc: object = {}, prelude = ""): Value {
  const src = `package t\nimport std.databricks\n${prelude}\nlet v = ${expr}\n`;
  let ir = cache.get(src);
  if (ir === undefined) {
    ir = compile(src);
    cache.set(src, ir);
  }
  return new Interpreter(ir, defaultParams(ir), doc).eval({ k: "global", pkg: "t", name: "v", origin: { file: "", span: { start: 0, end: 0 }, line: 0 } });
}

/** Parses the error slots of a document the way the export loader does (enough for tests). */
function slots(doc: Record<string, unknown>) {
  const errs = ((doc["collection"] as Record<string, unknown> | undefined)?.["errors"] ?? []) as { slot: string }[];
  return errs.map((e) => ({
    slot: e.slot,
    steps: e.slot.split(".").flatMap((part) => {
      const m = /^([^[]+)((?:\[(?:\d+|\*)\])*)$/.exec(part)!;
      return [m[1]!, ...[...m[2]!.matchAll(/\[(\d+|\*)\]/g)].map((x) => (x[1] === "*" ? "*" : Number(x[1])))];
    }),
  }));
}

export function run(ir: IrProgram, doc: Record<string, unknown>, opts: { now?: string | null; params?: ParamValues } = {}): Report {
  const pointers = buildPointerIndex(doc, new WeakMap());
  return evaluate(ir, { document: doc, errors: slots(doc), pointerOf: (v) => pointers.get(v) }, { now: opts.now === undefined ? "2026-11-28" : opts.now, params: opts.params ?? defaultParams(ir) });
}

/** `{ key: status }` of one control. */
export function statuses(report: Report, control: string): Record<string, string> {
  const c = report.controls.find((x) => x.id === control);
  if (c === undefined) throw new Error(`no control ${control}`);
  return Object.fromEntries(c.results.map((r) => [r.subject.key, r.status]));
}
