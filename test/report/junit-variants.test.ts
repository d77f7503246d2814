// JUnit XML beyond the fixture's goldens: the suite name of several exports, the params
// properties (a file with and without a digest), a report without account, date or frameworks,
// a subject without a pointer, a failure that is also undecided, a `where` gap, a waiver without
// approver and the expiry wording (today, 1 day, n days, not expiring), and every character
// XML 1.0 cannot carry, judged by a real XML parser.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { renderJunit, xmlAttr, xmlText } from "../../src/report/render-junit.js";
import type { Report } from "../../src/report/report.js";
import { INFO, NOW, NOW_EXPORT, POLICY, reportOf, runOf } from "./fixtures.js";
import { junitSchemaErrors } from "./junit-schema.js";

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["testsuite", "testcase", "property"].includes(name), parseAttributeValue: false, trimValues: false });

function suitesOf(xml: string): Node[] {
  expect(XMLValidator.validate(xml)).toBe(true);
  return ((parser.parse(xml) as { testsuites: Node }).testsuites["testsuite"] as Node[]) ?? [];
}
const props = (s: Node) => ((s["properties"] as Node)["property"] as Node[]).map((p) => `${p["name"]}=${p["value"]}`);
const cases = (s: Node) => s["testcase"] as Node[];

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? Mutable<U>[] : T[K] extends object | null ? Mutable<NonNullable<T[K]>> | Extract<T[K], null> : T[K] };
const fixture = () => structuredClone(reportOf(NOW_EXPORT, NOW)) as unknown as Mutable<Report>;

describe("JUnit XML variants", () => {
  it("names each suite with its export when several were checked", () => {
    const r = reportOf(NOW_EXPORT, NOW);
    const names = suitesOf(renderJunit([runOf(NOW_EXPORT, r), { ...runOf(NOW_EXPORT, r), file: "b.json" }])).map((s) => s["name"]);
    expect(names).toEqual([
      `NET-001 IP access lists are switched on [${NOW_EXPORT}]`,
      `NET-002 An enabled ALLOW list exists [${NOW_EXPORT}]`,
      `NET-004 Serverless egress is restricted [${NOW_EXPORT}]`,
      "NET-001 IP access lists are switched on [b.json]",
      "NET-002 An enabled ALLOW list exists [b.json]",
      "NET-004 Serverless egress is restricted [b.json]",
    ]);
  });

  it("puts the params in every suite: defaults, a file with its digest, a file without", () => {
    const run = runOf(NOW_EXPORT, reportOf(NOW_EXPORT, NOW));
    const last = (xml: string) => suitesOf(xml).map((s) => props(s).filter((p) => p.startsWith("params")));
    expect(last(renderJunit([run], INFO.params))).toEqual([["params=defaults"], ["params=defaults"], ["params=defaults"]]);
    expect(last(renderJunit([run], { file: "site.yaml", sha256: "ab12", values: [] }))[0]).toEqual(["params=site.yaml", "params_sha256=ab12"]);
    expect(last(renderJunit([run], { file: "site.yaml", sha256: null, values: [] }))[0]).toEqual(["params=site.yaml"]);
    expect(last(renderJunit([run]))[0]).toEqual([]);
  });

  it("leaves out the account, the evaluation date and the frameworks when there are none", () => {
    const r = fixture();
    r.export.account_id = null;
    r.now = null;
    r.controls[0]!.frameworks = [];
    expect(props(suitesOf(renderJunit([runOf(NOW_EXPORT, r as unknown as Report)]))[0]!)).toEqual([
      "severity=high",
      "status=fail",
      "package=acme.reports",
      `source=${POLICY}:7`,
      `export=${NOW_EXPORT}`,
    ]);
  });

  it("writes a failure that is also undecided, a `where` gap, and a subject without a pointer", () => {
    const r = fixture();
    const failing = r.controls[0]!.results.find((x) => x.status === "fail")!;
    failing.unknown = [
      { requirement: 2, statement: "require", slots: ["x.y", "x.z"] },
      { requirement: 0, statement: "where", slots: ["w"] },
    ];
    failing.subject.pointer = "";
    const unknown = r.controls[1]!.results.find((x) => x.status === "unknown")!;
    unknown.unknown = [{ requirement: 0, statement: "where", slots: ["a", "b"] }, { requirement: 1, statement: "require", slots: ["b", "c"] }];
    const s = suitesOf(renderJunit([runOf(NOW_EXPORT, r as unknown as Report)]));
    expect((cases(s[0]!)[1]!["failure"] as Node)["#text"]).toBe(
      [
        `requirement 1 (require), ${POLICY}:15: IP access lists are off on dbx-analytics <&"'> | *[x](https://evil.example)* \\u0001 %0A ::x,y`,
        "also not decided, requirement 2 (require): not collected: x.y, x.z",
        "also not decided, `where`: not collected: w",
        `workspace at (not collected) in ${NOW_EXPORT}`,
      ].join("\n"),
    );
    const u = cases(s[1]!)[3]!;
    expect(u["skipped"]).toBe("not collected: a, b, c");
    expect(u["system-out"]).toBe([`policy: ${POLICY}:19`, "`where`: not collected: a, b", "requirement 1 (require): not collected: b, c", `workspace at /workspaces/3 in ${NOW_EXPORT}`].join("\n"));
  });

  it("words a waiver's expiry: today, in 1 day, in n days, or nothing when it is not expiring; no approver, no `approved by`", () => {
    const note = (days: number | undefined, expiring: boolean, approver: string | null = "ciso@acme.example") => {
      const r = fixture();
      const w = r.waivers.find((x) => x.key === "1000000000000003")!;
      w.days_left = days;
      w.expiring = expiring;
      r.controls[0]!.results.find((x) => x.status === "waived")!.waiver!.approved_by = approver;
      return String(cases(suitesOf(renderJunit([runOf(NOW_EXPORT, r as unknown as Report)]))[0]!)[2]!["system-out"]).split("\n")[1];
    };
    const base = "waived until 2026-12-10, approved by ciso@acme.example: legacy workspace, decommissioned in December (CHG-42)";
    expect(note(0, true)).toBe(`${base} (the waiver expires today)`);
    expect(note(1, true)).toBe(`${base} (the waiver expires in 1 day)`);
    expect(note(12, true)).toBe(`${base} (the waiver expires in 12 days)`);
    expect(note(40, false)).toBe(base);
    expect(note(12, true, null)).toBe("waived until 2026-12-10: legacy workspace, decommissioned in December (CHG-42) (the waiver expires in 12 days)");
  });

  it("reads the expiry of the waiver of this control, subject and date only", () => {
    const r = fixture();
    // Another waiver of the same subject under another control, expiring: not this result's.
    r.waivers = r.waivers.map((w) => (w.key === "1000000000000003" ? { ...w, control: "NET-002" } : w));
    const out = String(cases(suitesOf(renderJunit([runOf(NOW_EXPORT, r as unknown as Report)]))[0]!)[2]!["system-out"]).split("\n")[1];
    expect(out).toBe("waived until 2026-12-10, approved by ciso@acme.example: legacy workspace, decommissioned in December (CHG-42)");
    const r2 = fixture();
    r2.waivers = r2.waivers.map((w) => (w.key === "1000000000000003" ? { ...w, until: "2026-12-11" } : w));
    expect(String(cases(suitesOf(renderJunit([runOf(NOW_EXPORT, r2 as unknown as Report)]))[0]!)[2]!["system-out"]).split("\n")[1]).not.toContain("expires");
  });

  it("shows each character XML 1.0 cannot carry as \\uXXXX, and keeps tab, CR and LF in text", () => {
    for (let c = 0; c < 0x20; c++) {
      const ch = String.fromCharCode(c);
      expect(xmlText(`a${ch}b`)).toBe([9, 10, 13].includes(c) ? `a${ch}b` : `a\\u${c.toString(16).toUpperCase().padStart(4, "0")}b`);
    }
    expect(xmlText("\u007f\u0085\ufffd\ufffe\uffff")).toBe("\u007f\u0085\ufffd\\uFFFE\\uFFFF");
    // Lone surrogates (high at the end or before a non-surrogate, low alone) shown; pairs kept.
    expect(xmlText("\ud83d\ude00 \ud83dx \ude00x x\udbff\udc00 \ud800")).toBe("\ud83d\ude00 \\uD83Dx \\uDE00x x\udbff\udc00 \\uD800");
    expect(xmlText("\udc00\ud800")).toBe("\\uDC00\\uD800");
    expect(xmlAttr("<a&b>")).toBe("&lt;a&amp;b&gt;");
  });

  it("stays valid against the strict schema with these variants", async () => {
    const r = fixture();
    r.export.account_id = null;
    r.controls[0]!.results.find((x) => x.status === "fail")!.subject.label = "\ud800\ufffe\u000b";
    expect(await junitSchemaErrors(renderJunit([runOf(NOW_EXPORT, r as unknown as Report), runOf(NOW_EXPORT, r as unknown as Report)], { file: "p.yaml", sha256: null, values: [] }))).toEqual([]);
  });
});

describe("JUnit XML: the survivors of the first Stryker run", () => {
  it("lists exactly the suite's properties for a params file without digest", () => {
    const run = runOf(NOW_EXPORT, reportOf(NOW_EXPORT, NOW));
    expect(props(suitesOf(renderJunit([run], { file: "site.yaml", sha256: null, values: [] }))[0]!)).toEqual([
      "severity=high",
      "status=fail",
      "package=acme.reports",
      `source=${POLICY}:7`,
      `export=${NOW_EXPORT}`,
      "frameworks=SAT:NS-5, NIST-800-53:SC-7",
      "account_id=7e1c0a52-93b4-4d6f-8a21-5f0e3c9b7d14",
      "evaluated=2026-11-28",
      "params=site.yaml",
    ]);
  });

  it("names a subject whose label is its key once, and joins the messages of several failed requirements", () => {
    const r = fixture();
    const failing = r.controls[0]!.results.find((x) => x.status === "fail")!;
    failing.subject.label = failing.subject.key;
    failing.failures.push({ ...failing.failures[0]!, requirement: 2, message: "second" });
    const c = cases(suitesOf(renderJunit([runOf(NOW_EXPORT, r as unknown as Report)]))[0]!)[1]!;
    expect(c["name"]).toBe("1000000000000002");
    expect((c["failure"] as Node)["message"]).toBe(`${r.controls[0]!.results.find((x) => x.status === "fail")!.failures[0]!.message.replace("\u0001", "\\u0001")}; second`);
  });

  it("reads the expiry of the waiver of this subject, not of another subject's waiver of the same control and date", () => {
    const r = fixture();
    const own = r.waivers.find((x) => x.key === "1000000000000003")!;
    r.waivers = [{ ...own, key: "1000000000000077", expiring: true, days_left: 1 }, { ...own, expiring: false, days_left: 40 }];
    const note = String(cases(suitesOf(renderJunit([runOf(NOW_EXPORT, r as unknown as Report)]))[0]!)[2]!["system-out"]).split("\n")[1];
    expect(note).toBe("waived until 2026-12-10, approved by ciso@acme.example: legacy workspace, decommissioned in December (CHG-42)");
  });
});
