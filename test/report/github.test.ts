// GitHub workflow commands: levels per severity, escaping per the runner's rules.
import { describe, expect, it } from "vitest";
import { command, escapeData, escapeProperty, renderGithub } from "../../src/report/render-github.js";
import { INFO, NOW, NOW_EXPORT, reportOf, root, runOf } from "./fixtures.js";

describe("GitHub annotations", () => {
  const lines = renderGithub([runOf(NOW_EXPORT, reportOf(NOW_EXPORT, NOW))], { base: root, params: INFO.params }).trimEnd().split("\n");

  it("annotates failures by severity, unknowns as warnings, and expired or expiring waivers", () => {
    expect(lines.map((l) => l.replace(/ .*/, "").replace(/,title=.*/, ""))).toEqual([
      "::error",
      "::warning",
      "::warning",
      "::warning",
      "::warning",
      "perimeter:",
    ]);
    expect(lines[0]).toMatch(/^::error file=test\/report\/fixtures\/report\.perimeter,line=15,title=NET-001 IP access lists are switched on%3A dbx-analytics /);
    expect(lines[2]).toContain("title=NET-002 could not be decided%3A dbx-gaps (1000000000000004)::not collected in");
    expect(lines[3]).toBe("::warning file=test/report/fixtures/report.perimeter,line=41,title=waiver for NET-001 expiring::waiver for NET-001 / 1000000000000003 until 2026-12-10: active, expiring in 12 days");
    expect(lines.at(-1)).toBe("perimeter: 12 results in 1 export: 8 passed, 2 failed, 1 unknown, 1 waived; params: defaults (no --params file)");
  });

  it("uses ::notice for low and info failures", () => {
    const r = reportOf(NOW_EXPORT, NOW);
    const low = { ...r, controls: r.controls.map((c) => (c.id === "NET-002" ? { ...c, severity: "low" as const } : c)) };
    expect(renderGithub([runOf(NOW_EXPORT, low)], { base: root, params: INFO.params })).toMatch(/^::notice file=test\/report\/fixtures\/report\.perimeter,line=22,/m);
  });

  it("escapes % CR LF in messages, and : , too in properties; control characters are shown, not sent", () => {
    expect(escapeData("100% done\r\nnext")).toBe("100%25 done%0D%0Anext");
    expect(escapeProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
    expect(escapeData("esc\u001b[2J")).toBe("esc\\u001B[2J");
    // Found by the render-github fuzz target: C1 controls (U+009B is a one-character CSI) were sent as they were.
    expect(escapeData("csi\u009b31m nel\u0085 del\u007f")).toBe("csi\\u009B31m nel\\u0085 del\\u007F");
    expect(command("error", { file: "p,q:r.perimeter", line: 3, title: "T: x, y" }, "one\ntwo")).toBe("::error file=p%2Cq%3Ar.perimeter,line=3,title=T%3A x%2C y::one%0Atwo");
    // A message can never start a second command: every line break is escaped.
    for (const l of lines) expect(l.includes("\n")).toBe(false);
    expect(lines[0]).toContain("%250A %3A%3Ax%2Cy");
  });
});
