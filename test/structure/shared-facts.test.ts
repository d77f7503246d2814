/**
 * Each shared fact is defined once, in `src/util/`: the control severities, `assertNever`
 * and calendar-date parsing; and the wording of an I/O failure in `src/io/errors.ts`. A second definition anywhere under `src/` fails here, with the
 * file and line, so it is moved to (or imported from) its one home instead of drifting.
 */

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { SEVERITIES, SEVERITY_RANK } from "../../src/util/severity.js";
import { dateError, daysBetween, isCalendarDate } from "../../src/util/date.js";

const ROOT = join(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(path);
    return /\.(ts|mts|cts)$/.test(e.name) && !e.name.endsWith(".d.ts") ? [path] : [];
  });
}

const FILES = sources("src").map((file) => ({ file, lines: readFileSync(join(ROOT, file), "utf8").split("\n") }));

/** `file:line` of every line matching `pattern`, outside `home` and the files allowed. */
function occurrences(pattern: RegExp, home: string, allowed: readonly string[] = []): string[] {
  return FILES.filter(({ file }) => file !== home && !allowed.includes(file)).flatMap(({ file, lines }) =>
    lines.flatMap((line, i) => (pattern.test(line) ? [`${relative(ROOT, join(ROOT, file))}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe("shared facts are defined once", () => {
  it("the severity list lives in src/util/severity.ts", () => {
    // Three severities or more written out in a row (a list, a union type, a help text).
    const sev = String.raw`\b(critical|high|medium|low|info)\b`;
    expect(occurrences(new RegExp(`${sev}\\W+${sev}\\W+${sev}`), "src/util/severity.ts")).toEqual([]);
  });

  it("assertNever lives in src/util/assert-never.ts", () => {
    expect(occurrences(/function assertNever\b|assertNever\s*=/, "src/util/assert-never.ts")).toEqual([]);
  });

  it("calendar dates are parsed in src/util/date.ts", () => {
    // The lexer's Date token recognises the shape; whether the date exists is dateError's.
    // SQL timestamps (collect/) are timestamps of the warehouse API, not calendar dates.
    const shape = /\\d\{4\}-\\d\{2\}-\\d\{2\}|toISOString\(\)\.slice\(0, 10\)|T00:00:00Z|function dateError\b/;
    expect(occurrences(shape, "src/util/date.ts", ["src/syntax/tokens.ts", "src/collect/sql-values.ts"])).toEqual([]);
  });

  it("the wording of an I/O failure is src/io/errors.ts's", () => {
    // Listing a folder for app sources says "no such directory" / "not a directory" of the folder
    // itself; running OPA says why the program cannot be run. Neither reads a file.
    expect(occurrences(/["'](EISDIR|EACCES|EPERM)["']/, "src/io/errors.ts", ["src/collect/app-source.ts", "src/backends/opa/engine.ts"])).toEqual([]);
  });

  it("the shared modules say what the rest relies on", () => {
    expect(SEVERITIES).toEqual(["critical", "high", "medium", "low", "info"]);
    expect(SEVERITIES.map((s) => SEVERITY_RANK[s])).toEqual([4, 3, 2, 1, 0]);
    expect(dateError("2024-02-30")).toBe("February 2024 has 29 days");
    expect(dateError("2023-13-01")).toBe("there is no month 13");
    expect(dateError("2023-1-01")).toBe("a date is written YYYY-MM-DD");
    expect(isCalendarDate("2000-02-29")).toBe(true);
    expect(isCalendarDate("1900-02-29")).toBe(false);
    expect(daysBetween("2026-02-28", "2026-03-01")).toBe(1);
  });
});
