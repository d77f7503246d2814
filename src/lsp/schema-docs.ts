/**
 * The export schema's `description` of each field, by the checker's object type: the typed
 * view (`schema/view.ts`) keeps shapes only, so this walks the schema beside the view once
 * and indexes the descriptions by the `ObjectTy` the view made for each object.
 */

import { exportRootType, exportSchema } from "../schema/index.js";
import type { ObjectTy, Ty } from "../schema/types.js";

type Obj = { readonly [k: string]: unknown };
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

let index: WeakMap<ObjectTy, Map<string, string>> | undefined;

/** The schema's description of `field` of objects of type `obj`, when it has one. */
export function fieldDescription(obj: ObjectTy, field: string): string | undefined {
  if (index === undefined) {
    index = new WeakMap();
    const schema = exportSchema();
    const defs = isObj(schema["$defs"]) ? schema["$defs"] : {};
    walk(schema, exportRootType(), defs, index, new Set());
  }
  return index.get(obj)?.get(field);
}

function walk(node: unknown, ty: Ty, defs: Obj, out: WeakMap<ObjectTy, Map<string, string>>, seen: Set<unknown>): void {
  if (!isObj(node) || seen.has(node)) return;
  seen.add(node);
  const ref = node["$ref"];
  if (typeof ref === "string") {
    const name = /^#\/\$defs\/([^/]+)$/.exec(ref)?.[1];
    if (name !== undefined) walk(defs[name], ty, defs, out, seen);
    return;
  }
  for (const k of ["anyOf", "oneOf", "allOf"] as const) {
    const alts = node[k];
    if (Array.isArray(alts)) for (const a of alts) walk(a, ty, defs, out, seen);
  }
  if (ty.kind === "list" && node["items"] !== undefined) walk(node["items"], ty.elem, defs, out, seen);
  if (ty.kind !== "object") return;
  const props = isObj(node["properties"]) ? node["properties"] : {};
  let docs = out.get(ty);
  if (docs === undefined) out.set(ty, (docs = new Map()));
  for (const [field, sub] of Object.entries(props)) {
    const d = describe(sub, defs);
    if (d !== undefined && !docs.has(field)) docs.set(field, d);
    const ft = ty.fields.get(field);
    if (ft !== undefined) walk(sub, ft, defs, out, seen);
  }
  if (isObj(node["additionalProperties"]) && ty.rest !== undefined) walk(node["additionalProperties"], ty.rest, defs, out, seen);
}

/** A property's own description, else that of the definition it refers to. */
function describe(sub: unknown, defs: Obj): string | undefined {
  if (!isObj(sub)) return undefined;
  if (typeof sub["description"] === "string") return sub["description"];
  const ref = sub["$ref"];
  const name = typeof ref === "string" ? /^#\/\$defs\/([^/]+)$/.exec(ref)?.[1] : undefined;
  const def = name === undefined ? undefined : defs[name];
  if (isObj(def) && typeof def["description"] === "string") return def["description"];
  const items = sub["items"];
  if (isObj(items)) return describe(items, defs);
  return undefined;
}
