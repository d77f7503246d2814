// Fixed edge cases of address and domain parsing, by exact value and exact message: the ones
// mutation testing (MUTATION.md) found no test decided — every error path of IPv4, IPv6 and
// prefix parsing with its message, IPv6 forms with an embedded IPv4 tail, RFC 5952's rule for
// a single zero group and for ties, the length limits of names and labels, and the non-ASCII
// letters that lower-case to ASCII (the Kelvin sign).
import { describe, expect, it } from "vitest";
import { domainError, parseDomain } from "../../src/net/domain.js";
import { domainMatches } from "../../src/net/match.js";
import { formatAddress, parseIPv6, parseNet } from "../../src/net/ip.js";

const words = (...w: number[]) => w.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n);

describe("parseNet: every error, with its kind and message", () => {
  it.each([
    ["10.0.0", "ipv4", "an IPv4 address has four parts, `10.0.0` has 3"],
    ["/8", "ipv4", "an IPv4 address has four parts, `` has 1"],
    ["10..0.1", "ipv4", "`10..0.1` has an empty part"],
    ["10.a.0.1", "ipv4", "`a` is not a number from 0 to 255"],
    ["10.1x.0.1", "ipv4", "`1x` is not a number from 0 to 255"],
    ["10.x1.0.1", "ipv4", "`x1` is not a number from 0 to 255"],
    ["10.01.0.1", "ipv4", "`01` has a leading zero (octal is ambiguous)"],
    ["10.256.0.1", "ipv4", "256 is out of range: each part is 0 to 255"],
    ["1::2::3", "ipv6", "`::` may appear only once"],
    ["::ffff:10.0.0.256", "ipv6", "the IPv4 part: 256 is out of range: each part is 0 to 255"],
    ["1:2:3:4:5:6:7:g", "ipv6", "`g` is not a group of 1 to 4 hex digits"],
    ["1:2:3:4:5:6:7:12345", "ipv6", "`12345` is not a group of 1 to 4 hex digits"],
    ["1:2:3:4:5:6:7:x1", "ipv6", "`x1` is not a group of 1 to 4 hex digits"],
    ["1:2:3:4:5:6:7:", "ipv6", "empty group (a single `:` where `::` was meant?)"],
    ["1:2:3:4:5:6:7", "ipv6", "an IPv6 address has 8 groups, `1:2:3:4:5:6:7` has 7"],
    ["1:2:3:4:5:6:7:8:9", "ipv6", "an IPv6 address has 8 groups, `1:2:3:4:5:6:7:8:9` has 9"],
    ["1:2:3:4:5:10.0.0.1", "ipv6", "an IPv6 address has 8 groups, `1:2:3:4:5:10.0.0.1` has 7"],
    ["1:2::3:4:5:6:7:8", "ipv6", "too many groups for `::` to stand for any"],
    ["1:2:3::4:5:6:10.0.0.1", "ipv6", "too many groups for `::` to stand for any"],
    ["10.0.0.0/33", "prefix", "the prefix length `/33` must be a number from 0 to 32 for IPv4"],
    ["10.0.0.0/08", "prefix", "the prefix length `/08` must be a number from 0 to 32 for IPv4"],
    ["10.0.0.0/8x", "prefix", "the prefix length `/8x` must be a number from 0 to 32 for IPv4"],
    ["10.0.0.0/x8", "prefix", "the prefix length `/x8` must be a number from 0 to 32 for IPv4"],
    ["10.0.0.0/", "prefix", "the prefix length `/` must be a number from 0 to 32 for IPv4"],
    ["::/129", "prefix", "the prefix length `/129` must be a number from 0 to 128 for IPv6"],
    ["172.16.5.4/12", "host-bits", "`172.16.5.4/12` has host bits set beyond its /12 prefix"],
  ] as const)("%s: %s, %s", (text, kind, message) => {
    const r = parseNet(text);
    expect(r.ok ? r.value : r.error).toMatchObject({ kind, message });
  });

  it("an empty IPv6 address (parseIPv6 alone: parseNet reads text without `:` as IPv4)", () => {
    expect(parseIPv6("")).toBe("empty address");
  });
});

describe("parseNet: IPv6 forms", () => {
  it.each([
    ["1:2:3::4:5:6:7", words(1, 2, 3, 0, 4, 5, 6, 7)],
    ["::1:2:3:4:5:6:7", words(0, 1, 2, 3, 4, 5, 6, 7)],
    ["1:2:3:4:5:6:10.0.0.1", words(1, 2, 3, 4, 5, 6, 0x0a00, 0x0001)],
    ["64:ff9b::192.0.2.33", words(0x64, 0xff9b, 0, 0, 0, 0, 0xc000, 0x0221)],
    ["1:2:3:4:5::10.0.0.1", words(1, 2, 3, 4, 5, 0, 0x0a00, 0x0001)],
    ["ABCD:ef01::", words(0xabcd, 0xef01, 0, 0, 0, 0, 0, 0)],
  ])("%s", (text, value) => {
    const r = parseNet(text);
    expect(r.ok && r.value).toEqual({ family: 6, lo: value, hi: value, prefix: 128, cidr: false });
  });

  it("marks a CIDR as such, and a bare address as not", () => {
    expect(parseNet("10.0.0.0/32")).toMatchObject({ ok: true, value: { prefix: 32, cidr: true } });
    expect(parseNet("10.0.0.0")).toMatchObject({ ok: true, value: { prefix: 32, cidr: false } });
  });
});

describe("formatAddress: RFC 5952 §4.2", () => {
  it("never compresses a single zero group", () => {
    expect(formatAddress(6, words(1, 0, 1, 1, 1, 1, 1, 1))).toBe("1:0:1:1:1:1:1:1");
    expect(formatAddress(6, words(1, 1, 1, 1, 1, 1, 1, 0))).toBe("1:1:1:1:1:1:1:0");
  });

  it("compresses the longest run, and the first of two equally long ones", () => {
    expect(formatAddress(6, words(1, 0, 0, 1, 0, 0, 1, 1))).toBe("1::1:0:0:1:1");
    expect(formatAddress(6, words(1, 0, 0, 1, 0, 0, 0, 1))).toBe("1:0:0:1::1");
    expect(formatAddress(6, words(0, 0, 1, 0, 0, 0, 1, 0))).toBe("0:0:1::1:0");
  });
});

describe("domainError: limits and characters, by message", () => {
  const label = (n: number, c = "a") => c.repeat(n);
  const name253 = [label(63), label(63), label(63), label(61)].join(".");

  it.each([
    ["", "a domain name cannot be empty"],
    [".", "a domain name cannot be empty"],
    ["ex ample.com", "` ` is not allowed in a domain name (letters, digits and hyphens only)"],
    ["caf\u00e9.com", "`\u00e9` is not allowed in a domain name (letters, digits and hyphens only)"],
    // The Kelvin sign lower-cases to an ASCII `k`: it must be refused before lower-casing.
    ["\u212Aelvin.com", "`\u212A` is not allowed in a domain name (letters, digits and hyphens only)"],
    [`${name253}a`, `\`${`${name253}a`.slice(0, 40)}…\` is longer than 253 characters`],
    [`${label(64)}.com`, `the label \`${label(20)}…\` is longer than 63 characters`],
    ["-a.com", "the label `-a` starts or ends with a hyphen"],
    ["a-.com", "the label `a-` starts or ends with a hyphen"],
    ["10.0.0.10", "`10.0.0.10` looks like an IP address, not a domain name"],
    ["example.123", "`example.123` looks like an IP address, not a domain name"],
  ])("%j: %s", (s, message) => {
    expect(domainError(s)).toBe(message);
    expect(parseDomain(s)).toBeUndefined();
  });

  it.each([[name253], [`${name253}.`], [`${label(63)}.com`], ["a-b.com"], ["example.x1"], ["example.1x"], ["EXAMPLE.com."]])("%j is valid", (s) => {
    expect(domainError(s)).toBeUndefined();
    expect(parseDomain(s)).toBeDefined();
  });

  it("matches names whatever their case and trailing dot, and never across a missing label", () => {
    expect(domainMatches("API.Example.com.", "*.example.COM")).toBe(true);
    expect(domainMatches("example.com", "*.example.com")).toBe(false);
    expect(domainMatches("com", "example.com")).toBe(false);
    expect(domainMatches("*.com", "*.example.com")).toBe(false);
  });
});
