// Address parsing and canonical text, checked against Node's own parser on random inputs.
import fc from "fast-check";
import { isIP } from "node:net";
import { describe, expect, it } from "vitest";
import { formatAddress, formatNet, parseNet } from "../../src/net/ip.js";

describe("parseNet", () => {
  it.each([
    ["0.0.0.0/0", 4, 0n, 2n ** 32n - 1n],
    ["10.0.0.0/8", 4, 0x0a000000n, 0x0affffffn],
    ["255.255.255.255", 4, 2n ** 32n - 1n, 2n ** 32n - 1n],
    ["::/0", 6, 0n, 2n ** 128n - 1n],
    ["::1", 6, 1n, 1n],
    ["::ffff:10.0.0.1", 6, 0xffff0a000001n, 0xffff0a000001n],
  ] as const)("parses %s", (text, family, lo, hi) => {
    const r = parseNet(text);
    expect(r.ok && r.value).toMatchObject({ family, lo, hi });
  });

  it("rejects host bits with the network address as the fix", () => {
    const r = parseNet("172.16.5.4/12");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ kind: "host-bits", fix: "172.16.0.0/12" });
  });

  it("agrees with node:net on random IPv4 text", () => {
    const octet = fc.oneof(fc.nat({ max: 300 }).map(String), fc.constantFrom("00", "01", "", "a"));
    fc.assert(
      fc.property(fc.array(octet, { minLength: 3, maxLength: 5 }), (parts) => {
        const s = parts.join(".");
        expect(parseNet(s).ok).toBe(isIP(s) === 4);
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips random IPv6 addresses through canonical text, as node:net reads them", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.nat({ max: 0xffff })), { minLength: 8, maxLength: 8 }), (words) => {
        const v = words.reduce((acc, w) => (acc << 16n) | BigInt(w), 0n);
        const text = formatAddress(6, v);
        expect(isIP(text)).toBe(6);
        const r = parseNet(text);
        expect(r.ok && r.value.lo).toBe(v);
        expect(r.ok && formatNet(r.value)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it("formats IPv6 per RFC 5952", () => {
    expect(formatAddress(6, 0x20010db8000000000000000000000001n)).toBe("2001:db8::1");
    expect(formatAddress(6, 0x20010db8000000010000000000000001n)).toBe("2001:db8:0:1::1");
    expect(formatAddress(6, 0n)).toBe("::");
  });
});
