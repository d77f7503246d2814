// The soak ledger (fuzz/ledger.ts, fuzz/soak-ledger.jsonl): entries from a round's stats, read
// back, bad lines refused with their file and line, fresh seeds, per-target totals as the
// Markdown table; FUZZING.md's soak table is the committed ledger's table; and `npm run fuzz
// -- --ledger` appends rounds, also when SIGTERM stops one, and refuses a seed already run.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RunStats } from "../../fuzz/driver.js";
import { appendLedger, duration, freshSeed, LedgerError, ledgerEntry, ledgerTable, readLedger, seedUsed, totals, type LedgerEntry } from "../../fuzz/ledger.js";
import { TARGETS } from "../../fuzz/targets.js";
import { packagePath } from "../../src/paths.js";

const tmp = () => mkdtempSync(join(tmpdir(), "perimeter-ledger-"));
const stats = (target: string, executions: number, extra: Partial<RunStats> = {}): RunStats => ({ target, executions, ms: executions * 10, coverage: 5, slowestMs: 123.4, cpuMs: executions * 8, ...extra });
const started = new Date("2026-12-08T03:00:00Z");

describe("soak ledger", () => {
  it("writes a round's entry and reads it back", () => {
    const file = join(tmp(), "ledger.jsonl");
    expect(readLedger(file)).toEqual([]);
    const a = ledgerEntry(stats("render-text", 1000, { group: "renderers", stopped: true }), { seed: 11, started, commit: "abc", signal: "SIGTERM" });
    const b = ledgerEntry(stats("front-end", 500, { failure: { seed: 3, error: "Error: boom", file: "/x/front-end-1.perimeter" } }), { seed: 4, started, commit: null });
    appendLedger(file, [a]);
    appendLedger(file, [b]);
    expect(readLedger(file)).toEqual([a, b]);
    expect(a).toEqual({
      target: "render-text",
      group: "renderers",
      seed: 11,
      started: "2026-12-08T03:00:00.000Z",
      executions: 1000,
      wallSeconds: 10,
      cpuSeconds: 8,
      execPerSecond: 100,
      coverage: 5,
      slowestMs: 123,
      findings: [],
      stopped: "SIGTERM",
      commit: "abc",
    });
    expect(b.findings).toEqual([{ error: "Error: boom", file: "/x/front-end-1.perimeter" }]);
    expect(b.stopped).toBeUndefined();
  });

  it("refuses a bad line with its file and line number", () => {
    const dir = tmp();
    const good = JSON.stringify(ledgerEntry(stats("front-end", 1), { seed: 1, started, commit: null }));
    for (const [line, why] of [
      ["{not json", /ledger\.jsonl:2: not JSON/],
      [JSON.stringify({ ...JSON.parse(good), executions: -1 }), /ledger\.jsonl:2: executions is not a number of at least 0/],
      [JSON.stringify({ ...JSON.parse(good), target: undefined }), /ledger\.jsonl:2: no target/],
      [JSON.stringify({ ...JSON.parse(good), seed: 1.5 }), /ledger\.jsonl:2: seed is not an integer or null/],
      ["[]", /ledger\.jsonl:2: not an object/],
    ] as const) {
      const file = join(dir, "ledger.jsonl");
      writeFileSync(file, `${good}\n${line}\n`);
      expect(() => readLedger(file)).toThrow(LedgerError);
      expect(() => readLedger(file)).toThrow(why);
    }
  });

  it("gives a fresh seed per target and finds seeds already run", () => {
    const e = (target: string, seed: number | null, seeds?: number[]): LedgerEntry => ({ ...ledgerEntry(stats(target, 1), { seed: 0, started, commit: null }), seed, ...(seeds ? { seeds } : {}) });
    const entries = [e("a", null, [20261207, 20261209]), e("a", 5), e("b", 30), e("render-text", 40), e("render-html", 41)];
    expect(freshSeed(entries, ["a"])).toBe(20261210);
    expect(freshSeed(entries, ["b"])).toBe(31);
    expect(freshSeed(entries, ["render-text", "render-html"])).toBe(42);
    expect(freshSeed(entries, ["new"])).toBe(20261210);
    expect(freshSeed([], ["new"])).toBe(1);
    expect(seedUsed(entries, ["a"], 20261209)?.target).toBe("a");
    expect(seedUsed(entries, ["render-text", "render-html"], 41)?.target).toBe("render-html");
    expect(seedUsed(entries, ["a"], 30)).toBeUndefined();
  });

  it("sums each target's rounds into the Markdown table", () => {
    const entries = [
      ledgerEntry(stats("front-end", 400_000), { seed: 1, started, commit: null }),
      ledgerEntry(stats("front-end", 600_000, { slowestMs: 2500, coverage: 7 }), { seed: 2, started, commit: null }),
      ledgerEntry(stats("render-html", 90, { group: "renderers", failure: { seed: 9, error: "Error: <script>", file: "/f/render-html-abc.json" } }), { seed: 3, started, commit: null }),
    ];
    expect(totals(entries, ["render-html", "front-end"]).map((t) => [t.target, t.rounds, t.executions, t.wallSeconds, t.coverage, t.slowestMs])).toEqual([
      ["render-html", 1, 90, 0.9, 5, 123],
      ["front-end", 2, 1_000_000, 10_000, 7, 2500],
    ]);
    expect(ledgerTable(entries, ["front-end", "render-html"])).toBe(
      [
        "| target | rounds | executions | of 1,000,000 | wall time | exec/s | CPU time | coverage keys (most in a round) | slowest execution | findings |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        "| `front-end` | 2 | 1,000,000 | 100.0 % | 2 h 47 min | 100.0 | 2 h 13 min | 7 | 2.5 s | none |",
        "| `render-html` (renderers) | 1 | 90 | 0.0 % | 1 s | 100.0 | 1 s | 5 | 123 ms | 1 (render-html-abc.json) |",
        "",
        "Total: 1,000,090 executions; 1 of 2 targets at 1,000,000 or more.",
        "The rounds of a group (in brackets) share one process: their wall and CPU time are the group's, shown for each member.",
        "",
      ].join("\n"),
    );
    expect([duration(59.4), duration(60), duration(3599), duration(3600 + 5 * 60)]).toEqual(["59 s", "1 min", "1 h 00 min", "1 h 05 min"]);
  });

  it("the committed ledger reads, covers every target, and FUZZING.md shows its table", () => {
    const entries = readLedger(packagePath("fuzz", "soak-ledger.jsonl"));
    expect(new Set(entries.map((e) => e.target))).toEqual(new Set(TARGETS.map((t) => t.name)));
    const table = ledgerTable(
      entries,
      TARGETS.map((t) => t.name),
    );
    expect(readFileSync(packagePath("FUZZING.md"), "utf8")).toContain(table);
  });
});

describe("npm run fuzz -- --ledger", { timeout: 240_000 }, () => {
  const RUN = packagePath("dist", "fuzz", "run.js");
  const run = (args: string[]) => spawnSync(process.execPath, [RUN, ...args], { encoding: "utf8" });

  it("appends each round, takes a fresh seed without --seed and refuses one already run", () => {
    const dir = tmp();
    const ledger = join(dir, "ledger.jsonl");
    const args = ["--target", "export-loader", "--runs", "3", "--chunk", "3", "--findings", dir, "--ledger", ledger];
    expect(run([...args, "--seed", "5"]).status).toBe(0);
    expect(run(args).status).toBe(0);
    const entries = readLedger(ledger);
    expect(entries.map((e) => [e.target, e.seed, e.executions])).toEqual([
      ["export-loader", 5, 3],
      ["export-loader", 6, 3],
    ]);
    expect(entries[0]!.commit).toMatch(/^[0-9a-f]{40}(-dirty)?$/);
    const again = run([...args, "--seed", "6"]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/export-loader already ran seed 6 .*leave out --seed for a fresh one/);
    expect(readLedger(ledger)).toHaveLength(2);
  });

  it("writes what a round did so far when SIGTERM stops it, and exits 143", async () => {
    const dir = tmp();
    const ledger = join(dir, "ledger.jsonl");
    const child = spawn(process.execPath, [RUN, "--target", "renderers", "--runs", "1000000", "--chunk", "2", "--seed", "9", "--findings", dir, "--ledger", ledger]);
    let out = "";
    let killed = false;
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        // The second progress line of the group: a chunk or two done, the next one running.
        // Once: a second signal makes it quit at once.
        if (!killed && (out.match(/render-html: \d+ executions/g) ?? []).length === 2) killed = child.kill("SIGTERM");
      });
      child.on("exit", resolve);
    });
    expect(code, out).toBe(143);
    const entries = readLedger(ledger);
    expect(
      entries.map((e) => e.target),
      out,
    ).toEqual(["render-text", "render-sarif", "render-junit", "render-github", "render-markdown", "render-html"]);
    for (const e of entries) {
      expect(e).toMatchObject({ group: "renderers", seed: 9, stopped: "SIGTERM", findings: [] });
      expect(e.executions).toBeGreaterThanOrEqual(4);
      expect(e.executions).toBe(entries[0]!.executions);
    }
    expect(out).toMatch(/SIGTERM: stopping after the input running/);
  });
});
