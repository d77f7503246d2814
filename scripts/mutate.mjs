// `npm run mutate [-- TARGET...]`: StrykerJS (stryker.config.mjs) over each TARGET in turn, a
// folder of src/ (`net`, `eval`, `report`, `export`: the default is all four) or one source file
// (`src/report/render-sarif.ts`, tested with its folder's tests; a file of src/io with the tests of
// the folder it reads for, TESTED_WITH below). Each target has its own
// incremental file (stryker/incremental-TARGET.json, committed: the next run resumes from it and
// retests only what changed), its own JSON report (reports/mutation/TARGET.json, read by
// scripts/mutation-summary.mjs) and its own sandbox (.stryker-tmp-TARGET), so that two targets
// may run at once in two shells. Arguments that start with `-` go to Stryker unchanged
// (`--force`, `--dryRunOnly`, `--ignoreStatic false`...).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const args = process.argv.slice(2);
const passThrough = [];
const targets = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (!a.startsWith("-")) targets.push(a);
  else {
    passThrough.push(a);
    // An option's value (`--ignoreStatic false`, `--concurrency 2`) stays with it.
    if (!a.includes("=") && args[i + 1] !== undefined && !args[i + 1].startsWith("-") && /^(true|false|\d+)$/.test(args[i + 1])) passThrough.push(args[++i]);
  }
}
// src/io holds the file side of other folders' loaders; its files are tested with those folders'
// tests (vitest.stryker.config.ts has no set of its own for src/io).
const TESTED_WITH = { "src/io/export-file.ts": "export" };
const chosen = targets.length > 0 ? targets : ["net", "eval", "report", "export"];
const plan = chosen.map((t) => {
  const file = t.endsWith(".ts");
  const path = file ? t : `src/${t}`;
  if (!existsSync(path)) {
    console.error(`mutate: no ${file ? "file" : "folder"} ${path}`);
    process.exit(2);
  }
  // The tests of a file are its folder's (vitest.stryker.config.ts); its name in files is the path's.
  const folder = file ? (TESTED_WITH[path] ?? path.split("/")[1]) : t;
  if (file && path.startsWith("src/io/") && TESTED_WITH[path] === undefined) {
    console.error(`mutate: no test set for ${path} (add it to TESTED_WITH in scripts/mutate.mjs)`);
    process.exit(2);
  }
  const name = file ? path.replace(/^src\//, "").replace(/\.ts$/, "").replaceAll("/", "-") : t;
  return { path, folder, name, glob: file ? path : `${path}/**/*.ts` };
});
for (const p of plan) {
  const started = Date.now();
  console.log(`mutate: ${p.path}`);
  const r = spawnSync(
    "npx",
    ["stryker", "run", "--mutate", p.glob, "--incrementalFile", `stryker/incremental-${p.name}.json`, "--tempDirName", `.stryker-tmp-${p.name}`, ...passThrough],
    { stdio: "inherit", env: { ...process.env, MUTATE_FOLDER: p.folder, MUTATE_NAME: p.name } },
  );
  console.log(`mutate: ${p.path} finished in ${Math.round((Date.now() - started) / 1000)} s (exit ${r.status})`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}
