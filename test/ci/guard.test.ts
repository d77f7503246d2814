// CI cannot be weakened by its environment: scripts/ci-guard.sh (the first step of .ci/run)
// refuses UPDATE_GOLDEN and run counts that would let property tests pass without running,
// the test helpers that read those counts throw on the same values, and the guard knows every
// run count and seed that a test reads.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCount, seedFrom } from "../helpers/env.js";

/** The environment without any variable the guard looks at, plus `extra`. */
function guard(extra: Record<string, string>) {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== "UPDATE_GOLDEN" && !/_RUNS$|_EVALS$|_SEED$/.test(k)) env[k] = v;
  const r = spawnSync("bash", ["scripts/ci-guard.sh"], { env: { ...env, ...extra }, encoding: "utf8" });
  return { status: r.status, stderr: r.stderr };
}

/** The run-count and seed names the guard checks (its RUN_COUNTS and SEEDS arrays). */
function guarded(array: string): string[] {
  const m = new RegExp(`^${array}=\\(([^)]*)\\)`, "m").exec(readFileSync("scripts/ci-guard.sh", "utf8"));
  if (m === null) throw new Error(`no ${array} in scripts/ci-guard.sh`);
  return m[1]!.trim().split(/\s+/);
}

function testFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) testFiles(p, out);
    else if (p.endsWith(".ts")) out.push(p);
  }
  return out;
}

describe("scripts/ci-guard.sh", () => {
  it("passes a clean environment, and sound run counts and seeds", () => {
    expect(guard({})).toEqual({ status: 0, stderr: "" });
    expect(guard({ PERIMETER_PROPERTY_RUNS: "5000", PERIMETER_OPA_RUNS: "1", PERIMETER_OPA_SEED: "-7", FORMAT_RUNS: "400" })).toEqual({ status: 0, stderr: "" });
  });

  it("refuses UPDATE_GOLDEN set to anything, even empty", () => {
    for (const v of ["1", "0", "", "false"]) {
      const r = guard({ UPDATE_GOLDEN: v });
      expect(r.status, v).toBe(2);
      expect(r.stderr).toContain("ci: refusing to run: UPDATE_GOLDEN is set");
    }
  });

  it("refuses every run count set to zero, a negative number or not an integer", () => {
    for (const name of guarded("RUN_COUNTS")) {
      for (const v of ["0", "-1", "1.5", "abc", "", " 5", "1e3", "0x10", "00"]) {
        const r = guard({ [name]: v });
        expect(r.status, `${name}=${JSON.stringify(v)}`).toBe(2);
        expect(r.stderr).toContain(`${name} must be a positive integer`);
      }
    }
  });

  it("refuses a seed that is not an integer, and names every offender", () => {
    expect(guard({ PERIMETER_OPA_SEED: "x" }).status).toBe(2);
    const r = guard({ UPDATE_GOLDEN: "1", PERIMETER_OPA_RUNS: "0", PERIMETER_OPA_SEED: "1.5" });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(3);
  });

  it("is the first thing .ci/run does", () => {
    const steps = readFileSync(".ci/run", "utf8").split("\n").filter((l) => l.trim() !== "" && !l.startsWith("#") && !l.startsWith("set ") && !l.startsWith("cd "));
    expect(steps[0]).toBe("bash scripts/ci-guard.sh");
  });

  it("knows every run count and seed the tests read", () => {
    const read = new Set<string>();
    for (const f of testFiles("test")) for (const m of readFileSync(f, "utf8").matchAll(/\b(runCount|seedFrom)\("([A-Z_]+)"/g)) if (!m[2]!.startsWith("PERIMETER_TEST_")) read.add(`${m[1]}:${m[2]}`);
    expect(read.size).toBeGreaterThan(5);
    const counts = new Set(guarded("RUN_COUNTS"));
    const seeds = new Set(guarded("SEEDS"));
    for (const r of read) {
      const [kind, name] = r.split(":") as [string, string];
      expect(kind === "runCount" ? counts.has(name) : seeds.has(name), `${name} (${kind}) is not checked by scripts/ci-guard.sh`).toBe(true);
    }
    // No test reads a run count straight from the environment, around the helpers.
    for (const f of testFiles("test")) expect(readFileSync(f, "utf8"), f).not.toMatch(/Number\(process\.env\[/);
  });
});

describe("the helpers that read run counts (so PERIMETER_PROPERTY_RUNS=0 npx vitest fails instead of passing)", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of ["PERIMETER_TEST_RUNS", "PERIMETER_TEST_SEED"]) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it("runCount: the default when unset, the value when a positive integer, an error otherwise", () => {
    delete process.env["PERIMETER_TEST_RUNS"];
    expect(runCount("PERIMETER_TEST_RUNS", 200)).toBe(200);
    process.env["PERIMETER_TEST_RUNS"] = "5000";
    expect(runCount("PERIMETER_TEST_RUNS", 200)).toBe(5000);
    for (const v of ["0", "-1", "1.5", "abc", "", "1e3", "99999999999999999999"]) {
      process.env["PERIMETER_TEST_RUNS"] = v;
      expect(() => runCount("PERIMETER_TEST_RUNS", 200), v).toThrow(/PERIMETER_TEST_RUNS must be a positive integer/);
    }
  });

  it("seedFrom: any integer, an error otherwise", () => {
    process.env["PERIMETER_TEST_SEED"] = "-42";
    expect(seedFrom("PERIMETER_TEST_SEED", 1)).toBe(-42);
    for (const v of ["1.5", "x", "", "--1"]) {
      process.env["PERIMETER_TEST_SEED"] = v;
      expect(() => seedFrom("PERIMETER_TEST_SEED", 1), v).toThrow(/must be an integer/);
    }
  });

  it("a property test file refuses to load with a zero run count", () => {
    const r = spawnSync("npx", ["vitest", "run", "test/format/property.test.ts"], { env: { ...process.env, FORMAT_RUNS: "0", CI: "" }, encoding: "utf8" });
    expect(r.status).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toContain("FORMAT_RUNS must be a positive integer");
  });
});
