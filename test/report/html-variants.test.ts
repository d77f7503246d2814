// The HTML report beyond its goldens, judged by parse5 (an HTML parser of the WHATWG algorithm,
// as a browser parses): export text in text and in attributes comes back exactly as written and
// makes no element; the documentation is a link only when it is a plain http(s) URL; the chart
// of an empty summary and of a single status; the attention block with nothing to flag, without
// an evaluation date, and with more than ten uncollected slots.
import { parse, parseFragment } from "parse5";
import { describe, expect, it } from "vitest";
import { auditDocument } from "../../src/report/audit.js";
import type { Overview } from "../../src/report/overview.js";
import { donut, esc, htmlOf, renderHtml } from "../../src/report/render-html.js";
import type { Report } from "../../src/report/report.js";
import type { RunInfo } from "../../src/report/run.js";
import { INFO, NOW, NOW_EXPORT, reportOf, runOf } from "./fixtures.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? Mutable<U>[] : T[K] extends object | null ? Mutable<NonNullable<T[K]>> | Extract<T[K], null> : T[K] };

type P5 = { nodeName: string; value?: string; attrs?: { name: string; value: string }[]; childNodes?: P5[]; content?: P5 };
const all = (n: P5): P5[] => [n, ...(n.childNodes ?? []).flatMap(all), ...(n.content ? all(n.content) : [])];
const text = (n: P5): string => (n.nodeName === "#text" ? (n.value ?? "") : (n.childNodes ?? []).map(text).join(""));
const attr = (n: P5, name: string) => n.attrs?.find((a) => a.name === name)?.value;
const doc = (html: string) => all(parse(html) as unknown as P5);

describe("HTML escaping", () => {
  it("escapes & < > \" ' and shows control characters, in text and in attributes", () => {
    const s = `a&b<c>d"e'f\u0001g\u007fh\u0009i`;
    expect(esc(s)).toBe("a&amp;b&lt;c&gt;d&quot;e&#39;f\\u0001g\\u007Fh\u0009i");
    const frag = all(parseFragment(`<p title="${esc(s)}">${esc(s)}</p><p title='${esc(s)}'>x</p>`) as unknown as P5);
    const ps = frag.filter((n) => n.nodeName === "p");
    expect(ps).toHaveLength(2);
    const shown = "a&b<c>d\"e'f\\u0001g\\u007Fh\u0009i";
    expect(ps.map((p) => attr(p, "title"))).toEqual([shown, shown]);
    expect(text(ps[0]!)).toBe(shown);
  });

  it("a hostile export file name stays text in the matrix's column titles and the headings", () => {
    const file = `x"><img src=x onerror=alert(1)>'.json`;
    const r = reportOf(NOW_EXPORT, NOW);
    const nodes = doc(renderHtml([runOf(NOW_EXPORT, r), { ...runOf(NOW_EXPORT, r), file }], INFO));
    expect(nodes.filter((n) => n.nodeName === "img")).toEqual([]);
    expect(nodes.filter((n) => n.nodeName === "abbr").map((n) => attr(n, "title"))).toEqual([NOW_EXPORT, file]);
    expect(nodes.filter((n) => n.nodeName === "h2").map(text)).toContain(`Export 2: ${file}`);
  });
});

describe("HTML documentation links", () => {
  const anchors = (docs: string) => {
    const r = reportOf(NOW_EXPORT, NOW);
    const report: Report = { ...r, controls: r.controls.map((c) => ({ ...c, docs: c.id === "NET-001" ? docs : null })) };
    const nodes = doc(renderHtml([runOf(NOW_EXPORT, report)], INFO));
    const para = nodes.filter((n) => n.nodeName === "p" && text(n).startsWith("Documentation:"));
    return { links: nodes.filter((n) => n.nodeName === "a").map((a) => [attr(a, "href"), text(a)]), shown: para.map(text) };
  };

  it.each([["https://a.example/x?y=1&z=2#f"], ["http://a"]])("links %j to itself", (url) => {
    expect(anchors(url)).toEqual({ links: [[url, url]], shown: [`Documentation: ${url}`] });
  });

  it.each([["javascript:alert(1)"], ["https://a.example/ b"], ['https://a.example/"onmouseover="x'], ["https://a.example/<b>"], ["xhttps://a"], ["https://"], ["see the wiki"]])("writes %j as text, no link", (docs) => {
    expect(anchors(docs)).toEqual({ links: [], shown: [`Documentation: ${docs}`] });
  });
});

describe("HTML chart", () => {
  it("draws one grey ring for an empty summary", () => {
    const svg = donut({ pass: 0, fail: 0, unknown: 0, waived: 0 });
    const circles = all(parseFragment(svg) as unknown as P5).filter((n) => n.nodeName === "circle");
    expect(circles.map((c) => attr(c, "stroke"))).toEqual(["#d1d9e0"]);
    expect(svg).toContain(`<desc id="chart-desc">0 results: 0 passed, 0 failed, 0 unknown, 0 waived</desc>`);
    expect(svg).toContain(">0</text>");
  });

  it("draws an arc per status present, each starting where the last ended", () => {
    const svg = donut({ pass: 0, fail: 3, unknown: 0, waived: 1 });
    const arcs = all(parseFragment(svg) as unknown as P5).filter((n) => n.nodeName === "circle").map((c) => [attr(c, "stroke"), attr(c, "stroke-dasharray"), attr(c, "stroke-dashoffset")]);
    const circ = 2 * Math.PI * 52;
    expect(arcs).toEqual([
      ["#cf222e", `${(0.75 * circ).toFixed(3)} ${(0.25 * circ).toFixed(3)}`, "0.000"],
      ["#0969da", `${(0.25 * circ).toFixed(3)} ${(0.75 * circ).toFixed(3)}`, (-0.75 * circ).toFixed(3)],
    ]);
    expect(svg).toContain("4 results: 0 passed, 3 failed, 0 unknown, 1 waived");
  });
});

describe("HTML attention block", () => {
  const base = auditDocument([runOf(NOW_EXPORT, reportOf(NOW_EXPORT, NOW))], INFO);
  const note = (overview: Partial<Overview>, now: string | null = NOW) => {
    const nodes = doc(htmlOf({ ...base, evaluationDate: now, overview: { ...base.overview, ...overview } }));
    return nodes.filter((n) => n.nodeName === "div" && (attr(n, "class") ?? "").startsWith("attention")).map((n) => [attr(n, "class"), text(n).trim()]);
  };

  it("says there is nothing to flag, with the date when known", () => {
    expect(note({ gaps: [], stale: [] })).toEqual([["attention ok", "No export is older than 30 days on 2026-11-28 or has collection gaps."]]);
    expect(note({ gaps: [], stale: [], maxExportAge: 7 }, null)).toEqual([["attention ok", "No export is older than 7 days or has collection gaps."]]);
  });

  it("flags stale exports and gaps, ten slots at most and the rest counted", () => {
    const slots = Array.from({ length: 12 }, (_, i) => `s${i + 1}`);
    const flagged = note({
      stale: [{ file: "old.json", exportedAt: "2026-10-01T00:00:00Z", days: 58 }],
      gaps: [
        { file: "a.json", results: 1, controls: ["C-1"], slots: ["x.y"] },
        { file: "b.json", results: 3, controls: ["C-1", "C<2>"], slots },
        { file: "c.json", results: 2, controls: ["C-3"], slots: slots.slice(0, 10) },
      ],
    });
    expect(flagged).toHaveLength(1);
    expect(flagged[0]![0]).toBe("attention");
    expect(flagged[0]![1]!.split("\n")).toEqual([
      "Stale export: old.json was exported on 2026-10-01, 58 days before the evaluation date 2026-11-28 (more than 30 days).",
      "Collection gap: a.json: 1 result of 1 control (C-1) could not be decided: not collected x.y.",
      "Collection gap: b.json: 3 results of 2 controls (C-1, C<2>) could not be decided: not collected s1, s2, s3, s4, s5, s6, s7, s8, s9, s10 and 2 more.",
      "Collection gap: c.json: 2 results of 1 control (C-3) could not be decided: not collected s1, s2, s3, s4, s5, s6, s7, s8, s9, s10.",
    ]);
  });
});

describe("HTML sections that the fixture's goldens do not reach", () => {
  const fixture = () => structuredClone(reportOf(NOW_EXPORT, NOW)) as unknown as Mutable<Report>;
  const nodesOf = (reports: Mutable<Report>[], info: RunInfo = INFO) => doc(renderHtml(reports.map((r, i) => ({ ...runOf(NOW_EXPORT, r as unknown as Report), file: `e${i + 1}.json` })), info));
  const cells = (nodes: P5[], caption: string) => {
    const table = nodes.find((n) => n.nodeName === "table" && (n.childNodes ?? []).some((c) => c.nodeName === "caption" && text(c).startsWith(caption)));
    return all(table!).filter((n) => n.nodeName === "tr").map((tr) => (tr.childNodes ?? []).filter((c) => c.nodeName === "td" || c.nodeName === "th").map((c) => text(c)));
  };

  it("marks a control an export did not evaluate with a dash in the matrix", () => {
    const b = fixture();
    b.controls = b.controls.filter((c) => c.id !== "NET-003");
    const rows = cells(nodesOf([fixture(), b]), "Status of each control in each export");
    expect(rows.find((r) => r[0] === "NET-003")!.slice(5)).toEqual(["NOT APPLICABLE", "—"]);
    expect(rows.find((r) => r[0] === "NET-001")!.slice(5)).toEqual(["FAIL", "FAIL"]);
  });

  it("says when no control names a framework, and lists several controls of one reference", () => {
    const none = fixture();
    for (const c of none.controls) c.frameworks = [];
    expect(nodesOf([none]).filter((n) => n.nodeName === "p" && text(n) === "No control names a framework.")).toHaveLength(1);
    const two = fixture();
    two.controls[1]!.frameworks = ["SAT:NS-5"];
    const rows = cells(nodesOf([two]), "Each framework reference");
    expect(rows.find((r) => r[0] === "SAT:NS-5")).toEqual(["SAT:NS-5", "FAIL", "NET-001 FAIL NET-002 FAIL"]);
    expect(renderHtml([runOf(NOW_EXPORT, two as unknown as Report)], INFO)).toContain('<code class="id">NET-001</code> <span class="badge s-fail">FAIL</span> <code class="id">NET-002</code>');
  });

  it("says no subject was selected only for a control without results, whatever the other counts", () => {
    const r = fixture();
    // One pass with one failure, one undecided or one waived result: no sum of two counts with
    // opposite signs is zero where the control has results.
    const waived = r.controls[0]!.results.find((x) => x.status === "waived")!;
    const pick = (i: number, statuses: string[]) => (r.controls[i]!.results = statuses.map((s) => r.controls[i]!.results.find((x) => x.status === s)!));
    pick(0, ["pass", "fail"]);
    pick(1, ["pass", "unknown"]);
    r.controls[3]!.results = [r.controls[3]!.results[0]!, waived];
    const said = nodesOf([r]).filter((n) => n.nodeName === "p" && text(n).startsWith("No subject was selected"));
    expect(said).toHaveLength(1);
  });

  it("writes no empty paragraph for an export with nothing to say about it, nor an empty code for a missing value", () => {
    const r = fixture();
    r.export.account_id = null;
    r.export.cloud = null;
    r.export.exported_at = null;
    r.export.schema = "";
    r.controls[0]!.results.find((x) => x.status === "fail")!.subject.pointer = "";
    const html = renderHtml([runOf(NOW_EXPORT, r as unknown as Report)], { ...INFO, params: { file: "site.yaml", sha256: null, values: [] } });
    expect(html).not.toContain('<p class="muted"></p>');
    expect(html).not.toContain("<code></code>");
    expect(html).not.toContain('<code class="id"></code>');
    expect(html).toContain("<p>Params file <code>site.yaml</code>, SHA-256 .</p>");
    const failures = cells(doc(html), "Failures of NET-001");
    expect(failures[1]!.slice(1, 3)).toEqual(["1000000000000002", ""]);
  });

  it("shows a param at its default, leaves the params section out when there are none recorded, and says when there are no waivers", () => {
    const r = fixture();
    const info: RunInfo = { ...INFO, params: { file: null, sha256: null, values: [{ package: "acme.reports", name: "corporate", value: ["10.0.0.0/8"], display: "[10.0.0.0/8]", source: "default" }] } };
    expect(cells(nodesOf([r], info), "Effective value of each param")[1]).toEqual(["acme.reports", "corporate", "[10.0.0.0/8]", "default"]);
    const { params: _p, ...noParams } = INFO;
    const without = nodesOf([r], noParams as RunInfo);
    expect(without.filter((n) => n.nodeName === "h2").map(text)).not.toContain("Parameters");
    // Nothing at all in its place: the inputs section is followed by the export's.
    expect(renderHtml([runOf(NOW_EXPORT, r as unknown as Report)], noParams as RunInfo)).toMatch(/<h2 id="inputs">Inputs<\/h2>\n<table>\n(?:(?!<\/table>)[\s\S])*<\/table>\n<\/section>\n<section aria-labelledby="export-1">/);
    r.waivers = [];
    expect(nodesOf([r]).filter((n) => n.nodeName === "p" && text(n) === "No waivers are declared.")).toHaveLength(1);
  });

  it("writes a dash for a waived result whose waiver names no approver", () => {
    const r = fixture();
    r.controls[0]!.results.find((x) => x.status === "waived")!.waiver!.approved_by = null;
    expect(cells(nodesOf([r]), "Waived results of NET-001")[1]![4]).toBe("—");
  });
});
