// Condition coverage by value (src/eval/coverage.ts): for every `where` conjunct and requirement
// of every control, how often the test exports made it true, false, or left it undecided
// (uncollected data), with the origin shown to the reader; lets are not conditions. The CLI's
// `perimeter test` prints these numbers (test/cli/test-command, outside the mutation set).
import { describe, expect, it } from "vitest";
import { isCovered, measureCoverage } from "../../src/eval/coverage.js";
import { defaultParams } from "../../src/eval/params.js";
import type { LoadedExport } from "../../src/export/load.js";
import { compile } from "../helpers/eval.js";

const src = `import std.databricks
control T-1 "t" {
  severity high
  for ws in workspaces where ws.workspace_id > 1 and ws.workspace_id < 9
  let two = 2
  require ws.workspace_id != 5
  require count(ws.apps) < two
    else "too many apps"
}
control T-2 "u" {
  severity low
  for ws in workspaces
  ingress ws {
    ip access lists enforced
  }
}
`;
const ir = compile(src);
const options = { now: "2026-11-28", params: defaultParams(ir) };

/** An export of these workspaces, with `errors` as its collection errors. */
function exp(workspaces: object[], errors: { slot: string; steps: (string | number)[] }[] = []): LoadedExport {
  return { file: "e.json", document: { workspaces }, exactIntegers: false, errors, pointerOf: () => undefined };
}

describe("measureCoverage", () => {
  it("lists every where conjunct and requirement in order with its origin, nothing seen without exports", () => {
    const c = measureCoverage(ir, [], options);
    expect(c).toMatchObject({ covered: 0, total: 5, exports: 0 });
    expect(c.conditions.map((x) => [x.control, x.kind, x.index, x.statement, x.origin.line, x.seen])).toEqual([
      ["T-1", "where", 1, "where", 4, { true: 0, false: 0, undecided: 0 }],
      ["T-1", "where", 2, "where", 4, { true: 0, false: 0, undecided: 0 }],
      ["T-1", "requirement", 1, "require", 6, { true: 0, false: 0, undecided: 0 }],
      ["T-1", "requirement", 2, "require", 7, { true: 0, false: 0, undecided: 0 }],
      ["T-2", "requirement", 1, "ingress: ip access lists enforced", 14, { true: 0, false: 0, undecided: 0 }],
    ]);
    // A `require`'s origin is its condition (not the `else` message); a posture statement's is the statement.
    const [w1, w2, r1, r2, p1] = c.conditions;
    expect([w1, w2, r1, r2, p1].map((x) => src.slice(x!.origin.span.start, x!.origin.span.end))).toEqual([
      "ws.workspace_id > 1",
      "ws.workspace_id < 9",
      "ws.workspace_id != 5",
      "count(ws.apps) < two",
      "ip access lists enforced",
    ]);
  });

  it("counts per condition how often each export made it true or false, subject by subject", () => {
    const c = measureCoverage(ir, [exp([{ workspace_id: 1 }, { workspace_id: 5, apps: [{}, {}] }]), exp([{ workspace_id: 3, apps: [] }])], options);
    expect(c.exports).toBe(2);
    expect(c.conditions.map((x) => x.seen)).toEqual([
      // where #1 on ids 1, 5, 3; where #2 only where #1 held (ids 5, 3).
      { true: 2, false: 1, undecided: 0 },
      { true: 2, false: 0, undecided: 0 },
      { true: 1, false: 1, undecided: 0 },
      { true: 1, false: 1, undecided: 0 },
      { true: 0, false: 3, undecided: 0 },
    ]);
    expect(c.conditions.map(isCovered)).toEqual([true, false, true, true, false]);
    expect(c.covered).toBe(3);
    expect(c.total).toBe(5);
  });

  it("a condition computed from uncollected data is undecided, whatever its value", () => {
    const c = measureCoverage(ir, [exp([{ workspace_id: 3, apps: [] }], [{ slot: "workspaces[0].apps", steps: ["workspaces", 0, "apps"] }])], options);
    expect(c.conditions.map((x) => x.seen)).toEqual([
      { true: 1, false: 0, undecided: 0 },
      { true: 1, false: 0, undecided: 0 },
      { true: 1, false: 0, undecided: 0 },
      { true: 0, false: 0, undecided: 1 },
      { true: 0, false: 1, undecided: 0 },
    ]);
  });

  it("isCovered needs both a true and a false", () => {
    const at = (t: number, f: number, u = 0) => isCovered({ control: "c", kind: "where", index: 1, statement: "where", origin: { file: "", span: { start: 0, end: 0 }, line: 1 }, seen: { true: t, false: f, undecided: u } });
    expect([at(1, 1), at(1, 0), at(0, 1), at(0, 0, 5), at(3, 2)]).toEqual([true, false, false, false, true]);
  });
});
