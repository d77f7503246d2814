/**
 * Relations between types: joins (list elements, `??`), comparability (`==`, `in`) and the
 * families the network and domain operators accept. `any` is compatible with everything, so
 * data the schema leaves open never causes a false error.
 */

import { T, type ListTy, type StringTy, type Ty } from "../schema/types.js";

export function isAny(t: Ty): boolean {
  return t.kind === "any";
}

/**
 * Addresses, ranges, strings holding them, and (nested) lists of these; or, as a whole
 * operand only, an address set from `exclude` (never inside a list: a list is a union of
 * ranges, which every backend represents as such).
 */
export function isNetish(t: Ty, top = true): boolean {
  switch (t.kind) {
    case "net":
    case "string":
    case "any":
      return true;
    case "netset":
      return top;
    case "list":
      return isNetish(t.elem, false);
    default:
      return false;
  }
}

/** Names, patterns, and (nested) lists of them. */
export function isDomainish(t: Ty): boolean {
  switch (t.kind) {
    case "string":
    case "any":
      return true;
    case "list":
      return isDomainish(t.elem);
    default:
      return false;
  }
}

export function isBoolish(t: Ty): boolean {
  return t.kind === "bool" || t.kind === "any";
}

export function isEnum(t: Ty): t is StringTy & { enum: readonly string[] } {
  return t.kind === "string" && t.enum !== undefined;
}

/** The least type covering both (used for list literals and `??`). Differing kinds give `any`. */
export function join(a: Ty, b: Ty): Ty {
  if (a === b) return a;
  if (a.kind === "any") return b;
  if (b.kind === "any") return a;
  if (a.kind !== b.kind) {
    if ((a.kind === "net" && b.kind === "string") || (a.kind === "string" && b.kind === "net")) return T.string;
    return T.any;
  }
  switch (a.kind) {
    case "string":
      return isEnum(a) && isEnum(b as StringTy) ? { kind: "string", enum: [...new Set([...a.enum, ...(b as StringTy).enum!])] } : T.string;
    case "list":
      return T.list(join(a.elem, (b as ListTy).elem));
    case "object":
      return a.name === (b as typeof a).name ? a : T.any;
    default:
      return a;
  }
}

/** May `==` compare values of these types? Strings compare with addresses and dates they may hold. */
export function comparable(a: Ty, b: Ty): boolean {
  // Address sets are compared with `within` (both ways), not by representation.
  if (a.kind === "netset" || b.kind === "netset") return false;
  if (a.kind === "any" || b.kind === "any") return true;
  if (a.kind === b.kind) return a.kind === "list" ? comparable(a.elem, (b as ListTy).elem) : true;
  const pair = new Set([a.kind, b.kind]);
  return (pair.has("string") && pair.has("net")) || (pair.has("string") && pair.has("date"));
}

/** May `<`, `<=`, `>`, `>=` order these? */
export function orderable(a: Ty, b: Ty): boolean {
  if (a.kind === "any" || b.kind === "any") return a.kind !== "list" && b.kind !== "list" && a.kind !== "object" && b.kind !== "object" && a.kind !== "bool" && b.kind !== "bool";
  if (a.kind === "number" && b.kind === "number") return true;
  const ok = new Set(["string", "date"]);
  return ok.has(a.kind) && ok.has(b.kind);
}

/** Element type of a list (`any` for `any`), or undefined when the type is not a list. */
export function elemOf(t: Ty): Ty | undefined {
  if (t.kind === "list") return t.elem;
  if (t.kind === "any") return T.any;
  return undefined;
}

const objectIds = new WeakMap<object, number>();
let nextId = 0;

/** A stable key for memoising per argument types. */
export function tyKey(t: Ty): string {
  switch (t.kind) {
    case "list":
      return `[${tyKey(t.elem)}]`;
    case "object":
    case "string": {
      if (t.kind === "string" && t.enum === undefined) return "string";
      let id = objectIds.get(t);
      if (id === undefined) objectIds.set(t, (id = nextId++));
      return `${t.kind}#${id}`;
    }
    default:
      return t.kind;
  }
}
