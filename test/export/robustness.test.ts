// The loader never throws: binary garbage, deep nesting, a 50 MB file and random mutations of
// an example all end in an export or in at least one error problem. The JSON syntax scanner
// agrees with JSON.parse on what is valid.
import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findJsonSyntaxError } from "../../src/export/json-text.js";
import { parseExport, type ExportLoadResult } from "../../src/export/load.js";
import { loadExport } from "../../src/io/export-file.js";
import { exampleDoc, exampleFiles, exampleText } from "./helpers.js";

/** An export, or a rejection with at least one error; warnings never stand alone in a rejection. */
function settled(r: ExportLoadResult): boolean {
  const errors = r.problems.filter((p) => p.severity === "error").length;
  return r.export !== undefined ? errors === 0 : errors > 0;
}

const dir = mkdtempSync(join(tmpdir(), "perimeter-robust-"));

describe("hostile input", () => {
  it("reports binary garbage as a syntax error", () => {
    const bytes = Buffer.alloc(4096);
    let x = 0x2545f491;
    for (let i = 0; i < bytes.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      bytes[i] = x & 0xff;
    }
    const path = join(dir, "garbage.bin");
    writeFileSync(path, bytes);
    const r = loadExport(path);
    expect(r.export).toBeUndefined();
    expect(r.problems.some((p) => p.severity === "error" && p.line !== undefined)).toBe(true);
  });

  it("handles deeply nested arrays in free-form data and in typed lists", () => {
    const depth = 200_000;
    const deep = `${"[".repeat(depth)}${"]".repeat(depth)}`;
    const free = parseExport("free.json", `{"schema": "dbx-network-export/v1", "x_blob": ${deep}}`);
    expect(free.problems).toEqual([]);
    let inner: unknown = free.export!.document["x_blob"];
    for (let i = 1; i < depth; i++) inner = (inner as unknown[])[0];
    expect(free.export!.pointerOf(inner as object)).toBe(`/x_blob${"/0".repeat(depth - 1)}`);

    const typed = parseExport("typed.json", `{"schema": "dbx-network-export/v1", "workspaces": ${deep}}`);
    expect(typed.problems.map((p) => [p.pointer, p.message])).toEqual([["/workspaces/0", "must be object (found array)"]]);

    const open = parseExport("open.json", `{"schema": "dbx-network-export/v1", "x": ${"[{\"a\":".repeat(depth)}`);
    expect(open.problems).toHaveLength(1);
    expect(open.problems[0]).toMatchObject({ severity: "error", line: 1 });
  });

  it("loads a 50 MB export", () => {
    const d = exampleDoc("contoso-prod-azure-compliant.json");
    const row = d["workspaces"][0].outbound_network_summary[0];
    const rows = Array.from({ length: 190_000 }, (_, i) => ({ ...row, destination: `host-${i}.example.com`, dns_event: { domain_name: `host-${i}.example.com`, rcode: 3 } }));
    d["workspaces"][0].outbound_network_summary = rows;
    const path = join(dir, "big.json");
    writeFileSync(path, JSON.stringify(d, null, 1));
    const r = loadExport(path);
    expect(r.problems).toEqual([]);
    const loaded = r.export!;
    const last = (loaded.document as any).workspaces[0].outbound_network_summary.at(-1);
    expect(loaded.pointerOf(last)).toBe(`/workspaces/0/outbound_network_summary/${rows.length - 1}`);
  });

  it("reports every error of a 50 MB export of wrong values, capped", () => {
    const items = Array.from({ length: 600_000 }, (_, i) => `{"list_id": ${i}, "ip_addresses": "10.0.0.${i % 256}"}`).join(",\n");
    const text = `{"schema": "dbx-network-export/v1", "account": {"ip_access_lists": [${items}]}}`;
    expect(text.length).toBeGreaterThan(30_000_000);
    const r = parseExport("wrong.json", text);
    expect(r.export).toBeUndefined();
    expect(r.problems).toHaveLength(100);
    expect(r.problems[0]).toMatchObject({ pointer: "/account/ip_access_lists/0/list_id", message: "must be string (found integer 0)" });
  });
});

describe("random mutations of the examples", () => {
  const texts = exampleFiles.map(exampleText);

  const mutated = fc
    .record({
      which: fc.nat({ max: texts.length - 1 }),
      edits: fc.array(
        fc.oneof(
          fc.record({ kind: fc.constant("truncate" as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
          fc.record({ kind: fc.constant("flip" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), code: fc.integer({ min: 0, max: 0xffff }) }),
          fc.record({ kind: fc.constant("insert" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.constantFrom("{", "}", "[", "]", ",", ":", '"', "\\", "0", "-", "null", '"x"', "\u0000", "\ud800") }),
          fc.record({ kind: fc.constant("delete" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 40 }) }),
        ),
        { minLength: 1, maxLength: 4 },
      ),
    })
    .map(({ which, edits }) => {
      let t = texts[which]!;
      for (const e of edits) {
        const at = Math.min(t.length, Math.floor(e.at * t.length));
        if (e.kind === "truncate") t = t.slice(0, at);
        else if (e.kind === "flip") t = t.slice(0, at) + String.fromCharCode(e.code) + t.slice(at + 1);
        else if (e.kind === "insert") t = t.slice(0, at) + e.text + t.slice(at);
        else t = t.slice(0, at) + t.slice(at + e.length);
      }
      return t;
    });

  it("never throw, and either load or report an error", () => {
    fc.assert(
      fc.property(mutated, (text) => {
        const r = parseExport("m.json", text);
        expect(settled(r)).toBe(true);
        for (const p of r.problems) if (p.line !== undefined) expect(p.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 400 },
    );
  });

  it("never throw on raw byte flips of the file", () => {
    const bytes = texts.map((t) => Buffer.from(t, "utf8"));
    const path = join(dir, "flipped.json");
    fc.assert(
      fc.property(fc.nat({ max: bytes.length - 1 }), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (which, flips) => {
        const b = Buffer.from(bytes[which]!);
        for (const [at, v] of flips) b[Math.min(b.length - 1, Math.floor(at * b.length))] = v;
        writeFileSync(path, b);
        expect(settled(loadExport(path))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe("findJsonSyntaxError", () => {
  const jsonish = fc.oneof(
    fc.json(),
    fc.json().chain((j) => fc.tuple(fc.nat({ max: j.length }), fc.string({ maxLength: 3 })).map(([at, s]) => j.slice(0, at) + s + j.slice(at))),
    fc.json().chain((j) => fc.nat({ max: j.length }).map((at) => j.slice(0, at))),
    fc.string({ unit: fc.constantFrom(..."{}[],:\"\\ 0123456789.eE+-tuflsan \n\t") , maxLength: 30 }),
  );

  it("finds an error exactly when JSON.parse fails", () => {
    fc.assert(
      fc.property(jsonish, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const at = findJsonSyntaxError(text);
        expect(at === undefined).toBe(valid);
        if (at !== undefined) expect(at).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 3000 },
    );
  });

  it("points at the offending character", () => {
    expect(findJsonSyntaxError('{"a": tru}')).toBe(9);
    expect(findJsonSyntaxError('{"a": 1,}')).toBe(8);
    expect(findJsonSyntaxError('["\\x"]')).toBe(3);
    expect(findJsonSyntaxError('["\\u12g4"]')).toBe(6);
    expect(findJsonSyntaxError("[1, 2")).toBe(5);
    expect(findJsonSyntaxError("[1] [")).toBe(4);
    expect(findJsonSyntaxError('{"a":"\u0001"}')).toBe(6);
    expect(findJsonSyntaxError(`${"[".repeat(100_000)}${"]".repeat(100_000)}`)).toBeUndefined();
  });
});
