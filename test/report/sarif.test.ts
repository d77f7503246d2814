// SARIF: validated against the official SARIF 2.1.0 schema (OASIS, errata 01, draft-04), and
// the mapping of statuses, levels, locations and baseline states.
import { describe, expect, it } from "vitest";
import { artifactLocation, renderSarif, ruleName, SARIF_LEVEL } from "../../src/report/render-sarif.js";
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
  const result = (ruleId: string, key: string) => plain.runs[0].results.find((r: { ruleId: string; properties: { subject_key: string } }) => r.ruleId === ruleId && r.properties.subject_key === key);

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

  it("has one run whose driver is perimeter, with one rule per control", () => {
    expect(plain.runs).toHaveLength(1);
    const d = plain.runs[0].tool.driver;
    expect([d.name, d.version, d.informationUri]).toEqual(["perimeter", "0.0.0-test", "https://perimeter.dev/"]);
    expect(d.rules.map((r: { id: string }) => r.id)).toEqual(["NET-001", "NET-002", "NET-003", "NET-004"]);
    const net1 = d.rules[0];
    expect(net1.name).toBe("IpAccessListsAreSwitchedOn");
    expect(net1.shortDescription.text).toBe("IP access lists are switched on");
    expect(net1.fullDescription.text).toBe("Every workspace enforces its IP access lists.");
    expect(net1.helpUri).toBe("https://docs.databricks.com/en/security/network/front-end/ip-access-list.html");
    expect(net1.help.markdown).toContain("**Remediation:** Set workspace-conf enableIpAccessLists to true.");
    expect(net1.properties).toMatchObject({ severity: "high", tags: ["security", "SAT:NS-5", "NIST-800-53:SC-7"], "security-severity": "8.0" });
    expect(d.rules.map((r: { defaultConfiguration: { level: string } }) => r.defaultConfiguration.level)).toEqual(["error", "warning", "note", "note"]);
  });

  it("maps severities to levels", () => {
    expect(SARIF_LEVEL).toEqual({ critical: "error", high: "error", medium: "warning", low: "note", info: "note" });
  });

  it("reports failures as kind fail and unknowns as kind review; passes and waived results are left out", () => {
    const kinds = plain.runs[0].results.map((r: { ruleId: string; kind: string; level: string; properties: { subject_key: string } }) => `${r.ruleId} ${r.properties.subject_key} ${r.kind} ${r.level}`);
    expect(kinds).toEqual(["NET-001 1000000000000002 fail error", "NET-002 1000000000000002 fail warning", "NET-002 1000000000000004 review none"]);
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
    expect(r.fingerprints["perimeter/v1"]).toMatch(/^[0-9a-f]{64}$/);
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
    expect(states).toEqual(["NET-001:new", "NET-002:unchanged", "NET-002:-"]);
  });

  it("writes files outside the working directory as file: URIs, and encodes odd names", () => {
    expect(artifactLocation("/elsewhere/p.perimeter", "/work")).toEqual({ uri: "file:///elsewhere/p.perimeter" });
    expect(artifactLocation("/work/dir/a b#c.perimeter", "/work")).toEqual({ uri: "dir/a%20b%23c.perimeter", uriBaseId: "%SRCROOT%" });
    expect(ruleName("App egress is restricted, enforced and complete")).toBe("AppEgressIsRestrictedEnforcedAndComplete");
  });
});
