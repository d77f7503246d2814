// The SARIF of `perimeter check` as GitHub code scanning takes it: Microsoft's SARIF multitool,
// with GitHub's ingestion rules on, reports no error and no warning on the SARIF of every
// example export (the shipped policies, with and without the example params), of all of them
// at once (one run per account), and of a run from outside the repository whose policies are
// the ones shipped in the package (locations under PERIMETER_LIBRARY). Its notes are only
// the ones that cannot apply (message ids instead of text, code snippets, version control
// details, links it cannot fetch offline, rule ids not in its `CS2001` style), never a rule
// name that is not a Pascal identifier (SARIF2012).
import { cpSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packagePath } from "../../src/paths.js";
import { runCli, stderrBeyondGaps, tempDir } from "../helpers/cli.js";
import { MULTITOOL, validateWithMultitool, type MultitoolFinding } from "../helpers/sarif-multitool.js";

const EXAMPLES = packagePath("examples", "exports");
const exports = readdirSync(EXAMPLES).filter((f) => f.endsWith(".json")).sort();
/** Notes that do not apply to a compliance report generated offline (see the header). */
const INHERENT_NOTES = new Set(["SARIF2002", "SARIF2003", "SARIF2006", "SARIF2009", "SARIF2010", "SARIF2011", "SARIF2013"]);

function check(args: readonly string[], cwd?: string): string {
  const r = runCli(["check", ...args, "--format", "sarif", "--now", "2026-12-07", "--max-export-age", "36500"], cwd === undefined ? {} : { cwd });
  // Nothing on stderr but the warnings about results the partial example could not decide.
  expect(stderrBeyondGaps(r.stderr)).toEqual([]);
  expect([0, 1]).toContain(r.code);
  return r.stdout;
}

describe.skipIf(MULTITOOL === undefined)("SARIF under the SARIF multitool with GitHub's rules", () => {
  // Every SARIF first, then one run of the validator on all of them (it takes seconds to start).
  const sarif: Record<string, string> = {};
  const findings = () => (validated ??= validateWithMultitool(sarif));
  let validated: Map<string, MultitoolFinding[]> | undefined;
  const cwd = tempDir();

  it("renders the SARIF of every example, alone, with params, all at once, and from outside the repository", { timeout: 120_000 }, () => {
    for (const file of exports) {
      const input = join("examples", "exports", file);
      sarif[`${file}.sarif`] = check(["policies", "--input", input]);
      sarif[`${file}.params.sarif`] = check(["policies", "--input", input, "--params", "examples/params/site.yaml"]);
    }
    sarif["all.sarif"] = check(["policies", ...exports.flatMap((f) => ["--input", join("examples", "exports", f)]), "--params", "examples/params/site.yaml"]);
    cpSync(join(EXAMPLES, exports[0]!), join(cwd, exports[0]!));
    sarif["library.sarif"] = check([packagePath("policies", "databricks"), "--input", exports[0]!], cwd);
    expect(Object.keys(sarif)).toHaveLength(2 * exports.length + 2);
  });

  it("the validator reports no error and no warning on any of them", { timeout: 300_000 }, () => {
    const all = findings();
    expect([...all.keys()].sort()).toEqual(Object.keys(sarif).sort());
    for (const [name, list] of all) {
      const serious = list.filter((f) => f.level === "error" || f.level === "warning");
      expect(serious.map((f) => `${name}: ${f.level} ${f.ruleId}: ${f.text}`)).toEqual([]);
      expect(list.filter((f) => !INHERENT_NOTES.has(f.ruleId)).map((f) => `${name}: ${f.ruleId}: ${f.text}`)).toEqual([]);
    }
  });

  it("the validator does find what GitHub rejects (a result without message text)", { timeout: 300_000 }, () => {
    const bad = JSON.parse(sarif["all.sarif"]!);
    bad.runs[0].results[0].message = { id: "nope" };
    const list = validateWithMultitool({ "bad.sarif": JSON.stringify(bad) }).get("bad.sarif")!;
    expect(list.some((f) => f.level === "error" && f.ruleId.startsWith("GH"))).toBe(true);
  });

  it("every example at once: one run per account, each with its own automationDetails.id", () => {
    const doc = JSON.parse(sarif["all.sarif"]!) as { runs: { automationDetails: { id: string }; properties: { exports: { account_id: string }[] } }[] };
    const ids = doc.runs.map((r) => r.automationDetails.id);
    expect(ids.length).toBeGreaterThan(1);
    expect(new Set(ids).size).toBe(ids.length);
    for (const run of doc.runs) expect(run.automationDetails.id).toBe(`perimeter/${run.properties.exports[0]!.account_id}/`);
  });

  it("the shipped policies checked from another directory: locations under PERIMETER_LIBRARY, never node_modules or an absolute path", () => {
    const text = sarif["library.sarif"]!;
    const run = JSON.parse(text).runs[0];
    const locations = run.results.map((r: { locations: { physicalLocation: { artifactLocation: object } }[] }) => r.locations[0]!.physicalLocation.artifactLocation);
    expect(locations.length).toBeGreaterThan(0);
    for (const l of locations) expect(l).toEqual({ uri: expect.stringMatching(/^databricks\/apps\/[a-z_]+\.perimeter$/), uriBaseId: "PERIMETER_LIBRARY" });
    expect(run.originalUriBaseIds.PERIMETER_LIBRARY.description.text).toContain("policies shipped with perimeter");
    expect(text).not.toContain(packagePath());
    expect(run.artifacts.at(-1).location).toEqual({ uri: exports[0], uriBaseId: "%SRCROOT%" });
  });
});
