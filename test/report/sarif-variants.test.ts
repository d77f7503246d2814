// SARIF beyond the fixture's goldens, each variant validated against the SARIF 2.1.0 schema:
// a control without description, remediation, docs or frameworks, and one whose docs are not a
// URL (no helpUri, the text in the help); a failure of several requirements (one related
// location per further requirement, numbered from 2); a subject without pointer; exports
// without an account id (one run, `unknown-account`); the params file and exports without a
// digest among the artifacts, and one artifact per file; files outside the working directory
// in the help text; a file that is the working directory itself.
import { describe, expect, it } from "vitest";
import { artifactLocation, fingerprint, renderSarif, ruleName } from "../../src/report/render-sarif.js";
import type { Report } from "../../src/report/report.js";
import { sha256, type ExportRun, type RunInfo } from "../../src/report/run.js";
import { INFO, NOW, NOW_EXPORT, POLICY, reportOf, root, runOf } from "./fixtures.js";
import { validateSarif } from "./sarif-schema.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? Mutable<U>[] : T[K] extends object | null ? Mutable<NonNullable<T[K]>> | Extract<T[K], null> : T[K] };
const fixture = () => structuredClone(reportOf(NOW_EXPORT, NOW)) as unknown as Mutable<Report>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function sarif(runs: ExportRun[], info: RunInfo = INFO, base = root): any {
  const doc = JSON.parse(renderSarif(runs, info, { base }));
  expect(validateSarif(doc) ? [] : validateSarif.errors).toEqual([]);
  return doc;
}

describe("SARIF variants", () => {
  it("a control with nothing but a title: its title as full description, help without the optional parts", () => {
    const r = fixture();
    const c = r.controls[0]!;
    Object.assign(c, { description: null, remediation: null, docs: null, frameworks: [] });
    const rule = sarif([runOf(NOW_EXPORT, r as unknown as Report)]).runs[0].tool.driver.rules[0];
    expect(rule.fullDescription).toEqual({ text: "IP access lists are switched on" });
    expect(rule).not.toHaveProperty("helpUri");
    expect(rule.help).toEqual({
      text: `Defined in ${POLICY}:7 (package acme.reports).`,
      markdown: `**NET-001** — IP access lists are switched on (severity: high)\n\nDefined in \`${POLICY}:7\` (package \`acme.reports\`).`,
    });
    expect(rule.properties).toEqual({ severity: "high", package: "acme.reports", frameworks: [], tags: ["security"], "security-severity": "8.0" });
  });

  it("docs that are not a URL: no helpUri, the text in the help", () => {
    const r = fixture();
    r.controls[1]!.docs = "see the wiki page NET";
    r.controls[1]!.remediation = "Add a list.";
    const rules = sarif([runOf(NOW_EXPORT, r as unknown as Report)]).runs[0].tool.driver.rules;
    for (const rule of [rules[1], rules[4]]) {
      expect(rule).not.toHaveProperty("helpUri");
      expect(rule.help.markdown).toContain("**Documentation:** see the wiki page NET");
    }
    expect(rules[1].help.text).toBe(`Remediation: Add a list.\n\nDocumentation: see the wiki page NET\n\nDefined in ${POLICY}:19 (package acme.reports).`);
    expect(rules[4].help.text.startsWith("The export did not collect the data NET-002 reads")).toBe(true);
    expect(rules[4].help.text).toContain("\n\nRemediation: Add a list.\n\nDocumentation: see the wiki page NET\n\nDefined in");
    for (const docs of ["https://a b", "https://", " https://a", "1http://a", "https:/a"]) {
      r.controls[1]!.docs = docs;
      const again = sarif([runOf(NOW_EXPORT, r as unknown as Report)]).runs[0].tool.driver.rules;
      expect(again[1]).not.toHaveProperty("helpUri");
    }
    // Any scheme with an authority is a URI (SARIF's helpUri is any URI), in any case.
    for (const docs of ["HTTPS://Example.com/a", "ftp://x", "git+ssh://h/r.git"]) {
      r.controls[1]!.docs = docs;
      const uri = sarif([runOf(NOW_EXPORT, r as unknown as Report)]).runs[0].tool.driver.rules;
      expect([uri[1].helpUri, uri[4].helpUri]).toEqual([docs, docs]);
      expect(uri[1].help.markdown).toContain(`[Documentation](${docs})`);
    }
  });

  it("the not-collected rule: its own name, descriptions, level and tags", () => {
    const rule = sarif([runOf(NOW_EXPORT, reportOf(NOW_EXPORT, NOW))]).runs[0].tool.driver.rules[4];
    expect(rule.id).toBe("NET-002/not-collected");
    expect(rule.name).toBe("EnabledAllowListExistsNotCollected");
    expect(rule.shortDescription).toEqual({ text: "An enabled ALLOW list exists (not decided: data not collected)" });
    expect(rule.fullDescription.text).toBe("The export did not collect the data NET-002 reads, so it could not decide these subjects: a person has to check them, or the export has to be run again with the missing permissions or sources.");
    expect(rule.defaultConfiguration).toEqual({ level: "note" });
    expect(rule.properties).toEqual({ severity: "medium", package: "acme.reports", frameworks: [], tags: ["security", "not-collected"] });
  });

  it("a failure of several requirements: all messages, and a related location per further requirement", () => {
    const r = fixture();
    const failing = r.controls[0]!.results.find((x) => x.status === "fail")!;
    failing.failures.push({ ...failing.failures[0]!, requirement: 2, line: 16, message: "second" }, { ...failing.failures[0]!, requirement: 3, statement: "egress", line: 17, message: "third" });
    failing.subject.pointer = "";
    const res = sarif([runOf(NOW_EXPORT, r as unknown as Report)]).runs[0].results[0];
    const label = failing.subject.label;
    expect(res.message.text).toBe(`${label} (1000000000000002): ${failing.failures[0]!.message}; second; third`);
    expect(res.locations[0].physicalLocation.region).toEqual({ startLine: 15 });
    expect(res.locations[0].logicalLocations[0]).not.toHaveProperty("fullyQualifiedName");
    expect(res.relatedLocations.map((l: { id: number }) => l.id)).toEqual([1, 2, 3]);
    expect(res.relatedLocations[0].message.text).toBe(`workspace ${label} (1000000000000002) in the export`);
    expect(res.relatedLocations.slice(1)).toEqual([
      { id: 2, physicalLocation: { artifactLocation: { uri: POLICY, uriBaseId: "%SRCROOT%" }, region: { startLine: 16 } }, message: { text: "requirement 2 (require): second" } },
      { id: 3, physicalLocation: { artifactLocation: { uri: POLICY, uriBaseId: "%SRCROOT%" }, region: { startLine: 17 } }, message: { text: "requirement 3 (egress): third" } },
    ]);
    expect(res.properties.requirements).toEqual([1, 2, 3]);
    expect(res.properties).not.toHaveProperty("uncollected");
    expect(res).not.toHaveProperty("baselineState");
  });

  it("an undecided result: every slot once, the control's line, no requirements", () => {
    const r = fixture();
    const u = r.controls[1]!.results.find((x) => x.status === "unknown")!;
    u.unknown = [{ requirement: 1, statement: "require", slots: ["a", "b"] }, { requirement: 0, statement: "where", slots: ["b", "c"] }];
    u.subject.label = u.subject.key;
    const res = sarif([runOf(NOW_EXPORT, r as unknown as Report)]).runs[0].results[2];
    expect(res.message.text).toBe("1000000000000004: could not be decided, the export did not collect a, b, c");
    expect(res.locations[0].physicalLocation.region).toEqual({ startLine: 19 });
    expect(res.properties).not.toHaveProperty("requirements");
    expect(res.properties.uncollected).toEqual([
      { requirement: 1, statement: "require", slots: ["a", "b"] },
      { requirement: 0, statement: "where", slots: ["b", "c"] },
    ]);
  });

  it("exports without an account id share one run, `unknown-account`; a missing and an empty id are the same", () => {
    const a = fixture();
    a.export.account_id = null;
    const b = fixture();
    b.export.account_id = "";
    const one = sarif([runOf(NOW_EXPORT, a as unknown as Report), runOf(NOW_EXPORT, b as unknown as Report)]);
    expect(one.runs).toHaveLength(1);
    expect(one.runs[0].automationDetails).toEqual({ id: "perimeter/unknown-account/", description: { text: "Perimeter controls checked on account (unknown)." } });
    expect(one.runs[0].properties.exports.map((e: { account_id: unknown }) => e.account_id)).toEqual([null, ""]);
    expect(one.runs[0].tool.driver.rules).toHaveLength(5);
    expect(one.runs[0].results).toHaveLength(6);
    expect(one.runs[0].properties.summary).toEqual({ pass: 16, fail: 4, unknown: 2, waived: 2 });
    expect(sarif([runOf(NOW_EXPORT, b as unknown as Report)]).runs[0].automationDetails.id).toBe("perimeter/unknown-account/");
  });

  it("lists each file once among the artifacts: the policies, the params file, then the exports; digests only where known", () => {
    const r = reportOf(NOW_EXPORT, NOW);
    const info: RunInfo = { ...INFO, params: { file: "site.yaml", sha256: "ab", values: [] }, policies: [...INFO.policies, { ...INFO.policies[0]! }] };
    const doc = sarif([runOf(NOW_EXPORT, r), { file: "other.json", report: r }, runOf(NOW_EXPORT, r)], info);
    expect(doc.runs[0].artifacts).toEqual([
      { location: { uri: POLICY, uriBaseId: "%SRCROOT%" }, hashes: { "sha-256": INFO.policies[0]!.sha256 } },
      { location: { uri: "site.yaml", uriBaseId: "%SRCROOT%" }, roles: ["userSpecifiedConfiguration"], hashes: { "sha-256": "ab" } },
      { location: { uri: NOW_EXPORT, uriBaseId: "%SRCROOT%" }, roles: ["analysisTarget"], hashes: { "sha-256": runOf(NOW_EXPORT, r).sha256 } },
      { location: { uri: "other.json", uriBaseId: "%SRCROOT%" }, roles: ["analysisTarget"] },
    ]);
    const noDigest = sarif([runOf(NOW_EXPORT, r)], { ...INFO, params: { file: "site.yaml", sha256: null, values: [] } });
    expect(noDigest.runs[0].artifacts[1]).toEqual({ location: { uri: "site.yaml", uriBaseId: "%SRCROOT%" }, roles: ["userSpecifiedConfiguration"] });
    expect(sarif([runOf(NOW_EXPORT, r)]).runs[0].properties).not.toHaveProperty("baseline");
    expect(sarif([runOf(NOW_EXPORT, r)]).runs[0].properties.exports[0]).not.toHaveProperty("baseline");
    expect(sarif([runOf(NOW_EXPORT, r)]).runs[0].originalUriBaseIds).not.toHaveProperty("PERIMETER_LIBRARY");
  });

  it("names a policy outside the working directory in the help text as given, inside it relative and decoded", () => {
    const r = fixture();
    r.controls[0]!.source.file = "/elsewhere/a b.perimeter";
    r.controls[1]!.source.file = `${root}/dir/a b#c.perimeter`;
    const rules = sarif([runOf(NOW_EXPORT, r as unknown as Report)]).runs[0].tool.driver.rules;
    expect(rules[0].help.text).toContain("Defined in /elsewhere/a b.perimeter:7 (package");
    expect(rules[1].help.text).toContain("Defined in dir/a b#c.perimeter:19 (package");
  });

  it("writes the working directory itself, and names that only start with two dots, as file: URIs", () => {
    expect(artifactLocation("/work", "/work")).toEqual({ uri: "file:///work" });
    expect(artifactLocation("/work/x", "/work", "/work/x")).toEqual({ uri: "x", uriBaseId: "%SRCROOT%" });
    expect(artifactLocation("/work/lib/a.perimeter", "/work", "/work/lib")).toEqual({ uri: "a.perimeter", uriBaseId: "PERIMETER_LIBRARY" });
    expect(artifactLocation("/work/libx/a.perimeter", "/work", "/work/lib")).toEqual({ uri: "libx/a.perimeter", uriBaseId: "%SRCROOT%" });
  });

  it("names rules from titles with curly possessives, apostrophes and articles of any case", () => {
    expect(ruleName("The workspace\u2019s NCC isn't detached", "X")).toBe("WorkspaceNccIsntDetached");
    expect(ruleName("THE APP'S EGRESS", "X")).toBe("AppEgress");
    expect(ruleName("Egress, ingress & an ALLOW-list", "X")).toBe("EgressIngressAllowList");
    expect(ruleName("über-Regeln", "X")).toBe("ÜberRegeln");
    expect(ruleName("!!!", "apps-egr-7")).toBe("AppsEgr7");
    expect(ruleName("!!!", "!!!")).toBe("Control");
    expect(ruleName("!!!")).toBe("Control");
  });
});

describe("SARIF: the survivors of the first Stryker run", () => {
  it("an empty description is no paragraph of the help, and the title is the full description", () => {
    const r = fixture();
    r.controls[0]!.description = "";
    r.controls[1]!.description = "";
    const rules = sarif([runOf(NOW_EXPORT, r as unknown as Report)]).runs[0].tool.driver.rules;
    expect(rules[0].fullDescription).toEqual({ text: "IP access lists are switched on" });
    expect(rules[0].help.text).toBe(`Remediation: Set workspace-conf enableIpAccessLists to true.\n\nDocumentation: https://docs.databricks.com/en/security/network/front-end/ip-access-list.html\n\nDefined in ${POLICY}:7 (package acme.reports).`);
    expect(rules[0].help.markdown).not.toContain("\n\n\n");
    expect(rules[4].help.markdown).not.toContain("\n\n\n");
    expect(rules[4].help.text).not.toContain("\n\n\n");
  });

  it("the not-collected rule keeps the control's frameworks, as properties and tags", () => {
    const r = fixture();
    r.controls[1]!.frameworks = ["SAT:NS-5", "security"];
    const rule = sarif([runOf(NOW_EXPORT, r as unknown as Report)]).runs[0].tool.driver.rules[4];
    expect(rule.properties.frameworks).toEqual(["SAT:NS-5", "security"]);
    expect(rule.properties.tags).toEqual(["security", "not-collected", "SAT:NS-5"]);
  });

  it("fingerprints a finding without an account id as one with an empty id", () => {
    expect(fingerprint(null, "NET-001", "1")).toBe(fingerprint("", "NET-001", "1"));
    expect(fingerprint(null, "NET-001", "1")).toBe(sha256(JSON.stringify(["", "NET-001", "1"])));
    const r = fixture();
    r.export.account_id = null;
    expect(sarif([runOf(NOW_EXPORT, r as unknown as Report)]).runs[0].results[0].partialFingerprints["perimeter/v1"]).toBe(fingerprint("", "NET-001", "1000000000000002"));
    r.export.account_id = "";
    expect(sarif([runOf(NOW_EXPORT, r as unknown as Report)]).runs[0].automationDetails.description.text).toBe("Perimeter controls checked on account (unknown).");
  });

  it("keeps two artifacts with the same path under different bases", () => {
    const lib = `${root}/test/report/fixtures`;
    // The policy is in the library (PERIMETER_LIBRARY: report.perimeter), the params file has the
    // same relative path under %SRCROOT%, and an export outside both is a file: URI.
    const info: RunInfo = { ...INFO, params: { file: "report.perimeter", sha256: null, values: [] } };
    const doc = JSON.parse(renderSarif([{ file: "/elsewhere/report.perimeter", report: reportOf(NOW_EXPORT, NOW) }], info, { base: root, library: lib }));
    expect(doc.runs[0].artifacts.map((a: { location: unknown }) => a.location)).toEqual([
      { uri: "report.perimeter", uriBaseId: "PERIMETER_LIBRARY" },
      { uri: "report.perimeter", uriBaseId: "%SRCROOT%" },
      { uri: "file:///elsewhere/report.perimeter" },
    ]);
  });

  it("names rules only from titles and ids that make a whole Pascal identifier", () => {
    // A title whose last word is one letter: not a name; the id's is.
    expect(ruleName("Abc d", "X-1")).toBe("X1");
    // Ids that give no whole name: starting with a digit, or ending in one letter.
    expect(ruleName("!!!", "1-ab")).toBe("Control");
    expect(ruleName("!!!", "ab-c")).toBe("Control");
  });
});
