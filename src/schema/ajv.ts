/**
 * The ajv set-up of the export schema: draft 2020-12, strict mode, all errors, ajv-formats,
 * and the Perimeter annotation keywords registered with their meta-schemas (so a typo in the
 * schema is a load error, not tolerated).
 *
 * Two users: the build (scripts/build-validator.mjs generates the standalone validator the
 * CLI runs, `validator.ts`, from `createExportAjv`, so start-up never compiles the schema) and
 * the tests, which compile it here and check the generated one against it.
 */

import { Ajv2020, type Options } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv/dist/2020.js";
import * as formatsModule from "ajv-formats";
import type { FormatsPlugin } from "ajv-formats";
import { EXPORT_SCHEMA_ID, exportSchema } from "./index.js";
import { SLOT_KEYWORD, SUBJECT_KEYWORD } from "./view.js";

export { EXPORT_SCHEMA_ID };

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
export function createExportAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, ...options });
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
