// SARIF: validated against the official SARIF 2.1.0 schema (OASIS, errata 01, draft-04), and
// the mapping of statuses, levels, locations and baseline states.
import { describe, expect, it } from "vitest";
import { artifactLocation, automationId, fingerprint, renderSarif, ruleName, SARIF_LEVEL } from "../../src/report/render-sarif.js";
import type { ExportRun } from "../../src/report/run.js";
import { baselineRuns, INFO, NOW, NOW_EXPORT, reportOf, root, runOf } from "./fixtures.js";
import { validateSarif } from "./sarif-schema.js";

function sarif(runs: ExportRun[], info = INFO) {
  return JSON.parse(renderSarif(runs, info, { base: root }));
}

function expectValid(doc: unknown): void {
  const ok = validateSarif(doc);
  expect(ok ? [] : validateSarif.errors).toEqual([]);
}

describe("SARIF", () => {
  const plain = sarif([runOf(NOW_EXPORT, reportOf(NOW_EXPORT, NOW))]);
  const result = (ruleId: string, key: string) => plain.runs[0].results.find((r: { ruleId: string; properties: { subject_key: string } }) => r.ruleId.replace("/not-collected", "") === ruleId && r.properties.subject_key === key);

  it("is valid SARIF 2.1.0, without and with a baseline, for one and several exports", () => {
    expectValid(plain);
    const { runs, info } = baselineRuns();
    expectValid(sarif(runs, info));
    expectValid(sarif([runOf(NOW_EXPORT, reportOf(NOW_EXPORT, NOW)), runOf(NOW_EXPORT, reportOf(NOW_EXPORT, "2027-01-01"))]));
  });

  it("the schema really is checked: a wrong level or a missing message is rejected", () => {
    const bad = structuredClone(plain);
    bad.runs[0].results[0].level = "fatal";
    expect(validateSarif(bad)).toBe(false);
    delete bad.runs[0].results[0].message;
    bad.runs[0].results[0].level = "error";
    expect(validateSarif(bad)).toBe(false);
  });

  it("has one run whose driver is perimeter, with one rule per control and a not-collected companion where results are undecided", () => {
    expect(plain.runs).toHaveLength(1);
    const d = plain.runs[0].tool.driver;
    expect([d.name, d.version, d.informationUri]).toEqual(["perimeter", "0.0.0-test", "https://perimeter.dev/"]);
    expect(d.rules.map((r: { id: string }) => r.id)).toEqual(["NET-001", "NET-002", "NET-003", "NET-004", "NET-002/not-collected"]);
    const net1 = d.rules[0];
    expect(net1.name).toBe("IpAccessListsAreSwitchedOn");
    expect(net1.shortDescription.text).toBe("IP access lists are switched on");
    expect(net1.fullDescription.text).toBe("Every workspace enforces its IP access lists.");
    expect(net1.helpUri).toBe("https://docs.databricks.com/en/security/network/front-end/ip-access-list.html");
    expect(net1.help.markdown).toContain("**Remediation:** Set workspace-conf enableIpAccessLists to true.");
    expect(net1.properties).toMatchObject({ severity: "high", tags: ["security", "SAT:NS-5", "NIST-800-53:SC-7"], "security-severity": "8.0" });
    expect(d.rules.map((r: { defaultConfiguration: { level: string } }) => r.defaultConfiguration.level)).toEqual(["error", "warning", "note", "note", "note"]);
  });

  it("gives security-severity to failures only: the not-collected rule has none", () => {
    const rules = plain.runs[0].tool.driver.rules as { id: string; name: string; properties: Record<string, unknown> }[];
    const review = rules.find((r) => r.id === "NET-002/not-collected")!;
    expect(rules.find((r) => r.id === "NET-002")!.properties["security-severity"]).toBe("5.5");
    expect(review.properties).not.toHaveProperty("security-severity");
    expect(review.name).toBe(`${rules.find((r) => r.id === "NET-002")!.name}NotCollected`);
    for (const r of plain.runs[0].results as { ruleId: string; kind: string; ruleIndex: number }[]) {
      expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(r.ruleId.endsWith("/not-collected")).toBe(r.kind === "review");
    }
  });

  it("names an automation per account, and records the params and the evaluation date", () => {
    expect(plain.runs[0].automationDetails.id).toBe(automationId(reportOf(NOW_EXPORT, NOW).export.account_id));
    expect(automationId("1234")).toBe("perimeter/1234/");
    expect(automationId(null)).toBe("perimeter/unknown-account/");
    expect(plain.runs[0].properties.params).toEqual(INFO.params);
    expect(plain.runs[0].properties.now).toBe(NOW);
    expect(plain.runs[0].originalUriBaseIds).toHaveProperty(["%SRCROOT%"]);
  });

  it("puts exports of different accounts in different runs", () => {
    const a = reportOf(NOW_EXPORT, NOW);
    const b = { ...a, export: { ...a.export, account_id: "other-account" } };
    const doc = sarif([runOf(NOW_EXPORT, a), runOf(NOW_EXPORT, b), runOf(NOW_EXPORT, a)]);
    expectValid(doc);
    expect(doc.runs.map((r: { automationDetails: { id: string }; properties: { exports: unknown[] } }) => [r.automationDetails.id, r.properties.exports.length])).toEqual([
      [automationId(a.export.account_id), 2],
      ["perimeter/other-account/", 1],
    ]);
  });

  it("maps severities to levels", () => {
    expect(SARIF_LEVEL).toEqual({ critical: "error", high: "error", medium: "warning", low: "note", info: "note" });
  });

  // GitHub code scanning ranks an alert by the rule's `security-severity`: critical above 9.0,
  // high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9; none for info. Each severity of one failing
  // control, rendered, must give its exact value (a string, as GitHub reads it), and its level.
  it.each([
    ["critical", "9.5", "error"],
    ["high", "8.0", "error"],
    ["medium", "5.5", "warning"],
    ["low", "2.0", "note"],
    ["info", undefined, "note"],
  ] as const)("gives a failing %s control security-severity %s and level %s", (severity, securitySeverity, level) => {
    const report = reportOf(NOW_EXPORT, NOW);
    const withSeverity = { ...report, controls: report.controls.map((c) => (c.id === "NET-001" ? { ...c, severity } : c)) };
    const doc = sarif([runOf(NOW_EXPORT, withSeverity)]);
    expectValid(doc);
    const rule = doc.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === "NET-001");
    expect(rule.properties.severity).toBe(severity);
    expect(rule.properties["security-severity"]).toBe(securitySeverity);
    if (securitySeverity === undefined) expect(rule.properties).not.toHaveProperty("security-severity");
    expect(rule.defaultConfiguration.level).toBe(level);
    const failed = doc.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === "NET-001");
    expect(failed.map((r: { kind: string; level: string }) => `${r.kind} ${r.level}`)).toEqual([`fail ${level}`]);
  });

  it("reports failures as kind fail and unknowns as kind review; passes and waived results are left out", () => {
    const kinds = plain.runs[0].results.map((r: { ruleId: string; kind: string; level: string; properties: { subject_key: string } }) => `${r.ruleId} ${r.properties.subject_key} ${r.kind} ${r.level}`);
    expect(kinds).toEqual(["NET-001 1000000000000002 fail error", "NET-002 1000000000000002 fail warning", "NET-002/not-collected 1000000000000004 review none"]);
    expect(result("NET-001", "1000000000000003")).toBeUndefined();
    expect(plain.runs[0].properties.summary).toEqual({ pass: 8, fail: 2, unknown: 1, waived: 1 });
  });

  it("points at the policy line that failed and at the subject in the export", () => {
    const r = result("NET-001", "1000000000000002");
    expect(r.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "test/report/fixtures/report.perimeter", uriBaseId: "%SRCROOT%" }, region: { startLine: 15 } });
    expect(r.locations[0].logicalLocations).toEqual([{ name: expect.stringContaining("dbx-analytics"), fullyQualifiedName: "/workspaces/1", kind: "workspace" }]);
    expect(r.relatedLocations[0].physicalLocation.artifactLocation).toEqual({ uri: "test/report/fixtures/exports/acme-2026-11-27.json", uriBaseId: "%SRCROOT%" });
    expect(r.properties).toMatchObject({ subject_key: "1000000000000002", export_file: NOW_EXPORT, pointer: "/workspaces/1" });
    expect(r.message.text).toContain("IP access lists are off on dbx-analytics");
    expect(r.partialFingerprints["perimeter/v1"]).toMatch(/^[0-9a-f]{64}$/);
    expect(r.fingerprints).toEqual(r.partialFingerprints);
    const unknown = result("NET-002", "1000000000000004");
    expect(unknown.message.text).toBe("dbx-gaps (1000000000000004): could not be decided, the export did not collect workspaces[3].ip_access_lists");
  });

  it("lists the inputs as artifacts with their SHA-256", () => {
    const a = plain.runs[0].artifacts;
    expect(a.map((x: { location: { uri: string } }) => x.location.uri)).toEqual(["test/report/fixtures/report.perimeter", "test/report/fixtures/exports/acme-2026-11-27.json"]);
    expect(a[1].hashes["sha-256"]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("sets baselineState new / unchanged", () => {
    const { runs, info } = baselineRuns();
    const states = sarif(runs, info).runs[0].results.map((r: { ruleId: string; baselineState?: string }) => `${r.ruleId}:${r.baselineState ?? "-"}`);
    expect(states).toEqual(["NET-001:new", "NET-002:unchanged", "NET-002/not-collected:-"]);
  });

  it("fingerprints a finding by (account, control, subject): not by the policy line, and not shared by two subjects on one line", () => {
    const report = reportOf(NOW_EXPORT, NOW);
    const moved = structuredClone(report);
    for (const c of moved.controls as unknown as { source: { line: number }; results: { failures: { line: number }[] }[] }[]) {
      c.source.line += 40;
      for (const r of c.results) for (const f of r.failures) f.line += 40;
    }
    const prints = (doc: { runs: { results: { partialFingerprints: Record<string, string>; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] }) => doc.runs[0]!.results.map((r) => r.partialFingerprints["perimeter/v1"]);
    const before = sarif([runOf(NOW_EXPORT, report)]);
    const after = sarif([runOf(NOW_EXPORT, moved)]);
    expect(after.runs[0].results[0].locations[0].physicalLocation.region.startLine).toBe(before.runs[0].results[0].locations[0].physicalLocation.region.startLine + 40);
    expect(prints(after)).toEqual(prints(before));
    expect(prints(before)[0]).toBe(fingerprint(report.export.account_id, "NET-001", "1000000000000002"));
    // Two subjects failing one line: two fingerprints.
    const two = structuredClone(report);
    const net1 = two.controls[0] as unknown as { results: { status: string; subject: { key: string } }[] };
    const failing = net1.results.find((r) => r.status === "fail")!;
    net1.results.push({ ...structuredClone(failing), subject: { ...failing.subject, key: "1000000000000099" } });
    const lines = sarif([runOf(NOW_EXPORT, two)]).runs[0].results.filter((r: { ruleId: string }) => r.ruleId === "NET-001");
    expect(lines).toHaveLength(2);
    expect(lines[0].locations[0].physicalLocation.region).toEqual(lines[1].locations[0].physicalLocation.region);
    expect(lines[0].partialFingerprints["perimeter/v1"]).not.toBe(lines[1].partialFingerprints["perimeter/v1"]);
    // Another account: another fingerprint.
    expect(fingerprint("a", "NET-001", "1")).not.toBe(fingerprint("b", "NET-001", "1"));
  });

  it("writes files outside the working directory as file: URIs, and encodes odd names", () => {
    expect(artifactLocation("/elsewhere/p.perimeter", "/work")).toEqual({ uri: "file:///elsewhere/p.perimeter" });
    expect(artifactLocation("/work/dir/a b#c.perimeter", "/work")).toEqual({ uri: "dir/a%20b%23c.perimeter", uriBaseId: "%SRCROOT%" });
    expect(artifactLocation("../up.perimeter", "/work")).toEqual({ uri: "file:///up.perimeter" });
    expect(artifactLocation("dir/../../up.perimeter", "/work")).toEqual({ uri: "file:///up.perimeter" });
    expect(artifactLocation("./dir/p.perimeter", "/work")).toEqual({ uri: "dir/p.perimeter", uriBaseId: "%SRCROOT%" });
  });

  it("writes files of the shipped library relative to PERIMETER_LIBRARY, however they were reached", () => {
    const lib = "/work/node_modules/perimeter/policies";
    expect(artifactLocation("/work/node_modules/perimeter/policies/std/databricks.perimeter", "/work", lib)).toEqual({ uri: "std/databricks.perimeter", uriBaseId: "PERIMETER_LIBRARY" });
    expect(artifactLocation("node_modules/perimeter/policies/databricks/apps/egress.perimeter", "/work", lib)).toEqual({ uri: "databricks/apps/egress.perimeter", uriBaseId: "PERIMETER_LIBRARY" });
    expect(artifactLocation("<perimeter>/policies/std/databricks.perimeter", "/elsewhere", lib)).toEqual({ uri: "std/databricks.perimeter", uriBaseId: "PERIMETER_LIBRARY" });
    expect(artifactLocation("policies/own.perimeter", "/work", lib)).toEqual({ uri: "policies/own.perimeter", uriBaseId: "%SRCROOT%" });
    const doc = JSON.parse(renderSarif([runOf(NOW_EXPORT, reportOf(NOW_EXPORT, NOW))], INFO, { base: root, library: `${root}/test/report` }));
    expectValid(doc);
    expect(doc.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: "fixtures/report.perimeter", uriBaseId: "PERIMETER_LIBRARY" });
    expect(doc.runs[0].originalUriBaseIds.PERIMETER_LIBRARY.description.text).toContain("perimeter 0.0.0-test");
    expect(doc.runs[0].tool.driver.rules[0].help.text).toContain("Defined in <perimeter>/policies/fixtures/report.perimeter:");
  });

  it("names rules with Pascal identifiers made from the title (SARIF2012's pattern)", () => {
    const pascal = /^(\p{Lu}[\p{Ll}\p{Nd}]+)+$/u;
    const cases: [string, string, string][] = [
      ["An NCC in the workspace's region is attached", "APPS-EGR-007", "NccInWorkspaceRegionIsAttached"],
      ["Legacy regional URLs are attested as unused", "APPS-ING-008", "LegacyRegionalUrlsAreAttestedAsUnused"],
      ["Azure workspaces use secure cluster connectivity (No Public IP)", "APPS-GEN-002", "AzureWorkspacesUseSecureClusterConnectivityNoPublicIp"],
      ["App egress is restricted, enforced and complete", "X-1", "AppEgressIsRestrictedEnforcedAndComplete"],
      ["Zugriff über Private Link", "X-2", "ZugriffÜberPrivateLink"],
      ["3 things", "APPS-EGR-007", "AppsEgr007"],
      ["A B C", "NET-1", "Net1"],
      ["", "1-2", "Control"],
    ];
    for (const [title, id, name] of cases) {
      expect(ruleName(title, id)).toBe(name);
      expect(ruleName(title, id)).toMatch(pascal);
    }
  });
});
