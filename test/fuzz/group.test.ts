// Target groups (fuzz/group.ts): a group draws the same inputs as each member's own run (same
// seed, same chunks), counts each member's executions and coverage, takes a failing member out
// and shrinks its input with that member's oracle alone, and stops on request with the counts
// so far. Members here are small stand-ins on the renderers' real input arbitrary (cheap to
// draw); the real `renderers` group runs in fuzz.test.ts.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runTarget } from "../../fuzz/driver.js";
import { runGroup, type Member, type TargetGroup } from "../../fuzz/group.js";
import { jsonInputBytes, type JsonInput } from "../../fuzz/json-input.js";
import { reportInputArbitrary, reportRuns, type ReportInput } from "../../fuzz/report-input.js";
import { GROUPS, TARGETS, units } from "../../fuzz/targets.js";

type Built = { readonly key: string };

/** A member recording what it judged; `fails` makes it throw on some inputs. */
function member(name: string, seen: string[], fails?: (i: ReportInput) => boolean): Member<ReportInput, Built> {
  const judge = (input: ReportInput, b: Built) => {
    seen.push(b.key);
    if (fails?.(input)) throw new Error(`${name} fails on ${b.key}`);
    return [`flags:${input.flags}`];
  };
  return { name, about: name, arbitrary: reportInputArbitrary, judge, execute: (input) => judge(input, build(input)), bytes: (input) => ({ ext: "json", data: JSON.stringify(input) }) };
}

const build = (input: ReportInput): Built => ({ key: JSON.stringify(input) });
const group = (members: Member<ReportInput, Built>[]): TargetGroup<ReportInput, Built> => ({ name: "g", about: "g", arbitrary: reportInputArbitrary, build, bytes: (i) => ({ ext: "json", data: JSON.stringify(i) }), members });

describe("target groups", () => {
  it("draw the same inputs as each member alone, chunk by chunk, and count each member", async () => {
    const a: string[] = [];
    const b: string[] = [];
    const stats = await runGroup(group([member("a", a), member("b", b)]), { runs: 50, seed: 42, chunk: 7 });
    const alone: string[] = [];
    const single = await runTarget(member("a", alone), { runs: 50, seed: 42, chunk: 7 });
    expect(a).toEqual(alone);
    expect(b).toEqual(alone);
    expect(new Set(alone).size).toBe(50);
    expect(stats.map((s) => [s.target, s.group, s.executions, s.coverage])).toEqual([
      ["a", "g", 50, single.coverage],
      ["b", "g", 50, single.coverage],
    ]);
  });

  it("take a failing member out, shrink its input with its own oracle alone and write its finding; the others go on", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perimeter-group-"));
    const seenOk: string[] = [];
    const seenBad: string[] = [];
    // Fails on inputs with at least two ops: shrinking with this oracle alone ends at exactly two.
    const bad = member("bad", seenBad, (i) => i.ops.length >= 2);
    const stats = await runGroup(group([member("ok", seenOk), bad]), { runs: 40, seed: 7, chunk: 10, findings: dir });
    const [ok, failed] = stats;
    expect(ok!.executions).toBe(40);
    expect(ok!.failure).toBeUndefined();
    expect(failed!.failure).toBeDefined();
    expect(failed!.failure!.error).toMatch(/^Error: bad fails on /);
    // Counted up to and including the failing input, as a target alone counts it.
    const first = seenBad.findIndex((k) => (JSON.parse(k) as ReportInput).ops.length >= 2);
    expect(failed!.executions).toBe(first + 1);
    const shrunk = JSON.parse(readFileSync(failed!.failure!.file!, "utf8")) as ReportInput;
    expect(shrunk.ops).toHaveLength(2);
    expect(readdirSync(dir).every((f) => f.startsWith("bad-"))).toBe(true);
    expect(readFileSync(failed!.failure!.file!.replace(/\.json$/, ".txt"), "utf8")).toMatch(/^target: bad\n/);
  });

  it("stop on request with the counts so far", async () => {
    let asked = 0;
    const stats = await runGroup(group([member("a", []), member("b", [])]), { runs: 1000, seed: 1, chunk: 100, stop: () => ++asked > 25 });
    expect(stats.map((s) => [s.executions, s.stopped])).toEqual([
      [25, true],
      [25, true],
    ]);
    const single = await runTarget(member("a", []), {
      runs: 1000,
      seed: 1,
      chunk: 100,
      stop: (() => {
        let n = 0;
        return () => ++n > 25;
      })(),
    });
    expect([single.executions, single.stopped]).toEqual([25, true]);
  });

  it("the renderers group holds the six renderer targets, which share one input arbitrary; `all` runs it instead of them", () => {
    const renderers = GROUPS.find((g) => g.name === "renderers")!;
    expect(renderers.members.map((m) => m.name)).toEqual(TARGETS.filter((t) => t.name.startsWith("render-")).map((t) => t.name));
    for (const m of renderers.members) expect(m.arbitrary).toBe(renderers.arbitrary);
    expect(units().map((u) => u.name)).toEqual(["front-end", "export-loader", "wasm-json", "params-loader", "renderers"]);
  });

  it("the shared runs of an input are built once and frozen (no renderer can change what the next one sees)", () => {
    const input: ReportInput = { seed: 3, program: 1, ops: [{ kind: 5, at: 1, a: 2, b: 3 }], flags: 0 };
    const b = reportRuns(input);
    expect(b.loaded).toBe(true);
    expect(reportRuns(input)).toBe(b);
    expect(Object.isFrozen(b.runs[0]!.report.controls[0])).toBe(true);
    const again = reportRuns({ ...input });
    expect(again).not.toBe(b);
    expect(again.text).toBe(b.text);
  });
});

describe("the last input's bytes are kept for the trace and the execution", () => {
  it("the same input object gives the same bytes; an equal one the same content", () => {
    const input: JsonInput = { seed: 2, json: [{ kind: 1, at: 3, a: 4, b: 5 }], indent: true, text: [{ kind: 2, at: 9, a: 1, b: 2 }], bytes: [{ kind: 0, at: 7, a: 3, b: 0 }] };
    const bytes = jsonInputBytes("export-loader", input);
    expect(jsonInputBytes("export-loader", input)).toBe(bytes);
    const copy = jsonInputBytes("export-loader", structuredClone(input));
    expect(copy).not.toBe(bytes);
    expect(copy).toEqual(bytes);
    expect(jsonInputBytes("wasm-json", input)).not.toBe(bytes);
  });
});
