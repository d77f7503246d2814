/**
 * The lowered IR program as a blob for the Wasm runtime (runtime/format.ts, the contract
 * between this host and the runtime, describes every record).
 *
 * The blob is built for the fixed address it will occupy (`base`), so literals, names and
 * param defaults are ready-made runtime values and every reference is an absolute pointer.
 * Strings are deduplicated (equal text, one string value) and encoded as WTF-8. The name
 * table interns every field name the program reads (flag WANTED: the parser keeps those
 * keys), the slot steps of its reads, the schema's field names and the names the report and
 * the data document use. Output is deterministic: the same program gives the same bytes.
 */

import { isCheapBody, isSharedConstant, iterationKey, type Iteration } from "../../ir/free.js";
import type { BuiltinName, CmpOp, IrControl, IrDef, IrExpr, IrKind, IrLocated, IrProgram, Json, SlotRead } from "../../ir/ir.js";
import { reportPackages } from "../../ir/packages.js";
import { exportRootType } from "../../schema/index.js";
import type { Ty } from "../../schema/types.js";
import { entrypointName, verdictsEntrypointName } from "./abi.js";
import * as F from "../../../runtime/format.js";

/** WTF-8: UTF-8 that also encodes lone surrogates (as JavaScript strings may hold them). */
export function wtf8(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(out);
}

/** The name table's hash (runtime/src/program.ts `nameHash`): the length and the little-endian words of four bytes at 0, n/2-2 and n-4, each multiplied (shorter names byte by byte), then mixed. */
export function nameHash(bytes: Uint8Array): number {
  const n = bytes.length;
  const w = (i: number): number => (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0;
  const rotl = (x: number, r: number): number => ((x << r) | (x >>> (32 - r))) >>> 0;
  let h = Math.imul(n, 0x9e3779b1) >>> 0;
  if (n >= 4) {
    h = (h ^ Math.imul(w(0), 0x85ebca6b)) >>> 0;
    h = (h ^ rotl(Math.imul(w((n >> 1) - 2), 0xc2b2ae35), 11)) >>> 0;
    h = (h ^ rotl(Math.imul(w(n - 4), 0x27d4eb2f), 21)) >>> 0;
  } else {
    for (let i = 0; i < n; i++) h = Math.imul(h ^ bytes[i]!, 0xc2b2ae35) >>> 0;
  }
  h = (h ^ (h >>> 15)) >>> 0;
  h = Math.imul(h, 0x165667b1) >>> 0;
  return (h ^ (h >>> 13)) >>> 0;
}

// The codes of the IR in the blob (format.ts). Each table is a mapped type over its IR union,
// so a kind, builtin or operator added to the IR is a compile error here until it has a code;
// test/wasm/contract.test.ts checks that the runtime dispatches every code.

/** Word 0 of an expression node, by IR kind (the serializer's own wrapper K_CONST aside). */
export const EXPR_CODES: { readonly [K in IrKind]: number } = {
  lit: F.K_LIT,
  list: F.K_LIST,
  root: F.K_ROOT,
  param: F.K_PARAM,
  global: F.K_GLOBAL,
  local: F.K_LOCAL,
  call: F.K_CALL,
  builtin: F.K_BUILTIN,
  get: F.K_GET,
  index: F.K_INDEX,
  comp: F.K_COMP,
  first: F.K_FIRST,
  quant: F.K_QUANT,
  not: F.K_NOT,
  and: F.K_AND,
  or: F.K_OR,
  cmp: F.K_CMP,
  coalesce: F.K_COALESCE,
  arith: F.K_ARITH,
  is: F.K_IS,
  concat: F.K_CONCAT,
  if: F.K_IF,
};

/** Word 0 of a located collection, by IR kind. */
export const LOCATED_CODES: { readonly [K in IrLocated["k"]]: number } = {
  root: F.L_ROOT,
  field: F.L_FIELD,
  nth: F.L_NTH,
  each: F.L_EACH,
  filter: F.L_FILTER,
  join: F.L_JOIN,
};

export const BUILTINS: { readonly [N in BuiltinName]: number } = {
  count: F.B_COUNT,
  lower: F.B_LOWER,
  upper: F.B_UPPER,
  startswith: F.B_STARTSWITH,
  endswith: F.B_ENDSWITH,
  contains: F.B_CONTAINS,
  cidr_size: F.B_CIDR_SIZE,
  flatten: F.B_FLATTEN,
  exclude: F.B_EXCLUDE,
  malformed: F.B_MALFORMED,
  address_count: F.B_ADDRESS_COUNT,
  cidrs: F.B_CIDRS,
  show: F.B_SHOW,
  text: F.B_TEXT,
};

export const OPS: { readonly [O in CmpOp]: number } = {
  "==": F.OP_EQ,
  "!=": F.OP_NE,
  "<": F.OP_LT,
  "<=": F.OP_LE,
  ">": F.OP_GT,
  ">=": F.OP_GE,
  in: F.OP_IN,
  "not in": F.OP_NOT_IN,
  within: F.OP_WITHIN,
  overlaps: F.OP_OVERLAPS,
  matches: F.OP_MATCHES,
};

/** The well-known names (format.ts N_*), in index order: index, name, whether the parser keeps its value. */
export const WELL_KNOWN: readonly [number, string, boolean][] = [
  [F.N_SCHEMA, "schema", true],
  [F.N_EXPORTED_AT, "exported_at", true],
  [F.N_COLLECTION, "collection", true],
  [F.N_CLOUD, "cloud", true],
  [F.N_ACCOUNT, "account", true],
  [F.N_ACCOUNT_ID, "account_id", true],
  [F.N_ERRORS, "errors", true],
  [F.N_SLOT, "slot", true],
  [F.N_PERIMETER, "perimeter", false],
  [F.N_NOW, "now", false],
  [F.N_PARAMS, "params", false],
  [F.N_RESULT, "result", false],
];

/** A little-endian byte buffer addressed absolutely (from `base`). */
class Blob {
  private buf = new Uint8Array(1 << 16);
  private len = 0;
  constructor(readonly base: number) {}

  get size(): number {
    return this.len;
  }

  get addr(): number {
    return this.base + this.len;
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
  }

  align(n: number): void {
    while (this.len % n !== 0) this.bytes(Uint8Array.of(0));
  }

  bytes(b: Uint8Array): number {
    const at = this.addr;
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return at;
  }

  /** Appends u32 words (4-byte aligned); returns the address of the first. */
  words(ws: readonly number[]): number {
    this.align(4);
    const at = this.addr;
    this.ensure(ws.length * 4);
    const view = new DataView(this.buf.buffer);
    for (const w of ws) {
      view.setUint32(this.len, w >>> 0, true);
      this.len += 4;
    }
    return at;
  }

  f64At(addr: number, x: number): void {
    new DataView(this.buf.buffer).setFloat64(addr - this.base, x, true);
  }

  setWord(addr: number, w: number): void {
    new DataView(this.buf.buffer).setUint32(addr - this.base, w >>> 0, true);
  }

  getWord(addr: number): number {
    return new DataView(this.buf.buffer).getUint32(addr - this.base, true);
  }

  output(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

export interface SerializedProgram {
  readonly bytes: Uint8Array;
  /** Every entrypoint, by id: `reports`, then `verdicts`. */
  readonly entrypoints: readonly string[];
  /** The report entrypoint of each package with controls (ids 0..n-1). */
  readonly reports: readonly string[];
  /** The verdicts entrypoint of each (ids n..2n-1, same package order). */
  readonly verdicts: readonly string[];
}

class Serializer {
  private readonly blob: Blob;
  private readonly strings = new Map<string, number>();
  private readonly interned = new Map<string, number>();
  private readonly params = new Map<string, number>();
  private readonly lets = new Map<string, number>();
  private readonly defs = new Map<string, number>();
  private maxVar = 0;

  constructor(
    private readonly program: IrProgram,
    base: number,
    private readonly flags: number,
  ) {
    this.blob = new Blob(base);
  }

  /** A string value (deduplicated). */
  str(s: string): number {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    const bytes = wtf8(s);
    const ptr = bytes.length > 0 ? this.blob.bytes(bytes) : 0;
    const at = this.blob.words([F.T_STR, bytes.length, ptr]);
    this.strings.set(s, at);
    return at;
  }

  /** An interned name (and, with `wanted`, one the parser must keep). */
  name(s: string, wanted = false): number {
    const at = this.str(s);
    this.interned.set(s, at);
    const flags = F.F_INTERNED | (wanted ? F.F_WANTED : 0);
    this.blob.setWord(at, this.blob.getWord(at) | flags);
    return at;
  }

  num(x: number): number {
    this.blob.align(8);
    const at = this.blob.words([F.T_NUM, F.NUM_HAS_VALUE, 0, 0, 0, 0]);
    this.blob.f64At(at + 8, x);
    return at;
  }

  bool(b: boolean): number {
    return this.blob.words([F.T_BOOL, b ? 1 : 0]);
  }

  /** A static JSON value (param defaults). */
  json(v: Json): number {
    if (v === null) return this.blob.words([F.T_NULL, 0]);
    if (typeof v === "string") return this.str(v);
    if (typeof v === "number") return this.num(v);
    if (typeof v === "boolean") return this.bool(v);
    if (Array.isArray(v)) {
      const items = (v as readonly Json[]).map((x) => this.json(x));
      const p = items.length > 0 ? this.blob.words(items) : 0;
      return this.blob.words([F.T_ARR, items.length, p]);
    }
    const entries = Object.entries(v as Record<string, Json>).flatMap(([k, x]) => [this.name(k, true), this.json(x)]);
    const p = entries.length > 0 ? this.blob.words(entries) : 0;
    return this.objectValue(entries.length / 2, p);
  }

  private objectValue(n: number, entries: number): number {
    return this.blob.words([F.T_OBJ, n, entries, 0, 0, 0, 0, 0]);
  }

  private v(id: number): number {
    if (id > this.maxVar) this.maxVar = id;
    return id;
  }

  /** An expression; a constant one (src/ir/free.ts) is wrapped in K_CONST, unless inside another. */
  expr(e: IrExpr, inConstant = false): number {
    if (inConstant || !isSharedConstant(e)) return this.node(e, inConstant);
    const inner = this.node(e, true);
    return this.blob.words([F.K_CONST, inner]);
  }

  private node(e: IrExpr, c: boolean): number {
    const w = (k: number, ...rest: number[]) => this.blob.words([k, ...rest]);
    const x = (sub: IrExpr) => this.expr(sub, c);
    const k = EXPR_CODES[e.k];
    switch (e.k) {
      case "lit":
        return w(k, typeof e.value === "string" ? this.str(e.value) : typeof e.value === "number" ? this.num(e.value) : this.bool(e.value));
      case "list": {
        const items = e.items.map(x);
        return w(k, items.length, ...items);
      }
      case "root":
        return w(k);
      case "param":
        return w(k, this.index(this.params, `${e.pkg}\u0000${e.name}`, "param"));
      case "global":
        return w(k, this.index(this.lets, `${e.pkg}\u0000${e.name}`, "let"));
      case "local":
        return w(k, this.v(e.v.id));
      case "call": {
        const args = e.args.map(x);
        return w(k, this.index(this.defs, `${e.pkg}\u0000${e.name}`, "def"), args.length, ...args);
      }
      case "builtin": {
        const args = e.args.map(x);
        const b = BUILTINS[e.name];
        if (b === undefined) throw new Error(`internal error: no Wasm builtin ${e.name}`);
        return w(k | (b << 8), args.length, ...args);
      }
      case "get": {
        const obj = x(e.obj);
        return w(k, obj, this.name(e.field, true));
      }
      case "index": {
        const obj = x(e.obj);
        const index = x(e.index);
        if (e.index.k === "lit" && typeof e.index.value === "string") this.name(e.index.value, true);
        return w(k, obj, index);
      }
      case "comp": {
        const coll = x(e.coll);
        const elem = x(e.elem);
        const where = e.where === undefined ? 0 : x(e.where);
        return w(k, this.v(e.v.id), coll, elem, where, ...this.memoKey(e));
      }
      case "first": {
        const coll = x(e.coll);
        const where = x(e.where);
        return w(k, this.v(e.v.id), coll, where, ...this.memoKey(e));
      }
      case "quant": {
        const coll = x(e.coll);
        const body = x(e.body);
        const q = e.q === "any" ? F.Q_ANY : e.q === "all" ? F.Q_ALL : F.Q_NONE;
        return w(k | (q << 8), this.v(e.v.id), coll, body, ...this.memoKey(e));
      }
      case "not":
        return w(k, x(e.e));
      case "and":
      case "or": {
        const l = x(e.l);
        const r = x(e.r);
        return w(k, l, r);
      }
      case "cmp": {
        const l = x(e.l);
        const r = x(e.r);
        const op = OPS[e.op];
        if (op === undefined) throw new Error(`internal error: no Wasm comparison ${e.op}`);
        return w(k | (op << 8), l, r);
      }
      case "coalesce": {
        const l = x(e.l);
        const r = x(e.r);
        return w(k, l, r);
      }
      case "arith": {
        const l = x(e.l);
        const r = x(e.r);
        return w(k | ((e.op === "+" ? F.A_PLUS : F.A_MINUS) << 8), l, r);
      }
      case "is":
        return w(k | ((e.test === "missing" ? F.IS_MISSING : F.IS_PRESENT) << 8), x(e.e));
      case "concat": {
        const parts = e.parts.map(x);
        return w(k, parts.length, ...parts);
      }
      case "if": {
        const test = x(e.test);
        const then = x(e.then);
        const otherwise = x(e.else);
        return w(k, test, then, otherwise);
      }
    }
  }

  /** An iteration's memo key words: the variables it depends on (format.ts NO_MEMO). */
  private memoKey(e: Iteration): number[] {
    const vars = iterationKey(e);
    return vars === undefined ? [F.NO_MEMO] : [vars.length, ...vars.map((id) => this.v(id))];
  }

  private index(table: Map<string, number>, key: string, what: string): number {
    const i = table.get(key);
    if (i === undefined) throw new Error(`internal error: no ${what} ${key.replace("\u0000", ".")}`);
    return i;
  }

  located(l: IrLocated): number {
    const k = LOCATED_CODES[l.k];
    const w = (...ws: number[]) => this.blob.words([k, ...ws]);
    switch (l.k) {
      case "root":
        return w();
      case "field": {
        const of = this.located(l.of);
        return w(of, this.name(l.field, true));
      }
      case "nth": {
        const of = this.located(l.of);
        const idx = Number.isInteger(l.index) && l.index >= 0 && l.index < 0x3fffffff ? l.index : -1;
        return w(of, idx);
      }
      case "each":
        return w(this.located(l.of));
      case "filter": {
        const of = this.located(l.of);
        const where = this.expr(l.where);
        return w(of, this.v(l.v.id), where);
      }
      case "join": {
        const parts = l.parts.map((p) => this.located(p));
        return w(parts.length, ...parts);
      }
    }
  }

  reads(rs: readonly SlotRead[]): number {
    const each = rs.map((r) => this.blob.words([r.root === "subject" ? F.READ_SUBJECT : F.READ_EXPORT, r.steps.length, ...r.steps.map((s) => (s === "*" ? F.STEP_STAR : this.name(s)))]));
    return this.blob.words([each.length, ...each]);
  }

  path(p: readonly string[]): number {
    return this.blob.words([p.length, ...p.map((s) => this.name(s, true))]);
  }

  /** JSON text (as `JSON.stringify` writes it) stored for copying: [pointer, length]. */
  jsonText(text: string): [number, number] {
    const bytes = wtf8(text);
    return [bytes.length > 0 ? this.blob.bytes(bytes) : 0, bytes.length];
  }

  /** A requirement record (a `where` conjunct's, for its malformed reads: index 0, no expression or message). */
  requirement(index: number, statement: string, line: number, expr: number, reads: number, message: number, malformed: IrExpr | undefined): number {
    const j = JSON.stringify;
    const mal = malformed === undefined ? 0 : this.expr(malformed);
    const [sp, sl] = this.jsonText(j(statement));
    // A failure as run.ts builds it, but for the message (and the malformed reads).
    const [hp, hl] = this.jsonText(`{"requirement":${j(index)},"statement":${j(statement)},"message":`);
    const [tp, tl] = this.jsonText(`,"line":${j(line)}}`);
    const [mp, ml] = malformed === undefined ? [0, 0] : this.jsonText(`,"line":${j(line)},"malformed":`);
    const rec: number[] = new Array<number>(F.R_WORDS).fill(0);
    rec[F.R_INDEX] = index;
    rec[F.R_STATEMENT] = sp;
    rec[F.R_STATEMENT_LEN] = sl;
    rec[F.R_EXPR] = expr;
    rec[F.R_READS] = reads;
    rec[F.R_MESSAGE] = message;
    rec[F.R_LINE] = line;
    rec[F.R_FAIL_HEAD] = hp;
    rec[F.R_FAIL_HEAD_LEN] = hl;
    rec[F.R_FAIL_TAIL] = tp;
    rec[F.R_FAIL_TAIL_LEN] = tl;
    rec[F.R_MALFORMED] = mal;
    rec[F.R_MAL_TAIL] = mp;
    rec[F.R_MAL_TAIL_LEN] = ml;
    return this.blob.words(rec);
  }

  control(c: IrControl): number {
    const j = JSON.stringify;
    const remediation = c.remediation === undefined ? 0 : this.expr(c.remediation);
    const collectionReads = this.reads(c.subject.collection.reads);
    const source = this.located(c.subject.source);
    const where = c.subject.where.flatMap((w) => {
      const expr = this.expr(w.expr);
      const reads = this.reads(w.reads);
      return [expr, reads, w.malformed === undefined ? 0 : this.requirement(0, "where", w.expr.origin.line, 0, reads, 0, w.malformed)];
    });
    const wherePtr = where.length > 0 ? this.blob.words(where) : 0;
    const key = this.path(c.subject.key);
    const labels = c.subject.label.map((l) => this.path(l));
    const labelsPtr = labels.length > 0 ? this.blob.words(labels) : 0;
    const lets = c.lets.flatMap((l) => [this.v(l.v.id), this.expr(l.value)]);
    const letsPtr = lets.length > 0 ? this.blob.words(lets) : 0;
    const reqs = c.requirements.map((r) => this.requirement(r.index, r.statement, r.origin.line, this.expr(r.expr), this.reads(r.reads), this.expr(r.message), r.malformed));
    const reqsPtr = reqs.length > 0 ? this.blob.words(reqs) : 0;
    // The fragments around the dynamic parts, written exactly as run.ts builds the object.
    const head = `{"id":${j(c.id)},"title":${j(c.title)},"severity":${j(c.severity)},"frameworks":${j(c.frameworks)},"remediation":`;
    const mid = `,"description":${j(c.description ?? null)},"docs":${j(c.docs ?? null)},"package":${j(c.package)},"source":${j({ file: c.origin.file, line: c.origin.line })},"status":`;
    const subj = `{"subject":{"kind":${j(c.subject.kind)},"key":`;
    const [hp, hl] = this.jsonText(head);
    const [mp, ml] = this.jsonText(mid);
    const [jp, jl] = this.jsonText(subj);
    const rec: number[] = new Array<number>(F.C_WORDS).fill(0);
    rec[F.C_ID] = this.str(c.id);
    rec[F.C_HEAD] = hp;
    rec[F.C_HEAD_LEN] = hl;
    rec[F.C_MID] = mp;
    rec[F.C_MID_LEN] = ml;
    rec[F.C_SUBJ] = jp;
    rec[F.C_SUBJ_LEN] = jl;
    rec[F.C_REMEDIATION] = remediation;
    rec[F.C_SUBJECT_VAR] = this.v(c.subject.v.id);
    rec[F.C_COLLECTION_READS] = collectionReads;
    rec[F.C_SOURCE] = source;
    rec[F.C_NWHERE] = c.subject.where.length;
    rec[F.C_WHERE] = wherePtr;
    rec[F.C_KEY] = key;
    rec[F.C_NLABELS] = labels.length;
    rec[F.C_LABELS] = labelsPtr;
    rec[F.C_NLETS] = c.lets.length;
    rec[F.C_LETS] = letsPtr;
    rec[F.C_NREQS] = reqs.length;
    rec[F.C_REQS] = reqsPtr;
    [rec[F.C_VERDICT], rec[F.C_VERDICT_LEN]] = this.jsonText(`{"control":${j(c.id)},"subject":`);
    return this.blob.words(rec);
  }

  waiver(w: IrProgram["waivers"][number]): number {
    const j = JSON.stringify;
    const approved = w.approvedBy ?? null;
    const [hp, hl] = this.jsonText(`{"control":${j(w.control)},"key":${j(w.key)},"until":${j(w.until)},"reason":${j(w.reason)},"approved_by":${j(approved)},"state":`);
    const [tp, tl] = this.jsonText(`,"source":${j({ file: w.origin.file, line: w.origin.line })}}`);
    const [rp, rl] = this.jsonText(j({ until: w.until, reason: w.reason, approved_by: approved }));
    const rec: number[] = new Array<number>(F.W_WORDS).fill(0);
    rec[F.W_CONTROL] = this.str(w.control);
    rec[F.W_KEY] = this.str(w.key);
    rec[F.W_UNTIL] = this.str(w.until);
    rec[F.W_HEAD] = hp;
    rec[F.W_HEAD_LEN] = hl;
    rec[F.W_TAIL] = tp;
    rec[F.W_TAIL_LEN] = tl;
    rec[F.W_REF] = rp;
    rec[F.W_REF_LEN] = rl;
    return this.blob.words(rec);
  }

  /** The schema's type graph (objects, lists, `any`; everything else is "other"). */
  schema(): number {
    const done = new Map<Ty, number>();
    const other = this.blob.words([F.TY_OTHER]);
    const any = this.blob.words([F.TY_ANY]);
    const visit = (t: Ty): number => {
      const known = done.get(t);
      if (known !== undefined) return known;
      if (t.kind === "list") {
        const at = this.blob.words([F.TY_LIST, 0]);
        done.set(t, at);
        this.blob.setWord(at + 4, visit(t.elem));
        return at;
      }
      if (t.kind === "object") {
        const fields = [...t.fields.entries()];
        const at = this.blob.words([F.TY_OBJECT, fields.length, 0, ...fields.flatMap(() => [0, 0, 0])]);
        done.set(t, at);
        if (t.rest !== undefined) this.blob.setWord(at + 8, visit(t.rest));
        fields.forEach(([name, ty], i) => {
          this.blob.setWord(at + 12 + i * 12, this.name(name));
          this.blob.setWord(at + 16 + i * 12, visit(ty));
          this.blob.setWord(at + 20 + i * 12, t.slots?.has(name) ? 1 : 0);
        });
        return at;
      }
      return t.kind === "any" ? any : other;
    };
    return visit(exportRootType());
  }

  /** The blob: the header first, then every record it points to, then the name table; the order of the writes is the layout, so it is fixed. */
  run(): SerializedProgram {
    const header = this.blob.words(new Array<number>(F.H_WORDS).fill(0));
    const set = (i: number, v: number) => this.blob.setWord(header + i * 4, v);
    set(F.H_NAMES, this.wellKnownNames());
    const { params, lets, defs } = this.indexDeclarations();
    set(F.H_SCHEMA, this.schema());
    set(F.H_NPARAMS, params.length);
    set(F.H_PARAMS, this.table(params.flatMap((p) => [this.name(p.pkg), this.name(p.name), this.json(p.value)])));
    set(F.H_NLETS, lets.length);
    set(F.H_LETS, this.table(lets.map((e) => this.expr(e))));
    set(F.H_NDEFS, defs.length);
    set(F.H_DEFS, this.table(defs.map((d) => this.def(d))));
    set(F.H_NCONTROLS, this.program.controls.length);
    set(F.H_CONTROLS, this.table(this.program.controls.map((c) => this.control(c))));
    set(F.H_NWAIVERS, this.program.waivers.length);
    set(F.H_WAIVERS, this.table(this.program.waivers.map((w) => this.waiver(w))));
    const ep = this.entrypoints();
    set(F.H_NENTRY, ep.records.length);
    set(F.H_ENTRY, this.table(ep.records));
    set(F.H_EP_VALUE, this.entrypointsValue(ep.names));
    set(F.H_BUILTINS_VALUE, this.objectValue(0, 0));
    set(F.H_FIELDS, this.nameTable());
    set(F.H_NVARS, this.maxVar + 1);
    set(F.H_MAGIC, F.BLOB_MAGIC);
    set(F.H_VERSION, F.BLOB_VERSION);
    set(F.H_FLAGS, this.flags);
    this.blob.align(16);
    set(F.H_SIZE, this.blob.size);
    return { bytes: this.blob.output(), entrypoints: ep.names, reports: ep.reports, verdicts: ep.verdicts };
  }

  /** Words of pointers (or indexes); 0 for none. */
  private table(ws: readonly number[]): number {
    return ws.length > 0 ? this.blob.words(ws) : 0;
  }

  /** The well-known names (format.ts N_*), in index order. */
  private wellKnownNames(): number {
    return this.blob.words(WELL_KNOWN.map(([, n, wanted]) => this.name(n, wanted)));
  }

  /** Numbers the params, lets and defs of every package (expressions refer to them by index), in package order. */
  private indexDeclarations(): { params: { pkg: string; name: string; value: Json }[]; lets: IrExpr[]; defs: IrDef[] } {
    const params: { pkg: string; name: string; value: Json }[] = [];
    const lets: IrExpr[] = [];
    const defs: IrDef[] = [];
    for (const p of this.program.packages) {
      for (const x of p.params) {
        this.params.set(`${p.name}\u0000${x.name}`, params.length);
        params.push({ pkg: p.name, name: x.name, value: x.value });
      }
      for (const l of p.lets) {
        this.lets.set(`${p.name}\u0000${l.name}`, lets.length);
        lets.push(l.value);
      }
      for (const d of p.defs) {
        this.defs.set(`${p.name}\u0000${d.name}`, defs.length);
        defs.push(d);
      }
    }
    return { params, lets, defs };
  }

  /** A def record (format.ts): n params, their variable ids, body, memoised (src/ir/free.ts `isCheapBody`). */
  private def(d: IrDef): number {
    const body = this.expr(d.body);
    return this.blob.words([d.params.length, ...d.params.map((p) => this.v(p.id)), body, isCheapBody(d.body) ? 0 : 1]);
  }

  /**
   * The entrypoint records: the report of each package with controls, in name order, then the
   * verdicts of each (so that ids 0..n-1 stay the reports).
   */
  private entrypoints(): { names: string[]; reports: string[]; verdicts: string[]; records: number[] } {
    const packages = reportPackages(this.program);
    const reports = packages.map(entrypointName);
    const verdicts = packages.map(verdictsEntrypointName);
    const packageOf = new Map(this.program.controls.map((c) => [c.id, c.package]));
    const entry = (pkg: string, kind: number, name: string) => {
      const idx = this.program.controls.map((c, i) => (c.package === pkg ? i : -1)).filter((i) => i >= 0);
      const from = idx[0] ?? 0;
      const to = (idx[idx.length - 1] ?? -1) + 1;
      if (idx.length !== to - from) throw new Error(`internal error: the controls of ${pkg} are not contiguous`);
      const ws = this.program.waivers.map((w, i) => (packageOf.get(w.control) === pkg ? i : -1)).filter((i) => i >= 0);
      return this.blob.words([this.str(name), kind, from, to, ws.length, ...ws]);
    };
    const records = [
      ...packages.map((pkg, i) => entry(pkg, F.EP_REPORT, reports[i]!)),
      ...packages.map((pkg, i) => entry(pkg, F.EP_VERDICTS, verdicts[i]!)),
    ];
    return { names: [...reports, ...verdicts], reports, verdicts, records };
  }

  /** The ABI's `entrypoints` object: each entrypoint name to its id. */
  private entrypointsValue(names: readonly string[]): number {
    const entries = names.flatMap((n, i) => [this.str(n), this.num(i)]);
    return this.objectValue(names.length, this.table(entries));
  }

  /** The name table, an open-addressing hash table of the interned names (built last, when every name is known), filled in name order. */
  private nameTable(): number {
    const sorted = [...this.interned.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    let size = 16;
    while (size < sorted.length * 2) size *= 2;
    const slots = new Array<number>(size).fill(0);
    for (const [s, at] of sorted) {
      let i = nameHash(wtf8(s)) & (size - 1);
      while (slots[i] !== 0) i = (i + 1) & (size - 1);
      slots[i] = at;
    }
    return this.blob.words([size - 1, ...slots]);
  }
}

/** Serialises `program` for the address `base` (16-byte aligned). */
export interface SerializeOptions {
  /** Skip the values of keys the program never reads while parsing the input (default true). */
  readonly skipUnread?: boolean;
}

export function serializeProgram(program: IrProgram, base: number, options: SerializeOptions = {}): SerializedProgram {
  if (base % 16 !== 0) throw new Error("internal error: the program blob must be 16-byte aligned");
  return new Serializer(program, base, options.skipUnread === false ? F.FLAG_NO_SKIP : 0).run();
}
