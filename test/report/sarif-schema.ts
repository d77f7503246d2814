// The official SARIF 2.1.0 JSON Schema (OASIS, errata 01; a draft-04 schema, hence ajv-draft-04),
// compiled once for the SARIF tests. sarif-schema-2.1.0.json is a verbatim copy of
// https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json
// (oasis-tcs/sarif-spec, Schemata/sarif-schema-2.1.0.json).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

// Both packages are CommonJS whose module.exports is the function itself; `require` keeps
// TypeScript (NodeNext) and Node in agreement about that.
const require = createRequire(import.meta.url);
const Ajv = require("ajv-draft-04") as typeof import("ajv-draft-04").default;
const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;

const schema = JSON.parse(readFileSync(join(import.meta.dirname, "sarif-schema-2.1.0.json"), "utf8")) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);

export const validateSarif = ajv.compile(schema);
