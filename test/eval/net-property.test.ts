// The evaluator's network operators (within, overlaps, exclude) against a brute-force model:
// operands are lists of CIDR strings inside 10.0.0.0/27 and 2001:db8::/123, expanded address by address.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNet } from "../../src/net/ip.js";
import { exclude, overlaps, within } from "../../src/eval/net.js";
import type { Value } from "../../src/eval/value.js";

const v4 = fc.record({ host: fc.nat({ max: 31 }), len: fc.integer({ min: 27, max: 32 }) }).map(({ host, len }) => {
  const size = 2 ** (32 - len);
  return `10.0.0.${host - (host % size)}/${len}`;
});
const v6 = fc.record({ host: fc.nat({ max: 31 }), len: fc.integer({ min: 123, max: 128 }) }).map(({ host, len }) => {
  const size = 2 ** (128 - len);
  return `2001:db8::${(host - (host % size)).toString(16)}/${len}`;
});
const operand = fc.array(fc.oneof(v4, v6), { maxLength: 5 });

function expand(list: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const s of list) {
    const r = parseNet(s);
    if (!r.ok) throw new Error(s);
    for (let a = r.value.lo; a <= r.value.hi; a++) out.add(`${r.value.family}:${a}`);
  }
  return out;
}

describe("network operators against a brute-force model", () => {
  it("within is ⊆ of the unions", () => {
    fc.assert(fc.property(operand, operand, (a, b) => {
      const A = expand(a);
      const B = expand(b);
      expect(within(a as Value, b as Value)).toBe([...A].every((x) => B.has(x)));
    }), { numRuns: 1000 });
  });
  it("overlaps is a non-empty intersection", () => {
    fc.assert(fc.property(operand, operand, (a, b) => {
      const A = expand(a);
      const B = expand(b);
      expect(overlaps(a as Value, b as Value)).toBe([...A].some((x) => B.has(x)));
    }), { numRuns: 1000 });
  });
  it("exclude is set difference, as seen by within and overlaps", () => {
    fc.assert(fc.property(operand, operand, operand, (a, b, r) => {
      const D = new Set([...expand(a)].filter((x) => !expand(b).has(x)));
      const R = expand(r);
      const d = exclude(a as Value, b as Value);
      expect(within(d, r as Value)).toBe([...D].every((x) => R.has(x)));
      expect(overlaps(d, r as Value)).toBe([...D].some((x) => R.has(x)));
      expect(within(r as Value, d)).toBe([...R].every((x) => D.has(x)));
    }), { numRuns: 1000 });
  });
});
