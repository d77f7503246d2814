/**
 * A deterministic text form of the IR, for golden tests and debugging. S-expressions, one
 * declaration per block; slot reads print as `{subject}.apps` / `account.network_policies`.
 * Variables print as `name#n`, numbered in order of appearance in the printed text, so a
 * golden file does not change when an unrelated package (the std library) gains a def.
 */

import { assertNever } from "../util/assert-never.js";
import type { IrControl, IrExpr, IrLocated, IrProgram, SlotRead } from "./ir.js";

type Numbering = Map<number, number>;
let numbering: Numbering = new Map();

function v(x: { name: string; id: number }): string {
  let n = numbering.get(x.id);
  if (n === undefined) numbering.set(x.id, (n = numbering.size + 1));
  return `${x.name}#${n}`;
}

export function printExpr(e: IrExpr): string {
  const p = printExpr;
  switch (e.k) {
    case "lit":
      return JSON.stringify(e.value);
    case "list":
      return `[${e.items.map(p).join(" ")}]`;
    case "root":
      return "input";
    case "param":
      return `(param ${e.pkg}.${e.name})`;
    case "global":
      return `(let ${e.pkg}.${e.name})`;
    case "local":
      return v(e.v);
    case "call":
      return `(${e.pkg}.${e.name}${e.args.map((a) => ` ${p(a)}`).join("")})`;
    case "builtin":
      return `(${e.name}${e.args.map((a) => ` ${p(a)}`).join("")})`;
    case "get":
      return `${p(e.obj)}.${/^[A-Za-z_][A-Za-z0-9_]*$/.test(e.field) ? e.field : JSON.stringify(e.field)}`;
    case "index":
      return `${p(e.obj)}[${p(e.index)}]`;
    case "comp":
      return `(comp ${v(e.v)} ${p(e.coll)} ${p(e.elem)}${e.where ? ` where ${p(e.where)}` : ""})`;
    case "first":
      return `(first ${v(e.v)} ${p(e.coll)} where ${p(e.where)})`;
    case "quant":
      return `(${e.q} ${v(e.v)} ${p(e.coll)} ${p(e.body)})`;
    case "not":
      return `(not ${p(e.e)})`;
    case "and":
    case "or":
      return `(${e.k} ${p(e.l)} ${p(e.r)})`;
    case "cmp":
      return `(${e.op} ${p(e.l)} ${p(e.r)})`;
    case "coalesce":
      return `(?? ${p(e.l)} ${p(e.r)})`;
    case "arith":
      return `(${e.op} ${p(e.l)} ${p(e.r)})`;
    case "is":
      return `(is-${e.test} ${p(e.e)})`;
    case "concat":
      return `(concat${e.parts.map((x) => ` ${p(x)}`).join("")})`;
    case "if":
      return `(if ${p(e.test)} ${p(e.then)} ${p(e.else)})`;
    default:
      return assertNever(e);
  }
}

export function printLocated(l: IrLocated): string {
  switch (l.k) {
    case "root":
      return "input";
    case "field":
      return `${printLocated(l.of)}.${l.field}`;
    case "nth":
      return `${printLocated(l.of)}[${l.index}]`;
    case "each":
      return `${printLocated(l.of)}[*]`;
    case "filter":
      return `(filter ${v(l.v)} ${printLocated(l.of)} ${printExpr(l.where)})`;
    case "join":
      return `(join ${l.parts.map(printLocated).join(" ")})`;
    default:
      return assertNever(l);
  }
}

export function printReads(reads: readonly SlotRead[]): string {
  if (reads.length === 0) return "none";
  return reads.map((r) => (r.root === "subject" ? ["{subject}", ...r.steps] : r.steps).join(".").replace(/\.\*/g, "[*]")).join(", ");
}

function printControl(c: IrControl): string[] {
  const out = [`control ${c.id} ${JSON.stringify(c.title)} ${c.severity} @${c.origin.file}:${c.origin.line}`];
  if (c.frameworks.length) out.push(`  frameworks ${c.frameworks.map((f) => JSON.stringify(f)).join(" ")}`);
  if (c.remediation) out.push(`  remediation ${printExpr(c.remediation)}`);
  if (c.description !== undefined) out.push(`  description ${JSON.stringify(c.description)}`);
  if (c.docs !== undefined) out.push(`  docs ${JSON.stringify(c.docs)}`);
  const s = c.subject;
  out.push(`  subject ${v(s.v)} in ${printExpr(s.collection.expr)} kind=${s.kind} key=${s.key.join(".")} label=${s.label.map((l) => l.join(".")).join("|")}`);
  out.push(`    reads ${printReads(s.collection.reads)}`, `    located ${printLocated(s.source)}`);
  for (const w of s.where) {
    out.push(`  where ${printExpr(w.expr)}`, `    reads ${printReads(w.reads)}`);
    if (w.malformed !== undefined) out.push(`    malformed ${printExpr(w.malformed)}`);
  }
  for (const l of c.lets) out.push(`  let ${v(l.v)} = ${printExpr(l.value)}`, `    reads ${printReads(l.reads)}`);
  for (const r of c.requirements) {
    out.push(`  requirement ${r.index} ${JSON.stringify(r.statement)} @${r.origin.line}`);
    out.push(`    ${printExpr(r.expr)}`, `    reads ${printReads(r.reads)}`);
    if (r.malformed !== undefined) out.push(`    malformed ${printExpr(r.malformed)}`);
    out.push(`    message ${printExpr(r.message)}`);
  }
  return out;
}

/** The whole program; `packages` selects which packages' declarations to print (default all). */
export function printProgram(p: IrProgram, packages: (name: string) => boolean = () => true): string {
  numbering = new Map();
  const out: string[] = [];
  for (const pkg of p.packages.filter((x) => packages(x.name))) {
    out.push(`package ${pkg.name}`);
    for (const x of pkg.params) out.push(`  param ${x.name}: ${JSON.stringify(x.type)} = ${JSON.stringify(x.value)}`);
    for (const x of pkg.lets) out.push(`  let ${x.name} = ${printExpr(x.value)}`);
    for (const d of pkg.defs) out.push(`  def ${d.name}(${d.params.map(v).join(", ")}) = ${printExpr(d.body)}`);
  }
  for (const c of p.controls) out.push("", ...printControl(c));
  for (const w of p.waivers) out.push("", `waive ${w.control} for ${JSON.stringify(w.key)} until ${w.until} reason ${JSON.stringify(w.reason)}${w.approvedBy !== undefined ? ` approved_by ${JSON.stringify(w.approvedBy)}` : ""}`);
  for (const t of p.tests) {
    out.push("", `test ${JSON.stringify(t.name)} given ${JSON.stringify(t.given)}`);
    for (const x of t.expects) out.push(`  expect ${x.control} ${x.status}${x.key !== undefined ? ` for ${JSON.stringify(x.key)}` : ""}`);
  }
  return `${out.join("\n")}\n`;
}
