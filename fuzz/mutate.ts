/**
 * The mutations of the fuzz targets, as fast-check arbitraries (so a failing input shrinks to
 * a short list of mutations of one seed): structure-aware mutations of policy text (tokens),
 * of JSON documents (values, keys, types, numbers, nesting) and plain text and byte edits.
 *
 * A mutation is data (`Op`: a kind and three numbers picked by fast-check); applying one is a
 * pure function of the seed and the op, so the same seed and ops always give the same input.
 * Positions are taken modulo the size of what they index, so every op applies to every seed.
 */

import fc from "fast-check";
import { BYTES, MARKUP, NUMBER_TEXTS, payload } from "./payloads.js";

export interface Op {
  readonly kind: number;
  readonly at: number;
  readonly a: number;
  readonly b: number;
}

/** `count` kinds of op, at most `max` of them. */
export function opsArbitrary(count: number, max = 6): fc.Arbitrary<Op[]> {
  return fc.array(fc.record({ kind: fc.nat(count - 1), at: fc.nat(), a: fc.nat(), b: fc.nat() }), { maxLength: max });
}

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

// --- text ------------------------------------------------------------------------------

const SYNTAX_CHARS = '{}[]",:\\ 0123456789aeE.-+/#()=<>!&|@*`\n\t\r';
const DEPTHS = [50, 99, 100, 101, 2047, 2048, 2049, 5000];

export const TEXT_OPS = 8;

/** A plain text edit: truncation, deletion, duplication, payloads, stray characters, deep brackets. */
export function mutateText(text: string, op: Op): string {
  const n = text.length;
  const at = n === 0 ? 0 : op.at % (n + 1);
  switch (op.kind % TEXT_OPS) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + (op.a % 16));
    case 2:
      return text.slice(0, at) + payload(op.a, op.b, op.b >> 3) + text.slice(at);
    case 3:
      return text.slice(0, at) + pick([...SYNTAX_CHARS], op.a) + text.slice(at);
    case 4: {
      const len = 1 + (op.a % 64);
      return text.slice(0, at + len) + text.slice(at, at + len) + text.slice(at + len);
    }
    case 5:
      return text.slice(0, at) + pick([...SYNTAX_CHARS], op.a) + text.slice(at + 1);
    case 6: {
      const d = pick(DEPTHS, op.a);
      const [open, close] = pick([["[", "]"], ["{", "}"], ["(", ")"], ['{"a":', "}"]], op.b);
      return text.slice(0, at) + open!.repeat(d) + close!.repeat(op.b % 3 === 0 ? d - 1 : d) + text.slice(at);
    }
    default:
      return text.slice(0, at) + String.fromCharCode(op.a % 0x10000) + text.slice(at);
  }
}

// --- bytes -----------------------------------------------------------------------------

export const BYTE_OPS = 5;

/** A byte edit: invalid UTF-8, a changed byte, truncation, byte-order marks. */
export function mutateBytes(bytes: Uint8Array, op: Op): Uint8Array {
  const n = bytes.length;
  const at = n === 0 ? 0 : op.at % (n + 1);
  const join = (...parts: ArrayLike<number>[]) => {
    const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let i = 0;
    for (const p of parts) {
      out.set(p, i);
      i += p.length;
    }
    return out;
  };
  switch (op.kind % BYTE_OPS) {
    case 0:
      return join(bytes.subarray(0, at), pick(BYTES, op.a), bytes.subarray(at));
    case 1: {
      const out = bytes.slice();
      if (n > 0) out[op.at % n] = op.a & 0xff;
      return out;
    }
    case 2:
      return bytes.subarray(0, at);
    case 3:
      return join(pick([[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]], op.a), bytes);
    default: {
      const out = bytes.slice();
      if (n > 0) out[op.at % n] = out[op.at % n]! ^ (1 << (op.a % 8));
      return out;
    }
  }
}

// --- JSON ------------------------------------------------------------------------------

/** A number written as given (beyond what `JSON.stringify` can write). */
export class RawNumber {
  constructor(readonly text: string) {}
}

/** Keys of an object written twice (the second time with the value given): JSON allows it, the last wins. */
const DUPLICATES = new WeakMap<object, [string, unknown][]>();

export type Json = null | boolean | number | string | RawNumber | Json[] | { [k: string]: Json };

interface Slot {
  readonly parent: Json[] | { [k: string]: Json } | undefined;
  readonly key: string | number;
  readonly value: Json;
}

/** Every value of the document with where it is held, in document order (iteratively). */
function slots(doc: Json): Slot[] {
  const out: Slot[] = [];
  const todo: Slot[] = [{ parent: undefined, key: "", value: doc }];
  while (todo.length > 0) {
    const s = todo.pop()!;
    out.push(s);
    const v = s.value;
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) todo.push({ parent: v, key: i, value: v[i]! });
    else if (v !== null && typeof v === "object" && !(v instanceof RawNumber)) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) todo.push({ parent: v, key: keys[i]!, value: v[keys[i]!]! });
    }
  }
  return out;
}

const OTHER_TYPES: readonly (() => Json)[] = [() => null, () => true, () => false, () => 0, () => -1, () => 1.5, () => "", () => [], () => ({}), () => "x", () => ["x"], () => ({ x: 1 })];
const KEY_TWISTS: readonly ((k: string) => string)[] = [(k) => `${k}_`, (k) => k.toUpperCase(), () => "__proto__", () => "constructor", (k) => k.slice(1), (k) => ` ${k}`, (k) => `${k}\u200b`, () => ""];

export const JSON_OPS = 11;

/** The document with one structure-aware mutation applied (in place; pass a copy). Returns the new root. */
export function mutateJson(doc: Json, op: Op): Json {
  const all = slots(doc);
  const s = all[op.at % all.length]!;
  let root = doc;
  const set = (v: Json) => {
    if (s.parent === undefined) root = v;
    else if (Array.isArray(s.parent)) s.parent[s.key as number] = v;
    else s.parent[s.key as string] = v;
  };
  switch (op.kind % JSON_OPS) {
    case 0:
      set(pick(OTHER_TYPES, op.a)());
      break;
    case 1:
      if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
      else if (s.parent !== undefined) delete s.parent[s.key as string];
      break;
    case 2:
      if (s.parent !== undefined && !Array.isArray(s.parent)) {
        const dups = DUPLICATES.get(s.parent) ?? [];
        dups.push([s.key as string, op.b % 2 === 0 ? pick(OTHER_TYPES, op.a)() : s.value]);
        DUPLICATES.set(s.parent, dups);
      }
      break;
    case 3:
      set(new RawNumber(pick(NUMBER_TEXTS, op.a)));
      break;
    case 4: {
      const depth = pick(DEPTHS, op.a);
      let v: Json = s.value;
      for (let i = 0; i < depth; i++) v = op.b % 2 === 0 ? [v] : { a: v };
      set(v);
      break;
    }
    case 5:
      set(payload(op.a, op.b, op.b >> 3));
      break;
    case 6:
      if (typeof s.value === "string") {
        const at = op.b % (s.value.length + 1);
        set(s.value.slice(0, at) + pick(MARKUP, op.a) + s.value.slice(at));
      } else set(pick(MARKUP, op.a));
      break;
    case 7:
      if (Array.isArray(s.parent)) s.parent.splice(op.a % (s.parent.length + 1), 0, structuredCloneJson(s.value));
      // Many copies only in small documents: repeated, this op would grow a document exponentially.
      else if (Array.isArray(s.value)) for (let i = 0; i < 1 + (op.a % (all.length > 500 ? 3 : 50)); i++) s.value.push(structuredCloneJson(s.value[0] ?? null));
      break;
    case 8:
      if (s.parent !== undefined && !Array.isArray(s.parent)) {
        const to = op.b % 3 === 0 ? pick(MARKUP, op.a) : pick(KEY_TWISTS, op.a)(s.key as string);
        delete s.parent[s.key as string];
        Object.defineProperty(s.parent, to, { value: s.value, enumerable: true, writable: true, configurable: true });
      }
      break;
    case 9: {
      let i = op.a;
      for (const t of all) {
        if (typeof t.value !== "string" || t.parent === undefined) continue;
        const v = payload(i++, op.b + i, op.b + i);
        if (Array.isArray(t.parent)) t.parent[t.key as number] = v;
        else t.parent[t.key as string] = v;
      }
      break;
    }
    default:
      set(structuredCloneJson(all[op.a % all.length]!.value));
      break;
  }
  return root;
}

/** A deep copy, iteratively (documents may be nested thousands deep). */
function structuredCloneJson(v: Json): Json {
  const copy = (x: Json): Json => (x instanceof RawNumber || x === null || typeof x !== "object" ? x : Array.isArray(x) ? new Array<Json>(x.length) : {});
  const root = copy(v);
  const todo: [Json, Json][] = [[v, root]];
  while (todo.length > 0) {
    const [from, to] = todo.pop()!;
    if (from instanceof RawNumber || from === null || typeof from !== "object") continue;
    if (Array.isArray(from)) {
      from.forEach((x, i) => {
        const c = copy(x);
        (to as Json[])[i] = c;
        todo.push([x, c]);
      });
    } else {
      for (const k of Object.keys(from)) {
        const c = copy(from[k]!);
        Object.defineProperty(to, k, { value: c, enumerable: true, writable: true, configurable: true });
        todo.push([from[k]!, c]);
      }
    }
  }
  return root;
}

/** A deep copy of parsed JSON (own `__proto__` keys kept as keys). */
export const cloneJson = structuredCloneJson;

/** JSON text of a mutated document: raw numbers as written, duplicated keys twice (iteratively). */
export function writeJson(doc: Json, indent = false): string {
  const out: string[] = [];
  type Frame = { text: string } | { value: Json; depth: number };
  const todo: Frame[] = [{ value: doc, depth: 0 }];
  const nl = (d: number) => (indent ? `\n${"  ".repeat(Math.min(d, 8))}` : "");
  while (todo.length > 0) {
    const f = todo.pop()!;
    if ("text" in f) {
      out.push(f.text);
      continue;
    }
    const v = f.value;
    if (v instanceof RawNumber) out.push(v.text);
    else if (Array.isArray(v)) {
      const parts: Frame[] = [{ text: "[" }];
      v.forEach((x, i) => {
        if (i > 0) parts.push({ text: "," });
        parts.push({ text: nl(f.depth + 1) }, { value: x, depth: f.depth + 1 });
      });
      parts.push({ text: v.length > 0 ? `${nl(f.depth)}]` : "]" });
      for (let i = parts.length - 1; i >= 0; i--) todo.push(parts[i]!);
    } else if (v !== null && typeof v === "object") {
      const entries: [string, Json][] = [...Object.keys(v).map((k) => [k, v[k]!] as [string, Json]), ...((DUPLICATES.get(v) ?? []) as [string, Json][])];
      const parts: Frame[] = [{ text: "{" }];
      entries.forEach(([k, x], i) => {
        if (i > 0) parts.push({ text: "," });
        parts.push({ text: `${nl(f.depth + 1)}${JSON.stringify(k)}:${indent ? " " : ""}` }, { value: x, depth: f.depth + 1 });
      });
      parts.push({ text: entries.length > 0 ? `${nl(f.depth)}}` : "}" });
      for (let i = parts.length - 1; i >= 0; i--) todo.push(parts[i]!);
    } else out.push(JSON.stringify(v));
  }
  return out.join("");
}

// --- policy tokens ---------------------------------------------------------------------

/** Policy text as tokens (whitespace and comments are tokens too, so joining gives the text back). */
export function policyTokens(text: string): string[] {
  return text.match(/\s+|#[^\n]*|"(?:[^"\\\n]|\\.)*"?|[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9A-Za-z.:/-]*|::|==|!=|<=|>=|->|=>|\.\.|[^\s]/g) ?? [];
}

export const TOKEN_OPS = 10;
const NESTING = [50, 99, 100, 101, 1000, 100_000];

/** One token-level mutation of a policy, with `pool` the tokens of every seed and `others` the seeds' token lists (for splices). */
export function mutateTokens(tokens: string[], op: Op, pool: readonly string[], others: readonly (readonly string[])[]): string[] {
  const n = tokens.length;
  const at = n === 0 ? 0 : op.at % n;
  const out = tokens.slice();
  switch (op.kind % TOKEN_OPS) {
    case 0:
      out.splice(at, 1 + (op.a % 3));
      break;
    case 1:
      out.splice(at, 0, ...tokens.slice(at, at + 1 + (op.a % 8)));
      break;
    case 2:
      if (at + 2 < n) [out[at], out[at + 2]] = [out[at + 2]!, out[at]!];
      break;
    case 3:
      out[at] = pick(pool, op.a);
      break;
    case 4:
      out.splice(at, 0, " ", pick(pool, op.a), " ");
      break;
    case 5: {
      const other = pick(others, op.a);
      const from = other.length === 0 ? 0 : op.b % other.length;
      out.splice(at, op.b % 20, ...other.slice(from, from + 1 + (op.a % 60)));
      break;
    }
    case 6: {
      const i = tokens.findIndex((t, j) => j >= at && t.startsWith('"'));
      const p = payload(op.a, op.b, op.b >> 3);
      if (i >= 0) out[i] = op.b % 2 === 0 ? JSON.stringify(p).replace(/[{}]/g, (c) => `\\${c}`) : `"${p}"`;
      else out.splice(at, 0, JSON.stringify(p));
      break;
    }
    case 7:
      out.splice(at, 0, `# ${pick(MARKUP, op.a).replace(/[\r\n]/g, " ")}\n`);
      break;
    case 8: {
      const d = pick(NESTING, op.a);
      const [open, close] = pick([["(", ")"], ["[", "]"], ["{", "}"]], op.b);
      out.splice(at, 1, open!.repeat(d), tokens[at] ?? "x", close!.repeat(d));
      break;
    }
    default:
      return [mutateText(tokens.join(""), { ...op, kind: op.a })];
  }
  return out;
}
