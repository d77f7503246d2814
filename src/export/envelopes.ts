/**
 * Accepting API list envelopes where the export stores bare lists.
 *
 * The export stores each list endpoint as its array of items, but `curl` returns the envelope:
 * `{"items": […], "next_page_token": "…"}` (network policies, NCCs, private endpoint rules),
 * `{"ip_access_lists": […]}`, `{"apps": […], "next_page_token": "…"}`, ARM `{"value": […],
 * "nextLink": "…"}`. `unwrapEnvelopes` replaces such an object by its items wherever the
 * schema's typed view says "list of objects", at any depth, before validation.
 *
 * Detection rule: an object is an envelope when exactly one of its properties holds an array,
 * every element of that array is an object, and every other property is a page token
 * (`next_page_token`, `prev_page_token`, ARM `nextLink`) holding a string or null. An object
 * with no array property and nothing but page tokens (`{}` included) is an empty envelope: the
 * APIs omit empty lists, so `GET /api/2.0/apps` with no apps answers `{}`.
 *
 * Invariants:
 * - Only properties the typed view types as lists of objects are touched; the items array is
 *   moved as is (same identity), and recorded with its envelope key for pointers.
 * - Objects in list positions that are not envelopes are left alone (validation then reports
 *   "must be array") and recorded in `rejected`, so that message can explain the rule.
 * - Iterative and guided by the schema, so document depth cannot overflow the stack.
 */

import type { ObjectTy, Ty } from "../schema/index.js";
import type { EnvelopeKeys } from "./pointers.js";

/** Properties an envelope may carry besides its items. */
export const PAGE_TOKEN_KEYS: ReadonlySet<string> = new Set(["next_page_token", "prev_page_token", "nextLink"]);

export interface UnwrapResult {
  /** Unwrapped items arrays, with the envelope key that held them. */
  readonly envelopes: EnvelopeKeys;
  /** Objects found where a list of objects belongs that are not envelopes. */
  readonly rejected: WeakSet<object>;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isListOfObjects(t: Ty): boolean {
  return t.kind === "list" && t.elem.kind === "object";
}

/** The items of an envelope (and the key holding them, absent for an empty envelope), or undefined. */
export function envelopeItems(obj: Record<string, unknown>): { key?: string; items: unknown[] } | undefined {
  let key: string | undefined;
  for (const [k, v] of Object.entries(obj)) {
    if (Array.isArray(v)) {
      if (key !== undefined) return undefined;
      key = k;
    } else if (!(PAGE_TOKEN_KEYS.has(k) && (typeof v === "string" || v === null))) return undefined;
  }
  if (key === undefined) return { items: [] };
  const items = obj[key] as unknown[];
  return items.every(isPlainObject) ? { key, items } : undefined;
}

/** Replaces every envelope in a list-of-objects position of `doc` (typed by `root`) by its items, in place. */
export function unwrapEnvelopes(doc: Record<string, unknown>, root: ObjectTy): UnwrapResult {
  const envelopes: EnvelopeKeys = new WeakMap();
  const rejected = new WeakSet<object>();
  const todo: [unknown, Ty][] = [[doc, root]];
  for (let item = todo.pop(); item !== undefined; item = todo.pop()) {
    const [value, ty] = item;
    if (ty.kind === "list" && Array.isArray(value)) {
      for (const el of value) if (typeof el === "object" && el !== null) todo.push([el, ty.elem]);
      continue;
    }
    if (ty.kind !== "object" || !isPlainObject(value)) continue;
    for (const [k, child] of Object.entries(value)) {
      const fieldTy = ty.fields.get(k) ?? ty.rest;
      if (fieldTy === undefined || typeof child !== "object" || child === null) continue;
      let next: unknown = child;
      if (isListOfObjects(fieldTy) && isPlainObject(child)) {
        const env = envelopeItems(child);
        if (env === undefined) rejected.add(child);
        else {
          next = env.items;
          if (env.key !== undefined) envelopes.set(env.items, env.key);
          Object.defineProperty(value, k, { value: next, writable: true, enumerable: true, configurable: true });
        }
      }
      todo.push([next, fieldTy]);
    }
  }
  return { envelopes, rejected };
}
