// The Rego runtime library against the evaluator's own operations, on random operands: address
// parsing (IPv4, IPv6, CIDRs, malformed text), within/overlaps/exclude, DNS matching, value
// printing, and collection-slot parsing. Run by the real OPA (`npm run tools`): each property's
// cases are drawn first (fast-check), then evaluated in one `opa eval` over all of them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { libFiles } from "../../src/backends/rego/lib-source.js";
import { addressCount, cidrs, exclude, matches, overlaps, within } from "../../src/eval/net.js";
import { isMissing, show } from "../../src/eval/value.js";
import type { Value } from "../../src/eval/value.js";
import { parseNet } from "../../src/net/ip.js";
import { slotDepth } from "../../src/schema/index.js";
import { OPA, run, writeTree } from "../helpers/opa.js";

/** One rule per operation; each maps the list of cases given as input to one result a case. */
const probe = `package t

import rego.v1

import data.perimeter.lib

within := [truth_within(c) | some c in input]

truth_within(c) := true if lib.within(c.a, c.b)
else := false

overlaps := [truth_overlaps(c) | some c in input]

truth_overlaps(c) := true if lib.overlaps(c.a, c.b)
else := false

excluded_within := [truth_excluded_within(c) | some c in input]

truth_excluded_within(c) := true if lib.within(lib.exclude(c.a, c.b), c.c)
else := false

excluded_overlaps := [truth_excluded_overlaps(c) | some c in input]

truth_excluded_overlaps(c) := true if lib.overlaps(c.c, lib.exclude(c.a, c.b))
else := false

both_excluded := [truth_both_excluded(c) | some c in input]

truth_both_excluded(c) := true if lib.within(lib.exclude(c.a, c.b), lib.exclude(c.c, c.a))
else := false

counted := [json.marshal(lib.address_count(c.a)) | some c in input]

counted_excluded := [json.marshal(lib.address_count(lib.exclude(c.a, c.b))) | some c in input]

blocks_of := [lib.cidrs(c.a) | some c in input]

blocks_excluded := [lib.cidrs(lib.exclude(c.a, c.b)) | some c in input]

matches := [truth_matches(c) | some c in input]

truth_matches(c) := true if lib.matches(c.a, c.b)
else := false

block := [block_or_null(c.a) | some c in input]

block_or_null(a) := b if b := lib.block(a)
else := null

show := [lib.show(c.a) | some c in input]

steps := [lib.slot_steps(c.a) | some c in input]

depth := [lib.slot_depth(lib.slot_steps(c.a)) | some c in input]
`;

const dir = OPA === undefined ? "" : writeTree([...libFiles(), { path: "t.rego", text: probe }]);

/** The rule's results for every case, from one `opa eval` (input: the list of cases). */
function rego(rule: string, cases: readonly unknown[]): unknown[] {
  const r = run(OPA!, ["eval", "--data", dir, "--stdin-input", "--format", "json", `data.t.${rule}`], JSON.stringify(cases));
  if (r.status !== 0) throw new Error(`opa eval failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { result: { expressions: { value: unknown[] }[] }[] };
  return out.result[0]!.expressions[0]!.value;
}

/** Draws `n` cases of an arbitrary (deterministically seeded) and checks each against OPA's answer. */
function each<T>(arb: fc.Arbitrary<T>, n: number, rule: string, toInput: (t: T) => unknown, check: (t: T, got: unknown) => void): void {
  const cases = fc.sample(arb, { numRuns: n, seed: 20261207 });
  const got = rego(rule, cases.map(toInput));
  expect(got.length).toBe(cases.length);
  cases.forEach((c, i) => check(c, got[i]));
}

const hex = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
const v6text = fc.oneof(
  fc.array(hex, { minLength: 8, maxLength: 8 }).map((g) => g.join(":")),
  fc.tuple(fc.array(hex, { maxLength: 3 }), fc.array(hex, { maxLength: 3 })).map(([a, b]) => `${a.join(":")}::${b.join(":")}`),
  fc.constantFrom("::", "::1", "::ffff:10.0.0.1", "1::2::3", "12345::", ":1:2:3:4:5:6:7", "fe80::1%eth0", "::ffff:300.0.0.1", "1:2:3:4:5:6:7:8:9", "1.2.3.4::"),
);
const v4text = fc.oneof(
  fc.tuple(fc.nat({ max: 260 }), fc.nat({ max: 255 }), fc.nat({ max: 255 }), fc.nat({ max: 255 })).map((o) => o.join(".")),
  fc.constantFrom("01.2.3.4", "1.2.3", "1.2.3.4.5", "", "a.b.c.d", "10.0.0.0"),
);
const prefix = fc.oneof(fc.constant(""), fc.integer({ min: 0, max: 130 }).map((p) => `/${p}`), fc.constantFrom("/", "/08", "/x"));
const addressText = fc.tuple(fc.oneof(v4text, v6text), prefix).map(([a, p]) => `${a}${p}`);
/** Mostly valid CIDRs (host bits cleared) in a small space, so sets interact. */
const cidr = fc.oneof(
  fc.tuple(fc.nat({ max: 31 }), fc.integer({ min: 24, max: 32 })).map(([h, p]) => {
    const size = 2 ** (32 - p);
    return `10.0.0.${h - (h % size)}/${p}`;
  }),
  fc.tuple(fc.nat({ max: 31 }), fc.integer({ min: 120, max: 128 })).map(([h, p]) => {
    const size = 2 ** (128 - p);
    return `2001:db8::${(h - (h % size)).toString(16)}/${p}`;
  }),
  fc.constantFrom("0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1", "::/0", "10.0.0.0/8", "bogus"),
);
const operand = fc.oneof(cidr, fc.array(cidr, { maxLength: 4 }), fc.array(fc.array(cidr, { maxLength: 2 }), { maxLength: 2 }));

describe.skipIf(OPA === undefined)("the Rego runtime library in OPA", () => {
  it("parses addresses and CIDRs exactly as the evaluator does", () => {
    each(addressText, 1500, "block", (a) => ({ a }), (text, got) => {
      const r = parseNet(text);
      const b = got as { fam: number; prefix: number; lo: string } | null;
      expect(b !== null, text).toBe(r.ok);
      if (r.ok && b) {
        expect(b.fam).toBe(r.value.family);
        expect(b.prefix).toBe(r.value.prefix);
        expect(BigInt(`0b${b.lo}`)).toBe(r.value.lo);
      }
    });
  });

  it("decides within, overlaps and exclude as the evaluator does", () => {
    const triple = fc.tuple(operand, operand, operand);
    const input = ([a, b, c]: [unknown, unknown, unknown]) => ({ a, b, c });
    const v = (x: unknown) => x as Value;
    each(triple, 800, "within", input, ([a, b], got) => expect(got).toBe(within(v(a), v(b))));
    each(triple, 800, "overlaps", input, ([a, b], got) => expect(got).toBe(overlaps(v(a), v(b))));
    each(triple, 800, "excluded_within", input, ([a, b, c], got) => expect(got).toBe(within(exclude(v(a), v(b)), v(c))));
    each(triple, 800, "excluded_overlaps", input, ([a, b, c], got) => expect(got).toBe(overlaps(v(c), exclude(v(a), v(b)))));
    each(triple, 800, "both_excluded", input, ([a, b, c], got) => expect(got).toBe(within(exclude(v(a), v(b)), exclude(v(c), v(a)))));
  });

  it("counts addresses and writes them as CIDR blocks as the evaluator does", () => {
    // Wider blocks than `cidr`, adjacent halves that merge, and IPv6 spaces beyond 2^53.
    const wide = fc.oneof(
      cidr,
      fc.constantFrom("10.0.0.0/9", "10.128.0.0/9", "172.16.0.0/12", "192.168.0.0/16", "198.51.100.7", "2001:db8::/32", "fc00::/7", "::1", "::ffff:0:0/96", "2001:db8:0:1::/64", "8000::/1", "::/1"),
    );
    const wideOperand = fc.oneof(wide, fc.array(wide, { maxLength: 5 }), fc.array(fc.array(wide, { maxLength: 2 }), { maxLength: 2 }));
    const pair = fc.tuple(wideOperand, wideOperand);
    const input = ([a, b]: [unknown, unknown]) => ({ a, b });
    const v = (x: unknown) => x as Value;
    const digits = (n: Value) => (isMissing(n) ? "null" : typeof n === "bigint" ? n.toString() : JSON.stringify(n));
    const list = (l: Value) => (isMissing(l) ? null : l);
    each(pair, 600, "counted", input, ([a], got) => expect(got, JSON.stringify(a)).toBe(digits(addressCount(v(a)))));
    each(pair, 600, "counted_excluded", input, ([a, b], got) => expect(got, JSON.stringify([a, b])).toBe(digits(addressCount(exclude(v(a), v(b))))));
    each(pair, 600, "blocks_of", input, ([a], got) => expect(got, JSON.stringify(a)).toEqual(list(cidrs(v(a)))));
    each(pair, 600, "blocks_excluded", input, ([a, b], got) => expect(got, JSON.stringify([a, b])).toEqual(list(cidrs(exclude(v(a), v(b))))));
  });

  it("matches DNS names and patterns as the evaluator does", () => {
    const label = fc.constantFrom("a", "b", "x", "API", "-bad", "ok-1", "*", "", "123", "é");
    const name = fc.array(label, { minLength: 1, maxLength: 4 }).chain((ls) => fc.constantFrom(ls.join("."), `${ls.join(".")}.`));
    const side = fc.oneof(name, fc.array(name, { maxLength: 3 }));
    each(fc.tuple(side, side), 1500, "matches", ([a, b]) => ({ a, b }), ([a, b], got) => {
      expect(got, `${JSON.stringify(a)} matches ${JSON.stringify(b)}`).toBe(matches(a as Value, b as Value));
    });
  });

  it("prints values as the evaluator's show does", () => {
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.boolean(), fc.constant(null), fc.constant({ k: 1 }), fc.constant([1]));
    each(fc.oneof(scalar, fc.array(scalar, { maxLength: 4 })), 800, "show", (a) => ({ a }), (v, got) => {
      expect(got, JSON.stringify(v)).toBe(show(v as Value));
    });
  });

  it("parses collection slots and their depth as the export loader and evaluator do", () => {
    const step = fc.oneof(fc.constantFrom("workspaces", "apps", "account", "network_policies", "workspace_conf", "ip_access_lists", "network_connectivity_configs", "private_endpoint_rules"), fc.constant("*"), fc.nat({ max: 9 }));
    const slots = fc.array(step, { minLength: 1, maxLength: 5 }).filter((steps) => typeof steps[0] === "string" && steps[0] !== "*");
    const slotText = (steps: (string | number)[]) => {
      let slot = "";
      for (const s of steps) slot += typeof s === "number" || s === "*" ? `[${s}]` : `${slot === "" ? "" : "."}${s}`;
      return slot;
    };
    each(slots, 800, "steps", (steps) => ({ a: slotText(steps) }), (steps, got) => expect(got).toEqual(steps));
    each(slots, 800, "depth", (steps) => ({ a: slotText(steps) }), (steps, got) => expect(got).toBe(slotDepth(steps)));
  });
});
