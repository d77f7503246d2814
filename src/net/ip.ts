/**
 * IPv4/IPv6 addresses and CIDR ranges: parsing, validation and canonical text.
 *
 * One parser serves the checker (literal validation, with messages and fix-its) and, later,
 * the evaluator (strings in the export). Addresses are bigints so IPv6 needs no special
 * cases; a parsed value is the inclusive range `[lo, hi]` of one family. Accepted forms:
 * dotted-quad IPv4 without leading zeros, RFC 4291 IPv6 text (one `::`, optional trailing
 * dotted IPv4), each optionally followed by `/prefix`. A CIDR must have no host bits set.
 */

export type Family = 4 | 6;

export interface NetValue {
  readonly family: Family;
  /** First address of the range. */
  readonly lo: bigint;
  /** Last address of the range (equal to `lo` for a single address). */
  readonly hi: bigint;
  /** Prefix length; 32 or 128 for a bare address. */
  readonly prefix: number;
  /** True when written with `/prefix`. */
  readonly cidr: boolean;
}

export type NetErrorKind = "ipv4" | "ipv6" | "prefix" | "host-bits";

export interface NetError {
  readonly kind: NetErrorKind;
  readonly message: string;
  /** For host bits: the network address with the same prefix, e.g. `10.0.0.0/8`. */
  readonly fix?: string;
}

export type NetParse = { ok: true; value: NetValue } | { ok: false; error: NetError };

const bits = (f: Family) => (f === 4 ? 32 : 128);

export function parseIPv4(s: string): bigint | string {
  const parts = s.split(".");
  if (parts.length !== 4) return `an IPv4 address has four parts, \`${s}\` has ${parts.length}`;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return p === "" ? `\`${s}\` has an empty part` : `\`${p}\` is not a number from 0 to 255`;
    if (p.length > 1 && p.startsWith("0")) return `\`${p}\` has a leading zero (octal is ambiguous)`;
    const n = Number(p);
    if (n > 255) return `${n} is out of range: each part is 0 to 255`;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

export function parseIPv6(s: string): bigint | string {
  if (s.length === 0) return "empty address";
  const halves = s.split("::");
  if (halves.length > 2) return "`::` may appear only once";
  const groups = (part: string): string[] => (part === "" ? [] : part.split(":"));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const words: number[] = [];
  const all = [...head, ...tail];
  // An embedded IPv4 tail (`::ffff:10.0.0.1`) counts as two groups.
  const last = all.at(-1);
  let v4tail: bigint | undefined;
  if (last !== undefined && last.includes(".")) {
    const r = parseIPv4(last);
    if (typeof r === "string") return `the IPv4 part: ${r}`;
    v4tail = r;
    if (tail.length > 0) tail.pop();
    else head.pop();
  }
  for (const g of [...head, ...tail]) {
    if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return g === "" ? "empty group (a single `:` where `::` was meant?)" : `\`${g}\` is not a group of 1 to 4 hex digits`;
  }
  const groupCount = head.length + tail.length + (v4tail !== undefined ? 2 : 0);
  if (halves.length === 1 && groupCount !== 8) return `an IPv6 address has 8 groups, \`${s}\` has ${groupCount}`;
  if (halves.length === 2 && groupCount > 7) return "too many groups for `::` to stand for any";
  for (const g of head) words.push(parseInt(g, 16));
  const fill = 8 - groupCount;
  for (let i = 0; i < (halves.length === 2 ? fill : 0); i++) words.push(0);
  for (const g of tail) words.push(parseInt(g, 16));
  let v = 0n;
  for (const w of words) v = (v << 16n) | BigInt(w);
  if (v4tail !== undefined) v = (v << 32n) | v4tail;
  return v;
}

/** Parses `addr` or `addr/prefix`; the family is decided by the presence of `:`. */
export function parseNet(text: string): NetParse {
  const slash = text.indexOf("/");
  const addrText = slash < 0 ? text : text.slice(0, slash);
  const family: Family = addrText.includes(":") ? 6 : 4;
  const width = bits(family);
  const parsed = family === 4 ? parseIPv4(addrText) : parseIPv6(addrText);
  if (typeof parsed === "string") return { ok: false, error: { kind: family === 4 ? "ipv4" : "ipv6", message: parsed } };
  let prefix = width;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > width || (p.length > 1 && p.startsWith("0"))) {
      return { ok: false, error: { kind: "prefix", message: `the prefix length \`/${p}\` must be a number from 0 to ${width} for IPv${family}` } };
    }
    prefix = Number(p);
  }
  const hostMask = (1n << BigInt(width - prefix)) - 1n;
  if ((parsed & hostMask) !== 0n) {
    const network = parsed & ~hostMask;
    const fix = `${formatAddress(family, network)}/${prefix}`;
    return {
      ok: false,
      error: { kind: "host-bits", message: `\`${text}\` has host bits set beyond its /${prefix} prefix`, fix },
    };
  }
  return { ok: true, value: { family, lo: parsed, hi: parsed | hostMask, prefix, cidr: slash >= 0 } };
}

export function formatAddress(family: Family, v: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 255n)).join(".");
  const words = Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(112 - 16 * i)) & 0xffffn));
  // RFC 5952: compress the longest run of two or more zero groups (the first when tied).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}

/** Canonical text: `10.0.0.0/8`, `2001:db8::/32`, or a bare address. */
export function formatNet(v: NetValue): string {
  const addr = formatAddress(v.family, v.lo);
  return v.cidr ? `${addr}/${v.prefix}` : addr;
}
