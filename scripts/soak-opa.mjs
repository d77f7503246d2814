#!/usr/bin/env node
// Soak test of the emitted Rego against the real OPA: generated exports (the fast-check
// arbitrary of test/helpers/arbitrary-export.ts) through `opa run --server` on the emitted Rego,
// the reference evaluator and our Wasm module, compared as canonical JSON (Report and verdicts,
// per package), as test/opa/differential.test.ts does on 500. Stops at the first difference,
// printing it and the export, and exits 1; exits 0 after N runs per program.
//
//   npm run build && npm run tools
//   node scripts/soak-opa.mjs [--runs N] [--seed S] [--programs policies,fixtures/language] [--opa-wasm]
//
// N defaults to 100000, the seed to a random one (printed: a run is repeated with --seed S);
// the programs are names from PROGRAMS in test/helpers/opa-differential.ts. OPA is
// .tools/bin/opa, or $PERIMETER_OPA. With --opa-wasm, OPA's own Wasm compilation of the Rego
// (`opa build -t wasm`, run by @open-policy-agent/opa-wasm) is compared too. Runs from the
// compiled tests in dist/.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import fc from "fast-check";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const dist = (p) => join(root, "dist", p);
if (!existsSync(dist("test/helpers/opa-differential.js"))) {
  console.error("soak-opa: dist/test/helpers/opa-differential.js is missing: run `npm run build` first");
  process.exit(2);
}
const opa = process.env.PERIMETER_OPA ?? join(root, ".tools/bin/opa");
if (!existsSync(opa)) {
  console.error(`soak-opa: no OPA at ${opa}: run \`npm run tools\` (or set PERIMETER_OPA)`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "100000" },
    seed: { type: "string" },
    programs: { type: "string", default: "policies,fixtures/language" },
    batch: { type: "string", default: "200" },
    "opa-wasm": { type: "boolean", default: false },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log("usage: node scripts/soak-opa.mjs [--runs N] [--seed S] [--programs NAME,...] [--batch B] [--opa-wasm]");
  process.exit(0);
}
const runs = Number(values.runs);
const batch = Number(values.batch);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(batch) || batch < 1 || !Number.isInteger(seed)) {
  console.error("soak-opa: --runs, --batch and --seed take integers (runs and batch at least 1)");
  process.exit(2);
}

const { Differential, PROGRAMS, describeMismatch, generatedSettings, widenIds } = await import(dist("test/helpers/opa-differential.js"));
const { exportDocument, exportDocumentExact, parsedErrors } = await import(dist("test/helpers/arbitrary-export.js"));
const { exactJsonText } = await import(dist("src/export/exact-json.js"));
const { compileProgram } = await import(dist("test/wasm/helpers.js"));

const names = values.programs.split(",").filter((n) => n !== "");
for (const n of names) {
  if (PROGRAMS[n] === undefined) {
    console.error(`soak-opa: no program ${n}; one of: ${Object.keys(PROGRAMS).join(", ")}`);
    process.exit(2);
  }
}

console.log(`soak-opa: ${runs} generated exports per program (${names.join(", ")}), seed ${seed}, OPA ${opa}${values["opa-wasm"] ? ", and OPA's Wasm" : ""}`);
const programs = await Promise.all(names.map((n) => Differential.start(opa, n, compileProgram(PROGRAMS[n]), { opaWasm: values["opa-wasm"] })));
let status = 0;
const started = Date.now();
try {
  let done = 0;
  for (let b = 0; done < runs; b++) {
    const n = Math.min(batch, runs - done);
    // Batch b: exports drawn with seed + b, in setting b mod n (one PUT per batch and program).
    // One export in three with its workspace ids made 16, 10 and 9 digits long (widenIds), one in
    // three with ids beyond 2^53 (bigints, written with their digits by exactJsonText).
    const exact = fc.sample(exportDocumentExact, { numRuns: n, seed: seed + b });
    const docs = fc.sample(exportDocument, { numRuns: n, seed: seed + b }).map((doc, i) => (i % 3 === 1 ? widenIds(doc) : i % 3 === 2 ? exact[i] : doc));
    const cases = docs.map((doc, i) => ({ label: `generated export #${done + i} (--seed ${seed}: batch ${b}, item ${i})`, json: exactJsonText(doc), exp: { document: doc, errors: parsedErrors(doc) } }));
    for (const d of programs) {
      const settings = generatedSettings(d.ir);
      const m = await d.compare(settings[b % settings.length], cases);
      if (m !== undefined) {
        console.log(describeMismatch(m));
        status = 1;
        break;
      }
    }
    if (status !== 0) break;
    done += n;
    const s = (Date.now() - started) / 1000;
    process.stdout.write(`\r${done}/${runs} exports, ${programs.reduce((q, d) => q + d.queries, 0)} OPA queries, ${s.toFixed(0)} s (${(done / s).toFixed(0)} exports/s)   `);
  }
  if (status === 0) console.log(`\nsoak-opa: no difference in ${runs} exports × ${names.length} programs (${((Date.now() - started) / 1000).toFixed(1)} s)`);
} finally {
  await Promise.all(programs.map((d) => d.stop()));
}
process.exit(status);
