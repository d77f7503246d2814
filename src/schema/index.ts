/**
 * The export schema as the rest of Perimeter uses it.
 *
 * One JSON Schema file (`dbx-network-export-v1.schema.json`, shipped beside the code and found
 * with `packagePath`) is the single source of truth for both validating export documents (ajv,
 * draft 2020-12, strict mode) and typing policy expressions (the `Ty` view from `view.ts`).
 *
 * Invariants:
 * - The schema file is read and parsed once per process; the view is derived once from it.
 * - Validators run ajv in strict mode, so the Perimeter annotation keywords are registered
 *   (with meta-schemas) rather than tolerated: a typo in the schema is a load error.
 * - `fieldType` answers for listed fields first, then the free-form `rest`; `undefined` means
 *   the checker should report an unknown field (with `fieldNames` for "did you mean").
 */

import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv/dist/2020.js";
import * as formatsModule from "ajv-formats";
import type { FormatsPlugin } from "ajv-formats";
import { packagePath } from "../paths.js";
import type { ObjectTy, Ty } from "./types.js";
import { schemaView, SLOT_KEYWORD, SUBJECT_KEYWORD } from "./view.js";

export { schemaView, SLOT_KEYWORD, SUBJECT_KEYWORD, ROOT_NAME } from "./view.js";
export type { ObjectTy, SubjectInfo, Ty } from "./types.js";

export const EXPORT_SCHEMA_ID = "https://perimeter.dev/schemas/dbx-network-export-v1.json";
export const EXPORT_SCHEMA_FILE = "dbx-network-export-v1.schema.json";

let schemaCache: Record<string, unknown> | undefined;
let rootCache: ObjectTy | undefined;

/** The parsed export schema (read from the package's `src/schema/` once, then cached). */
export function exportSchema(): Record<string, unknown> {
  if (schemaCache === undefined) {
    const text = readFileSync(packagePath("src", "schema", EXPORT_SCHEMA_FILE), "utf8");
    schemaCache = JSON.parse(text) as Record<string, unknown>;
  }
  return schemaCache;
}

/** The type of a whole export document (the root object), derived once from the schema. */
export function exportRootType(): ObjectTy {
  return (rootCache ??= schemaView(exportSchema()));
}

/** The type of field `name` of `obj`: a listed field, else the free-form `rest`, else undefined. */
export function fieldType(obj: ObjectTy, name: string): Ty | undefined {
  return obj.fields.get(name) ?? obj.rest;
}

/** The listed field names of `obj`, for "did you mean" suggestions. */
export function fieldNames(obj: ObjectTy): string[] {
  return [...obj.fields.keys()];
}

const SUBJECT_META_SCHEMA = {
  type: "object",
  required: ["kind", "key"],
  additionalProperties: false,
  properties: {
    kind: { type: "string", pattern: "^[a-z][a-z0-9_]*$" },
    key: { type: "array", minItems: 1, items: { type: "string" } },
    label: { type: "array", items: { type: "array", minItems: 1, items: { type: "string" } } },
  },
} as const;

/** Registers the Perimeter annotation keywords (no validation effect) on an ajv instance. */
export function registerPerimeterKeywords(ajv: Ajv2020): Ajv2020 {
  ajv.addKeyword({ keyword: SUBJECT_KEYWORD, schemaType: "object", metaSchema: SUBJECT_META_SCHEMA });
  ajv.addKeyword({ keyword: SLOT_KEYWORD, schemaType: "boolean", metaSchema: { type: "boolean" } });
  return ajv;
}

/** ajv-formats is CommonJS: its default export arrives as the function or as `{default}`. */
function formatsPlugin(): FormatsPlugin {
  const mod = formatsModule as unknown as { default?: unknown };
  const candidate = typeof mod.default === "function" ? mod.default : (mod.default as { default?: unknown } | undefined)?.default;
  if (typeof candidate !== "function") throw new Error("perimeter: cannot load ajv-formats");
  return candidate as FormatsPlugin;
}

/** A fresh ajv (draft 2020-12, strict, all errors, formats, Perimeter keywords) with the export schema added. */
export function createExportAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  formatsPlugin()(ajv);
  registerPerimeterKeywords(ajv);
  ajv.addSchema(exportSchema(), EXPORT_SCHEMA_ID);
  return ajv;
}

/**
 * A compiled validator for `dbx-network-export/v1` documents. Errors carry `instancePath`
 * (a JSON pointer) and `keyword`; `enum` errors are meant to be reported as warnings.
 */
export function createExportValidator(): ValidateFunction {
  const validate = createExportAjv().getSchema(EXPORT_SCHEMA_ID);
  if (!validate) throw new Error("perimeter: the export schema did not compile");
  return validate;
}

/**
 * How many leading steps of an export path reach its deepest collection slot, e.g. 3 for
 * `workspaces[1].apps[0]` (`workspaces` and `apps` are slots); 0 when it passes none. Steps
 * are field names, indices, or `"*"` for any index.
 */
export function slotDepth(steps: readonly (string | number)[], from: ObjectTy = exportRootType()): number {
  let ty: Ty | undefined = from;
  let depth = 0;
  steps.forEach((s, i) => {
    if (ty === undefined) return;
    if (typeof s === "number" || s === "*") ty = ty.kind === "list" ? ty.elem : undefined;
    else if (ty.kind === "object") {
      if (ty.slots?.has(s)) depth = i + 1;
      ty = fieldType(ty, s);
    } else ty = undefined;
  });
  return depth;
}
