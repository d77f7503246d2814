/**
 * `explain`: why a subject passed or failed, condition by condition.
 *
 * Runs the normal evaluation with a tracer that records every IR node evaluated and its
 * value, grouped per condition (each `where` conjunct, each control let, each requirement).
 * The rendering shows, for each condition, its verdict, the collection errors that make it
 * undecidable, and the tree of sub-expressions as the author wrote them with the value each
 * produced and, for reads of the export, the JSON pointer read. Quantifiers show their first
 * iterations; constants and variable references are left out.
 */

import type { IrControl, IrExpr, IrProgram } from "../ir/ir.js";
import type { SourceFile } from "../source/source.js";
import type { MalformedRead, SubjectResult } from "../report/report.js";
import type { Tracer } from "./interp.js";
import { Evaluation, type ConditionObserver, type EvalExport, type EvalOptions } from "./run.js";
import { isList, isObject, show, type Value } from "./value.js";

export interface TraceNode {
  readonly expr: IrExpr;
  value?: Value;
  readonly children: TraceNode[];
}

export interface ConditionTrace {
  readonly kind: "where" | "let" | "requirement";
  readonly index: number;
  readonly value: boolean;
  readonly uncollected: readonly string[];
  /** The malformed network values it read (it fails with them, whatever its value). */
  readonly malformed: readonly MalformedRead[];
  readonly nodes: readonly TraceNode[];
}

export interface SubjectExplanation {
  readonly result: SubjectResult | undefined;
  readonly conditions: readonly ConditionTrace[];
}

class Recorder implements Tracer, ConditionObserver {
  private stack: TraceNode[] = [];
  private roots: TraceNode[] = [];
  private current: { kind: ConditionTrace["kind"]; index: number } | undefined;
  conditions: ConditionTrace[] = [];

  enter(e: IrExpr): void {
    const n: TraceNode = { expr: e, children: [] };
    (this.stack.at(-1)?.children ?? this.roots).push(n);
    this.stack.push(n);
  }
  exit(_e: IrExpr, value: Value): void {
    const n = this.stack.pop();
    if (n) n.value = value;
  }
  begin(kind: ConditionTrace["kind"], index: number): void {
    this.roots = [];
    this.stack = [];
    this.current = { kind, index };
  }
  end(value: boolean, uncollected: readonly string[], malformed: readonly MalformedRead[] = []): void {
    if (this.current) this.conditions.push({ ...this.current, value, uncollected, malformed, nodes: this.roots });
    this.current = undefined;
    // What is evaluated until the next condition (a failure message) is not part of this one.
    this.roots = [];
    this.stack = [];
  }
}

/** Evaluates `control` for each subject, with traces. */
export function explainControl(program: IrProgram, control: IrControl, input: EvalExport, options: EvalOptions): SubjectExplanation[] {
  const out: SubjectExplanation[] = [];
  const recorder = new Recorder();
  const evaluation = new Evaluation(program, input, options, recorder, recorder);
  const plain = new Evaluation(program, input, options);
  for (const { steps, value } of plain.subjects(control)) {
    recorder.conditions = [];
    const result = evaluation.subject(control, value, steps);
    out.push({ result, conditions: recorder.conditions });
  }
  return out;
}

export interface ExplainRenderOptions {
  readonly files: ReadonlyMap<string, SourceFile>;
  readonly pointerOf: (v: object) => string | undefined;
  readonly maxDepth?: number;
  readonly maxIterations?: number;
}

const SKIP = new Set<IrExpr["k"]>(["lit", "local", "root", "param", "concat", "list"]);

/** Renders the trace of one condition as indented lines. */
export function renderTrace(nodes: readonly TraceNode[], opts: ExplainRenderOptions, indent: string): string[] {
  const lines: string[] = [];
  const maxDepth = opts.maxDepth ?? 6;
  const maxIter = opts.maxIterations ?? 3;
  const label = (e: IrExpr): string => {
    if (e.k === "call") return `${e.name}(${e.args.map(label).join(", ")})`;
    // Variables the compiler introduces (for posture statements) have no text of their own.
    if (e.k === "local") return e.v.name;
    const f = opts.files.get(e.origin.file);
    const t = f ? f.text.slice(e.origin.span.start, e.origin.span.end).replace(/\s+/g, " ").trim() : e.k;
    return t.length > 90 ? `${t.slice(0, 89)}…` : t;
  };
  const valueText = (v: Value | undefined) => {
    const s = v === undefined ? "?" : show(isList(v) && v.length > 6 ? [...v.slice(0, 6), "…"] : v);
    return s.length > 100 ? `${s.slice(0, 99)}…` : s;
  };
  const step = (s: string | number): string => String(s).replace(/~/g, "~0").replace(/\//g, "~1");
  const pointer = (n: TraceNode): string => {
    if (n.expr.k !== "get" && n.expr.k !== "index") return "";
    const obj = n.children[0]?.value;
    if (!isObject(obj) && !isList(obj)) return "";
    const base = opts.pointerOf(obj as object);
    if (base === undefined) return "";
    if (n.expr.k === "get") return `  (${base}/${step(n.expr.field)})`;
    const idx = n.children[1]?.value;
    return typeof idx === "number" || typeof idx === "string" ? `  (${base}/${step(idx)})` : "";
  };
  const visit = (n: TraceNode, depth: number, pad: string, parentLabel = ""): void => {
    const own = label(n.expr);
    // Nodes the compiler made for a posture statement all carry the statement's text: show it once.
    if (SKIP.has(n.expr.k) || (n.expr.k === "builtin" && (n.expr.name === "show" || n.expr.name === "text")) || own === parentLabel) {
      for (const c of n.children) visit(c, depth, pad, parentLabel);
      return;
    }
    lines.push(`${pad}${own} = ${valueText(n.value)}${pointer(n)}`);
    if (depth >= maxDepth) return;
    const inner = `${pad}  `;
    if (n.expr.k === "get" || n.expr.k === "index") {
      // The object of a field read is shown by the read itself; only computed objects are expanded.
      const obj = n.children[0];
      if (obj && obj.expr.k !== "get" && obj.expr.k !== "local" && obj.expr.k !== "root") visit(obj, depth + 1, inner, own);
      return;
    }
    if (n.expr.k === "quant" || n.expr.k === "comp" || n.expr.k === "first") {
      const [coll, ...rest] = n.children;
      if (coll) visit(coll, depth + 1, inner, own);
      // An iteration of a comprehension with `where` is two sub-expressions (the test, then the element when it holds).
      const shown = maxIter * (n.expr.k === "comp" && n.expr.where ? 2 : 1);
      rest.slice(0, shown).forEach((c) => visit(c, depth + 1, inner, own));
      if (rest.length > shown) lines.push(`${inner}… ${rest.length - shown} more`);
      return;
    }
    for (const c of n.children) visit(c, depth + 1, inner, own);
  };
  for (const n of nodes) visit(n, 0, indent);
  return lines;
}
