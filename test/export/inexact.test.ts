// Numbers beyond 2^53 in an export. An integer written as an integer (any length), or with a
// fraction or an exponent below 10^21, is read exactly, as a bigint (parseExactJson, and the
// loaded document), wherever it is (nested objects and arrays, envelopes, keys needing
// escapes, next to strings with digits and quotes), and draws no warning. A non-integer that
// float64 changes, an integer of 10^21 or more written with an exponent that float64 shows as
// another number, and a number beyond the float64 range are reported as warnings at their
// JSON pointers, and the export still loads. exactJsonText writes the bigints back digit for
// digit.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exactJsonText, hasUnsafeNumber, parseExactJson } from "../../src/export/exact-json.js";
import { inexactNumbers } from "../../src/export/inexact.js";
import { parseExport } from "../../src/export/load.js";
import { pointerOfTokens } from "../../src/export/pointers.js";
import { exampleText } from "./helpers.js";

const found = (text: string) => inexactNumbers(text, JSON.parse(text) as unknown);

describe("integers beyond 2^53 written as integers", () => {
  it("are read as bigints, everything else as JSON.parse reads it", () => {
    const text = `{"a~b/c": [1, {"id": 9876543210987655, "s": "9876543210987655 \\" ]}{,"}, -12345678901234567891], "x": 9007199254740991, "y": 9007199254740992, "z": [-0, 1.5, 1e300, "-9876543210987655"], "w": 1${"0".repeat(400)}}`;
    expect(parseExactJson(text)).toEqual({
      "a~b/c": [1, { id: 9876543210987655n, s: '9876543210987655 " ]}{,' }, -12345678901234567891n],
      x: 9007199254740991,
      y: 9007199254740992n,
      z: [-0, 1.5, 1e300, "-9876543210987655"],
      w: 10n ** 400n,
    });
    expect(found(text)).toEqual([]);
  });

  it("are exact when written with a fraction or an exponent below 10^21, in canonical digits", () => {
    const text = `[9876543210987655.0, -9.876543210987655e15, 98765432109876550e-1, 9.876543210987655E+15, 1.8446744073709552e19, 9.99999999999999999999e20, 1e21, 9007199254740991.0, 9876543210987655.5]`;
    expect(parseExactJson(text)).toEqual([9876543210987655n, -9876543210987655n, 9876543210987655n, 9876543210987655n, 18446744073709552000n, 999999999999999999999n, 1e21, 9007199254740991, 9876543210987656]);
    expect(found(text).map((n) => n.written)).toEqual(["9876543210987655.5"]);
  });

  it("keep the last of duplicate keys, as JSON.parse does", () => {
    expect(parseExactJson(`{"a": 9876543210987655, "a": 1, "b": 2, "b": 9876543210987657}`)).toEqual({ a: 1, b: 9876543210987657n });
  });

  it("are own properties under any key, `__proto__` included, and may be the whole document", () => {
    const v = parseExactJson(`{"__proto__": 9876543210987655}`) as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(v, "__proto__")?.value).toBe(9876543210987655n);
    expect(parseExactJson("-9876543210987655")).toBe(-9876543210987655n);
  });

  it("are written back digit for digit", () => {
    const doc = { a: [9876543210987655n, -(10n ** 30n)], b: "9876543210987655", c: 1.5 };
    expect(exactJsonText(doc)).toBe(`{"a":[9876543210987655,-1000000000000000000000000000000],"b":"9876543210987655","c":1.5}`);
    expect(exactJsonText({ a: 1 })).toBe(`{"a":1}`);
  });

  it("warn about a number beyond the float64 range at its place, in words of its own", () => {
    const d = JSON.parse(exampleText("contoso-prod-azure-compliant.json"));
    d.workspaces[0].azure_resource.properties.encryption = { entities: { managedDisk: "PLACEHOLDER" } };
    const text = JSON.stringify(d).replace('"PLACEHOLDER"', "-1E400");
    const r = parseExport("far.json", text);
    expect(r.problems.map((p) => `${p.severity} ${p.pointer}: ${p.message}`)).toEqual([
      "warning /workspaces/0/azure_resource/properties/encryption/entities/managedDisk: the number -1E400 is beyond the float64 range and is read as -Infinity",
    ]);
  });

  it("load without a warning, as bigints in the document, also inside an envelope", () => {
    const example = exampleText("contoso-prod-azure-compliant.json");
    const text = example.replace(`"workspace_id": 3141592653589793,`, `"workspace_id": 9876543210987655,`);
    expect(text).not.toBe(example);
    const r = parseExport("big.json", text);
    expect(r.problems).toEqual([]);
    expect(r.export!.exactIntegers).toBe(true);
    const ws = (r.export!.document["workspaces"] as Record<string, unknown>[])[0]!;
    expect(ws["workspace_id"]).toBe(9876543210987655n);
    expect(r.export!.pointerOf(ws)).toBe("/workspaces/0");
    const plain = parseExport("example.json", example);
    expect(plain.export!.exactIntegers).toBe(false);

    const enveloped = `{"schema": "dbx-network-export/v1", "exported_at": "2026-08-24T09:00:00Z", "collection": {"source": "rest", "cloud": "azure", "errors": []}, "account": {"account_id": "a"}, "workspaces": {"workspaces": [{"workspace_id": 9876543210987655}], "next_page_token": ""}}`;
    const e = parseExport("env.json", enveloped);
    expect(e.problems).toEqual([]);
    const list = e.export!.document["workspaces"] as Record<string, unknown>[];
    expect(list).toEqual([{ workspace_id: 9876543210987655n }]);
    expect(e.export!.pointerOf(list[0]!)).toBe("/workspaces/workspaces/0");
  });
});

describe("numbers float64 changes that are not exact integers", () => {
  it("are found at their pointers, with the text written and the value read", () => {
    const text = `{"a~b/c": [1, {"id": 9876543210987655.5, "s": "9876543210987655.5 \\" ]}{,"}, -1.2345678901234567891e22], "x": 9007199254740993.25, "y": 1e400, "z": -1E400}`;
    expect(found(text)).toEqual([
      { pointer: "/a~0b~1c/1/id", written: "9876543210987655.5", read: "9876543210987656" },
      { pointer: "/a~0b~1c/2", written: "-1.2345678901234567891e22", read: "-1.2345678901234568e+22" },
      { pointer: "/x", written: "9007199254740993.25", read: "9007199254740994" },
      { pointer: "/y", written: "1e400", read: "Infinity" },
      { pointer: "/z", written: "-1E400", read: "-Infinity" },
    ]);
  });

  it("leave alone exact integers, numbers float64 shows as written, fractions, strings", () => {
    const text = `{"a": 9007199254740991, "b": 9007199254740992.0, "c": 1.8446744073709552e19, "d": 2e53, "e": "12345678901234567891", "f": 0.1, "g": 1e21, "h": 12345678901234567891, "i": 1.5e300}`;
    // From 1e21 on a float64 shows its shortest digits: 2e53 shows as 2e+53, the same number.
    expect(found(text)).toEqual([]);
  });

  it("give a warning per place, and the export still loads", () => {
    const example = exampleText("contoso-prod-azure-compliant.json");
    const text = example.replace(`"address_count": 2,`, `"address_count": 1.2345678901234567891e22,`);
    expect(text).not.toBe(example);
    const r = parseExport("big.json", text);
    expect(r.export).toBeDefined();
    expect(r.export!.exactIntegers).toBe(false);
    expect(r.problems.map((w) => [w.severity, w.pointer, w.message])).toEqual([
      [
        "warning",
        "/account/ip_access_lists/0/address_count",
        "the number 1.2345678901234567891e22 is beyond 2^53 and is read as 1.2345678901234568e+22, the nearest float64: keys, messages and waivers that name it see 1.2345678901234568e+22 (an integer is kept exact when written without fraction or exponent, or when below 10^21)",
      ],
    ]);
  });

  it("are all found, and exact integers all exact, in random documents (property)", () => {
    type Tree = { big: string } | number | string | Tree[] | { [k: string]: Tree };
    const integer = fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }).map(String);
    const written = fc.oneof(
      integer,
      integer.map((d) => `${d}.0`),
      fc.tuple(integer, fc.integer({ min: 1, max: 25 })).map(([d, k]) => (d.replace("-", "").length > k ? `${d.slice(0, d.length - k)}.${d.slice(d.length - k)}e${k}` : d)),
      fc.tuple(integer, fc.integer({ min: 0, max: 9 })).map(([d, f]) => `${d}.${f}`),
    );
    const bigNumber = written.map((t) => ({ big: t }));
    const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
      tree: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        bigNumber,
        fc.integer(),
        fc.string(),
        fc.array(tie("tree"), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 5 }), tie("tree"), { maxKeys: 4 }),
      ),
    }));
    const isBig = (t: Tree): t is { big: string } => typeof t === "object" && !Array.isArray(t) && typeof (t as { big?: unknown }).big === "string" && Object.keys(t).length === 1 && "big" in t;
    type Want = { pointer: string; written: string; read: string };
    /** The decimal text as a fraction n / d (exact). */
    const fraction = (text: string): [bigint, bigint] => {
      const [m, e = "0"] = text.split(/e/i);
      const [i, f = ""] = m!.split(".");
      const n = BigInt(i! + f);
      const exp = Number(e) - f.length;
      return exp >= 0 ? [n * 10n ** BigInt(exp), 1n] : [n, 10n ** BigInt(-exp)];
    };
    /** Is the decimal text the same number as `shown` (a float64's digits, or its shortest text)? */
    const sameValue = (text: string, shown: bigint | string): boolean => {
      const [n, d] = fraction(text);
      const [m, e] = typeof shown === "bigint" ? [shown, 1n] : fraction(shown);
      return n * e === m * d;
    };
    /** The text of a tree, the warnings it should draw, and the value parseExactJson should give. */
    const render = (t: Tree, at: (string | number)[], want: Want[]): [string, unknown] => {
      if (isBig(t)) {
        const v = Number(t.big);
        if (/^-?\d+$/.test(t.big)) return [t.big, Number.isSafeInteger(v) ? v : BigInt(t.big)];
        const [n, d] = fraction(t.big);
        if (Number.isInteger(v) && !Number.isSafeInteger(v) && n % d === 0n && (n / d < 0n ? -n / d : n / d) < 10n ** 21n) return [t.big, n / d];
        const read = Math.abs(v) < 1e21 ? v.toFixed(0) : String(v);
        if (!Number.isSafeInteger(v) && Number.isInteger(v) && !sameValue(t.big, Math.abs(v) >= 1e21 ? read : BigInt(v))) {
          want.push({ pointer: pointerOfTokens(at), written: t.big, read });
        }
        return [t.big, v];
      }
      if (Array.isArray(t)) {
        const parts = t.map((x, i) => render(x, [...at, i], want));
        return [`[${parts.map((p) => p[0]).join(", ")}]`, parts.map((p) => p[1])];
      }
      if (typeof t === "object") {
        const entries = Object.entries(t).map(([k, v]) => [k, render(v, [...at, k], want)] as const);
        return [`{${entries.map(([k, p]) => `${JSON.stringify(k)}: ${p[0]}`).join(", ")}}`, Object.fromEntries(entries.map(([k, p]) => [k, p[1]]))];
      }
      return [JSON.stringify(t), t];
    };
    fc.assert(
      fc.property(tree, (t) => {
        const want: Want[] = [];
        const [text, value] = render(t, [], want);
        expect(found(text)).toEqual(want);
        expect(parseExactJson(text)).toEqual(value);
        // The loader's gate: every document with an exact integer or a warning passes it.
        if (want.length > 0 || exactJsonText(value) !== JSON.stringify(JSON.parse(text))) expect(hasUnsafeNumber(JSON.parse(text))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
