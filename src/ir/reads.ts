/**
 * Which export slots a condition reads — the static half of `unknown`.
 *
 * An abstract interpretation over the IR: each expression's abstract value is the set of
 * export locations it may be (paths rooted at the export, the control's subject, or — inside
 * a def summary — an argument), plus what its elements may be when it is a list built by the
 * policy. Every field or index access records a read. Defs are summarised once, in terms of
 * their arguments, and the summary is instantiated at each call; package lets once.
 *
 * Reads are finally cut at the deepest collection slot they pass (`x-perimeter-slot` in the
 * schema): a collection error names a slot, and covers every read beneath it. The analysis
 * over-approximates (both branches of `or`, every element of a list), which can only turn a
 * pass into `unknown`, never hide missing data.
 */

import type { CheckedProgram } from "../check/index.js";
import { exportRootType, fieldType } from "../schema/index.js";
import type { ObjectTy, Ty } from "../schema/types.js";
import { assertNever } from "../util/assert-never.js";
import type { IrExpr, IrPackage, IrVar, SlotRead } from "./ir.js";

type Root = { readonly kind: "export" } | { readonly kind: "subject" } | { readonly kind: "arg"; readonly index: number };
type Step = string | "*";

interface Path {
  readonly root: Root;
  readonly steps: readonly Step[];
}

/** What a value may be: export locations, and (for lists the policy builds) its elements. */
interface Abs {
  readonly paths: readonly Path[];
  readonly items?: Abs;
}

interface Summary {
  readonly result: Abs;
  readonly reads: readonly Path[];
}

const NONE: Abs = { paths: [] };
const EXPORT: Root = { kind: "export" };

function extend(p: Path, step: Step): Path {
  return { root: p.root, steps: [...p.steps, step] };
}

/** The abstract value of any element of a list value. */
function elemsOf(v: Abs): Abs {
  const fromPaths = v.paths.map((p) => extend(p, "*"));
  const inner = v.items;
  return inner === undefined ? { paths: fromPaths } : { paths: [...fromPaths, ...inner.paths], ...(inner.items ? { items: inner.items } : {}) };
}

function union(a: Abs, b: Abs): Abs {
  const items = a.items && b.items ? union(a.items, b.items) : (a.items ?? b.items);
  return { paths: [...a.paths, ...b.paths], ...(items ? { items } : {}) };
}

/** The abstract value reached from `v` by following `steps`. */
function follow(v: Abs, steps: readonly Step[]): Abs {
  let cur = v;
  for (const s of steps) cur = s === "*" ? elemsOf(cur) : { paths: cur.paths.map((p) => extend(p, s)) };
  return cur;
}

/** Replaces argument roots by the arguments' abstract values. */
function substitute(paths: readonly Path[], args: readonly Abs[]): Path[] {
  const out: Path[] = [];
  for (const p of paths) {
    if (p.root.kind !== "arg") out.push(p);
    else out.push(...follow(args[p.root.index] ?? NONE, p.steps).paths);
  }
  return out;
}

function substituteAbs(v: Abs, args: readonly Abs[]): Abs {
  const items = v.items ? substituteAbs(v.items, args) : undefined;
  return { paths: substitute(v.paths, args), ...(items ? { items } : {}) };
}

interface Binding {
  readonly value: Abs;
  /** For control lets: what computing the let reads. */
  readonly reads?: readonly Path[];
}

export class ReadAnalysis {
  private packages = new Map<string, IrPackage>();
  private readonly defs = new Map<string, Summary>();
  private readonly lets = new Map<string, Summary>();

  constructor(readonly program: CheckedProgram) {}

  setPackages(packages: readonly IrPackage[]): void {
    this.packages = new Map(packages.map((p) => [p.name, p]));
  }

  private def(pkg: string, name: string): Summary {
    const key = `${pkg}.${name}`;
    const known = this.defs.get(key);
    if (known) return known;
    const d = this.packages.get(pkg)?.defs.find((x) => x.name === name);
    if (d === undefined) throw new Error(`internal error: no def ${key}`);
    const env = new Map<number, Binding>(d.params.map((p, i) => [p.id, { value: { paths: [{ root: { kind: "arg", index: i }, steps: [] }] } }]));
    const reads: Path[] = [];
    const result = this.abs(d.body, env, reads);
    const s = { result, reads };
    this.defs.set(key, s);
    return s;
  }

  private let(pkg: string, name: string): Summary {
    const key = `${pkg}.${name}`;
    const known = this.lets.get(key);
    if (known) return known;
    const l = this.packages.get(pkg)?.lets.find((x) => x.name === name);
    if (l === undefined) throw new Error(`internal error: no let ${key}`);
    const reads: Path[] = [];
    const s = { result: this.abs(l.value, new Map(), reads), reads };
    this.lets.set(key, s);
    return s;
  }

  private abs(e: IrExpr, env: Map<number, Binding>, reads: Path[]): Abs {
    const sub = (x: IrExpr) => this.abs(x, env, reads);
    const bindIn = (v: IrVar, coll: IrExpr): Map<number, Binding> => {
      const inner = new Map(env);
      inner.set(v.id, { value: elemsOf(sub(coll)) });
      return inner;
    };
    switch (e.k) {
      case "lit":
      case "param":
        return NONE;
      case "root":
        return { paths: [{ root: EXPORT, steps: [] }] };
      case "list":
        return { paths: [], items: e.items.map(sub).reduce(union, NONE) };
      case "global": {
        const s = this.let(e.pkg, e.name);
        reads.push(...s.reads);
        return s.result;
      }
      case "local": {
        const b = env.get(e.v.id);
        if (b?.reads) reads.push(...b.reads);
        return b?.value ?? NONE;
      }
      case "call": {
        const args = e.args.map(sub);
        const s = this.def(e.pkg, e.name);
        reads.push(...substitute(s.reads, args));
        return substituteAbs(s.result, args);
      }
      case "builtin": {
        const args = e.args.map(sub);
        return e.name === "flatten" && args[0] ? { paths: [], items: elemsOf(elemsOf(args[0])) } : NONE;
      }
      case "get": {
        const r = { paths: sub(e.obj).paths.map((p) => extend(p, e.field)) };
        reads.push(...r.paths);
        return r;
      }
      case "index": {
        const o = sub(e.obj);
        sub(e.index);
        const r = elemsOf(o);
        reads.push(...r.paths);
        return r;
      }
      case "comp": {
        const inner = bindIn(e.v, e.coll);
        if (e.where) this.abs(e.where, inner, reads);
        return { paths: [], items: this.abs(e.elem, inner, reads) };
      }
      case "first": {
        const inner = bindIn(e.v, e.coll);
        this.abs(e.where, inner, reads);
        return inner.get(e.v.id)!.value;
      }
      case "quant":
        this.abs(e.body, bindIn(e.v, e.coll), reads);
        return NONE;
      case "coalesce":
        return union(sub(e.l), sub(e.r));
      case "if":
        sub(e.test);
        return union(sub(e.then), sub(e.else));
      case "not":
      case "is":
        sub(e.e);
        return NONE;
      case "and":
      case "or":
      case "cmp":
      case "arith":
        sub(e.l);
        sub(e.r);
        return NONE;
      case "concat":
        e.parts.forEach(sub);
        return NONE;
      default:
        return assertNever(e);
    }
  }

  /** Reads of an expression evaluated outside any subject (a control's subject collection). */
  exportReads(e: IrExpr): SlotRead[] {
    const reads: Path[] = [];
    this.abs(e, new Map(), reads);
    return cut(reads, undefined);
  }

  /** A scope for one control: its subject variable and, as they come, its lets. */
  subjectScope(v: IrVar, subjectTy: ObjectTy): { bindLet(v: IrVar, value: IrExpr): void; reads(e: IrExpr): SlotRead[] } {
    const env = new Map<number, Binding>([[v.id, { value: { paths: [{ root: { kind: "subject" }, steps: [] }] } }]]);
    return {
      bindLet: (lv, value) => {
        const reads: Path[] = [];
        const val = this.abs(value, env, reads);
        env.set(lv.id, { value: val, reads });
      },
      reads: (e) => {
        const reads: Path[] = [];
        this.abs(e, env, reads);
        return cut(reads, subjectTy);
      },
    };
  }
}

/** Cuts each path at the deepest slot it passes; export paths passing no slot are dropped. */
function cut(paths: readonly Path[], subjectTy: ObjectTy | undefined): SlotRead[] {
  const seen = new Set<string>();
  const out: SlotRead[] = [];
  for (const p of paths) {
    if (p.root.kind === "arg") continue;
    const start: Ty | undefined = p.root.kind === "export" ? exportRootType() : subjectTy;
    let ty: Ty | undefined = start;
    let last = p.root.kind === "subject" ? 0 : -1;
    p.steps.forEach((s, i) => {
      if (ty === undefined) return;
      if (s === "*") ty = ty.kind === "list" ? ty.elem : undefined;
      else if (ty.kind === "object") {
        if (ty.slots?.has(s)) last = i + 1;
        ty = fieldType(ty, s);
      } else ty = undefined;
    });
    if (last < 0) continue;
    const read: SlotRead = { root: p.root.kind === "export" ? "export" : "subject", steps: p.steps.slice(0, last) };
    const key = `${read.root}:${read.steps.join(".")}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(read);
    }
  }
  return out.sort((a, b) => (a.root === b.root ? cmp(a.steps.join("."), b.steps.join(".")) : a.root === "export" ? -1 : 1));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
