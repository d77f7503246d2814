// Bad input never crashes the host nor corrupts later evaluations. Invalid, truncated or
// empty input JSON makes the input undefined, and a report on an undefined input is
// undefined (OPA's semantics): the result set is []. Memory limits behave as the npm SDK's
// own memory tests expect ("opa_malloc: failed" when the module cannot grow memory).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadPolicySync } from "../../src/backends/wasm/sdk.js";
import { Wasm } from "../../src/backends/wasm/wasm-api.js";
import { defaultParams } from "../../src/eval/params.js";
import { evaluate } from "../../src/eval/run.js";
import { parseExport } from "../../src/export/load.js";
import { runCount } from "../helpers/env.js";
import { exampleExports, perimeterData, program, referenceReport, wasmOf } from "./helpers.js";

const ir = program("policies");
const params = defaultParams(ir);
const good = exampleExports()[0]!;
const want = () => JSON.stringify(referenceReport(ir, good, "2026-11-28", params));

function loaded(memory?: { initial: number; maximum?: number }) {
  const p = loadPolicySync(wasmOf("policies").module, memory);
  p.setData(perimeterData("2026-11-28", params));
  return p;
}

const enc = (s: string) => new TextEncoder().encode(s).buffer;

describe("bad input", () => {
  it("invalid, truncated or empty JSON gives [] and the next evaluation is right", () => {
    const p = loaded();
    const text = JSON.stringify(good.document);
    const bad = ["not json", "{", "", " ", text.slice(0, text.length / 2), text.slice(0, -1), `${text}x`, `${text},`, "\u0000", "[1,]", '{"a":01}', '{"a":"\\q"}', '{"a":"\u0001"}', "{'a':1}"];
    for (const b of bad) {
      expect(p.evaluate(enc(b)), JSON.stringify(b.slice(0, 40))).toEqual([]);
      expect(JSON.stringify(p.evaluate(good.document)[0].result)).toBe(want());
    }
  });

  it("an encoded surrogate written raw (ED A0 80, not UTF-8) reads as U+FFFD per byte, as JSON.parse of the decoded text reads it, not as the lone surrogate a \\ud800 escape is", () => {
    // Found by the wasm-json fuzz target: the module reported the name with "\ud800" where the evaluator (and OPA) see "\ufffd\ufffd\ufffd".
    const p = loaded();
    // A subject label of the report, written in the export with the bytes under test after it.
    const label = JSON.parse(want()).controls.flatMap((c: { results: { subject: { label: string } }[] }) => c.results.map((r) => r.subject.label)).find((l: string) => /^[\w.-]+$/.test(l)) as string;
    const json = JSON.stringify(good.document);
    expect(json).toContain(`"${label}"`);
    const [before, after] = [json.slice(0, json.indexOf(`"${label}"`) + label.length + 1) + "-", "-end" + json.slice(json.indexOf(`"${label}"`) + label.length + 1)];
    for (const raw of [[0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xed, 0xa0], [0xed, 0xa0, 0x80, 0xed, 0xb0, 0x80]]) {
      const bytes = new Uint8Array([...new TextEncoder().encode(before), ...raw, ...new TextEncoder().encode(after)]);
      const text = new TextDecoder().decode(bytes);
      expect(text).toContain(`${label}-\ufffd\ufffd`);
      const exp = parseExport("raw.json", text).export!;
      const got = JSON.stringify(p.evaluate(bytes.slice().buffer)[0].result);
      expect(got, JSON.stringify(raw)).toBe(JSON.stringify(referenceReport(ir, exp, "2026-11-28", params)));
      expect(got).toContain(`${label}-\ufffd\ufffd`);
      expect(got).not.toContain("\\ud");
    }
    // An escaped lone surrogate stays one, and a valid ED sequence (U+D7FF) is text.
    const escaped = JSON.stringify(p.evaluate(enc(`${before}\\ud800${after}`))[0].result);
    expect(escaped).toContain(`${label}-\\ud800-end`);
    expect(JSON.stringify(p.evaluate(enc(`${before}\ud7ff${after}`))[0].result)).toContain(`${label}-\ud7ff-end`);
    expect(JSON.stringify(p.evaluate(good.document)[0].result)).toBe(want());
  });

  it("ill-formed UTF-8 in strings reads as TextDecoder reads it (one U+FFFD per maximal ill-formed subpart), so names that differ only in such bytes are equal and sort as the evaluator sorts them", () => {
    const p = loaded();
    const json = JSON.stringify(good.document);
    // Every subject label that is a plain word: the bytes under test go after each of them.
    const labels = [...new Set(JSON.parse(want()).controls.flatMap((c: { results: { subject: { label: string } }[] }) => c.results.map((r) => r.subject.label)) as string[])].filter((l) => /^[\w.-]+$/.test(l) && json.includes(`"${l}"`));
    expect(labels.length).toBeGreaterThan(1);
    const withBytes = (tails: readonly (readonly number[])[]) => {
      let text = json;
      labels.forEach((l, i) => (text = text.split(`"${l}"`).join(`"${l}-@@tail${i}@@"`)));
      const parts = text.split(/@@tail(\d+)@@/);
      const out: number[] = [];
      parts.forEach((part, i) => out.push(...(i % 2 === 0 ? new TextEncoder().encode(part) : tails[Number(part) % tails.length]!)));
      return new Uint8Array(out);
    };
    const check = (tails: readonly (readonly number[])[]) => {
      const bytes = withBytes(tails);
      const exp = parseExport("raw.json", new TextDecoder().decode(bytes)).export!;
      expect(JSON.stringify(p.evaluate(bytes.slice().buffer)[0].result), JSON.stringify(tails)).toBe(JSON.stringify(referenceReport(ir, exp, "2026-11-28", params)));
    };
    // Found by this property before the reader validated UTF-8: "ED E2 80" was kept raw, and
    // the dump took its ED for a lone surrogate's lead and wrote "\ud880" where the evaluator
    // reads U+FFFD U+FFFD.
    check([[0xed, 0xe2, 0x80], [0x41]]);
    // Lone bytes of each kind, truncated sequences ("E2 82" is one U+FFFD, "F0 9F 98" one),
    // overlong and out-of-range forms (one U+FFFD per byte), and well-formed neighbours.
    check([[0xff], [0xef, 0xbf, 0xbe]]);
    check([[0x80], [0xbf], [0xc0, 0xaf], [0xc1, 0xbf], [0xf5, 0x80], [0xfe], [0xff]]);
    check([[0xe2, 0x82], [0xe2], [0xf0, 0x9f, 0x98], [0xf0, 0x9f], [0xf4, 0x90, 0x80, 0x80], [0xe0, 0x80, 0x80], [0xf0, 0x80, 0x80, 0x80]]);
    check([[0xe2, 0x82, 0xac], [0xe2, 0x82, 0xff], [0xed, 0x9f, 0xbf], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98, 0x80], [0xf4, 0x8f, 0xbf, 0xbf]]);
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(fc.integer({ min: 0x80, max: 0xff }), fc.constantFrom(0x41, 0x5c, 0x6e, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0xed)), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (tails) => {
        // A backslash must start a valid escape: here it is always "\n".
        const fixed = tails.map((t) => t.flatMap((b, i) => (b === 0x5c ? [0x5c, 0x6e] : t[i - 1] === 0x5c ? [] : [b])));
        check(fixed);
      }),
      { numRuns: runCount("PERIMETER_PROPERTY_RUNS", 100) },
    );
    expect(JSON.stringify(p.evaluate(good.document)[0].result)).toBe(want());
  });

  it("falsy inputs are no input on the SDK's fast path: []", () => {
    const p = loaded();
    for (const x of [null, 0, "", false]) expect(p.evaluate(x)).toEqual([]);
    expect(p.evaluate(undefined)).toEqual([]);
  });

  it("JSON values that are not objects still give the evaluator's report (and a UTF-8 byte-order mark is ignored)", () => {
    const p = loaded();
    for (const text of ["[]", "42", '"s"', "null", "true", "[{}]", "{}"]) {
      const doc = JSON.parse(text) as unknown;
      const ref = JSON.stringify(evaluate(ir, { document: doc, errors: [] }, { now: "2026-11-28", params }));
      expect(JSON.stringify(p.evaluate(enc(text))[0]?.result), text).toBe(ref);
    }
    expect(JSON.stringify(p.evaluate(enc(`\ufeff${JSON.stringify(good.document)}`))[0].result)).toBe(want());
  });

  it("random bytes and random JSON-ish text never throw; every evaluation after them is right", () => {
    const p = loaded();
    const jsonish = fc.stringMatching(/^[{}[\]",:0-9a-z\\ .eE+-]{0,60}$/);
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), jsonish.map((s) => new TextEncoder().encode(s))), (bytes) => {
        const r = p.evaluate(bytes.slice().buffer) as unknown[];
        expect(r.length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
    expect(JSON.stringify(p.evaluate(good.document)[0].result)).toBe(want());
  });

  it("nesting deeper than 2048 levels is refused ([]), in read and in skipped values alike", () => {
    const p = loaded();
    const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
    expect(p.evaluate(enc(`{"workspaces":${deep(3000)}}`))).toEqual([]);
    expect(p.evaluate(enc(`{"ignored":${deep(100_000)}}`))).toEqual([]);
    expect(p.evaluate(enc(`{"ignored":${deep(1000)}}`))).toHaveLength(1);
    expect(JSON.stringify(p.evaluate(good.document)[0].result)).toBe(want());
  });

  it("the limit is exactly 2048 levels, whatever the innermost container (found by the wasm-json fuzz target: an empty [] or {} was not counted, so 2049 levels passed)", () => {
    const p = loaded();
    const arrays = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
    const objects = (n: number) => `${'{"a":'.repeat(n - 1)}{}${"}".repeat(n - 1)}`;
    for (const nest of [arrays, objects]) {
      // The whole input; a value the report never reads (skipped); one it reads (parsed).
      for (const wrap of [(x: string) => x, (x: string) => `{"ignored":${x}}`, (x: string) => `{"workspaces":${x}}`]) {
        const outer = wrap("") === "" ? 0 : 1;
        expect(p.evaluate(enc(wrap(nest(2048 - outer)))), `${wrap("x")} 2048`).toHaveLength(1);
        expect(p.evaluate(enc(wrap(nest(2049 - outer)))), `${wrap("x")} 2049`).toEqual([]);
      }
    }
    expect(JSON.stringify(p.evaluate(good.document)[0].result)).toBe(want());
  });

  it("a large export (thousands of workspaces, long strings) gives the evaluator's report", () => {
    const base = good.document as { workspaces: unknown[] };
    const doc = { ...good.document, workspaces: Array.from({ length: 40 }, (_, i) => base.workspaces.map((w) => ({ ...(w as object), workspace_id: `${i}-${(w as { workspace_id: string }).workspace_id}`, filler: "x".repeat(20_000) }))).flat() };
    const text = JSON.stringify(doc);
    expect(text.length).toBeGreaterThan(1_000_000);
    const p = loaded();
    const ref = JSON.stringify(evaluate(ir, { document: doc, errors: [] }, { now: "2026-11-28", params }));
    expect(JSON.stringify(p.evaluate(enc(text))[0].result)).toBe(ref);
    expect(JSON.stringify(p.evaluate(good.document)[0].result)).toBe(want());
  });
});

describe("memory limits (the npm SDK's memory tests)", () => {
  const input = { workspaces: [{ workspace_id: "x".repeat(128 * 1024) }] };

  it("a memory with a maximum too small for the input: the host's grow fails (RangeError)", () => {
    const p = loaded({ initial: 2, maximum: 3 });
    expect(() => p.evaluate({ filler: "x".repeat(128 * 1024), ...input })).toThrow(RangeError);
  });

  it("when the module cannot grow memory it aborts with `opa_malloc: failed`; later evaluations work", () => {
    const p = loaded({ initial: 3, maximum: 5 });
    // 80 KB of input that parses into 40,000 values: more than the 5 pages can hold.
    const many = { workspaces: Array.from({ length: 40_000 }, () => 1) };
    expect(() => p.evaluate(many)).toThrow("opa_malloc: failed");
    expect(JSON.stringify(p.evaluate(good.document)[0].result)).toBe(want());
  });

  it("with room to grow, a 128 KiB input evaluates, and 16 more evaluations do not grow memory", () => {
    const p = loaded({ initial: 2, maximum: 8 });
    const mem = (p as unknown as { mem: { buffer: ArrayBuffer } }).mem;
    expect(p.evaluate(input)).toHaveLength(1);
    const size = mem.buffer.byteLength;
    for (let i = 0; i < 16; i++) p.evaluate(input);
    expect(mem.buffer.byteLength).toBe(size);
  });

  it("links with the SDK's default memory (5 pages, no maximum)", () => {
    expect(() => new Wasm.Instance(new Wasm.Module(wasmOf("policies").module), { env: { memory: new Wasm.Memory({ initial: 5 }), opa_abort: () => {} } })).not.toThrow();
  });
});
