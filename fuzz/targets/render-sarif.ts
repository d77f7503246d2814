/**
 * Fuzz target `render-sarif`: the SARIF 2.1.0 log (`renderSarif`) of exports full of
 * payloads, read as a consumer reads it: `JSON.parse`, then the official SARIF 2.1.0 JSON
 * Schema (OASIS errata 01, test/report/sarif-schema-2.1.0.json, with ajv).
 *
 * Oracles: the log parses and is valid SARIF; every failing or undecided subject has its
 * result, whose logical location names the subject's label exactly and whose `subject_key`
 * is its key exactly (the strings arrive intact, lone surrogates included, as JSON escapes);
 * the message starts with the label. Coverage keys: rule ids and levels reported.
 */

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { packagePath } from "../../src/paths.js";
import { renderSarif } from "../../src/report/render-sarif.js";
import { prepareReports, rendererTarget } from "../report-input.js";

const require = createRequire(import.meta.url);
const Ajv = require("ajv-draft-04") as typeof import("ajv-draft-04").default;
const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;

let validate: ((v: unknown) => boolean) & { errors?: unknown } | undefined;

function validator() {
  if (validate !== undefined) return validate;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return (validate = ajv.compile(JSON.parse(readFileSync(packagePath("test", "report", "sarif-schema-2.1.0.json"), "utf8")) as object));
}

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: { logicalLocations: { name: string }[] }[];
  properties: { subject_key: string; status: string };
}

export const renderSarifTarget = rendererTarget({
  name: "render-sarif",
  about: "SARIF 2.1.0 for exports whose strings hold payloads (renderSarif, official schema)",
  prepare() {
    prepareReports();
    validator();
  },
  judge(_input, b) {
    const text = renderSarif(b.runs, b.info, { base: "/work" });
    const log = JSON.parse(text) as { runs: { results: SarifResult[] }[] };
    const v = validator();
    if (!v(log)) throw new Error(`not valid SARIF 2.1.0: ${JSON.stringify(v.errors).slice(0, 1000)}`);
    const results = log.runs.flatMap((r) => r.results);
    const keys: string[] = [];
    for (const run of b.runs) {
      for (const c of run.report.controls) {
        for (const r of c.results) {
          if (r.status !== "fail" && r.status !== "unknown") continue;
          const found = results.find((x) => x.properties.subject_key === r.subject.key && x.ruleId.startsWith(c.id) && x.locations[0]?.logicalLocations[0]?.name === r.subject.label);
          if (found === undefined) throw new Error(`no SARIF result names subject ${JSON.stringify(r.subject.key)} (${JSON.stringify(r.subject.label)}) of ${c.id} intact`);
          if (!found.message.text.startsWith(r.subject.label)) throw new Error(`the message ${JSON.stringify(found.message.text.slice(0, 200))} does not start with the label ${JSON.stringify(r.subject.label)}`);
          keys.push(`${found.ruleId}:${found.level}`);
        }
      }
    }
    return keys;
  },
});
