// JSON text to value (src/export/json-text.ts) by value: the scanner that finds where V8's
// position-less messages ("Unexpected token 'x', "…" is not valid JSON") went wrong, and the
// messages and places the loader and the params reader show for a syntax error. The robustness
// tests run these on huge and random texts; these are the fixed edges (mutation testing,
// MUTATION.md).
import { describe, expect, it } from "vitest";
import { findJsonSyntaxError, parseJsonText } from "../../src/export/json-text.js";

describe("findJsonSyntaxError", () => {
  it.each([
    // Valid JSON: no error.
    ["-0.5e-3", undefined],
    ["0", undefined],
    ['{"a":[1,{"b":null}],"c":true,"d":false}', undefined],
    ["\t[\r\n]", undefined],
    ["[1]\n\n  ", undefined],
    ['["a\\/\\b\\f\\n\\r\\t\\"\\\\\\u00e9\\uABCD"]', undefined],
    ["[1.5E+10, 2e-3, -0, 10]", undefined],
    ['{ "a" : 1 , "b" : [ ] , "c" : { } }', undefined],
    ["[[[]],[{}]]", undefined],
    ['"a b"', undefined],
    ["[9, 19.9e9, -9]", undefined],
    ['{"a":{"b":[]}}', undefined],
    // The offset of the first wrong character, or the length when the text ends too early.
    ["", 0],
    ["  \n", 3],
    ["{", 1],
    ["[", 1],
    ["[1,]", 3],
    ["{x", 1],
    ['{"a" 1}', 5],
    ['{"a":1,}', 7],
    ['{"a":1 "b":2}', 7],
    ["[1 2]", 3],
    ["tru", 3],
    ["trux", 3],
    ["nul", 3],
    ["fals", 4],
    ["x", 0],
    ["-", 1],
    ["01", 1],
    ["1.", 2],
    ["1.e5", 2],
    ["1e", 2],
    ["1e+", 3],
    ["1E-x", 3],
    ['"\\u12G4"', 5],
    ['"\\u12', 5],
    ['"\\x"', 2],
    ['"\\', 2],
    ['"a\nb"', 2],
    ['"abc', 4],
    ['{"a":[1,{"b":null}]', 19],
    ["[] x", 3],
    ["{}}", 2],
    ["[}", 1],
    ["{]", 1],
    ["{,}", 1],
    ['{"a":}', 5],
    ['{"a":1,"b"}', 10],
    ['{"a"', 4],
    ["[-x]", 2],
    ["[1e5x]", 4],
    ["true false", 5],
    ["\u00a0[]", 0],
    ["[1,\n  2,\n  x]", 11],
    ["tr ue", 2],
    ["t\nrue", 1],
    ["[1,\t", 4],
    ['"\\u', 3],
    ["[- 1]", 2],
    ["[1,,2]", 3],
    ["[,]", 1],
    ["{1:2}", 1],
    ['{"a":1,2:3}', 7],
    ['{"a":1]', 6],
    ["[1}", 2],
    ['[{"a":1]]', 7],
  ])("%j: %s", (text, offset) => {
    expect(findJsonSyntaxError(text)).toBe(offset);
  });

  it("agrees with V8 wherever V8 states a position", () => {
    let compared = 0;
    for (const text of ["{", "{x", '{"a" 1}', '{"a":1,}', "[1 2]", "-", "01", "1.", "1.e5", "1e+", '"\\u12G4"', '"\\x"', '"a\nb"', '"abc', "[] x", "{}}", '{"a":1 "b":2}', "[-x]", "[1e5x]"]) {
      let stated: number | undefined;
      try {
        JSON.parse(text);
      } catch (e) {
        const m = /at position (\d+)/.exec((e as Error).message);
        if (m) stated = Number(m[1]);
      }
      if (stated === undefined) continue;
      expect(findJsonSyntaxError(text), JSON.stringify(text)).toBe(stated);
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });

  it("scans a deep nesting without recursion", () => {
    expect(findJsonSyntaxError(`${"[".repeat(200_000)}${"]".repeat(200_000)}`)).toBeUndefined();
    expect(findJsonSyntaxError(`${"[".repeat(200_000)}${"]".repeat(199_999)}`)).toBe(399_999);
    expect(findJsonSyntaxError(`${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`)).toBeUndefined();
  });
});

describe("parseJsonText", () => {
  const error = (text: string) => {
    const r = parseJsonText(text);
    if (r.ok) throw new Error(`${JSON.stringify(text)} parsed`);
    return `${r.line}:${r.column}: ${r.message}`;
  };

  it("reads JSON, with or without a byte-order mark", () => {
    expect(parseJsonText('{"a": [1, "x"]}')).toEqual({ ok: true, value: { a: [1, "x"] } });
    expect(parseJsonText("\ufeff[1]")).toEqual({ ok: true, value: [1] });
    // Only a leading mark is skipped.
    expect(error("[1,\ufeff2]")).toBe("1:4: unexpected character '\ufeff'");
  });

  it("calls an empty or blank file empty", () => {
    for (const text of ["", "  \n\t", "\ufeff", "\ufeff \r\n"]) expect(error(text), JSON.stringify(text)).toBe("1:1: the file is empty: expected a JSON object");
  });

  it("takes an error at the very end for a truncated file", () => {
    expect(error("tru")).toBe("1:4: unexpected end of JSON input (is the file truncated?)");
    expect(error('{"a": [1,\n  2')).toMatch(/^2:4: .* at the end of the input \(is the file truncated\?\)$/);
    expect(error("{")).toBe("1:2: expected property name or '}' at the end of the input (is the file truncated?)");
    expect(error('"abc')).toBe("1:5: unterminated string at the end of the input (is the file truncated?)");
    // Whitespace after the place is still the end.
    expect(error("[1,\n  \n")).toMatch(/^3:1: .*\(is the file truncated\?\)$/);
  });

  it("gives V8's message lowercase, without its position, snippet or line suffix", () => {
    expect(error("{x")).toBe("1:2: expected property name or '}'");
    expect(error('{"a" 1}')).toBe("1:6: expected ':' after property name");
    expect(error("[] x")).toBe("1:4: unexpected non-whitespace character after JSON");
    expect(error("01")).toBe("1:2: unexpected number");
    expect(error('{\n  "a": 1\n  "b": 2\n}')).toBe("3:3: expected ',' or '}' after property value");
  });

  it("cleans V8 12's messages too (Node 22 appends the line and column)", () => {
    const parse = JSON.parse;
    try {
      JSON.parse = () => {
        throw new SyntaxError("Expected ',' or '}' after property value in JSON at position 7 (line 1 column 8)");
      };
      expect(error('{"a":1 "b":2}')).toBe("1:8: expected ',' or '}' after property value");
      JSON.parse = () => {
        throw new SyntaxError("Unexpected non-whitespace character after JSON at position 3 (line 1 column 4)");
      };
      expect(error("[] x")).toBe("1:4: unexpected non-whitespace character after JSON");
    } finally {
      JSON.parse = parse;
    }
  });

  it("names the character V8 gives no position for, at the scanner's place", () => {
    expect(error("[1,]")).toBe("1:4: unexpected character ']'");
    expect(error("[1,\n  2,\n  x]")).toBe("3:3: unexpected character 'x'");
    expect(error("[1,\r\n x]")).toBe("2:2: unexpected character 'x'");
    expect(error('{"a":}')).toBe("1:6: unexpected character '}'");
    expect(error("[é]")).toBe("1:2: unexpected character 'é'");
    expect(error("[\u{1F600}]")).toBe("1:2: unexpected character '\u{1F600}'");
    expect(error("\u00a0[]")).toBe("1:1: unexpected character '\u00a0'");
    expect(error("tr ue")).toBe("1:3: unexpected space");
    expect(error("t\nrue")).toBe("1:2: unexpected line break");
    expect(error("t\rrue")).toBe("1:2: unexpected line break");
    expect(error("t\true")).toBe("1:2: unexpected tab");
    expect(error("nul\n")).toBe("1:4: unexpected line break at the end of the input (is the file truncated?)");
    expect(error("[1,,2]")).toBe("1:4: unexpected character ','");
    expect(error("[\u0001]")).toBe("1:2: unexpected character U+0001");
    expect(error("[\u001f]")).toBe("1:2: unexpected character U+001F");
    expect(error("[\u007f]")).toBe("1:2: unexpected character U+007F");
    expect(error("[\u0080]")).toBe("1:2: unexpected character U+0080");
    expect(error("[\u009f]")).toBe("1:2: unexpected character U+009F");
    expect(error("[\u00a1]")).toBe("1:2: unexpected character '\u00a1'");
    expect(error("[\ufffd]")).toBe("1:2: unexpected character U+FFFD");
    expect(error("[\t\tx]")).toBe("1:4: unexpected character 'x'");
  });
});
