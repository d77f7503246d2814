// Address-set algebra: edge cases by hand, then every operation against a brute-force model
// (explicit sets of addresses in a 64-address universe per family), and algebraic laws over the
// full IPv4/IPv6 spaces. Every AddrSet produced must stay normalised (sorted, disjoint, non-adjacent).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatAddress, formatNet, parseNet, type Family, type NetValue } from "../../src/net/ip.js";
import {
  EMPTY,
  addrSetOf,
  difference,
  equals,
  intersection,
  intersects,
  isEmpty,
  isSubset,
  size,
  toCidrs,
  union,
  type AddrSet,
  type Interval,
} from "../../src/net/set.js";

function net(text: string): NetValue {
  const r = parseNet(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.value;
}
const set = (...texts: string[]): AddrSet => addrSetOf(texts.map(net));
const cidrs = (a: AddrSet): string[] => toCidrs(a).map(formatNet);
const V4_MAX = 2n ** 32n - 1n;
const V6_MAX = 2n ** 128n - 1n;

function expectNormalised(a: AddrSet): void {
  for (const [list, max] of [
    [a.v4, V4_MAX],
    [a.v6, V6_MAX],
  ] as const) {
    list.forEach((x, i) => {
      expect(x.lo <= x.hi && x.lo >= 0n && x.hi <= max).toBe(true);
      const prev = list[i - 1];
      if (prev !== undefined) expect(x.lo > prev.hi + 1n).toBe(true);
    });
  }
  expect(Object.isFrozen(a) && Object.isFrozen(a.v4) && Object.isFrozen(a.v6)).toBe(true);
}

describe("AddrSet edges", () => {
  it("keeps the first and last address of a range", () => {
    const a = set("10.0.0.0/8");
    expect(isSubset(set("10.0.0.0"), a)).toBe(true);
    expect(isSubset(set("10.255.255.255"), a)).toBe(true);
    expect(intersects(set("9.255.255.255"), a)).toBe(false);
    expect(intersects(set("11.0.0.0"), a)).toBe(false);
    expect(cidrs(difference(a, set("10.0.0.0")))).toEqual([
      "10.0.0.1", "10.0.0.2/31", "10.0.0.4/30", "10.0.0.8/29", "10.0.0.16/28", "10.0.0.32/27",
      "10.0.0.64/26", "10.0.0.128/25", "10.0.1.0/24", "10.0.2.0/23", "10.0.4.0/22", "10.0.8.0/21",
      "10.0.16.0/20", "10.0.32.0/19", "10.0.64.0/18", "10.0.128.0/17", "10.1.0.0/16", "10.2.0.0/15",
      "10.4.0.0/14", "10.8.0.0/13", "10.16.0.0/12", "10.32.0.0/11", "10.64.0.0/10", "10.128.0.0/9",
    ]);
    expect(size(difference(a, set("10.255.255.255")))).toEqual({ v4: 2n ** 24n - 1n, v6: 0n });
  });

  it("handles /0, /32 and /128", () => {
    expect(size(set("0.0.0.0/0"))).toEqual({ v4: 2n ** 32n, v6: 0n });
    expect(size(set("::/0"))).toEqual({ v4: 0n, v6: 2n ** 128n });
    expect(set("0.0.0.0/0").v4).toEqual([{ lo: 0n, hi: V4_MAX }]);
    expect(cidrs(set("0.0.0.0/0", "::/0"))).toEqual(["0.0.0.0/0", "::/0"]);
    expect(cidrs(set("255.255.255.255/32", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"))).toEqual([
      "255.255.255.255",
      "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    ]);
    expect(size(set("192.0.2.7/32", "2001:db8::1/128"))).toEqual({ v4: 1n, v6: 1n });
    expect(isSubset(set("255.255.255.255"), set("0.0.0.0/0"))).toBe(true);
    expect(isSubset(set("::"), set("::/0"))).toBe(true);
    expect(isEmpty(difference(set("::/0"), set("::/0")))).toBe(true);
  });

  it("covers a range by a union of its halves only", () => {
    const halves4 = set("0.0.0.0/1", "128.0.0.0/1");
    expect(halves4.v4).toEqual([{ lo: 0n, hi: V4_MAX }]);
    expect(isSubset(set("0.0.0.0/0"), halves4)).toBe(true);
    expect(isSubset(set("0.0.0.0/0"), set("0.0.0.0/1"))).toBe(false);
    expect(equals(halves4, set("0.0.0.0/0"))).toBe(true);
    const halves6 = set("::/1", "8000::/1");
    expect(isSubset(set("::/0"), halves6)).toBe(true);
    expect(isSubset(set("::/0"), set("8000::/1"))).toBe(false);
    expect(cidrs(halves6)).toEqual(["::/0"]);
    // Unioned one at a time, too.
    expect(equals(union(set("::/1"), set("8000::/1")), set("::/0"))).toBe(true);
  });

  it("merges adjacent and overlapping ranges, but not ranges with a gap", () => {
    expect(set("10.0.0.0/25", "10.0.0.128/25").v4).toHaveLength(1);
    expect(set("10.0.0.0/24", "10.0.0.255", "10.0.1.0").v4).toEqual([{ lo: 0x0a000000n, hi: 0x0a000100n }]);
    expect(set("10.0.0.0/24", "10.0.0.0/25", "10.0.0.64/26").v4).toEqual([{ lo: 0x0a000000n, hi: 0x0a0000ffn }]);
    expect(set("10.0.0.0", "10.0.0.2").v4).toHaveLength(2);
    expect(cidrs(set("10.0.0.1", "10.0.0.2"))).toEqual(["10.0.0.1", "10.0.0.2"]);
    expect(cidrs(set("10.0.0.2", "10.0.0.3"))).toEqual(["10.0.0.2/31"]);
    expect(cidrs(set("10.0.1.0/24", "10.0.0.0/24", "10.0.2.0/23"))).toEqual(["10.0.0.0/22"]);
  });

  it("keeps IPv4 and IPv6 apart", () => {
    const v4 = set("10.0.0.0/8");
    const mapped = set("::ffff:10.0.0.1");
    expect(intersects(v4, mapped)).toBe(false);
    expect(isSubset(mapped, v4)).toBe(false);
    expect(isSubset(set("0.0.0.0/0"), set("::/0"))).toBe(false);
    expect(isSubset(set("::/0"), set("0.0.0.0/0"))).toBe(false);
    expect(intersects(set("0.0.0.0/0"), set("::/0"))).toBe(false);
    // Same numeric value, different families.
    expect(intersects(set("0.0.0.1"), set("::1"))).toBe(false);
    expect(equals(set("0.0.0.1"), set("::1"))).toBe(false);
    const both = set("::1", "0.0.0.1");
    expect(cidrs(both)).toEqual(["0.0.0.1", "::1"]);
    expect(size(both)).toEqual({ v4: 1n, v6: 1n });
    expect(equals(difference(both, set("0.0.0.0/0")), set("::1"))).toBe(true);
  });

  it("punches a BLOCK hole in an ALLOW range", () => {
    const allow = set("10.0.0.0/16", "2001:db8::/32");
    const block = set("10.0.5.0/24", "2001:db8:0:5::/64");
    const effective = difference(allow, block);
    expectNormalised(effective);
    expect(effective.v4).toHaveLength(2);
    expect(effective.v6).toHaveLength(2);
    expect(isSubset(set("10.0.4.0/24"), effective)).toBe(true);
    expect(isSubset(set("10.0.4.0/23"), effective)).toBe(false);
    expect(isSubset(set("10.0.5.255"), effective)).toBe(false);
    expect(isSubset(set("10.0.6.0"), effective)).toBe(true);
    expect(intersects(set("10.0.5.0/25"), effective)).toBe(false);
    expect(intersects(set("10.0.4.0/23"), effective)).toBe(true);
    expect(isSubset(set("2001:db8:0:6::/64"), effective)).toBe(true);
    expect(isSubset(set("2001:db8:0:5::1"), effective)).toBe(false);
    expect(isSubset(effective, allow)).toBe(true);
    expect(isSubset(allow, effective)).toBe(false);
    // A \ B ⊆ R iff A ⊆ R ∪ B (ARCHITECTURE.md §4).
    const r = set("10.0.0.0/22", "10.0.4.0/24", "10.0.6.0/23", "10.0.8.0/21", "10.0.16.0/20", "10.0.32.0/19", "10.0.64.0/18", "10.0.128.0/17", "2001:db8::/32");
    expect(isSubset(effective, r)).toBe(true);
    expect(isSubset(allow, union(r, block))).toBe(true);
    expect(size(effective).v4).toBe(2n ** 16n - 2n ** 8n);
    expect(cidrs(effective).slice(0, 4)).toEqual(["10.0.0.0/22", "10.0.4.0/24", "10.0.6.0/23", "10.0.8.0/21"]);
  });

  it("treats the empty set as a subset of anything that meets nothing", () => {
    const any = set("10.0.0.0/8", "::/0");
    expect(isEmpty(EMPTY)).toBe(true);
    expect(isEmpty(addrSetOf([]))).toBe(true);
    expect(isSubset(EMPTY, any)).toBe(true);
    expect(isSubset(EMPTY, EMPTY)).toBe(true);
    expect(isSubset(any, EMPTY)).toBe(false);
    expect(intersects(EMPTY, any)).toBe(false);
    expect(intersects(any, EMPTY)).toBe(false);
    expect(intersects(EMPTY, EMPTY)).toBe(false);
    expect(size(EMPTY)).toEqual({ v4: 0n, v6: 0n });
    expect(toCidrs(EMPTY)).toEqual([]);
    expect(equals(union(EMPTY, any), any)).toBe(true);
    expect(isEmpty(intersection(any, EMPTY))).toBe(true);
    expect(equals(difference(any, EMPTY), any)).toBe(true);
    expect(isEmpty(difference(EMPTY, any))).toBe(true);
    expect(isEmpty(intersection(set("10.0.0.0/8"), set("11.0.0.0/8")))).toBe(true);
  });

  it("accepts ranges that are not CIDR-aligned and never mutates its arguments", () => {
    const odd: NetValue = { family: 4, lo: 3n, hi: 12n, prefix: 32, cidr: false };
    const a = addrSetOf([odd]);
    expect(cidrs(a)).toEqual(["0.0.0.3", "0.0.0.4/30", "0.0.0.8/30", "0.0.0.12"]);
    const before = JSON.stringify(a, (_, v) => (typeof v === "bigint" ? String(v) : v));
    union(a, set("0.0.0.0/28"));
    difference(a, set("0.0.0.5"));
    intersection(a, set("0.0.0.4/30"));
    expect(JSON.stringify(a, (_, v) => (typeof v === "bigint" ? String(v) : v))).toBe(before);
  });

  it("scales linearly: 20 000 intervals", () => {
    const singles = Array.from({ length: 20_000 }, (_, i) => ({ family: 4 as const, lo: 2n * BigInt(i), hi: 2n * BigInt(i), prefix: 32, cidr: false }));
    const a = addrSetOf(singles.reverse());
    expect(a.v4).toHaveLength(20_000);
    const b = addrSetOf(singles.map((v) => ({ ...v, lo: v.lo + 1n, hi: v.hi + 1n })));
    const all = union(a, b);
    expect(all.v4).toEqual([{ lo: 0n, hi: 39_999n }]);
    expect(equals(difference(all, b), a)).toBe(true);
    expect(intersects(a, b)).toBe(false);
    expect(isSubset(a, all)).toBe(true);
    expect(toCidrs(a)).toHaveLength(20_000);
  });
});

// ---- brute-force model over a 64-address universe per family ------------------------------

const UNIVERSE: Record<Family, { base: bigint; prefix: number }> = {
  4: { base: net("10.0.0.0").lo, prefix: 26 },
  6: { base: net("2001:db8::").lo, prefix: 122 },
};
const WIDTH: Record<Family, number> = { 4: 32, 6: 128 };

/** A CIDR (or bare address) inside the universe, built by parsing its text. */
const cidrArb: fc.Arbitrary<NetValue> = fc
  .record({ family: fc.constantFrom<Family>(4, 6), extra: fc.integer({ min: 0, max: 6 }), offset: fc.nat({ max: 63 }), bare: fc.boolean() })
  .map(({ family, extra, offset, bare }) => {
    const u = UNIVERSE[family];
    const blockBits = 6 - extra;
    const start = u.base + BigInt((offset >> blockBits) << blockBits);
    const prefix = u.prefix + extra;
    const text = formatAddress(family, start) + (bare && prefix === WIDTH[family] ? "" : `/${prefix}`);
    return net(text);
  });
const valuesArb = fc.array(cidrArb, { maxLength: 7 });

type Model = Set<string>;
const key = (family: Family, a: bigint) => `${family}:${a}`;
function expandValues(values: readonly NetValue[]): Model {
  const m: Model = new Set();
  for (const v of values) for (let a = v.lo; a <= v.hi; a++) m.add(key(v.family, a));
  return m;
}
function expandSet(s: AddrSet): Model {
  const m: Model = new Set();
  const add = (family: Family, list: readonly Interval[]) => {
    for (const x of list) for (let a = x.lo; a <= x.hi; a++) m.add(key(family, a));
  };
  add(4, s.v4);
  add(6, s.v6);
  return m;
}
const sorted = (m: Model) => [...m].sort();
const modelSize = (m: Model) => {
  const fams = [...m].map((k) => k[0]);
  return { v4: BigInt(fams.filter((f) => f === "4").length), v6: BigInt(fams.filter((f) => f === "6").length) };
};
const isSubModel = (a: Model, b: Model) => [...a].every((x) => b.has(x));

const RUNS = { numRuns: 1000 };

describe("AddrSet against a brute-force model", () => {
  it("builds the same set, normalised", () => {
    fc.assert(
      fc.property(valuesArb, (vs) => {
        const s = addrSetOf(vs);
        expectNormalised(s);
        expect(sorted(expandSet(s))).toEqual(sorted(expandValues(vs)));
        expect(size(s)).toEqual(modelSize(expandValues(vs)));
        expect(isEmpty(s)).toBe(expandValues(vs).size === 0);
      }),
      RUNS,
    );
  });

  it("agrees on union, intersection and difference", () => {
    fc.assert(
      fc.property(valuesArb, valuesArb, (xs, ys) => {
        const a = addrSetOf(xs);
        const b = addrSetOf(ys);
        const ma = expandValues(xs);
        const mb = expandValues(ys);
        const u = union(a, b);
        const i = intersection(a, b);
        const d = difference(a, b);
        for (const s of [u, i, d]) expectNormalised(s);
        expect(sorted(expandSet(u))).toEqual(sorted(new Set([...ma, ...mb])));
        expect(sorted(expandSet(i))).toEqual(sorted(new Set([...ma].filter((x) => mb.has(x)))));
        expect(sorted(expandSet(d))).toEqual(sorted(new Set([...ma].filter((x) => !mb.has(x)))));
        expect(size(u)).toEqual(modelSize(new Set([...ma, ...mb])));
      }),
      RUNS,
    );
  });

  it("agrees on isSubset, intersects and equals", () => {
    fc.assert(
      fc.property(valuesArb, valuesArb, (xs, ys) => {
        const a = addrSetOf(xs);
        const b = addrSetOf(ys);
        const ma = expandValues(xs);
        const mb = expandValues(ys);
        expect(isSubset(a, b)).toBe(isSubModel(ma, mb));
        expect(isSubset(b, a)).toBe(isSubModel(mb, ma));
        expect(intersects(a, b)).toBe([...ma].some((x) => mb.has(x)));
        expect(equals(a, b)).toBe(isSubModel(ma, mb) && isSubModel(mb, ma));
      }),
      RUNS,
    );
  });

  it("gives the minimal exact CIDR list, in order", () => {
    fc.assert(
      fc.property(valuesArb, (vs) => {
        const m = expandValues(vs);
        const blocks = toCidrs(addrSetOf(vs));
        // Exact: the blocks re-expand to the set, with no address twice.
        expect(sorted(expandValues(blocks))).toEqual(sorted(m));
        expect(blocks.reduce((n, b) => n + (b.hi - b.lo + 1n), 0n)).toBe(BigInt(m.size));
        blocks.forEach((b, i) => {
          // Each block is a valid CIDR that round-trips through its text.
          expect(net(formatNet(b))).toEqual(b);
          // Order: IPv4 first, then by address.
          const prev = blocks[i - 1];
          if (prev !== undefined) expect(prev.family < b.family || (prev.family === b.family && prev.hi < b.lo)).toBe(true);
          // Minimal: no block's parent lies inside the set (else the partition into maximal
          // aligned blocks, which is the unique smallest one, would have used the parent).
          if (b.prefix > 0) {
            const half = b.hi - b.lo + 1n;
            const parentLo = b.lo & ~(2n * half - 1n);
            const parent = { family: b.family, lo: parentLo, hi: parentLo + 2n * half - 1n, prefix: b.prefix - 1, cidr: true };
            expect(isSubModel(expandValues([parent]), m)).toBe(false);
          }
        });
      }),
      RUNS,
    );
  });
});

// ---- algebraic laws over the full address spaces ------------------------------------------

const wideCidrArb: fc.Arbitrary<NetValue> = fc.oneof(
  fc.record({ a: fc.bigInt({ min: 0n, max: V4_MAX }), p: fc.integer({ min: 0, max: 32 }) }).map(({ a, p }) => {
    const host = (1n << BigInt(32 - p)) - 1n;
    return net(`${formatAddress(4, a & ~host)}/${p}`);
  }),
  fc.record({ a: fc.bigInt({ min: 0n, max: V6_MAX }), p: fc.integer({ min: 0, max: 128 }) }).map(({ a, p }) => {
    const host = (1n << BigInt(128 - p)) - 1n;
    return net(`${formatAddress(6, a & ~host)}/${p}`);
  }),
);
const wideSetArb = fc.array(wideCidrArb, { maxLength: 8 }).map(addrSetOf);

describe("AddrSet laws over the full spaces", () => {
  it("satisfies the set identities", () => {
    fc.assert(
      fc.property(wideSetArb, wideSetArb, wideSetArb, (a, b, c) => {
        const i = intersection(a, b);
        const d = difference(a, b);
        expect(equals(union(d, i), a)).toBe(true);
        expect(isEmpty(intersection(d, b))).toBe(true);
        expect(equals(union(a, b), union(b, a))).toBe(true);
        expect(equals(i, intersection(b, a))).toBe(true);
        expect(equals(union(union(a, b), c), union(a, union(b, c)))).toBe(true);
        expect(equals(difference(a, union(b, c)), intersection(difference(a, b), difference(a, c)))).toBe(true);
        const [su, si, sa, sb] = [size(union(a, b)), size(i), size(a), size(b)];
        expect(su.v4 + si.v4).toBe(sa.v4 + sb.v4);
        expect(su.v6 + si.v6).toBe(sa.v6 + sb.v6);
        expect(isSubset(a, b)).toBe(isEmpty(d));
        expect(isSubset(a, b)).toBe(equals(i, a));
        expect(intersects(a, b)).toBe(!isEmpty(i));
        // A \ B ⊆ C iff A ⊆ C ∪ B.
        expect(isSubset(d, c)).toBe(isSubset(a, union(c, b)));
        expect(equals(addrSetOf(toCidrs(a)), a)).toBe(true);
        for (const s of [i, d, union(a, b)]) expectNormalised(s);
      }),
      { numRuns: 500 },
    );
  });
});
