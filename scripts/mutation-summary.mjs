// `node scripts/mutation-summary.mjs FOLDER...`: the counts of a Stryker JSON report
// (reports/mutation/FOLDER.json, written by `npm run mutate`) as MUTATION.md records them, and
// every surviving or uncovered mutant with its place and replacement, to kill or explain.
import { readFileSync } from "node:fs";

for (const folder of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(`reports/mutation/${folder}.json`, "utf8"));
  const counts = {};
  const open = [];
  for (const [file, f] of Object.entries(report.files)) {
    for (const m of f.mutants) {
      counts[m.status] = (counts[m.status] ?? 0) + 1;
      if (m.status === "Survived" || m.status === "NoCoverage") {
        const line = f.source.split("\n")[m.location.start.line - 1] ?? "";
        open.push(`${m.status} ${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} → ${JSON.stringify(m.replacement ?? "")}\n    ${line.trim().slice(0, 160)}`);
      }
    }
  }
  const n = (s) => counts[s] ?? 0;
  const detected = n("Killed") + n("Timeout");
  const valid = detected + n("Survived") + n("NoCoverage");
  const covered = detected + n("Survived");
  console.log(`# ${folder}`);
  console.log(`mutants ${Object.values(counts).reduce((a, b) => a + b, 0)}: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  console.log(`score ${valid ? ((100 * detected) / valid).toFixed(2) : "n/a"}% (covered ${covered ? ((100 * detected) / covered).toFixed(2) : "n/a"}%)`);
  for (const o of open) console.log(o);
}
