// Rebuilds the fuzzers' seed corpora (fuzz/corpus/<target>/) from the repository's own inputs:
// every policy file (the library, the examples, the test fixtures and goldens, the formatter
// cases) for the front end; every example and fixture export, minified, for the export loader,
// the Wasm JSON reader and the renderers; the example params file and one params file per
// declared param for the params loader. Files are named by the SHA-256 of their content, so
// duplicates collapse. Needs `npm run build` (the params seeds read the library's params).
// Usage: node scripts/fuzz-corpus.mjs
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify as yamlStringify } from "yaml";

const root = new URL("..", import.meta.url).pathname;
const at = (...p) => join(root, ...p);

function walk(dir, pred, out = []) {
  for (const e of readdirSync(at(dir)).sort()) {
    const p = join(dir, e);
    if (statSync(at(p)).isDirectory()) walk(p, pred, out);
    else if (pred(p)) out.push(p);
  }
  return out;
}

function write(target, texts, ext) {
  const dir = at("fuzz", "corpus", target);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const seen = new Set();
  for (const text of texts) {
    const hash = createHash("sha256").update(text).digest("hex").slice(0, 16);
    if (seen.has(hash)) continue;
    seen.add(hash);
    writeFileSync(join(dir, `${hash}.${ext}`), text);
  }
  console.log(`${target}: ${seen.size} seeds`);
}

const policies = ["policies", "examples", "test"].flatMap((d) => walk(d, (p) => p.endsWith(".perimeter")));
write("front-end", policies.map((p) => readFileSync(at(p), "utf8")), "perimeter");

const exportDirs = ["examples/exports", "test/fixtures/exports", "policies/databricks/apps/fixtures", "test/fixtures/language/fixtures", "test/report/fixtures/exports"];
const exports = exportDirs.flatMap((d) => walk(d, (p) => p.endsWith(".json"))).map((p) => JSON.stringify(JSON.parse(readFileSync(at(p), "utf8"))));
write("export-loader", exports, "json");
write("wasm-json", [...exports, "{}", "[]", "null", "0", '"s"', '{"workspaces":[]}', '{"a":[1,2.5,-3e2,true,false,null,"\\u00e9\\ud83d\\ude00\\n"]}'], "json");
write("report", exports, "json");

const { lowerProgram } = await import(at("dist/src/ir/lower.js"));
const { frontEnd, readPolicyFiles } = await import(at("dist/src/program/load.js"));
const loaded = readPolicyFiles([at("policies")]);
const fe = frontEnd(loaded.sources, {}, loaded.diagnostics);
const ir = lowerProgram(fe.program);
const params = [readFileSync(at("examples/params/site.yaml"), "utf8")];
for (const pkg of ir.packages) {
  for (const p of pkg.params) {
    const doc = { [pkg.name]: { [p.name]: p.value } };
    params.push(yamlStringify(doc), JSON.stringify(doc));
  }
}
write("params-loader", params, "txt");
