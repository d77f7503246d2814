/**
 * The validator of `dbx-network-export/v1` documents the CLI and the library run: the
 * standalone code ajv generated from the schema at build time (scripts/build-validator.mjs,
 * with the set-up of `ajv.ts`), so validating costs no schema compilation at start-up. Errors
 * carry `instancePath` (a JSON pointer) and `keyword`, as a compiled ajv validator's do.
 */

import type { ValidateFunction } from "ajv/dist/2020.js";
import { validate } from "./export-validator.generated.js";

export const exportValidator: ValidateFunction = validate as unknown as ValidateFunction;
