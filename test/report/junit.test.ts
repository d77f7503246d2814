// JUnit XML: valid against Jenkins' strict JUnit schema (libxml2), well-formed (parsed with a
// real XML parser), counts right, every status mapped, no empty suite, and any text escaped,
// control characters included.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { renderJunit, xmlAttr, xmlText } from "../../src/report/render-junit.js";
import type { Report } from "../../src/report/report.js";
import { baselineRuns, INFO, NOW, NOW_EXPORT, reportOf, runOf } from "./fixtures.js";
import { junitSchemaErrors } from "./junit-schema.js";

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["testsuite", "testcase", "property"].includes(name), parseAttributeValue: false });

function parse(xml: string): { suites: Node[]; root: Node } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml) as { testsuites: Node };
  return { root: doc.testsuites, suites: (doc.testsuites["testsuite"] as Node[]) ?? [] };
}

const cases = (s: Node) => (s["testcase"] as Node[] | undefined) ?? [];

describe("JUnit XML", () => {
  const report = reportOf(NOW_EXPORT, NOW);
  const xml = renderJunit([runOf(NOW_EXPORT, report)]);
  const { root, suites } = parse(xml);

  it("is valid against Jenkins' strict JUnit schema: alone, with params, with a baseline, for several exports, with hostile text", async () => {
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect(await junitSchemaErrors(renderJunit([runOf(NOW_EXPORT, report)], INFO.params))).toEqual([]);
    expect(await junitSchemaErrors(renderJunit([runOf(NOW_EXPORT, report)], { file: "site.yaml", sha256: "0".repeat(64), values: [] }))).toEqual([]);
    expect(await junitSchemaErrors(renderJunit(baselineRuns().runs, INFO.params))).toEqual([]);
    expect(await junitSchemaErrors(renderJunit([runOf(NOW_EXPORT, report), runOf(NOW_EXPORT, reportOf(NOW_EXPORT, "2027-01-01"))]))).toEqual([]);
    const hostile: Report = JSON.parse(JSON.stringify(report), (_k, v) => (typeof v === "string" && v.startsWith("dbx-") ? `${v}\u0000\u001b]]></system-out><x a="&#0;"/>` : v));
    expect(await junitSchemaErrors(renderJunit([runOf(NOW_EXPORT, hostile)]))).toEqual([]);
  });

  it("the schema really is checked: what the old output had is rejected", async () => {
    const errors = await junitSchemaErrors(xml.replace('<testcase classname="NET-001"', '<testcase file="p.perimeter" line="7" classname="NET-001"').replace('<testsuites name="perimeter"', '<testsuites skipped="1" name="perimeter"'));
    expect(errors.join("\n")).toContain("attribute 'file': The attribute 'file' is not allowed");
    expect(errors.join("\n")).toContain("attribute 'skipped': The attribute 'skipped' is not allowed");
    expect((await junitSchemaErrors(xml.replace(/<skipped>/, '<skipped message="x">'))).join("\n")).toContain("attribute 'message'");
  });

  it("has one suite per control that selected a subject, and one case per subject, passes included", () => {
    // NET-003 selects no workspace: no suite (an empty suite is a suite of nothing in CI views).
    expect(report.controls.find((c) => c.id === "NET-003")!.results).toHaveLength(0);
    expect(suites.map((s) => s["name"])).toEqual(["NET-001 IP access lists are switched on", "NET-002 An enabled ALLOW list exists", "NET-004 Serverless egress is restricted"]);
    expect(suites.map((s) => cases(s).length)).toEqual([4, 4, 4]);
    for (const s of suites) expect(cases(s).length).toBeGreaterThan(0);
    expect(cases(suites[0]!).map((c) => c["classname"])).toEqual(["NET-001", "NET-001", "NET-001", "NET-001"]);
    expect(cases(suites[0]!)[0]!["name"]).toBe("dbx-prod (1000000000000001)");
  });

  it("counts tests, failures, skipped and errors on every suite and in total", () => {
    expect([root["tests"], root["failures"], root["skipped"], root["errors"]]).toEqual(["12", "2", undefined, "0"]);
    for (const s of suites) {
      const cs = cases(s);
      expect(s["tests"]).toBe(String(cs.length));
      expect(s["failures"]).toBe(String(cs.filter((c) => c["failure"] !== undefined).length));
      expect(s["skipped"]).toBe(String(cs.filter((c) => c["skipped"] !== undefined).length));
    }
    const total = (k: string) => suites.reduce((n, s) => n + Number(s[k]), 0);
    expect([total("tests"), total("failures"), total("skipped")]).toEqual([12, 2, 1]);
  });

  it("maps fail to <failure>, unknown to <skipped>, waived to a pass with a <system-out> note", () => {
    const net1 = cases(suites[0]!);
    const failure = net1[1]!["failure"] as Node;
    expect(failure["type"]).toBe("high");
    expect(failure["message"]).toBe('IP access lists are off on dbx-analytics <&"\'> | *[x](https://evil.example)* \\u0001 %0A ::x,y');
    expect(failure["#text"]).toContain("requirement 1 (require), test/report/fixtures/report.perimeter:15:");
    expect(net1[2]!["failure"]).toBeUndefined();
    expect(net1[2]!["system-out"]).toContain("waived until 2026-12-10, approved by ciso@acme.example: legacy workspace, decommissioned in December (CHG-42) (the waiver expires in 12 days)");
    expect(cases(suites[1]!)[3]!["skipped"]).toBe("not collected: workspaces[3].ip_access_lists");
  });

  it("keeps each subject's policy line in <system-out>, and the control's in the suite's properties", () => {
    const net1 = cases(suites[0]!);
    expect(net1[0]!["system-out"]).toBeUndefined();
    expect(String(net1[1]!["system-out"]).split("\n")[0]).toBe("policy: test/report/fixtures/report.perimeter:15");
    expect(String(cases(suites[1]!)[3]!["system-out"]).split("\n")[0]).toBe("policy: test/report/fixtures/report.perimeter:19");
    const props = ((suites[0]!["properties"] as Node)["property"] as Node[]).map((p) => `${p["name"]}=${p["value"]}`);
    expect(props).toContain("source=test/report/fixtures/report.perimeter:7");
  });

  it("marks failures new or still failing against a baseline", () => {
    const { runs } = baselineRuns();
    const s = parse(renderJunit(runs)).suites;
    expect((cases(s[0]!)[1]!["failure"] as Node)["message"]).toMatch(/\[new\]$/);
    expect((cases(s[1]!)[1]!["failure"] as Node)["message"]).toMatch(/\[still failing\]$/);
  });

  it("escapes markup, quotes, newlines in attributes and characters XML cannot carry", () => {
    expect(xmlText("a<b>&c")).toBe("a&lt;b&gt;&amp;c");
    expect(xmlAttr(`"q" 'a'\n\tx\r`)).toBe("&quot;q&quot; &apos;a&apos;&#10;&#9;x&#13;");
    expect(xmlText("bell\u0007 nul\u0000 esc\u001b lone\ud800 ok\ud83d\ude00")).toBe("bell\\u0007 nul\\u0000 esc\\u001B lone\\uD800 ok\ud83d\ude00");
    const hostile: Report = JSON.parse(JSON.stringify(report), (_k, v) => (typeof v === "string" && v.startsWith("dbx-") ? `${v}\u0000\u001b[31m]]></x><!--` : v));
    const out = renderJunit([runOf(NOW_EXPORT, hostile)]);
    const again = parse(out);
    expect(cases(again.suites[0]!)[0]!["name"]).toBe("dbx-prod\\u0000\\u001B[31m]]></x><!-- (1000000000000001)");
  });
});
