// Decoding an export file's bytes (src/io/export-file.ts; MUTATION.md calls it by its name at
// the time of the mutation run, src/export/load-file.ts) by value: which byte-order marks count,
// a short or odd-length file, and bytes that are not UTF-8. The loader's file cases (missing
// file, directory, UTF-16 exports) are in load.test.ts; these are the fixed edges of the
// mutation run (MUTATION.md).
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { decodeExportBytes, loadExport, loadExportBytes } from "../../src/io/export-file.js";

const WARNING = "the file is not valid UTF-8 text; undecodable bytes were replaced with U+FFFD";
const decode = (...bytes: number[]) => decodeExportBytes(new Uint8Array(bytes));

describe("decodeExportBytes", () => {
  it("reads UTF-8, dropping its byte-order mark", () => {
    expect(decode()).toEqual({ text: "" });
    expect(decode(0x41)).toEqual({ text: "A" });
    expect(decode(0xc3, 0xa9)).toEqual({ text: "é" });
    expect(decode(0xef, 0xbb, 0xbf)).toEqual({ text: "" });
    expect(decode(0xef, 0xbb, 0xbf, 0x41)).toEqual({ text: "A" });
    // Only a whole mark at the start counts.
    expect(decode(0x41, 0xef, 0xbb, 0xbf)).toEqual({ text: "A\ufeff" });
  });

  it("reads UTF-16 after its byte-order mark, either order, an odd last byte dropped", () => {
    expect(decode(0xff, 0xfe)).toEqual({ text: "" });
    expect(decode(0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00)).toEqual({ text: "Aé" });
    expect(decode(0xfe, 0xff)).toEqual({ text: "" });
    expect(decode(0xfe, 0xff, 0x00, 0x41, 0x00, 0xe9)).toEqual({ text: "Aé" });
    expect(decode(0xfe, 0xff, 0x00, 0x41, 0x00)).toEqual({ text: "A" });
  });

  it("warns about bytes that are not UTF-8, a lone or partial mark included", () => {
    expect(decode(0xff)).toEqual({ text: "\ufffd", warning: WARNING });
    expect(decode(0xfe)).toEqual({ text: "\ufffd", warning: WARNING });
    expect(decode(0xef, 0xbb)).toEqual({ text: "\ufffd", warning: WARNING });
    expect(decode(0x41, 0xff, 0x42)).toEqual({ text: "A\ufffdB", warning: WARNING });
    // Each byte of a mark matters, not only its last ones.
    expect(decode(0x41, 0xfe)).toEqual({ text: "A\ufffd", warning: WARNING });
    expect(decode(0x41, 0xff)).toEqual({ text: "A\ufffd", warning: WARNING });
    expect(decode(0x41, 0x42, 0xbf)).toEqual({ text: "AB\ufffd", warning: WARNING });
    // A mark's first byte followed by anything else is no mark either.
    expect(decode(0xff, 0x41)).toEqual({ text: "\ufffdA", warning: WARNING });
    expect(decode(0xfe, 0x41)).toEqual({ text: "\ufffdA", warning: WARNING });
    expect(decode(0xef, 0x41, 0xbf)).toEqual({ text: "\ufffdA\ufffd", warning: WARNING });
    expect(decode(0xef, 0xbb, 0x41)).toEqual({ text: "\ufffdA", warning: WARNING });
    expect(decode(0x41, 0xbb, 0xbf)).toEqual({ text: "A\ufffd\ufffd", warning: WARNING });
  });

  it("decodes a view into a larger buffer by its own bytes only", () => {
    const whole = new Uint8Array([0x58, 0xff, 0xfe, 0x41, 0x00, 0x59]);
    expect(decodeExportBytes(whole.subarray(1, 5))).toEqual({ text: "A" });
  });
});

describe("loadExportBytes", () => {
  it("puts the decoding warning first, at the whole file", () => {
    const r = loadExportBytes("x.json", Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]));
    expect(r.problems[0]).toEqual({ file: "x.json", pointer: "", message: WARNING, severity: "warning" });
  });
});

describe("loadExport", () => {
  it("reports a file it cannot read as one error at the whole file", () => {
    const file = join(import.meta.dirname, "no-such-export.json");
    expect(loadExport(file)).toEqual({ problems: [{ file, pointer: "", message: "cannot read the file: no such file or directory", severity: "error" }] });
  });
});
