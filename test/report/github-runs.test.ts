// GitHub annotations beyond the one-export golden: several exports (undecided results name the
// subject's place in its export; a waiver declared once is annotated once; the last line sums
// every export and its baseline counts), paths made relative to the workspace only when inside
// it, a subject without a pointer, a critical control, and the control characters the runner
// would otherwise receive raw.
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, renderGithub } from "../../src/report/render-github.js";
import type { Report } from "../../src/report/report.js";
import { BEFORE, BEFORE_EXPORT, baselineRuns, INFO, NOW, NOW_EXPORT, POLICY, reportOf, root, runOf } from "./fixtures.js";

const lines = (out: string) => out.trimEnd().split("\n");
/** A command up to its message (`:` is escaped in the properties, so the first `::` after the command's name ends them). */
const head = (l: string) => l.slice(0, l.indexOf("::", 2));

describe("GitHub annotations of several exports", () => {
  const { runs } = baselineRuns();
  const before = runOf(BEFORE_EXPORT, reportOf(BEFORE_EXPORT, BEFORE));
  // Rendered inside each case, not while the file's cases are collected: Stryker activates a
  // mutant only while a case runs.
  const render = () => lines(renderGithub([runs[0]!, before, runs[0]!], { base: root, params: { file: "p.yaml", sha256: "ab", values: [] } }));

  it("names the subject's place in its export for undecided results", () => {
    const out = render();
    expect(out.filter((l) => l.includes("could not be decided"))).toEqual([
      `::warning file=${POLICY},line=19,title=NET-002 could not be decided%3A dbx-gaps (1000000000000004)::not collected in ${NOW_EXPORT}#/workspaces/3: workspaces[3].ip_access_lists`,
      `::warning file=${POLICY},line=19,title=NET-002 could not be decided%3A dbx-gaps (1000000000000004)::not collected in ${NOW_EXPORT}#/workspaces/3: workspaces[3].ip_access_lists`,
    ]);
  });

  it("annotates a waiver once, however many exports list it, with the first export's state", () => {
    const out = render();
    expect(out.filter((l) => l.includes("title=waiver"))).toEqual([
      `::warning file=${POLICY},line=41,title=waiver for NET-001 expiring::waiver for NET-001 / 1000000000000003 until 2026-12-10: active, expiring in 12 days`,
      `::warning file=${POLICY},line=50,title=waiver for NET-001 expired::waiver for NET-001 / 1000000000000002 until 2026-11-01: expired 27 days ago, not applied`,
    ]);
  });

  it("sums every export on the last line, with the baseline counts of those compared", () => {
    const out = render();
    expect(out.at(-1)).toBe("perimeter: 39 results in 3 exports: 25 passed, 8 failed, 2 unknown, 4 waived; against the baseline: 2 new, 2 fixed; params: p.yaml (SHA-256 ab)");
    expect(out.filter((l) => l.startsWith("::error")).map(head)).toEqual([
      `::error file=${POLICY},line=15,title=NET-001 [new] IP access lists are switched on%3A dbx-analytics <&"'> | *[x](https%3A//evil.example)* \\u0001 %250A %3A%3Ax%2Cy (1000000000000002)`,
      `::error file=${POLICY},line=15,title=NET-001 IP access lists are switched on%3A dbx-prod (1000000000000001)`,
      `::error file=${POLICY},line=15,title=NET-001 IP access lists are switched on%3A dbx-retired (1000000000000005)`,
      `::error file=${POLICY},line=15,title=NET-001 [new] IP access lists are switched on%3A dbx-analytics <&"'> | *[x](https%3A//evil.example)* \\u0001 %250A %3A%3Ax%2Cy (1000000000000002)`,
    ]);
    // One export and no baseline: singular words, no baseline part.
    expect(lines(renderGithub([before], { base: root, params: INFO.params })).at(-1)).toBe("perimeter: 15 results in 1 export: 9 passed, 4 failed, 0 unknown, 2 waived; params: defaults (no --params file)");
  });
});

describe("GitHub annotations: places and levels", () => {
  const report = reportOf(NOW_EXPORT, NOW);
  const edit = (f: (r: Report) => Report) => lines(renderGithub([runOf(NOW_EXPORT, f(structuredClone(report)))], { base: "/work/repo", params: INFO.params }));

  it("writes an absolute policy path relative to the workspace when inside it, as given when outside", () => {
    const at = (file: string) => edit((r) => ({ ...r, controls: r.controls.map((c) => ({ ...c, source: { ...c.source, file } })) }))[0]!.replace(/,line=.*/, "");
    expect(at("/work/repo/policies/p.perimeter")).toBe("::error file=policies/p.perimeter");
    expect(at("/work/other/p.perimeter")).toBe("::error file=/work/other/p.perimeter");
    expect(at("/elsewhere/p.perimeter")).toBe("::error file=/elsewhere/p.perimeter");
    expect(at("policies/p.perimeter")).toBe("::error file=policies/p.perimeter");
    // The waivers' lines too.
    const w = edit((r) => ({ ...r, waivers: r.waivers.map((x) => ({ ...x, source: { ...x.source, file: "/work/repo/w.perimeter" } })) })).filter((l) => l.includes("title=waiver"));
    expect(w.map((l) => l.replace(/,line=.*/, ""))).toEqual(["::warning file=w.perimeter", "::warning file=w.perimeter"]);
  });

  it("a subject without a pointer is placed in the export file alone; a critical failure is an error", () => {
    const out = edit((r) => ({
      ...r,
      controls: r.controls.map((c) => ({ ...c, severity: "critical" as const, results: c.results.map((x) => ({ ...x, subject: { ...x.subject, pointer: "" } })) })),
    }));
    expect(out[0]).toMatch(/^::error file=test\/report\/fixtures\/report\.perimeter,line=15,title=NET-001 /);
    expect(out[0]).toContain(`(1000000000000002) in ${NOW_EXPORT}%0Aremediation: `);
    expect(out[1]).toMatch(/^::error /);
    expect(out[1]).toMatch(new RegExp(`in ${NOW_EXPORT}$`));
  });
});

describe("GitHub escaping of every control character", () => {
  it("shows each C0 control but CR and LF, DEL and each C1 control as \\uXXXX; CR and LF are %0D and %0A", () => {
    for (let c = 0; c <= 0x9f; c++) {
      const ch = String.fromCharCode(c);
      const expected = c === 0x0d ? "%0D" : c === 0x0a ? "%0A" : c < 0x20 || c >= 0x7f ? `\\u${c.toString(16).toUpperCase().padStart(4, "0")}` : ch === "%" ? "%25" : ch;
      expect(escapeData(`a${ch}b`)).toBe(`a${expected}b`);
    }
    expect(escapeData("\u00a0é€")).toBe("\u00a0é€");
    expect(escapeProperty("\t:,%\r\n")).toBe("\\u0009%3A%2C%25%0D%0A");
  });
});

describe("GitHub annotations: the survivors of the first Stryker run", () => {
  const report = reportOf(NOW_EXPORT, NOW);

  it("keeps a relative policy path as given, even when the workspace is a parent of the working directory", () => {
    const out = lines(renderGithub([runOf(NOW_EXPORT, report)], { base: dirname(root), params: INFO.params }));
    expect(out[0]).toMatch(/^::error file=test\/report\/fixtures\/report\.perimeter,line=15,/);
  });

  it("names a subject whose label is its key once, and lists every uncollected slot", () => {
    const r = structuredClone(report) as unknown as { controls: { results: { status: string; subject: { label: string; key: string }; unknown: { requirement: number; statement: string; slots: string[] }[] }[] }[] };
    const u = r.controls[1]!.results.find((x) => x.status === "unknown")!;
    u.subject.label = u.subject.key;
    u.unknown = [{ requirement: 1, statement: "require", slots: ["a", "b"] }, { requirement: 0, statement: "where", slots: ["b", "c"] }];
    const line = lines(renderGithub([runOf(NOW_EXPORT, r as unknown as Report)], { base: root, params: INFO.params })).find((l) => l.includes("could not be decided"));
    expect(line).toBe(`::warning file=${POLICY},line=19,title=NET-002 could not be decided%3A 1000000000000004::not collected in ${NOW_EXPORT}: a, b, c`);
  });
});
