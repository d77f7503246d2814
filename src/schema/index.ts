/**
 * The export schema as the rest of Perimeter uses it.
 *
 * One JSON Schema file (`dbx-network-export-v1.schema.json`, shipped beside the code; its
 * text is compiled into `export-schema.generated.ts` by `npm run build`, so no file is read at
 * run time and this module runs in a browser too) is the single source of truth for both validating export documents (ajv,
 * draft 2020-12, strict mode) and typing policy expressions (the `Ty` view from `view.ts`).
 *
 * Invariants:
 * - The schema text is parsed once per process; the view is derived once from it.
 * - Validators run ajv in strict mode, so the Perimeter annotation keywords are registered
 *   (with meta-schemas) rather than tolerated: a typo in the schema is a load error. The
 *   validator the CLI runs is generated from it at build time (`ajv.ts`, `validator.ts`); this
 *   module does not load ajv, so reading the schema's types costs no compilation.
 * - `fieldType` answers for listed fields first, then the free-form `rest`; `undefined` means
 *   the checker should report an unknown field (with `fieldNames` for "did you mean").
 */

import { EXPORT_SCHEMA_TEXT } from "./export-schema.generated.js";
import type { ObjectTy, Ty } from "./types.js";
import { schemaView } from "./view.js";

export { schemaView, SLOT_KEYWORD, SUBJECT_KEYWORD, ROOT_NAME } from "./view.js";
export type { ObjectTy, SubjectInfo, Ty } from "./types.js";

export const EXPORT_SCHEMA_ID = "https://perimeter.dev/schemas/dbx-network-export-v1.json";
export const EXPORT_SCHEMA_FILE = "dbx-network-export-v1.schema.json";

let schemaCache: Record<string, unknown> | undefined;
let rootCache: ObjectTy | undefined;

/** The parsed export schema (parsed once, then cached). */
export function exportSchema(): Record<string, unknown> {
  return (schemaCache ??= JSON.parse(EXPORT_SCHEMA_TEXT) as Record<string, unknown>);
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
