// `node scripts/mutation-recheck.mjs NAME TESTFILE...`: after new tests, which of the open
// mutants of a Stryker run do they kill? For every Survived or NoCoverage mutant of
// reports/mutation/NAME.json (written by `npm run mutate`) it writes the mutant into the source,
// from Stryker's own location and replacement, runs `vitest run --bail=1 TESTFILE...`, and puts the
// source back; it prints killed or SURVIVED per mutant and the counts. This is how MUTATION.md's
// rows "counted by hand" were counted, in minutes where a rerun (which reuses almost nothing after a
// test change) costs as long as the first run. A mutant whose code has changed since the run is
// matched by its text near its line, or reported GONE. It edits the source in place: run it where
// nothing else reads the sources at the same time (not while `npm run mutate` copies them into
// its sandbox), or in a copy of the tree.
import { readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
const [name, ...tests] = process.argv.slice(2);
const report = JSON.parse(readFileSync(`reports/mutation/${name}.json`, "utf8"));
let killed = 0, survived = 0;
// Interrupted (Ctrl-C, kill), the file being checked is put back before exiting.
let restore = () => {};
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => { restore(); process.exit(130); });
for (const [file, f] of Object.entries(report.files)) {
  const original = readFileSync(file, "utf8");
  if (original !== f.source) console.log(`note: ${file} changed since the run; locations are matched on the run's source`);
  for (const m of f.mutants) {
    if (m.status !== "Survived" && m.status !== "NoCoverage") continue;
    const lines = f.source.split("\n");
    const off = (p) => lines.slice(0, p.line - 1).reduce((n, l) => n + l.length + 1, 0) + p.column - 1;
    const a = off(m.location.start), b = off(m.location.end);
    const before = f.source.slice(a, b);
    // Apply to the current file: find the same text at the same line if the file changed.
    let src = original;
    let common = 0;
    while (common < original.length && original[common] === f.source[common]) common++;
    let at = b <= common ? a : -1;
    if (at < 0) {
      const lineStart = original.split("\n").slice(0, m.location.start.line - 1).join("\n").length;
      at = original.indexOf(before, Math.max(0, lineStart - 200));
      if (at < 0) { console.log(`GONE ${m.location.start.line}:${m.location.start.column} ${m.mutatorName}`); continue; }
    }
    src = original.slice(0, at) + m.replacement + original.slice(at + before.length);
    restore = () => writeFileSync(file, original);
    writeFileSync(file, src);
    const r = spawnSync("npx", ["vitest", "run", "--bail=1", ...tests], { encoding: "utf8" });
    writeFileSync(file, original);
    const ok = r.status === 0;
    if (ok) survived++; else killed++;
    console.log(`${ok ? "SURVIVED" : "killed  "} ${m.status} ${m.location.start.line}:${m.location.start.column} ${m.mutatorName} → ${JSON.stringify(m.replacement).slice(0, 80)}`);
  }
}
console.log(`killed ${killed}, survived ${survived}`);
