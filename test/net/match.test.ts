// DNS `matches`: edge cases by hand, then a model that checks subsumption name by name — every
// name denoted by the left (enumerated up to a bounded depth, with a label the generator never
// uses standing for "any other label") must be denoted by some element on the right.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { domainMatches, domainMatchesAny } from "../../src/net/match.js";

describe("domainMatches", () => {
  it.each([
    ["pypi.org", "pypi.org", true],
    ["PyPI.Org", "pypi.org", true],
    ["pypi.org.", "PYPI.ORG", true],
    ["pypi.org", "pypi.org.", true],
    ["pypi.org", "pypi.com", false],
    ["files.pypi.org", "pypi.org", false],
    ["pypi.org", "files.pypi.org", false],
  ] as const)("names: %s matches %s is %s", (l, r, want) => {
    expect(domainMatches(l, r)).toBe(want);
  });

  it.each([
    ["a.x.com", true],
    ["A.X.COM.", true],
    ["a.b.x.com", true],
    ["a.b.c.d.x.com", true],
    ["x.com", false],
    ["com", false],
    ["ax.com", false],
    ["a.x.org", false],
    ["x.com.a", false],
  ] as const)("wildcard depth and apex: %s matches *.x.com is %s", (l, want) => {
    expect(domainMatches(l, "*.x.com")).toBe(want);
    expect(domainMatches(l, "*.X.Com.")).toBe(want);
  });

  it.each([
    ["*.a.x.com", "*.x.com", true],
    ["*.b.a.x.com", "*.x.com", true],
    ["*.x.com", "*.x.com", true],
    ["*.X.COM.", "*.x.com", true],
    ["*.x.com", "*.a.x.com", false],
    ["*.x.com", "a.x.com", false],
    ["*.x.com", "x.com", false],
    ["*.x.com", "*.com", true],
    ["*.ax.com", "*.x.com", false],
    ["*.x.com", "*.y.com", false],
    ["x.com", "*.x.com", false],
  ] as const)("subsumption: %s matches %s is %s", (l, r, want) => {
    expect(domainMatches(l, r)).toBe(want);
  });

  it.each(["", ".", "a..b", "*", "*.", "a.*.com", "*.*.x.com", "x*.com", "-a.com", "under_score.com", "10.0.0.1", "::1", "a b.com", `${"a".repeat(64)}.com`])(
    "gives undefined for the invalid %j on either side",
    (bad) => {
      expect(domainMatches(bad, "x.com")).toBeUndefined();
      expect(domainMatches("x.com", bad)).toBeUndefined();
      expect(domainMatches(bad, "*.x.com")).toBeUndefined();
      expect(domainMatches("*.x.com", bad)).toBeUndefined();
      expect(domainMatches(bad, bad)).toBeUndefined();
    },
  );
});

describe("domainMatchesAny", () => {
  it("means any of", () => {
    expect(domainMatchesAny("pypi.org", ["files.pythonhosted.org", "PYPI.org."])).toBe(true);
    expect(domainMatchesAny("a.x.com", ["y.com", "*.x.com"])).toBe(true);
    expect(domainMatchesAny("x.com", ["*.x.com"])).toBe(false);
    expect(domainMatchesAny("x.com", [])).toBe(false);
    expect(domainMatchesAny("*.x.com", ["x.com", "*.y.com", "*.x.com"])).toBe(true);
    expect(domainMatchesAny("*.a.x.com", ["*.com"])).toBe(true);
  });

  it("never covers a pattern by a union of names or narrower patterns", () => {
    expect(domainMatchesAny("*.x.com", ["x.com", "a.x.com", "b.x.com", "*.a.x.com", "*.b.x.com"])).toBe(false);
  });

  it("ignores invalid elements, and is undefined for an invalid left", () => {
    expect(domainMatchesAny("a.x.com", ["a..b", "", "*.x.com"])).toBe(true);
    expect(domainMatchesAny("a.x.com", ["a..b", "10.0.0.1"])).toBe(false);
    expect(domainMatchesAny("a..b", ["*.x.com", "a..b"])).toBeUndefined();
    expect(domainMatchesAny("", [])).toBeUndefined();
  });
});

// ---- model ------------------------------------------------------------------------------

/** A generated name or pattern, or an invalid string. */
type Gen = { valid: true; labels: string[]; wildcard: boolean; text: string } | { valid: false; text: string };

const ALPHABET = ["a", "b", "c"];
/** A label the generator never produces: "any other label" when enumerating a pattern's names. */
const FRESH = "z";
const INVALID = ["", ".", "*", "*.", "a..b", "*.*.a", "a.*.b", "-a.b", "a_b.c", "1.2.3.4", "*.a.1"];

const validArb: fc.Arbitrary<Gen> = fc
  .record({
    labels: fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 3 }),
    wildcard: fc.boolean(),
    upper: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    dot: fc.boolean(),
  })
  .map(({ labels, wildcard, upper, dot }) => {
    const written = labels.map((l, i) => (upper[i] ? l.toUpperCase() : l));
    const text = (wildcard ? ["*", ...written] : written).join(".") + (dot ? "." : "");
    return { valid: true as const, labels, wildcard, text };
  });
const genArb: fc.Arbitrary<Gen> = fc.oneof(
  { weight: 9, arbitrary: validArb },
  { weight: 1, arbitrary: fc.constantFrom(...INVALID).map((text): Gen => ({ valid: false, text })) },
);

/** All label sequences of length 1..depth over the alphabet plus the fresh label. */
function prefixes(depth: number): string[][] {
  const out: string[][] = [];
  let layer: string[][] = [[]];
  for (let d = 1; d <= depth; d++) {
    layer = layer.flatMap((p) => [...ALPHABET, FRESH].map((l) => [...p, l]));
    out.push(...layer);
  }
  return out;
}
const PREFIXES = prefixes(3);

/** The names a valid left side denotes, up to three extra labels for a pattern. */
const namesOf = (g: Gen & { valid: true }): string[][] => (g.wildcard ? PREFIXES.map((p) => [...p, ...g.labels]) : [g.labels]);

/** Whether one concrete name is denoted by a valid right side: the definition, literally. */
function denotes(right: Gen & { valid: true }, name: string[]): boolean {
  const s = right.labels;
  if (!right.wildcard) return name.join(".") === s.join(".");
  return name.length > s.length && name.slice(name.length - s.length).join(".") === s.join(".");
}

function model(left: Gen, rights: readonly Gen[]): boolean | undefined {
  if (!left.valid) return undefined;
  const valid = rights.filter((r): r is Gen & { valid: true } => r.valid);
  return namesOf(left).every((n) => valid.some((r) => denotes(r, n)));
}

describe("domain matching against a model", () => {
  it("domainMatches is subsumption of the denoted names", () => {
    fc.assert(
      fc.property(genArb, genArb, (l, r) => {
        expect(domainMatches(l.text, r.text)).toBe(r.valid ? model(l, [r]) : undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it("domainMatchesAny is subsumption by the union of the list", () => {
    fc.assert(
      fc.property(genArb, fc.array(genArb, { maxLength: 6 }), (l, rs) => {
        expect(domainMatchesAny(l.text, rs.map((r) => r.text))).toBe(model(l, rs));
      }),
      { numRuns: 2000 },
    );
  });

  it("the generator's valid strings are valid names", () => {
    fc.assert(
      fc.property(validArb, (g) => {
        expect(domainMatches(g.text, g.text)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
