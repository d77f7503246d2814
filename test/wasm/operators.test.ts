// Every builtin and operator on random operands, through a policy whose messages print their
// values: strings (full Unicode case mapping with one-to-many mappings and Final_Sigma, lone
// surrogates, containment), addresses and ranges (IPv4/IPv6 parsing, set algebra), DNS names
// and patterns. The Wasm module and the reference evaluator must agree byte for byte.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileWasm } from "../../src/backends/wasm/compile.js";
import { defaultParams } from "../../src/eval/params.js";
import { evaluate } from "../../src/eval/run.js";
import { compile } from "../helpers/eval.js";
import { perimeterData, rawHost } from "./helpers.js";

const ir = compile(`package t
control OPS-1 "ops" {
  severity info
  for ws in workspaces
  let a = ws.account_workspace.workspace_name
  let b = ws.account_workspace.deployment_name
  let x = ws.ip_access_lists[0].ip_addresses
  let y = ws.ip_access_lists[1].ip_addresses
  let z = ws.ip_access_lists[2].ip_addresses
  require false else "{lower(a)}|{upper(a)}|{startswith(a, b)}|{endswith(a, b)}|{contains(a, b)}|{a + b}|{a < b}|{a >= b}|{a == b}|{a != b}|{lower(a) == lower(b)}"
  require false else "{x within y}|{x overlaps y}|{cidr_size(x[0])}|{exclude(x, y) within z}|{exclude(x, y) overlaps z}|{x[0] within y}|{contains(x, b)}|{b in x}|{b not in x}|{count(x)}|{x + y}|{flatten([x, y])}"
  require false else "{a matches b}|{x matches y}|{a matches y}|{x matches a}"
  require false else "{address_count(x)}|{address_count(exclude(x, y))}|{cidrs(x)}|{cidrs(exclude(x, y))}|{count(cidrs(exclude(flatten([x, z]), y)))}"
}
`);
const host = rawHost(compileWasm(ir).module);
const params = defaultParams(ir);
host.setData(JSON.stringify(perimeterData(null, params)));

function check(a: unknown, b: unknown, x: unknown, y: unknown, z: unknown): void {
  const doc = { workspaces: [{ account_workspace: { workspace_name: a, deployment_name: b }, ip_access_lists: [{ ip_addresses: x }, { ip_addresses: y }, { ip_addresses: z }] }] };
  const want = `[{"result":${JSON.stringify(evaluate(ir, { document: doc, errors: [] }, { now: null, params }))}}]`;
  expect(host.evalFast(0, new TextEncoder().encode(JSON.stringify(doc))), JSON.stringify([a, b, x, y, z])).toBe(want);
}

const CASE = ["ΑΣ", "ΟΔΟΣ ΟΔΟΣ", "σΣ.", "Σ", "aΣ", "aΣb", "a\u0301Σ", "a\u0301Σ\u0301", "A.Σ", "A'Σ", "İstanbul", "ß", "ﬀ", "ǅ", "Ꭰ", "ꭰ", "ŉ", "ΐ", "\u{10400}", "\u{1E900}", "Ⓐ", "ſ", "K", "Å", "ΣΑΣ", "Σ\u{1F600}"];
const NETS = ["10.0.0.0/8", "10.1.2.3", "10.0.0.1/8", "0.0.0.0/0", "::/0", "fc00::/7", "2001:db8::/32", "2001:DB8::1", "::ffff:10.0.0.1", "1.2.3.4::", "::1.2.3.4", "1::2::3", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "010.0.0.1", "10.0.0.0/08", "10.0.0.0/33", "255.255.255.255/32", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "8000::/1", "::/128", "::", ":", ":::", "1:", ":1", "1.2.3.4/0", "128.0.0.0/1", "192.168.0.0/16", "192.168.255.255", "192.169.0.0/16", "1:2:3:4:5:6:7:8/64", "1:2:3:4::/64", "abcd::/16", "ABCD:0000::0/16", "", "a", "1.2.3.4 ", " 1.2.3.4"];
const NAMES = ["pypi.org", "PyPI.org.", "*.pypi.org", "*.org", "org", "*", "*.", "a..b", "-a.com", "a-.com", "123.456", "1.2.3.a", "*.*.com", "a*.com", "x".repeat(63) + ".com", "x".repeat(64) + ".com", `${"a.".repeat(126)}com`, "ex_ample.com", "é.com", "", ".", "a.", "*.a.b.c", "b.c", "A.B.C"];

const str = fc.oneof(fc.constantFrom(...CASE), fc.string({ unit: "binary", maxLength: 8 }), fc.string({ unit: "grapheme", maxLength: 8 }), fc.constantFrom(...NAMES), fc.constantFrom(...NETS));
const nets = fc.oneof(fc.array(fc.constantFrom(...NETS), { maxLength: 4 }), fc.array(fc.oneof(fc.constantFrom(...NETS), fc.constant(null), fc.integer()), { maxLength: 3 }), fc.array(fc.constantFrom(...NAMES), { maxLength: 3 }), fc.constant(null), str);

describe("operators and builtins", () => {
  it("case mapping: every BMP and astral cased letter, alone and in Final_Sigma contexts", () => {
    const letters: string[] = [];
    for (let cp = 0; cp <= 0x1ffff; cp++) {
      if (cp >= 0xd800 && cp < 0xe000) continue;
      const c = String.fromCodePoint(cp);
      if (c.toLowerCase() !== c || c.toUpperCase() !== c) letters.push(c);
    }
    for (let i = 0; i < letters.length; i += 64) check(letters.slice(i, i + 64).join(""), "", null, null, null);
    for (const s of CASE) check(s, s.toLowerCase(), null, null, null);
  });

  it("agree on random operands", () => {
    fc.assert(fc.property(str, str, nets, nets, nets, (a, b, x, y, z) => check(a, b, x, y, z)), { numRuns: 4000 });
  });

  it("agree on random address lists", () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const v4 = fc.tuple(octet, octet, octet, octet, fc.integer({ min: 0, max: 32 })).map(([a, b, c, d, p]) => {
      const n = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
      const masked = p === 0 ? 0 : (n & ~((2 ** (32 - p) - 1) >>> 0)) >>> 0;
      return `${[24, 16, 8, 0].map((s) => (masked >>> s) & 255).join(".")}/${p}`;
    });
    const word = fc.integer({ min: 0, max: 0xffff }).map((w) => w.toString(16));
    const v6 = fc.tuple(fc.array(word, { minLength: 8, maxLength: 8 }), fc.integer({ min: 0, max: 128 })).map(([ws, p]) => {
      let bits = BigInt(`0x${ws.map((w) => w.padStart(4, "0")).join("")}`);
      bits &= ~((1n << BigInt(128 - p)) - 1n);
      const hex = bits.toString(16).padStart(32, "0");
      return `${hex.match(/.{4}/g)!.join(":")}/${p}`;
    });
    const list = fc.array(fc.oneof(v4, v6, v4), { maxLength: 6 });
    fc.assert(fc.property(list, list, list, (x, y, z) => check("a", "b", x, y, z)), { numRuns: 3000 });
  });
});
