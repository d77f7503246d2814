/**
 * Role: the exact address arithmetic of the internet-size checks (APPS-ING-003, -009 and -011,
 * `policies/databricks/apps/ingress.perimeter`): sets of bigint intervals per family, their
 * difference, whether one covers a whole family, and how many public addresses one holds
 * (`public_ipv4` / `public_ipv6` of `std.databricks`, counted as `address_count` does).
 * Plain and unoptimised: these sets are a few entries long.
 */

import { malformedIn, NET, parseNet } from "./net.js";

type Iv = readonly [bigint, bigint];

/** An address set: sorted, merged intervals per family. */
export interface AddrSet {
  readonly v4: readonly Iv[];
  readonly v6: readonly Iv[];
}

const V4_MAX = (1n << 32n) - 1n;
const V6_MAX = (1n << 128n) - 1n;

function norm(l: Iv[]): Iv[] {
  l.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const [lo, hi] of l) {
    const last = out[out.length - 1];
    if (last !== undefined && lo <= last[1] + 1n) {
      if (hi > last[1]) last[1] = hi;
    } else out.push([lo, hi]);
  }
  return out;
}

/** The set an operand denotes (a string, or a nested list of them), or undefined when any part is not an address. */
export function operandSet(v: unknown): AddrSet | undefined {
  const v4: Iv[] = [];
  const v6: Iv[] = [];
  const visit = (x: unknown): boolean => {
    if (typeof x === "string") {
      const f = parseNet(x);
      if (f === 4) v4.push([BigInt(NET.lo), BigInt(NET.hi)]);
      else if (f === 6) v6.push([NET.lo6, NET.hi6]);
      else return false;
      return true;
    }
    return Array.isArray(x) && x.every(visit);
  };
  return visit(v) ? { v4: norm(v4), v6: norm(v6) } : undefined;
}

function minusList(a: readonly Iv[], b: readonly Iv[]): Iv[] {
  const out: Iv[] = [];
  for (const [alo, ahi] of a) {
    let lo = alo;
    for (const [blo, bhi] of b) {
      if (bhi < lo || blo > ahi) continue;
      if (blo > lo) out.push([lo, blo - 1n]);
      lo = bhi + 1n;
      if (lo > ahi) break;
    }
    if (lo <= ahi) out.push([lo, ahi]);
  }
  return out;
}

export function minus(a: AddrSet, b: AddrSet): AddrSet {
  return { v4: minusList(a.v4, b.v4), v6: minusList(a.v6, b.v6) };
}

export function union(a: AddrSet, b: AddrSet): AddrSet {
  return { v4: norm([...a.v4, ...b.v4]), v6: norm([...a.v6, ...b.v6]) };
}

export function count(l: readonly Iv[]): bigint {
  let n = 0n;
  for (const [lo, hi] of l) n += hi - lo + 1n;
  return n;
}

export function coversAll4(s: AddrSet): boolean {
  return s.v4.length === 1 && s.v4[0]![0] === 0n && s.v4[0]![1] === V4_MAX;
}

export function coversAll6(s: AddrSet): boolean {
  return s.v6.length === 1 && s.v6[0]![0] === 0n && s.v6[0]![1] === V6_MAX;
}

/** `non_public_ipv4` and `non_public_ipv6` of `std.databricks`. */
const NON_PUBLIC = operandSet([
  ["0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24"],
  ["192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/3"],
  ["::/3", "4000::/2", "8000::/1", "2001:db8::/32", "3fff::/20"],
])!;

/** The public IPv4 and IPv6 addresses of a set. */
export function publicCounts(s: AddrSet): { v4: bigint; v6: bigint } {
  const p = minus(s, NON_PUBLIC);
  return { v4: count(p.v4), v6: count(p.v6) };
}

/** `flatten([l.ip_addresses for l in lists where …])`: missing values dropped, lists joined one level. */
export function flatEntries(values: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    if (v == null) continue;
    if (Array.isArray(v)) {
      for (const e of v) if (e != null) out.push(e);
    } else out.push(v);
  }
  return out;
}

/**
 * The failed requirements (bit k-1 for requirement k) of APPS-ING-003 / -011 on the enabled
 * ALLOW and BLOCK entries: 1 the ALLOW entries cover all IPv4, 2 all IPv6, 3 too many public
 * IPv4 addresses, 4 too many public IPv6 addresses, 5 an entry that is not an address.
 */
export function internetSizeFailures(allow: readonly unknown[], block: readonly unknown[], max4: number | undefined, max6: bigint | undefined): number {
  const entryOk = (e: unknown) => typeof e === "string" && parseNet(e) !== 0;
  const unparsed = !allow.every(entryOk) || !block.every(entryOk);
  const a = operandSet(allow);
  const all4 = a !== undefined && coversAll4(a);
  const all6 = a !== undefined && coversAll6(a);
  // The first two requirements read the ALLOW entries with `within`: a malformed one fails both
  // (LANGUAGE.md §5); the others decide by `count(unparsed)`, which does not fail closed.
  let f = (all4 ? 1 : 0) | (all6 ? 2 : 0) | allowMalformedFailures(allow);
  if (!unparsed) {
    const pub = publicCounts(minus(a!, operandSet(block)!));
    if (!all4 && !atMostLimit(pub.v4, max4)) f |= 4;
    if (!all6 && !atMostLimit(pub.v6, max6)) f |= 8;
  } else f |= 16;
  return f;
}

/** APPS-ING-003 / -011's requirements that fail whatever else is known: 1 and 2 when an ALLOW entry is malformed. */
export function allowMalformedFailures(allow: readonly unknown[]): number {
  return malformedIn(allow) ? 3 : 0;
}

function atMostLimit(count: bigint, limit: number | bigint | undefined): boolean {
  if (limit === undefined) return false;
  if (typeof limit === "bigint") return count <= limit;
  return Number.isFinite(limit) ? count <= BigInt(Math.floor(limit)) : limit > 0;
}

/**
 * The context-based ingress facts of APPS-ING-009 on the public allow rules: whether the
 * included ranges cover all IPv4 / IPv6, whether what the rules admit is within the size
 * limits, and whether each rule's admitted set lies within `corporate`; and whether an included
 * or an excluded range is malformed (LANGUAGE.md §5: what reads it fails).
 */
export function ruleFacts(
  rules: readonly unknown[],
  corp: AddrSet | undefined,
  max4: number | undefined,
  max6: bigint | undefined,
): { cover4: boolean; cover6: boolean; small: boolean; withinCorp: boolean; incMalformed: boolean; exMalformed: boolean } {
  type Rule = { origin?: { included_ip_ranges?: { ip_ranges?: unknown }; excluded_ip_ranges?: { ip_ranges?: unknown } } } | null | undefined;
  const rs = rules as readonly Rule[];
  const included = flatEntries(rs.map((r) => r?.origin?.included_ip_ranges?.ip_ranges));
  const inc = operandSet(included);
  const incMalformed = malformedIn(included);
  const exMalformed = rs.some((r) => malformedIn(r?.origin?.excluded_ip_ranges?.ip_ranges ?? []));
  const cover4 = inc !== undefined && coversAll4(inc);
  const cover6 = inc !== undefined && coversAll6(inc);
  let admitted: AddrSet = { v4: [], v6: [] };
  let withinCorp = true;
  for (const r of rs) {
    const i = operandSet(r?.origin?.included_ip_ranges?.ip_ranges ?? []);
    const e = operandSet(r?.origin?.excluded_ip_ranges?.ip_ranges ?? []);
    if (i === undefined || e === undefined) {
      withinCorp = false;
      continue;
    }
    const s = minus(i, e);
    admitted = union(admitted, s);
    if (corp === undefined || minus(s, corp).v4.length > 0 || minus(s, corp).v6.length > 0) withinCorp = false;
  }
  const pub = publicCounts(admitted);
  return { cover4, cover6, small: atMostLimit(pub.v4, max4) && atMostLimit(pub.v6, max6), withinCorp, incMalformed, exMalformed };
}
