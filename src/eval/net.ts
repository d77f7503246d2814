/**
 * Network and DNS operators over run-time values.
 *
 * An operand of `within`/`overlaps`/`exclude` denotes a set of addresses: an address or CIDR
 * string, an address set, or a (nested) list of these, whose union it is. One element that
 * is not an address makes the whole operand missing (the operator is then false): a policy
 * never reasons about part of a list. `matches` takes a name or pattern, or a list of them on
 * either side: a list on the right means "any of", a list on the left "each of".
 *
 * The optional caches (memo.ts) keep parsed names and address sets per operand for the
 * evaluation; without them every call parses afresh.
 */

import { parseDomain } from "../net/domain.js";
import { domainMatchesAny } from "../net/match.js";
import { formatNet, parseNet } from "../net/ip.js";
import { addrSetOf, difference, intersects, isSubset, size, toCidrs, union, type AddrSet } from "../net/set.js";
import type { NetValue } from "../net/ip.js";
import type { DomainCache, SetCache } from "./memo.js";
import { AddrSetValue, exactInteger, isList, isMissing, MISSING, type Value } from "./value.js";

function collect(v: unknown, out: NetValue[], sets: AddrSet[]): boolean {
  if (typeof v === "string") {
    const r = parseNet(v);
    if (!r.ok) return false;
    out.push(r.value);
    return true;
  }
  if (v instanceof AddrSetValue) {
    sets.push(v.set);
    return true;
  }
  if (isList(v)) return v.every((x) => collect(x, out, sets));
  return false;
}

/** The address set an operand denotes, or undefined when it is missing or not addresses. */
export function addrSet(v: Value): AddrSet | undefined {
  if (isMissing(v)) return undefined;
  const nets: NetValue[] = [];
  const sets: AddrSet[] = [];
  if (!collect(v, nets, sets)) return undefined;
  let s = addrSetOf(nets);
  for (const extra of sets) s = union(s, extra);
  return s;
}

function setOf(v: Value, sets: SetCache | undefined): AddrSet | undefined {
  return sets === undefined ? addrSet(v) : sets.get(v, addrSet);
}

export function within(a: Value, b: Value, sets?: SetCache): boolean {
  const x = setOf(a, sets);
  const y = setOf(b, sets);
  return x !== undefined && y !== undefined && isSubset(x, y);
}

export function overlaps(a: Value, b: Value, sets?: SetCache): boolean {
  const x = setOf(a, sets);
  const y = setOf(b, sets);
  return x !== undefined && y !== undefined && intersects(x, y);
}

export function exclude(a: Value, b: Value, sets?: SetCache): Value {
  const x = setOf(a, sets);
  const y = setOf(b, sets);
  return x === undefined || y === undefined ? MISSING : new AddrSetValue(difference(x, y));
}

/**
 * `malformed(x)`: the strings of an operand (x itself, or at any depth of nested lists) that
 * do not parse as an address or CIDR range, in order, with repeats. Objects, numbers and
 * address sets are not looked into: only strings are malformed (LANGUAGE.md §5).
 */
export function malformedStrings(v: Value): string[] {
  const out: string[] = [];
  const walk = (x: unknown): void => {
    if (typeof x === "string") {
      if (!parseNet(x).ok) out.push(x);
    } else if (isList(x)) x.forEach(walk);
  };
  walk(v);
  return out;
}

export function cidrSize(v: Value): Value {
  if (typeof v !== "string") return MISSING;
  const r = parseNet(v);
  // Exact beyond 2^53, as address_count is (an IPv6 /0 is 2^128, not 3.402823669209385e+38).
  return r.ok ? exactInteger(r.value.hi - r.value.lo + 1n) : MISSING;
}

/**
 * `address_count`: how many addresses the operand denotes (each counted once, IPv4 and IPv6
 * together), an exact integer beyond 2^53; missing when the operand is not addresses.
 */
export function addressCount(v: Value, sets?: SetCache): Value {
  const s = setOf(v, sets);
  if (s === undefined) return MISSING;
  const n = size(s);
  return exactInteger(n.v4 + n.v6);
}

/**
 * `cidrs`: the operand's addresses as the fewest CIDR blocks, in address order, IPv4 first,
 * a single address bare (`10.0.0.1`); missing when the operand is not addresses.
 */
export function cidrs(v: Value, sets?: SetCache): Value {
  const s = setOf(v, sets);
  return s === undefined ? MISSING : toCidrs(s).map(formatNet);
}

function names(v: Value): string[] | undefined {
  if (typeof v === "string") return [v];
  if (isList(v) && v.every((x) => typeof x === "string")) return v as string[];
  return undefined;
}

/**
 * `a matches b`: every name of `a` is valid and matched by some valid name of `b` (invalid
 * names on the right are ignored; see src/net/match.ts for why one element suffices).
 */
export function matches(a: Value, b: Value, domains?: DomainCache): boolean {
  const left = names(a);
  const right = names(b);
  if (left === undefined || right === undefined) return false;
  const parse = domains === undefined ? parseDomain : (s: string) => domains.get(s);
  return left.every((l) => domainMatchesAny(l, right, parse) === true);
}
