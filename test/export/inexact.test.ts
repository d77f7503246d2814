// Integers beyond 2^53 in an export are reported as warnings at their JSON pointer: found
// wherever they are (nested objects and arrays, keys needing escapes, strings with digits and
// quotes around them), never for integers float64 holds exactly, and the export still loads.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inexactIntegers } from "../../src/export/inexact.js";
import { parseExport } from "../../src/export/load.js";
import { pointerOfTokens } from "../../src/export/pointers.js";
import { exampleText } from "./helpers.js";

const found = (text: string) => inexactIntegers(text, JSON.parse(text) as unknown);

describe("integers beyond 2^53", () => {
  it("are found at their pointers, with the digits written and the value read", () => {
    const text = `{"a~b/c": [1, {"id": 9876543210987655, "s": "9876543210987655 \\" ]}{,"}, -12345678901234567891], "x": 9876543210987656}`;
    expect(found(text)).toEqual([
      { pointer: "/a~0b~1c/1/id", written: "9876543210987655", read: "9876543210987656" },
      { pointer: "/a~0b~1c/2", written: "-12345678901234567891", read: "-12345678901234567000" },
    ]);
  });

  it("leave alone safe integers, exact large integers, fractions, exponents and strings", () => {
    const text = `{"a": 9007199254740991, "b": 9007199254740992, "c": 12345678901234567.5, "d": 1e300, "e": "12345678901234567891"}`;
    expect(found(text)).toEqual([]);
  });

  it("give a warning per place, and the export still loads", () => {
    const example = exampleText("contoso-prod-azure-compliant.json");
    const text = example.replace(`"workspace_id": 3141592653589793,`, `"workspace_id": 9876543210987655,`);
    expect(text).not.toBe(example);
    const r = parseExport("big.json", text);
    expect(r.export).toBeDefined();
    const warnings = r.problems.filter((p) => p.message.includes("beyond 2^53"));
    expect(warnings.map((w) => [w.severity, w.pointer])).toEqual([["warning", "/workspaces/0/workspace_id"]]);
    expect(warnings[0]!.message).toContain("read as 9876543210987656");
  });

  it("are all found in random documents (property)", () => {
    type Tree = { big: string } | number | string | Tree[] | { [k: string]: Tree };
    const bigDigits = fc.bigInt({ min: 10n ** 15n, max: 10n ** 22n }).map((n) => ({ big: String(n) }));
    const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
      tree: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        bigDigits,
        fc.integer(),
        fc.string(),
        fc.array(tie("tree"), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 5 }), tie("tree"), { maxKeys: 4 }),
      ),
    }));
    const isBig = (t: Tree): t is { big: string } => typeof t === "object" && !Array.isArray(t) && typeof (t as { big?: unknown }).big === "string" && Object.keys(t).length === 1 && "big" in t;
    const render = (t: Tree, at: (string | number)[], want: { pointer: string; written: string; read: string }[]): string => {
      if (isBig(t)) {
        const read = String(Number(t.big));
        if (read !== t.big) want.push({ pointer: pointerOfTokens(at), written: t.big, read });
        return t.big;
      }
      if (Array.isArray(t)) return `[${t.map((x, i) => render(x, [...at, i], want)).join(", ")}]`;
      if (typeof t === "object") return `{${Object.entries(t).map(([k, v]) => `${JSON.stringify(k)}: ${render(v, [...at, k], want)}`).join(", ")}}`;
      return JSON.stringify(t);
    };
    fc.assert(
      fc.property(tree, (t) => {
        const want: { pointer: string; written: string; read: string }[] = [];
        const text = render(t, [], want);
        expect(found(text)).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });
});
