/**
 * The checker's typed view of the export schema.
 *
 * `schemaView` turns the JSON Schema of `dbx-network-export/v1` into the `Ty` language of
 * `types.ts`. It reads only the keywords that shape data (`$ref` into `$defs`, `type`, `enum`,
 * `const`, `properties`, `additionalProperties`, `items`, `anyOf`/`oneOf`/`allOf`) plus the two
 * Perimeter annotations (`x-perimeter-subject`, `x-perimeter-slot`); validation-only keywords
 * (`format`, `required`, …) do not change the view.
 *
 * Invariants:
 * - Pure: the same schema gives an equal view; the input is never modified.
 * - Every `$defs` entry is converted once: objects are cached before their fields are filled, so
 *   recursive definitions terminate and share one `ObjectTy`.
 * - An object's `rest` is set only when `additionalProperties` is a schema (a free-form map);
 *   absent or `true` means unknown field names are checker errors (the validator still allows
 *   them, because APIs add fields).
 * - Nullable types (`["string", "null"]`) view as the non-null type; a missing value is the
 *   checker's business, not the type's.
 * - Anything the view cannot describe precisely becomes `any`, which never causes a false error.
 */

import { T } from "./types.js";
import type { ObjectTy, StringTy, SubjectInfo, Ty } from "./types.js";

export const SUBJECT_KEYWORD = "x-perimeter-subject";
export const SLOT_KEYWORD = "x-perimeter-slot";

/** Name of the root object type (the document itself has no `$defs` entry). */
export const ROOT_NAME = "export";

type Obj = { readonly [keyword: string]: unknown };

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Derives the typed view of a whole schema document: the type of the root object. */
export function schemaView(schemaJson: unknown): ObjectTy {
  if (!isObj(schemaJson)) throw new Error("export schema: the root must be a JSON object");
  const view = new ViewBuilder(schemaJson);
  const root = view.convert(schemaJson, ROOT_NAME);
  if (root.kind !== "object") throw new Error("export schema: the root must describe an object");
  return root;
}

class ViewBuilder {
  private readonly defs: Obj;
  private readonly cache = new Map<string, Ty>();
  private readonly inProgress = new Set<string>();

  constructor(root: Obj) {
    this.defs = isObj(root["$defs"]) ? root["$defs"] : {};
  }

  convert(node: unknown, name: string, register?: (t: Ty) => void): Ty {
    if (!isObj(node)) return done(T.any, register); // `true`, `false` or malformed
    const ref = node["$ref"];
    if (typeof ref === "string") return done(this.resolveRef(ref), register);
    if ("const" in node) return done(constTy(node["const"]), register);
    if (Array.isArray(node["enum"])) return done(enumTy(node["enum"], node["type"]), register);
    for (const k of ["anyOf", "oneOf", "allOf"] as const) {
      const alts = node[k];
      if (Array.isArray(alts) && !("type" in node) && !("properties" in node)) {
        return done(this.alternatives(alts, name), register);
      }
    }
    const type = nonNullType(node["type"], node);
    switch (type) {
      case "string":
        return done(T.string, register);
      case "integer":
      case "number":
        return done(T.number, register);
      case "boolean":
        return done(T.bool, register);
      case "array":
        return done(T.list(this.convert(node["items"] ?? true, name)), register);
      case "object":
        return this.object(node, name, register);
      default:
        return done(T.any, register);
    }
  }

  private resolveRef(ref: string): Ty {
    const cached = this.cache.get(ref);
    if (cached) return cached;
    const m = /^#\/\$defs\/([^/]+)$/.exec(ref);
    const defName = m?.[1];
    if (defName === undefined || !(defName in this.defs)) {
      throw new Error(`export schema: unsupported or dangling $ref "${ref}"`);
    }
    // A cycle that does not pass through an object (objects register themselves first).
    if (this.inProgress.has(ref)) return T.any;
    this.inProgress.add(ref);
    const ty = this.convert(this.defs[defName], defName, (t) => this.cache.set(ref, t));
    this.inProgress.delete(ref);
    this.cache.set(ref, ty);
    return ty;
  }

  private object(node: Obj, name: string, register?: (t: Ty) => void): ObjectTy {
    const fields = new Map<string, Ty>();
    const slots = new Set<string>();
    const ap = node["additionalProperties"];
    const subject = subjectInfo(node[SUBJECT_KEYWORD]);
    // `rest` is filled in after registration, so build a mutable record first.
    const obj: { -readonly [K in keyof ObjectTy]: ObjectTy[K] } = { kind: "object", name, fields };
    if (subject) obj.subject = subject;
    register?.(obj);
    const props = isObj(node["properties"]) ? node["properties"] : {};
    for (const [field, sub] of Object.entries(props)) {
      fields.set(field, this.convert(sub, field));
      if (isObj(sub) && sub[SLOT_KEYWORD] === true) slots.add(field);
    }
    if (isObj(ap)) obj.rest = this.convert(ap, name);
    else if (isObj(node["patternProperties"])) obj.rest = T.any;
    if (slots.size > 0) obj.slots = slots;
    return obj;
  }

  /** `anyOf`/`oneOf`/`allOf`: one merged type when the alternatives are compatible, else `any`. */
  private alternatives(alts: readonly unknown[], name: string): Ty {
    const tys = alts.filter((a) => !isNullSchema(a)).map((a) => this.convert(a, name));
    const [first, ...others] = tys;
    if (first === undefined) return T.any;
    return others.reduce<Ty>((acc, t) => merge(acc, t, name), first);
  }
}

function done(t: Ty, register?: (t: Ty) => void): Ty {
  register?.(t);
  return t;
}

/** The single non-null JSON type of a node, inferred from its keywords when `type` is absent. */
function nonNullType(type: unknown, node: Obj): string | undefined {
  if (typeof type === "string") return type === "null" ? undefined : type;
  if (Array.isArray(type)) {
    const rest = type.filter((t) => t !== "null");
    return rest.length === 1 && typeof rest[0] === "string" ? rest[0] : undefined;
  }
  if ("properties" in node || "additionalProperties" in node) return "object";
  if ("items" in node) return "array";
  return undefined;
}

function isNullSchema(s: unknown): boolean {
  return isObj(s) && (s["type"] === "null" || s["const"] === null);
}

function constTy(v: unknown): Ty {
  if (typeof v === "string") return { kind: "string", enum: [v] };
  if (typeof v === "number") return T.number;
  if (typeof v === "boolean") return T.bool;
  return T.any;
}

function enumTy(values: readonly unknown[], type: unknown): Ty {
  const nonNull = values.filter((v) => v !== null);
  if (nonNull.length > 0 && nonNull.every((v) => typeof v === "string")) {
    return { kind: "string", enum: nonNull as string[] };
  }
  if (nonNull.length > 0 && nonNull.every((v) => typeof v === "number")) return T.number;
  if (nonNull.length > 0 && nonNull.every((v) => typeof v === "boolean")) return T.bool;
  return typeof type === "string" && type === "string" ? T.string : T.any;
}

/** Merges two alternative types: same-kind shapes combine, anything else is `any`. */
function merge(a: Ty, b: Ty, name: string): Ty {
  if (a === b) return a;
  if (a.kind === "any" || b.kind === "any") return T.any;
  if (a.kind === "string" && b.kind === "string") {
    if (!a.enum || !b.enum) return T.string;
    const union: StringTy = { kind: "string", enum: [...new Set([...a.enum, ...b.enum])] };
    return union;
  }
  if (a.kind === "list" && b.kind === "list") return T.list(merge(a.elem, b.elem, name));
  if (a.kind === "object" && b.kind === "object") return mergeObjects(a, b, name);
  return a.kind === b.kind ? a : T.any;
}

function mergeObjects(a: ObjectTy, b: ObjectTy, name: string): ObjectTy {
  const fields = new Map(a.fields);
  for (const [k, t] of b.fields) {
    const prev = fields.get(k);
    fields.set(k, prev ? merge(prev, t, k) : t);
  }
  const rest = a.rest && b.rest ? merge(a.rest, b.rest, name) : (a.rest ?? b.rest);
  const slots = new Set([...(a.slots ?? []), ...(b.slots ?? [])]);
  const subject = a.subject ?? b.subject;
  return {
    kind: "object",
    name,
    fields,
    ...(rest ? { rest } : {}),
    ...(subject ? { subject } : {}),
    ...(slots.size > 0 ? { slots } : {}),
  };
}

function stringPath(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((s) => typeof s === "string") ? (v as string[]) : undefined;
}

function subjectInfo(v: unknown): SubjectInfo | undefined {
  if (!isObj(v) || typeof v["kind"] !== "string") return undefined;
  const key = stringPath(v["key"]);
  if (!key) return undefined;
  const labels = Array.isArray(v["label"]) ? v["label"].map(stringPath) : [];
  const label = labels.filter((p): p is string[] => p !== undefined);
  return { kind: v["kind"], key, label };
}
