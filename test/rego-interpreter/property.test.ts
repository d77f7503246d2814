/**
 * Property tests: random JSON values through ==, !=, <, <=, >, >=, in, count, concat, split and
 * substring, compared with an oracle written here, independently of the interpreter, from OPA's
 * Go code:
 * - v1/ast/compare.go Compare: type order null < boolean < number < string < array < object;
 *   strings as Go strings (bytes, i.e. code points); arrays element-wise then by length; objects
 *   by their (key, value) pairs in sorted key order, then by length;
 * - aggregates.go builtinMember (arrays: elements, objects: values, otherwise false) and
 *   builtinCount (runes for strings; other types are errors, i.e. undefined);
 * - strings.go builtinConcat, builtinSplit (strings.Split), builtinSubstring.
 * Operands come from input or are written into the policy as literals (JSON text is Rego).
 */

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { RegoEngine } from "../helpers/rego/index.js";

type J = null | boolean | number | string | J[] | { [k: string]: J };
const ERR = Symbol("error");
type R = unknown | typeof ERR;

// ---- the oracle -------------------------------------------------------------------------

const codePoints = (s: string): number[] => Array.from(s, (c) => c.codePointAt(0) as number);

function goStringCompare(a: string, b: string): number {
  const x = codePoints(a);
  const y = codePoints(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] as number) < (y[i] as number) ? -1 : 1;
  return Math.sign(x.length - y.length);
}

function rank(v: J): number {
  if (v === null) return 0;
  if (typeof v === "boolean") return 1;
  if (typeof v === "number") return 2;
  if (typeof v === "string") return 3;
  return Array.isArray(v) ? 4 : 5;
}

function oracleCompare(a: J, b: J): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return Math.sign(ra - rb);
  if (typeof a === "boolean") return a === b ? 0 : a ? 1 : -1;
  if (typeof a === "number") return a < (b as number) ? -1 : a > (b as number) ? 1 : 0;
  if (typeof a === "string") return goStringCompare(a, b as string);
  if (Array.isArray(a)) {
    const y = b as J[];
    for (let i = 0; i < Math.min(a.length, y.length); i++) {
      const c = oracleCompare(a[i] as J, y[i] as J);
      if (c !== 0) return c;
    }
    return Math.sign(a.length - y.length);
  }
  if (a === null) return 0;
  const x = a as Record<string, J>;
  const y = b as Record<string, J>;
  const kx = Object.keys(x).sort(goStringCompare);
  const ky = Object.keys(y).sort(goStringCompare);
  for (let i = 0; i < Math.min(kx.length, ky.length); i++) {
    const ck = goStringCompare(kx[i] as string, ky[i] as string);
    if (ck !== 0) return ck;
    const cv = oracleCompare(x[kx[i] as string] as J, y[ky[i] as string] as J);
    if (cv !== 0) return cv;
  }
  return Math.sign(kx.length - ky.length);
}

const oracleEqual = (a: J, b: J): boolean => oracleCompare(a, b) === 0;

function oracleIn(x: J, c: J): boolean {
  if (Array.isArray(c)) return c.some((e) => oracleEqual(x, e));
  if (c !== null && typeof c === "object") return Object.values(c).some((e) => oracleEqual(x, e));
  return false;
}

function oracleCount(v: J): R {
  if (typeof v === "string") return codePoints(v).length;
  if (Array.isArray(v)) return v.length;
  if (v !== null && typeof v === "object") return Object.keys(v).length;
  return ERR;
}

function oracleConcat(sep: J, xs: J): R {
  if (typeof sep !== "string" || !Array.isArray(xs) || !xs.every((x) => typeof x === "string")) return ERR;
  return xs.join(sep);
}

/** Go's strings.Split (genSplit with n = -1). */
function oracleSplit(s: J, sep: J): R {
  if (typeof s !== "string" || typeof sep !== "string") return ERR;
  if (sep === "") return Array.from(s);
  const out: string[] = [];
  let rest = s;
  for (;;) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

/** builtinSubstring: IntOperand offsets (ParseInt of the number's text), runes. */
function oracleSubstring(s: J, start: J, len: J): R {
  if (typeof s !== "string") return ERR;
  // strconv.ParseInt(text, 10, 64): digits only, within the int64 range
  const int = (n: J): number | undefined => {
    if (typeof n !== "number" || !/^-?\d+$/.test(JSON.stringify(n))) return undefined;
    const b = BigInt(JSON.stringify(n));
    return b >= -(2n ** 63n) && b < 2n ** 63n ? n : undefined;
  };
  const a = int(start);
  const n = int(len);
  if (a === undefined || n === undefined || a < 0) return ERR;
  const rs = Array.from(s);
  if (s === "" || a >= rs.length) return "";
  return (n < 0 ? rs.slice(a) : rs.slice(a, Math.min(rs.length, a + n))).join("");
}

// ---- generators -------------------------------------------------------------------------

const chars = fc.constantFrom("a", "b", "A", ".", "-", "", "é", "\u00ff", "\uff61", "😀", "\u{10000}", "0", " ", "\n", '"');
const str = fc.array(chars, { maxLength: 6 }).map((cs) => cs.join(""));
const num = fc.oneof(
  fc.integer({ min: -3, max: 6 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0.1, 0.5, 1e21, 2 ** 53, -1.5, 3),
);
const json: fc.Arbitrary<J> = fc.letrec<{ v: J }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    num,
    str,
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(str, tie("v"), { maxKeys: 4 }),
  ),
})).v;

const norm = (v: J): J => JSON.parse(JSON.stringify(v)) as J; // -0 → 0, as the JSON text has it
const show = (r: R): unknown => (r === ERR ? undefined : r);

/** evaluate()'s convention: integers beyond Number.MAX_SAFE_INTEGER come back as bigints. */
function outward(v: J): unknown {
  if (typeof v === "number") return Number.isInteger(v) && !Number.isSafeInteger(v) && /^-?\d+$/.test(String(v)) ? BigInt(String(v)) : v;
  if (Array.isArray(v)) return v.map(outward);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, outward(x)]));
  return v;
}

// ---- properties -------------------------------------------------------------------------

const BINARY: [string, (a: J, b: J) => R][] = [
  ["input.a == input.b", (a, b) => oracleEqual(a, b)],
  ["input.a != input.b", (a, b) => !oracleEqual(a, b)],
  ["input.a < input.b", (a, b) => oracleCompare(a, b) < 0],
  ["input.a <= input.b", (a, b) => oracleCompare(a, b) <= 0],
  ["input.a > input.b", (a, b) => oracleCompare(a, b) > 0],
  ["input.a >= input.b", (a, b) => oracleCompare(a, b) >= 0],
  ["input.a in input.b", (a, b) => oracleIn(a, b)],
  ["count(input.a)", (a) => oracleCount(a)],
  ["concat(input.a, input.b)", (a, b) => oracleConcat(a, b)],
  ["split(input.a, input.b)", (a, b) => oracleSplit(a, b)],
];

describe("random values through operators, from input", () => {
  for (const [expr, oracle] of BINARY) {
    test(expr, () => {
      const engine = new RegoEngine([{ path: "p.rego", text: `package p\nimport rego.v1\nr := ${expr}` }]);
      const pair = fc.oneof(fc.tuple(json, json), fc.tuple(str, str), fc.tuple(json, fc.array(json, { maxLength: 4 })), fc.tuple(str, fc.array(str, { maxLength: 4 })));
      fc.assert(
        fc.property(pair, ([a0, b0]) => {
          const a = norm(a0);
          const b = norm(b0);
          expect(engine.evaluate("data.p.r", { a, b })).toEqual(show(oracle(a, b)));
        }),
        { numRuns: 400 },
      );
    });
  }
  test("substring(input.s, input.i, input.n)", () => {
    const engine = new RegoEngine([{ path: "p.rego", text: `package p\nimport rego.v1\nr := substring(input.s, input.i, input.n)` }]);
    const arg = fc.oneof(fc.integer({ min: -2, max: 8 }), fc.constantFrom(1.5, 1e21, -0.5), json);
    fc.assert(
      fc.property(fc.oneof(str, json), arg, arg, (s0, i0, n0) => {
        const [s, i, n] = [norm(s0), norm(i0), norm(n0)];
        expect(engine.evaluate("data.p.r", { s, i, n })).toEqual(show(oracleSubstring(s, i, n)));
      }),
      { numRuns: 600 },
    );
  });
});

describe("random values written as literals in the policy", () => {
  test("comparisons and membership of literal operands", () => {
    fc.assert(
      fc.property(json, json, fc.constantFrom(0, 1, 2, 3), (a0, b0, which) => {
        const a = norm(a0);
        const b = norm(b0);
        const [op, want] = (
          [
            ["==", oracleEqual(a, b)],
            ["<", oracleCompare(a, b) < 0],
            [">=", oracleCompare(a, b) >= 0],
            ["in", oracleIn(a, b)],
          ] as const
        )[which] as readonly [string, boolean];
        const text = `package p\nimport rego.v1\nr := ${JSON.stringify(a)} ${op} ${JSON.stringify(b)}\nv := ${JSON.stringify(a)}`;
        const engine = new RegoEngine([{ path: "p.rego", text }]);
        expect(engine.evaluate("data.p.r")).toBe(want);
        expect(engine.evaluate("data.p.v")).toEqual(outward(a));
      }),
      { numRuns: 300 },
    );
  });
});
