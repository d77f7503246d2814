// JUnit XML: well-formed (parsed with a real XML parser), counts right, every status mapped,
// and any text escaped, control characters included.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { renderJunit, xmlAttr, xmlText } from "../../src/report/render-junit.js";
import type { Report } from "../../src/report/report.js";
import { baselineRuns, NOW, NOW_EXPORT, reportOf, runOf } from "./fixtures.js";

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

  it("has one suite per control and one case per subject, passes included", () => {
    expect(suites.map((s) => s["name"])).toEqual(["NET-001 IP access lists are switched on", "NET-002 An enabled ALLOW list exists", "NET-003 Community edition workspaces are not used", "NET-004 Serverless egress is restricted"]);
    expect(suites.map((s) => cases(s).length)).toEqual([4, 4, 0, 4]);
    expect(cases(suites[0]!).map((c) => c["classname"])).toEqual(["NET-001", "NET-001", "NET-001", "NET-001"]);
    expect(cases(suites[0]!)[0]!["name"]).toBe("dbx-prod (1000000000000001)");
  });

  it("counts tests, failures, skipped and errors on every suite and in total", () => {
    expect([root["tests"], root["failures"], root["skipped"], root["errors"]]).toEqual(["12", "2", "1", "0"]);
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
    const skipped = cases(suites[1]!)[3]!["skipped"] as Node;
    expect(skipped["message"]).toBe("not collected: workspaces[3].ip_access_lists");
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
