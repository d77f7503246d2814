// The Rego runtime library against the evaluator's own operations, on random operands: address
// parsing (IPv4, IPv6, CIDRs, malformed text), within/overlaps/exclude, DNS matching, value
// printing, and collection-slot parsing. Run by the reference interpreter of the Rego subset.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { libFiles } from "../../src/backends/rego/lib-source.js";
import { slotPaths } from "../../src/backends/rego/emit.js";
import { exclude, matches, overlaps, within } from "../../src/eval/net.js";
import { show } from "../../src/eval/value.js";
import type { Value } from "../../src/eval/value.js";
import { parseNet } from "../../src/net/ip.js";
import { slotDepth } from "../../src/schema/index.js";
import { RegoEngine } from "../helpers/rego/index.js";

const probe = `package t

import rego.v1

import data.perimeter.lib

within if lib.within(input.a, input.b)

overlaps if lib.overlaps(input.a, input.b)

excluded_within if lib.within(lib.exclude(input.a, input.b), input.c)

excluded_overlaps if lib.overlaps(input.c, lib.exclude(input.a, input.b))

both_excluded if lib.within(lib.exclude(input.a, input.b), lib.exclude(input.c, input.a))

matches if lib.matches(input.a, input.b)

block := lib.block(input.a)

show := lib.show(input.a)

steps := lib.slot_steps(input.a)

depth := lib.slot_depth(lib.slot_steps(input.a))
`;
const engine = new RegoEngine([...libFiles(slotPaths()), { path: "t.rego", text: probe }], {});
const rego = (rule: string, input: unknown) => engine.evaluate(`data.t.${rule}`, input);
const truth = (rule: string, input: unknown) => rego(rule, input) === true;

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

describe("the Rego runtime library", () => {
  it("parses addresses and CIDRs exactly as the evaluator does", () => {
    fc.assert(
      fc.property(addressText, (text) => {
        const r = parseNet(text);
        const b = rego("block", { a: text }) as { fam: number; prefix: number; lo: string } | undefined;
        expect(b !== undefined, text).toBe(r.ok);
        if (r.ok && b) {
          expect(b.fam).toBe(r.value.family);
          expect(b.prefix).toBe(r.value.prefix);
          expect(BigInt(`0b${b.lo}`)).toBe(r.value.lo);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("decides within, overlaps and exclude as the evaluator does", () => {
    fc.assert(
      fc.property(operand, operand, operand, (a, b, c) => {
        const A = a as Value;
        const B = b as Value;
        const C = c as Value;
        expect(truth("within", { a, b })).toBe(within(A, B));
        expect(truth("overlaps", { a, b })).toBe(overlaps(A, B));
        expect(truth("excluded_within", { a, b, c })).toBe(within(exclude(A, B), C));
        expect(truth("excluded_overlaps", { a, b, c })).toBe(overlaps(C, exclude(A, B)));
        expect(truth("both_excluded", { a, b, c })).toBe(within(exclude(A, B), exclude(C, A)));
      }),
      { numRuns: 800 },
    );
  });

  it("matches DNS names and patterns as the evaluator does", () => {
    const label = fc.constantFrom("a", "b", "x", "API", "-bad", "ok-1", "*", "", "123", "é");
    const name = fc.array(label, { minLength: 1, maxLength: 4 }).chain((ls) => fc.constantFrom(ls.join("."), `${ls.join(".")}.`));
    const side = fc.oneof(name, fc.array(name, { maxLength: 3 }));
    fc.assert(
      fc.property(side, side, (a, b) => {
        expect(truth("matches", { a, b }), `${JSON.stringify(a)} matches ${JSON.stringify(b)}`).toBe(matches(a as Value, b as Value));
      }),
      { numRuns: 1500 },
    );
  });

  it("prints values as the evaluator's show does", () => {
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.boolean(), fc.constant(null), fc.constant({ k: 1 }), fc.constant([1]));
    fc.assert(
      fc.property(fc.oneof(scalar, fc.array(scalar, { maxLength: 4 })), (v) => {
        expect(rego("show", { a: v })).toBe(show(v as Value));
      }),
      { numRuns: 800 },
    );
  });

  it("parses collection slots and their depth as the export loader and evaluator do", () => {
    const step = fc.oneof(fc.constantFrom("workspaces", "apps", "account", "network_policies", "workspace_conf", "ip_access_lists", "network_connectivity_configs", "private_endpoint_rules"), fc.constant("*"), fc.nat({ max: 9 }));
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 5 }), (steps) => {
        if (typeof steps[0] !== "string" || steps[0] === "*") return;
        let slot = "";
        for (const s of steps) slot += typeof s === "number" || s === "*" ? `[${s}]` : `${slot === "" ? "" : "."}${s}`;
        const parsed = rego("steps", { a: slot }) as unknown[];
        expect(parsed).toEqual(steps);
        expect(rego("depth", { a: slot })).toBe(slotDepth(steps));
      }),
      { numRuns: 800 },
    );
  });
});
