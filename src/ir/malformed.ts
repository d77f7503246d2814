/**
 * Malformed network data fails closed (LANGUAGE.md §5): the malformed reads of each condition.
 *
 * A string that `within`, `overlaps` or `exclude` (hence `allow only from`, `deny from`) reads
 * as an address or range and that does not parse is *malformed*. A requirement or `where`
 * conjunct that read one fails, whatever `not`, `or` or quantifier surrounds the read. Which
 * strings a condition read is itself an IR expression, derived here from the condition: its
 * value is the list (with repeats) of the malformed strings the condition's evaluation reads.
 * Every backend evaluates it like any other expression, so they agree by construction; the
 * only new primitive is the builtin `malformed(x)`, the unparsable strings of one operand.
 *
 * What "read" means: every operand of a network operator the evaluation reaches. `a and b`
 * reads `b` only when `a` holds, `a or b` only when `a` does not, `a ?? b` reads `b` only when
 * `a` is missing (what cannot change the value is not read); a quantifier or comprehension
 * reads its body for every element (its `where`, then its element where the `where` holds), so
 * no element order decides what fails. A def's reads are a companion def
 * (`<name>__malformed`, same parameters); a let's are its value's, written in place.
 * `cidr_size` is not a network operator: it is the explicit test, and stays missing.
 */

import type { IrControl, IrDef, IrExpr, IrPackage, IrProgram } from "./ir.js";
import { assertNever } from "../util/assert-never.js";

/** The suffix of a def's companion that lists its malformed reads. */
export const MALFORMED_SUFFIX = "__malformed";

type Mx = IrExpr | null;

export class MalformedReads {
  private readonly defs = new Map<string, IrDef>();
  private readonly lets = new Map<string, IrExpr>();
  /** The companion def's name per def (`pkg.name`), or null when the def reads nothing malformed. */
  private readonly companions = new Map<string, string | null>();
  private readonly inProgress = new Set<string>();
  /** Companion defs to add, per package. */
  readonly added = new Map<string, IrDef[]>();
  private controlLets = new Map<number, IrExpr>();

  constructor(packages: readonly IrPackage[]) {
    for (const p of packages) {
      for (const d of p.defs) this.defs.set(`${p.name}.${d.name}`, d);
      for (const l of p.lets) this.lets.set(`${p.name}.${l.name}`, l.value);
    }
  }

  /** Control lets (substituted in place: they are evaluated in the same scope). */
  setControlLets(lets: IrControl["lets"]): void {
    this.controlLets = new Map(lets.map((l) => [l.v.id, l.value]));
  }

  /** The malformed-reads expression of a condition; undefined when it can read none. */
  of(e: IrExpr): IrExpr | undefined {
    return this.m(e) ?? undefined;
  }

  private m(e: IrExpr): Mx {
    const o = e.origin;
    switch (e.k) {
      case "lit":
      case "root":
      case "param":
        return null;
      case "local": {
        const let_ = this.controlLets.get(e.v.id);
        return let_ === undefined ? null : this.m(let_);
      }
      case "global": {
        const v = this.lets.get(`${e.pkg}.${e.name}`);
        return v === undefined ? null : this.m(v);
      }
      case "list":
        return sum(e.items.map((i) => this.m(i)), e);
      case "concat":
        return sum(e.parts.map((i) => this.m(i)), e);
      case "call": {
        const own = this.companion(e.pkg, e.name);
        const call: Mx = own === null ? null : { k: "call", pkg: e.pkg, name: own, args: e.args, origin: o };
        return sum([...e.args.map((a) => this.m(a)), call], e);
      }
      case "builtin": {
        const parts = e.args.map((a) => this.m(a));
        if (e.name === "exclude") parts.push(...e.args.map((a) => check(a)));
        return sum(parts, e);
      }
      case "get":
        return this.m(e.obj);
      case "index":
        return sum([this.m(e.obj), this.m(e.index)], e);
      case "comp": {
        const where = e.where === undefined ? null : this.m(e.where);
        const elem = this.m(e.elem);
        const inner = e.where === undefined ? elem : sum([where, elem === null ? null : iff(e.where, elem, empty(e))], e);
        return sum([this.m(e.coll), each(e, inner)], e);
      }
      case "first":
        return sum([this.m(e.coll), each(e, this.m(e.where))], e);
      case "quant":
        return sum([this.m(e.coll), each(e, this.m(e.body))], e);
      case "not":
      case "is":
        return this.m(e.e);
      case "and": {
        const r = this.m(e.r);
        return sum([this.m(e.l), r === null ? null : iff(e.l, r, empty(e))], e);
      }
      case "or": {
        const r = this.m(e.r);
        return sum([this.m(e.l), r === null ? null : iff(e.l, empty(e), r)], e);
      }
      case "coalesce": {
        const r = this.m(e.r);
        return sum([this.m(e.l), r === null ? null : iff({ k: "is", test: "missing", e: e.l, origin: o }, r, empty(e))], e);
      }
      case "cmp": {
        const parts = [this.m(e.l), this.m(e.r)];
        if (e.op === "within" || e.op === "overlaps") parts.push(check(e.l), check(e.r));
        return sum(parts, e);
      }
      case "arith":
        return sum([this.m(e.l), this.m(e.r)], e);
      case "if":
        return sum([this.m(e.test), this.m(e.then), this.m(e.else)], e);
      default:
        return assertNever(e);
    }
  }

  /** The companion def of `pkg.name`, created on first use; null when the def reads nothing malformed. */
  private companion(pkg: string, name: string): string | null {
    const key = `${pkg}.${name}`;
    const known = this.companions.get(key);
    if (known !== undefined) return known;
    const d = this.defs.get(key);
    if (d === undefined || this.inProgress.has(key)) return null;
    this.inProgress.add(key);
    const saved = this.controlLets;
    this.controlLets = new Map();
    const body = this.m(d.body);
    this.controlLets = saved;
    this.inProgress.delete(key);
    let cname: string | null = null;
    if (body !== null) {
      cname = `${name}${MALFORMED_SUFFIX}`;
      while (this.defs.has(`${pkg}.${cname}`)) cname += "_";
      const def: IrDef = { name: cname, params: d.params, body, origin: d.origin };
      this.defs.set(`${pkg}.${cname}`, def);
      const list = this.added.get(pkg) ?? [];
      list.push(def);
      this.added.set(pkg, list);
    }
    this.companions.set(key, cname);
    return cname;
  }
}

const empty = (at: IrExpr): IrExpr => ({ k: "list", items: [], origin: at.origin });

const iff = (test: IrExpr, then: IrExpr, otherwise: IrExpr): IrExpr => ({ k: "if", test, then, else: otherwise, origin: test.origin });

/** The concatenation of the non-null parts; null when none. */
function sum(parts: readonly Mx[], at: IrExpr): Mx {
  const xs = parts.filter((p): p is IrExpr => p !== null);
  if (xs.length === 0) return null;
  return xs.reduce((a, b) => ({ k: "arith", op: "+", l: a, r: b, origin: at.origin }));
}

/** `flatten([inner for v in coll])`: the reads of an iteration's body over every element. */
function each(e: Extract<IrExpr, { k: "comp" | "first" | "quant" }>, inner: Mx): Mx {
  if (inner === null) return null;
  const comp: IrExpr = { k: "comp", elem: inner, v: e.v, coll: e.coll, origin: e.origin };
  return { k: "builtin", name: "flatten", args: [comp], origin: e.origin };
}

/** Can the operand hold a string from the export (anything but literals and params)? */
function fromData(e: IrExpr): boolean {
  switch (e.k) {
    case "lit":
    case "param":
      return false;
    case "list":
      return e.items.some(fromData);
    case "builtin":
      return e.name !== "flatten" || e.args.some(fromData);
    default:
      return true;
  }
}

/** `malformed(operand)`, or null when the operand is literals and params (checked when loaded). */
function check(operand: IrExpr): Mx {
  return fromData(operand) ? { k: "builtin", name: "malformed", args: [operand], origin: operand.origin } : null;
}

/** The program with the malformed reads of every requirement and `where` conjunct, and the companion defs. */
export function withMalformedReads(program: IrProgram): IrProgram {
  const mr = new MalformedReads(program.packages);
  const controls = program.controls.map((c): IrControl => {
    mr.setControlLets(c.lets);
    const where = c.subject.where.map((w) => {
      const m = mr.of(w.expr);
      return m === undefined ? w : { ...w, malformed: m };
    });
    const requirements = c.requirements.map((r) => {
      const m = mr.of(r.expr);
      return m === undefined ? r : { ...r, malformed: m };
    });
    return { ...c, subject: { ...c.subject, where }, requirements };
  });
  const packages = program.packages.map((p) => {
    const extra = mr.added.get(p.name);
    return extra === undefined ? p : { ...p, defs: [...p.defs, ...extra] };
  });
  return { ...program, packages, controls };
}
