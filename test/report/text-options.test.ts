// The terminal report's options and its variants, pinned as exact text: colour (each status,
// mark, baseline mark and waiver state in its own SGR colour, and nothing coloured without the
// option), `quiet` (only failing and undecided controls and subjects, no fixed list, no
// waivers, the summary line kept), the heading without a title, account, cloud, export date or
// evaluation date, an undecided `where` (its statement quoted instead of a requirement number),
// a waiver without an approver, and the id column as wide as the longest id. Also `clean`'s
// exact ranges (each code point in them shown, its neighbours kept) and `renderJson`'s shape.
import { describe, expect, it } from "vitest";
import type { Report } from "../../src/report/report.js";
import { clean, renderJson, renderText } from "../../src/report/render-text.js";
import { expectGolden } from "../helpers/golden.js";
import { baselineRuns, golden, NOW, NOW_EXPORT, reportOf } from "./fixtures.js";

/** SGR sequences as `<31>` so the golden file is readable; any other escape would stay an ESC. */
const sgr = (s: string) => s.replace(/\u001b\[([0-9;]*)m/g, "<$1>");

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? Mutable<U>[] : T[K] extends object | null ? Mutable<NonNullable<T[K]>> | Extract<T[K], null> : T[K] };

describe("text report options", () => {
  const { runs, info } = baselineRuns();
  const compared = runs[0]!.report;

  it("colours each status, mark and waiver state, and the summary's counts", () => {
    const report = structuredClone(compared) as unknown as Mutable<Report>;
    // One waiver of each tone: expired (red), expiring (yellow), active (cyan), unused (dim).
    report.waivers.push({ ...report.waivers[0]!, key: "1000000000000009", until: "2027-12-31", state: "active", expiring: false, days_left: 398 });
    expectGolden(golden("acme-baseline.color.txt"), sgr(renderText(report as unknown as Report, { color: true, title: NOW_EXPORT, params: info.params })));
  });

  it("writes no escape at all without colour", () => {
    const out = renderText(compared, { title: NOW_EXPORT, params: info.params });
    expect(out).not.toContain("\u001b");
    expect(renderText(compared, { color: false, title: NOW_EXPORT, params: info.params })).toBe(out);
  });

  it("quiet: only failing and undecided controls and subjects, then the summary", () => {
    expect(renderText(compared, { quiet: true, title: NOW_EXPORT })).toBe(
      [
        `${NOW_EXPORT} (account 7e1c0a52-93b4-4d6f-8a21-5f0e3c9b7d14, azure, exported 2026-11-27T06:00:00Z), evaluated 2026-11-28`,
        "",
        "FAIL     NET-001  high      IP access lists are switched on",
        `         ✗ dbx-analytics <&"'> | *[x](https://evil.example)* \\u0001 %0A ::x,y (1000000000000002) [new]`,
        `           IP access lists are off on dbx-analytics <&"'> | *[x](https://evil.example)* \\u0001 %0A ::x,y [requirement 1, line 15]`,
        "FAIL     NET-002  medium    An enabled ALLOW list exists",
        `         ✗ dbx-analytics <&"'> | *[x](https://evil.example)* \\u0001 %0A ::x,y (1000000000000002) [still failing]`,
        "           no enabled ALLOW list [requirement 1, line 22]",
        "         ? dbx-gaps (1000000000000004)",
        "           not collected: workspaces[3].ip_access_lists [requirement 1]",
        "",
        "12 results: 8 passed, 2 failed, 1 unknown, 1 waived; against the baseline: 1 new, 1 still failing, 1 fixed, 2 not evaluated now",
        "",
      ].join("\n"),
    );
  });

  it("quiet hides a control whose status is waived, and an unknown control is shown", () => {
    const report = structuredClone(reportOf(NOW_EXPORT, NOW)) as unknown as Mutable<Report>;
    report.controls[0]!.status = "waived";
    report.controls[1]!.status = "unknown";
    const out = renderText(report as unknown as Report, { quiet: true });
    expect(out).not.toContain("NET-001");
    expect(out).toContain("UNKNOWN  NET-002  medium    An enabled ALLOW list exists\n");
  });

  it("a bare report: no title, account, cloud, export date or evaluation date; a `where` gap; a waiver without approver; one result", () => {
    const report = structuredClone(reportOf(NOW_EXPORT, NOW)) as unknown as Mutable<Report>;
    report.export.account_id = null;
    report.export.cloud = null;
    report.export.exported_at = null;
    report.now = null;
    report.controls = report.controls.slice(0, 2);
    report.controls[0]!.id = "N-1";
    const [net1, net2] = report.controls as [Mutable<Report>["controls"][number], Mutable<Report>["controls"][number]];
    net1.results = net1.results.filter((r) => r.status === "waived");
    net1.results[0]!.waiver!.approved_by = null;
    net2.results = net2.results.filter((r) => r.status === "unknown");
    net2.results[0]!.unknown = [{ requirement: 0, statement: "where", slots: ["a", "b"] }];
    net2.results[0]!.subject.label = net2.results[0]!.subject.key;
    report.waivers = [];
    report.summary = { pass: 0, fail: 0, unknown: 1, waived: 0 };
    expect(renderText(report as unknown as Report)).toBe(
      [
        "export",
        "",
        "FAIL     N-1      high      IP access lists are switched on",
        "         ~ dbx-legacy (1000000000000003)",
        "           IP access lists are off on dbx-legacy [requirement 1, line 15]",
        "           waived until 2026-12-10: legacy workspace, decommissioned in December (CHG-42)",
        "FAIL     NET-002  medium    An enabled ALLOW list exists",
        "         ? 1000000000000004",
        "           not collected: a, b [`where`]",
        "",
        "1 result: 0 passed, 0 failed, 1 unknown, 0 waived",
        "",
      ].join("\n"),
    );
  });
});

describe("clean(): exactly the controls and bidirectional controls", () => {
  it("shows each code point of the ranges, and none next to them", () => {
    const shown = [[0x00, 0x1f], [0x7f, 0x9f], [0x202a, 0x202e], [0x2066, 0x2069]];
    for (const [lo, hi] of shown) {
      for (let c = lo!; c <= hi!; c++) expect(clean(`a${String.fromCharCode(c)}b`)).toBe(`a\\u${c.toString(16).toUpperCase().padStart(4, "0")}b`);
    }
    for (const c of [0x20, 0x7e, 0xa0, 0x2029, 0x202f, 0x2065, 0x206a]) expect(clean(`a${String.fromCharCode(c)}b`)).toBe(`a${String.fromCharCode(c)}b`);
  });
});

describe("renderJson", () => {
  const report = reportOf(NOW_EXPORT, NOW);
  it("one report as an object, several as an array; params after now only when given; no waiver annotations", () => {
    const one = JSON.parse(renderJson([report]));
    expect(Object.keys(one).slice(0, 3)).toEqual(["perimeter", "now", "export"]);
    expect(one).not.toHaveProperty("params");
    expect(one.waivers[0]).not.toHaveProperty("days_left");
    expect(one.waivers[0]).not.toHaveProperty("expiring");
    expect(Object.keys(one.waivers[0])).toEqual(["control", "key", "until", "reason", "approved_by", "state", "source"]);
    const params = { file: "p.yaml", sha256: "ab", values: [] };
    const two = JSON.parse(renderJson([report, report], params));
    expect(Array.isArray(two)).toBe(true);
    expect(two).toHaveLength(2);
    expect(Object.keys(two[1]).slice(0, 4)).toEqual(["perimeter", "now", "params", "export"]);
    expect(two[1].params).toEqual(params);
    expect(renderJson([report]).endsWith("}\n")).toBe(true);
    expect(renderJson([report])).toContain('\n  "perimeter": "1",\n');
    // JSON keeps the data as it is: no terminal cleaning.
    expect(renderJson([report])).toContain("\\u0001");
    expect(JSON.stringify(one.controls)).toBe(JSON.stringify(report.controls));
  });
});

describe("text report: the other control tags, a fixed subject known by its key, no absent results", () => {
  it("tags waived and unknown controls, in their colours", () => {
    const report = structuredClone(reportOf(NOW_EXPORT, NOW)) as unknown as Mutable<Report>;
    report.controls[0]!.status = "waived";
    report.controls[1]!.status = "unknown";
    const heads = (color: boolean) => renderText(report as unknown as Report, { color }).split("\n").filter((l) => l.includes("NET-00"));
    expect(heads(false).slice(0, 2).map((l) => l.slice(0, 25))).toEqual(["WAIVED   NET-001  high   ", "UNKNOWN  NET-002  medium "]);
    expect(heads(true).filter((l) => !l.startsWith(" ")).map((l) => /^.*?NET-00\d/.exec(sgr(l))![0])).toEqual(["<36>WAIVED <0>  NET-001", "<33>UNKNOWN<0>  NET-002", "<2>N/A    <0>  NET-003", "<32>PASS   <0>  NET-004"]);
  });

  it("lists a fixed subject whose label is its key once, and leaves out absent counts of zero", () => {
    const { runs } = baselineRuns();
    const report = structuredClone(runs[0]!.report) as unknown as Mutable<Report>;
    report.fixed = report.fixed!.filter((f) => f.now !== "absent").map((f) => ({ ...f, subject: { ...f.subject, label: f.subject.key } }));
    report.baseline = { ...report.baseline!, absent: 0 };
    const out = renderText(report as unknown as Report);
    expect(out).toContain("\nfixed since the baseline:\n         ✓ NET-001  1000000000000001: now passes\n");
    expect(out).not.toContain("failing in the baseline, not evaluated now:");
    expect(out.trimEnd().split("\n").at(-1)).toBe("12 results: 8 passed, 2 failed, 1 unknown, 1 waived; against the baseline: 1 new, 1 still failing, 1 fixed");
  });
});
