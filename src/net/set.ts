/**
 * Exact address-set algebra over IPv4 and IPv6, for `within` / `overlaps` and their messages.
 *
 * A set is two lists of inclusive bigint intervals, one per family. Invariants of every
 * `AddrSet` this module returns (and requires of its arguments):
 * - each list is sorted by `lo`, its intervals are disjoint and non-adjacent (`next.lo > hi + 1`),
 *   so equal sets have identical representations and `equals` is a structural comparison;
 * - IPv4 intervals lie in [0, 2^32), IPv6 ones in [0, 2^128); the families never mix (an
 *   IPv4-mapped IPv6 address such as `::ffff:10.0.0.1` is IPv6 and never meets `10.0.0.0/8`);
 * - values are frozen: operations build new sets and never mutate their arguments.
 * Building a set sorts once (O(n log n)); every binary operation is a linear merge of the two
 * sorted lists (O(n + m)); `toCidrs` emits at most 2·width blocks per interval. Nothing loops
 * over individual addresses, so `::/0` costs the same as one address.
 */

import type { Family, NetValue } from "./ip.js";

/** An inclusive range of addresses `[lo, hi]` of one family. */
export interface Interval {
  readonly lo: bigint;
  readonly hi: bigint;
}

/** A normalised, immutable set of addresses. */
export interface AddrSet {
  readonly v4: readonly Interval[];
  readonly v6: readonly Interval[];
}

type Intervals = readonly Interval[];

const WIDTH: Record<Family, number> = { 4: 32, 6: 128 };

const interval = (lo: bigint, hi: bigint): Interval => Object.freeze({ lo, hi });

const makeSet = (v4: Interval[], v6: Interval[]): AddrSet =>
  Object.freeze({ v4: Object.freeze(v4), v6: Object.freeze(v6) });

export const EMPTY: AddrSet = makeSet([], []);

/** Merges overlapping or adjacent intervals of a list already sorted by `lo`. */
function coalesce(sorted: Intervals): Interval[] {
  const out: Interval[] = [];
  const first = sorted[0];
  if (first === undefined) return out;
  let lo = first.lo;
  let hi = first.hi;
  for (let i = 1; i < sorted.length; i++) {
    const x = sorted[i]!;
    if (x.lo <= hi + 1n) {
      if (x.hi > hi) hi = x.hi;
    } else {
      out.push(interval(lo, hi));
      lo = x.lo;
      hi = x.hi;
    }
  }
  out.push(interval(lo, hi));
  return out;
}

const byLo = (x: Interval, y: Interval): number => (x.lo < y.lo ? -1 : x.lo > y.lo ? 1 : 0);

/** The set of addresses covered by any of `values` (which need not be CIDR-aligned). */
export function addrSetOf(values: readonly NetValue[]): AddrSet {
  if (values.length === 0) return EMPTY;
  const v4: Interval[] = [];
  const v6: Interval[] = [];
  for (const v of values) {
    if (v.lo > v.hi) continue;
    (v.family === 4 ? v4 : v6).push(interval(v.lo, v.hi));
  }
  return makeSet(coalesce(v4.sort(byLo)), coalesce(v6.sort(byLo)));
}

function unionList(a: Intervals, b: Intervals): Interval[] {
  if (a.length === 0) return [...b];
  if (b.length === 0) return [...a];
  // Merge the two sorted lists, then coalesce: linear.
  const merged: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) merged.push(a[i]!.lo <= b[j]!.lo ? a[i++]! : b[j++]!);
  while (i < a.length) merged.push(a[i++]!);
  while (j < b.length) merged.push(b[j++]!);
  return coalesce(merged);
}

function intersectionList(a: Intervals, b: Intervals): Interval[] {
  // Pieces are disjoint and separated by the gaps of `a` or of `b`, hence already normalised.
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const lo = x.lo > y.lo ? x.lo : y.lo;
    const hi = x.hi < y.hi ? x.hi : y.hi;
    if (lo <= hi) out.push(lo === x.lo && hi === x.hi ? x : lo === y.lo && hi === y.hi ? y : interval(lo, hi));
    if (x.hi < y.hi) i++;
    else j++;
  }
  return out;
}

function differenceList(a: Intervals, b: Intervals): Interval[] {
  // Each piece lies in one interval of `a` and is separated from the next by an interval of `b`
  // or a gap of `a`: already normalised. `j` only moves forward; an interval of `b` is revisited
  // only while it spans several intervals of `a`, so the whole is O(n + m).
  if (b.length === 0) return [...a];
  const out: Interval[] = [];
  let j = 0;
  for (const x of a) {
    while (j < b.length && b[j]!.hi < x.lo) j++;
    let lo = x.lo;
    for (let k = j; k < b.length && b[k]!.lo <= x.hi; k++) {
      const y = b[k]!;
      if (y.lo > lo) out.push(interval(lo, y.lo - 1n));
      if (y.hi + 1n > lo) lo = y.hi + 1n;
      if (lo > x.hi) break;
    }
    if (lo <= x.hi) out.push(lo === x.lo ? x : interval(lo, x.hi));
  }
  return out;
}

function subsetList(a: Intervals, b: Intervals): boolean {
  // `b` is normalised, so a contiguous interval of `a` must fit inside a single interval of `b`.
  let j = 0;
  for (const x of a) {
    while (j < b.length && b[j]!.hi < x.lo) j++;
    const y = b[j];
    if (y === undefined || y.lo > x.lo || y.hi < x.hi) return false;
  }
  return true;
}

function intersectsList(a: Intervals, b: Intervals): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x.hi < y.lo) i++;
    else if (y.hi < x.lo) j++;
    else return true;
  }
  return false;
}

function equalList(a: Intervals, b: Intervals): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.lo !== b[i]!.lo || a[i]!.hi !== b[i]!.hi) return false;
  return true;
}

export function union(a: AddrSet, b: AddrSet): AddrSet {
  if (isEmpty(b)) return a;
  if (isEmpty(a)) return b;
  return makeSet(unionList(a.v4, b.v4), unionList(a.v6, b.v6));
}

export function intersection(a: AddrSet, b: AddrSet): AddrSet {
  return makeSet(intersectionList(a.v4, b.v4), intersectionList(a.v6, b.v6));
}

/** `a` minus `b`. */
export function difference(a: AddrSet, b: AddrSet): AddrSet {
  if (isEmpty(b)) return a;
  return makeSet(differenceList(a.v4, b.v4), differenceList(a.v6, b.v6));
}

/** `a ⊆ b`: every address of `a` is in `b` (true when `a` is empty). */
export function isSubset(a: AddrSet, b: AddrSet): boolean {
  return subsetList(a.v4, b.v4) && subsetList(a.v6, b.v6);
}

/** `a` and `b` share at least one address (false when either is empty). */
export function intersects(a: AddrSet, b: AddrSet): boolean {
  return intersectsList(a.v4, b.v4) || intersectsList(a.v6, b.v6);
}

export function isEmpty(a: AddrSet): boolean {
  return a.v4.length === 0 && a.v6.length === 0;
}

/** Number of addresses per family. */
export function size(a: AddrSet): { v4: bigint; v6: bigint } {
  const count = (l: Intervals): bigint => l.reduce((n, x) => n + (x.hi - x.lo + 1n), 0n);
  return { v4: count(a.v4), v6: count(a.v6) };
}

export function equals(a: AddrSet, b: AddrSet): boolean {
  return equalList(a.v4, b.v4) && equalList(a.v6, b.v6);
}

/** Number of binary digits of a positive bigint (so `bitLength(2^k) = k + 1`). */
const bitLength = (n: bigint): number => n.toString(2).length;

function cidrsOf(family: Family, list: Intervals, out: NetValue[]): void {
  const width = WIDTH[family];
  const whole = 1n << BigInt(width);
  for (const x of list) {
    let lo = x.lo;
    while (lo <= x.hi) {
      // The largest block that starts at `lo`, is aligned there, and does not pass `hi`.
      const align = lo === 0n ? whole : lo & -lo;
      const fit = 1n << BigInt(bitLength(x.hi - lo + 1n) - 1);
      const block = align < fit ? align : fit;
      const prefix = width - (bitLength(block) - 1);
      out.push(Object.freeze({ family, lo, hi: lo + block - 1n, prefix, cidr: prefix !== width }));
      lo += block;
    }
  }
}

/**
 * The fewest CIDR blocks whose union is exactly `a`, in address order, IPv4 first. This is
 * the unique partition of `a` into maximal aligned blocks (no block's parent lies inside `a`).
 * Single addresses come out bare (`cidr: false`, as `parseNet("10.0.0.1")` gives), so
 * `formatNet` prints `10.0.0.1` rather than `10.0.0.1/32`.
 */
export function toCidrs(a: AddrSet): NetValue[] {
  const out: NetValue[] = [];
  cidrsOf(4, a.v4, out);
  cidrsOf(6, a.v6, out);
  return out;
}
