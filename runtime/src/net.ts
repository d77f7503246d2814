/**
 * Addresses, CIDR ranges and exact address-set algebra (src/net/ip.ts and src/net/set.ts are
 * the model, step for step).
 *
 * A 128-bit number is two u64 (high, low); IPv4 uses the low half. An address set value
 * (T_ADDR) is {tag, n4, p4, n6, p6}: two lists of inclusive intervals, each interval four
 * u64 (lo.hi, lo.lo, hi.hi, hi.lo), sorted, disjoint and non-adjacent. Operations build new
 * lists and never modify their arguments.
 */

import { T_ADDR, T_ARR, T_STR } from "../format";
import { alloc } from "./heap";
import { sbBuf, sbByte, sbLen, sbNew, sbU64 } from "./sb";
import { arrAt, arrLen, newArr, newNum, newNumText, newStr, tag } from "./value";

// --- parsing -----------------------------------------------------------------------------------

// Result of the last successful parse.
export let netFamily: i32 = 4;
export let netLoH: u64 = 0;
export let netLoL: u64 = 0;
export let netHiH: u64 = 0;
export let netHiL: u64 = 0;
export let netPrefix: i32 = 0;

let v4: u64 = 0;

/** Parses dotted-quad IPv4 text into v4. */
function parseV4(p: usize, n: u32): bool {
  let parts: u32 = 0;
  let v: u64 = 0;
  let i: u32 = 0;
  while (true) {
    const start = i;
    let num: u32 = 0;
    while (i < n && load<u8>(p + i) != 46) {
      const c = <u32>load<u8>(p + i);
      if (c - 48 >= 10) return false;
      num = num * 10 + (c - 48);
      i++;
      if (i - start > 3) return false;
    }
    const len = i - start;
    if (len == 0) return false;
    if (len > 1 && load<u8>(p + start) == 48) return false;
    if (num > 255) return false;
    v = (v << 8) | <u64>num;
    parts++;
    if (i >= n) break;
    i++; // the dot
    if (parts == 4) return false;
    if (i == n) return false; // empty last part
  }
  if (parts != 4) return false;
  v4 = v;
  return true;
}

// Group boundaries for IPv6 parsing.
const groupStart: usize = memory.data(64 * 4);
const groupLen: usize = memory.data(64 * 4);

/** Splits [p, p+n) on ':' into groupStart/groupLen from index `at`; returns the new count, or -1 when too many. */
function splitGroups(p: usize, n: u32, at: i32): i32 {
  if (n == 0) return at;
  let start: u32 = 0;
  let k = at;
  for (let i: u32 = 0; i <= n; i++) {
    if (i == n || load<u8>(p + i) == 58) {
      if (k >= 60) return -1;
      store<u32>(groupStart + (<usize>k << 2), <u32>(p + start));
      store<u32>(groupLen + (<usize>k << 2), i - start);
      k++;
      start = i + 1;
    }
  }
  return k;
}

function hexGroup(p: usize, n: u32): i32 {
  if (n == 0 || n > 4) return -1;
  let v: i32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const c = <u32>load<u8>(p + i);
    let d: i32;
    if (c - 48 < 10) d = <i32>(c - 48);
    else if ((c | 0x20) - 97 < 6) d = <i32>((c | 0x20) - 87);
    else return -1;
    v = (v << 4) | d;
  }
  return v;
}

let v6H: u64 = 0;
let v6L: u64 = 0;

function parseV6(p: usize, n: u32): bool {
  if (n == 0) return false;
  // Find "::" (at most once, non-overlapping, left to right).
  let dc: i32 = -1;
  for (let i: u32 = 0; i + 1 < n; i++) {
    if (load<u8>(p + i) == 58 && load<u8>(p + i + 1) == 58) {
      if (dc < 0) {
        dc = <i32>i;
        i++;
      } else return false;
    }
  }
  let headN: i32;
  let total: i32;
  if (dc < 0) {
    headN = splitGroups(p, n, 0);
    if (headN < 0) return false;
    total = headN;
  } else {
    headN = splitGroups(p, <u32>dc, 0);
    if (headN < 0) return false;
    total = splitGroups(p + <usize>dc + 2, n - <u32>dc - 2, headN);
    if (total < 0) return false;
  }
  let tailN = total - headN;
  // An embedded IPv4 tail counts as two groups.
  let hasV4 = false;
  if (total > 0) {
    const lp = <usize>load<u32>(groupStart + (<usize>(total - 1) << 2));
    const ll = load<u32>(groupLen + (<usize>(total - 1) << 2));
    let dot = false;
    for (let i: u32 = 0; i < ll; i++) if (load<u8>(lp + i) == 46) dot = true;
    if (dot) {
      if (!parseV4(lp, ll)) return false;
      hasV4 = true;
      if (tailN > 0) tailN--;
      else headN--;
    }
  }
  // Head groups are [0, headN), tail groups start right after the original head (the IPv4 group, when any, was the last one).
  const tailStart = dc < 0 ? headN : total - (hasV4 ? 1 : 0) - tailN;
  for (let i = 0; i < headN; i++) {
    if (hexGroup(<usize>load<u32>(groupStart + (<usize>i << 2)), load<u32>(groupLen + (<usize>i << 2))) < 0) return false;
  }
  for (let i = tailStart; i < tailStart + tailN; i++) {
    if (hexGroup(<usize>load<u32>(groupStart + (<usize>i << 2)), load<u32>(groupLen + (<usize>i << 2))) < 0) return false;
  }
  const groupCount = headN + tailN + (hasV4 ? 2 : 0);
  if (dc < 0 && groupCount != 8) return false;
  if (dc >= 0 && groupCount > 7) return false;
  let h: u64 = 0;
  let l: u64 = 0;
  const fill = dc >= 0 ? 8 - groupCount : 0;
  for (let i = 0; i < headN; i++) {
    const w = <u64>hexGroup(<usize>load<u32>(groupStart + (<usize>i << 2)), load<u32>(groupLen + (<usize>i << 2)));
    h = (h << 16) | (l >> 48);
    l = (l << 16) | w;
  }
  for (let i = 0; i < fill; i++) {
    h = (h << 16) | (l >> 48);
    l = l << 16;
  }
  for (let i = tailStart; i < tailStart + tailN; i++) {
    const w = <u64>hexGroup(<usize>load<u32>(groupStart + (<usize>i << 2)), load<u32>(groupLen + (<usize>i << 2)));
    h = (h << 16) | (l >> 48);
    l = (l << 16) | w;
  }
  if (hasV4) {
    h = (h << 32) | (l >> 32);
    l = (l << 32) | v4;
  }
  v6H = h;
  v6L = l;
  return true;
}

/** Parses `addr` or `addr/prefix` (no host bits); the result is in the net* globals. */
export function parseNet(p: usize, n: u32): bool {
  let slash: i32 = -1;
  for (let i: u32 = 0; i < n; i++) {
    if (load<u8>(p + i) == 47) {
      slash = <i32>i;
      break;
    }
  }
  const alen: u32 = slash < 0 ? n : <u32>slash;
  let colon = false;
  for (let i: u32 = 0; i < alen; i++) if (load<u8>(p + i) == 58) colon = true;
  const width: i32 = colon ? 128 : 32;
  let h: u64 = 0;
  let l: u64 = 0;
  if (colon) {
    if (!parseV6(p, alen)) return false;
    h = v6H;
    l = v6L;
  } else {
    if (!parseV4(p, alen)) return false;
    l = v4;
  }
  let prefix = width;
  if (slash >= 0) {
    const pp = p + <usize>slash + 1;
    const pn = n - <u32>slash - 1;
    if (pn == 0 || pn > 3) return false;
    let v: i32 = 0;
    for (let i: u32 = 0; i < pn; i++) {
      const c = <u32>load<u8>(pp + i);
      if (c - 48 >= 10) return false;
      v = v * 10 + <i32>(c - 48);
    }
    if (v > width || (pn > 1 && load<u8>(pp) == 48)) return false;
    prefix = v;
  }
  const hostBits = width - prefix;
  let mh: u64 = 0;
  let ml: u64 = 0;
  if (hostBits >= 128) {
    mh = <u64>-1;
    ml = <u64>-1;
  } else if (hostBits >= 64) {
    mh = hostBits == 64 ? 0 : (<u64>1 << <u64>(hostBits - 64)) - 1;
    ml = <u64>-1;
  } else if (hostBits > 0) ml = (<u64>1 << <u64>hostBits) - 1;
  if ((h & mh) != 0 || (l & ml) != 0) return false;
  netFamily = colon ? 6 : 4;
  netLoH = h;
  netLoL = l;
  netHiH = h | mh;
  netHiL = l | ml;
  netPrefix = prefix;
  return true;
}

/** `cidr_size`: 2^(width - prefix) of the last parse, exact beyond 2^53 (as `address_count`). */
export function netSize(): usize {
  const bits = (netFamily == 6 ? 128 : 32) - netPrefix;
  cntC = bits == 128 ? 1 : 0;
  cntH = bits >= 64 && bits < 128 ? (<u64>1) << <u64>(bits - 64) : 0;
  cntL = bits < 64 ? (<u64>1) << <u64>bits : 0;
  return counterNumber();
}

// --- interval lists ------------------------------------------------------------------------------

@inline function loH(iv: usize): u64 { return load<u64>(iv); }
@inline function loL(iv: usize): u64 { return load<u64>(iv, 8); }
@inline function hiH(iv: usize): u64 { return load<u64>(iv, 16); }
@inline function hiL(iv: usize): u64 { return load<u64>(iv, 24); }

@inline function lt(ah: u64, al: u64, bh: u64, bl: u64): bool {
  return ah < bh || (ah == bh && al < bl);
}

@inline function le(ah: u64, al: u64, bh: u64, bl: u64): bool {
  return ah < bh || (ah == bh && al <= bl);
}

/** a <= b + 1 (no overflow at 2^128 - 1). */
@inline function lePlus1(ah: u64, al: u64, bh: u64, bl: u64): bool {
  if (bh == <u64>-1 && bl == <u64>-1) return true;
  const ch = bl == <u64>-1 ? bh + 1 : bh;
  const cl = bl + 1;
  return le(ah, al, ch, cl);
}

function setIv(iv: usize, ah: u64, al: u64, bh: u64, bl: u64): void {
  store<u64>(iv, ah);
  store<u64>(iv, al, 8);
  store<u64>(iv, bh, 16);
  store<u64>(iv, bl, 24);
}

// A growable interval list being built: {ptr, n, cap}.
let outP: usize = 0;
let outN: u32 = 0;
let outCap: u32 = 0;

function outStart(cap: u32): void {
  if (cap < 4) cap = 4;
  outP = alloc(<usize>cap << 5);
  outN = 0;
  outCap = cap;
}

function outPush(ah: u64, al: u64, bh: u64, bl: u64): void {
  if (outN == outCap) {
    const ncap = outCap << 1;
    const np = alloc(<usize>ncap << 5);
    memory.copy(np, outP, <usize>outN << 5);
    outP = np;
    outCap = ncap;
  }
  setIv(outP + (<usize>outN << 5), ah, al, bh, bl);
  outN++;
}

/** Merges overlapping or adjacent intervals of a list sorted by lo (into out*). */
function coalesce(p: usize, n: u32): void {
  outStart(n);
  if (n == 0) return;
  let ah = loH(p);
  let al = loL(p);
  let bh = hiH(p);
  let bl = hiL(p);
  for (let i: u32 = 1; i < n; i++) {
    const x = p + (<usize>i << 5);
    if (lePlus1(loH(x), loL(x), bh, bl)) {
      if (lt(bh, bl, hiH(x), hiL(x))) {
        bh = hiH(x);
        bl = hiL(x);
      }
    } else {
      outPush(ah, al, bh, bl);
      ah = loH(x);
      al = loL(x);
      bh = hiH(x);
      bl = hiL(x);
    }
  }
  outPush(ah, al, bh, bl);
}

/** Sorts n intervals at p by lo (bottom-up merge sort, in place). */
function sortByLo(p: usize, n: u32): void {
  if (n < 2) return;
  const tmp = alloc(<usize>n << 5);
  let src = p;
  let dst = tmp;
  for (let width: u32 = 1; width < n; width <<= 1) {
    for (let i: u32 = 0; i < n; i += width << 1) {
      const mid = i + width < n ? i + width : n;
      const end = i + (width << 1) < n ? i + (width << 1) : n;
      let a = i;
      let b = mid;
      let k = i;
      while (a < mid && b < end) {
        const x = src + (<usize>a << 5);
        const y = src + (<usize>b << 5);
        if (le(loH(x), loL(x), loH(y), loL(y))) {
          memory.copy(dst + (<usize>k << 5), x, 32);
          a++;
        } else {
          memory.copy(dst + (<usize>k << 5), y, 32);
          b++;
        }
        k++;
      }
      while (a < mid) memory.copy(dst + (<usize>(k++) << 5), src + (<usize>(a++) << 5), 32);
      while (b < end) memory.copy(dst + (<usize>(k++) << 5), src + (<usize>(b++) << 5), 32);
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src != p) memory.copy(p, src, <usize>n << 5);
}

function unionList(a: usize, na: u32, b: usize, nb: u32): void {
  const merged = alloc(<usize>(na + nb == 0 ? 1 : na + nb) << 5);
  let i: u32 = 0;
  let j: u32 = 0;
  let k: u32 = 0;
  while (i < na && j < nb) {
    const x = a + (<usize>i << 5);
    const y = b + (<usize>j << 5);
    if (le(loH(x), loL(x), loH(y), loL(y))) {
      memory.copy(merged + (<usize>k << 5), x, 32);
      i++;
    } else {
      memory.copy(merged + (<usize>k << 5), y, 32);
      j++;
    }
    k++;
  }
  while (i < na) memory.copy(merged + (<usize>(k++) << 5), a + (<usize>(i++) << 5), 32);
  while (j < nb) memory.copy(merged + (<usize>(k++) << 5), b + (<usize>(j++) << 5), 32);
  coalesce(merged, k);
}

function differenceList(a: usize, na: u32, b: usize, nb: u32): void {
  outStart(na + nb);
  let j: u32 = 0;
  for (let i: u32 = 0; i < na; i++) {
    const x = a + (<usize>i << 5);
    while (j < nb && lt(hiH(b + (<usize>j << 5)), hiL(b + (<usize>j << 5)), loH(x), loL(x))) j++;
    let lh = loH(x);
    let ll = loL(x);
    let done = false;
    for (let k = j; k < nb; k++) {
      const y = b + (<usize>k << 5);
      if (!le(loH(y), loL(y), hiH(x), hiL(x))) break;
      if (lt(lh, ll, loH(y), loL(y))) {
        // [lo, y.lo - 1]
        const eh = loL(y) == 0 ? loH(y) - 1 : loH(y);
        const el = loL(y) - 1;
        outPush(lh, ll, eh, el);
      }
      // lo = max(lo, y.hi + 1)
      if (hiH(y) == <u64>-1 && hiL(y) == <u64>-1) {
        done = true;
        break;
      }
      const nh = hiL(y) == <u64>-1 ? hiH(y) + 1 : hiH(y);
      const nl = hiL(y) + 1;
      if (lt(lh, ll, nh, nl)) {
        lh = nh;
        ll = nl;
      }
      if (lt(hiH(x), hiL(x), lh, ll)) {
        done = true;
        break;
      }
    }
    if (!done && le(lh, ll, hiH(x), hiL(x))) outPush(lh, ll, hiH(x), hiL(x));
  }
}

function subsetList(a: usize, na: u32, b: usize, nb: u32): bool {
  let j: u32 = 0;
  for (let i: u32 = 0; i < na; i++) {
    const x = a + (<usize>i << 5);
    while (j < nb && lt(hiH(b + (<usize>j << 5)), hiL(b + (<usize>j << 5)), loH(x), loL(x))) j++;
    if (j >= nb) return false;
    const y = b + (<usize>j << 5);
    if (lt(loH(x), loL(x), loH(y), loL(y)) || lt(hiH(y), hiL(y), hiH(x), hiL(x))) return false;
  }
  return true;
}

function intersectsList(a: usize, na: u32, b: usize, nb: u32): bool {
  let i: u32 = 0;
  let j: u32 = 0;
  while (i < na && j < nb) {
    const x = a + (<usize>i << 5);
    const y = b + (<usize>j << 5);
    if (lt(hiH(x), hiL(x), loH(y), loL(y))) i++;
    else if (lt(hiH(y), hiL(y), loH(x), loL(x))) j++;
    else return true;
  }
  return false;
}

// --- sets ------------------------------------------------------------------------------------------

function newSet(n4: u32, p4: usize, n6: u32, p6: usize): usize {
  const s = alloc(20);
  store<u32>(s, T_ADDR);
  store<u32>(s, n4, 4);
  store<u32>(s, <u32>p4, 8);
  store<u32>(s, n6, 12);
  store<u32>(s, <u32>p6, 16);
  return s;
}

@inline function n4(s: usize): u32 { return load<u32>(s, 4); }
@inline function p4(s: usize): usize { return <usize>load<u32>(s, 8); }
@inline function n6(s: usize): u32 { return load<u32>(s, 12); }
@inline function p6(s: usize): usize { return <usize>load<u32>(s, 16); }

export function setUnion(a: usize, b: usize): usize {
  if (n4(b) == 0 && n6(b) == 0) return a;
  if (n4(a) == 0 && n6(a) == 0) return b;
  unionList(p4(a), n4(a), p4(b), n4(b));
  const x4 = outP;
  const c4 = outN;
  unionList(p6(a), n6(a), p6(b), n6(b));
  return newSet(c4, x4, outN, outP);
}

export function setDifference(a: usize, b: usize): usize {
  if (n4(b) == 0 && n6(b) == 0) return a;
  differenceList(p4(a), n4(a), p4(b), n4(b));
  const x4 = outP;
  const c4 = outN;
  differenceList(p6(a), n6(a), p6(b), n6(b));
  return newSet(c4, x4, outN, outP);
}

export function setSubset(a: usize, b: usize): bool {
  return subsetList(p4(a), n4(a), p4(b), n4(b)) && subsetList(p6(a), n6(a), p6(b), n6(b));
}

export function setIntersects(a: usize, b: usize): bool {
  return intersectsList(p4(a), n4(a), p4(b), n4(b)) || intersectsList(p6(a), n6(a), p6(b), n6(b));
}

// Collection of an operand: parsed ranges (two growable lists) and address-set values.
let c4p: usize = 0;
let c4n: u32 = 0;
let c4cap: u32 = 0;
let c6p: usize = 0;
let c6n: u32 = 0;
let c6cap: u32 = 0;
let setsP: usize = 0;
let setsN: u32 = 0;
let setsCap: u32 = 0;

function pushRange(six: bool): void {
  if (six) {
    if (c6n == c6cap) {
      const nc = c6cap << 1;
      const np = alloc(<usize>nc << 5);
      memory.copy(np, c6p, <usize>c6n << 5);
      c6p = np;
      c6cap = nc;
    }
    setIv(c6p + (<usize>(c6n++) << 5), netLoH, netLoL, netHiH, netHiL);
  } else {
    if (c4n == c4cap) {
      const nc = c4cap << 1;
      const np = alloc(<usize>nc << 5);
      memory.copy(np, c4p, <usize>c4n << 5);
      c4p = np;
      c4cap = nc;
    }
    setIv(c4p + (<usize>(c4n++) << 5), netLoH, netLoL, netHiH, netHiL);
  }
}

function collect(v: usize): bool {
  if (v == 0) return false;
  const t = tag(v);
  if (t == T_STR) {
    if (!parseNet(<usize>load<u32>(v, 8), load<u32>(v, 4))) return false;
    pushRange(netFamily == 6);
    return true;
  }
  if (t == T_ADDR) {
    if (setsN == setsCap) {
      const nc = setsCap << 1;
      const np = alloc(<usize>nc << 2);
      memory.copy(np, setsP, <usize>setsN << 2);
      setsP = np;
      setsCap = nc;
    }
    store<u32>(setsP + (<usize>(setsN++) << 2), <u32>v);
    return true;
  }
  if (t == T_ARR) {
    const n = arrLen(v);
    for (let i: u32 = 0; i < n; i++) if (!collect(arrAt(v, i))) return false;
    return true;
  }
  return false;
}

/** The address set an operand denotes, or 0 when it is missing or not addresses. */
export function addrSet(v: usize): usize {
  if (v == 0) return 0;
  c4cap = 8;
  c4p = alloc(8 << 5);
  c4n = 0;
  c6cap = 8;
  c6p = alloc(8 << 5);
  c6n = 0;
  setsCap = 4;
  setsP = alloc(16);
  setsN = 0;
  if (!collect(v)) return 0;
  const rp4 = c4p;
  const rn4 = c4n;
  const rp6 = c6p;
  const rn6 = c6n;
  sortByLo(rp4, rn4);
  coalesce(rp4, rn4);
  const x4 = outP;
  const k4 = outN;
  sortByLo(rp6, rn6);
  coalesce(rp6, rn6);
  let s = newSet(k4, x4, outN, outP);
  const ns = setsN;
  const sp = setsP;
  for (let i: u32 = 0; i < ns; i++) s = setUnion(s, <usize>load<u32>(sp + (<usize>i << 2)));
  return s;
}

// --- address_count and cidrs -----------------------------------------------------------------------

// A 129-bit counter: carry (2^128), high, low.
let cntC: u64 = 0;
let cntH: u64 = 0;
let cntL: u64 = 0;

/** Adds the size (hi - lo + 1) of each interval of a list to the counter. */
function countList(p: usize, n: u32): void {
  for (let i: u32 = 0; i < n; i++) {
    const x = p + (<usize>i << 5);
    // d = hi - lo, then + 1 (2^128 when the interval is the whole IPv6 space).
    const borrow: u64 = hiL(x) < loL(x) ? 1 : 0;
    let dl = hiL(x) - loL(x);
    let dh = hiH(x) - loH(x) - borrow;
    let dc: u64 = 0;
    dl += 1;
    if (dl == 0) {
      dh += 1;
      if (dh == 0) dc = 1;
    }
    const l = cntL + dl;
    const c1: u64 = l < cntL ? 1 : 0;
    const h1 = cntH + dh;
    const c2: u64 = h1 < cntH ? 1 : 0;
    const h = h1 + c1;
    const c3: u64 = h < h1 ? 1 : 0;
    cntL = l;
    cntH = h;
    cntC += dc + c2 + c3;
  }
}

/** The decimal digits of the counter, as a number: an f64 when safe, else an exact integer. */
function counterNumber(): usize {
  if (cntC == 0 && cntH == 0 && cntL <= 9007199254740991) return newNum(<f64>cntL);
  // Five 32-bit limbs, most significant first, divided by 10 until zero.
  const limbs = alloc(5 << 3);
  store<u64>(limbs, cntC);
  store<u64>(limbs, cntH >> 32, 8);
  store<u64>(limbs, cntH & 0xffffffff, 16);
  store<u64>(limbs, cntL >> 32, 24);
  store<u64>(limbs, cntL & 0xffffffff, 32);
  const digits = alloc(48);
  let k: u32 = 48;
  while (true) {
    let rem: u64 = 0;
    let nonzero = false;
    for (let i = 0; i < 5; i++) {
      const cur = (rem << 32) | load<u64>(limbs + (<usize>i << 3));
      const q = cur / 10;
      rem = cur - q * 10;
      store<u64>(limbs + (<usize>i << 3), q);
      if (q != 0) nonzero = true;
    }
    store<u8>(digits + --k, <u8>(48 + rem));
    if (!nonzero) break;
  }
  return newNumText(digits + k, 48 - k, true);
}

/** `address_count` of an address set: its IPv4 and IPv6 addresses together. */
export function setCount(s: usize): usize {
  cntC = 0;
  cntH = 0;
  cntL = 0;
  countList(p4(s), n4(s));
  countList(p6(s), n6(s));
  return counterNumber();
}

/** Number of trailing zero bits of a 128-bit value (128 for zero). */
function ctz128(h: u64, l: u64): i32 {
  if (l != 0) return <i32>ctz(l);
  if (h != 0) return 64 + <i32>ctz(h);
  return 128;
}

/** Bit length of a 128-bit value plus one (`size` = hi - lo, so the block fits when its bits <= this). */
function bitLen128(h: u64, l: u64): i32 {
  if (h != 0) return 128 - <i32>clz(h);
  if (l != 0) return 64 - <i32>clz(l);
  return 0;
}

/** Appends an address to a string builder (ip.ts `formatAddress`: dotted quad, or RFC 5952). */
function writeAddress(sb: usize, six: bool, h: u64, l: u64): void {
  if (!six) {
    for (let s = 24; s >= 0; s -= 8) {
      sbU64(sb, (l >> <u64>s) & 255);
      if (s > 0) sbByte(sb, 46);
    }
    return;
  }
  const words = alloc(8 << 2);
  for (let i = 0; i < 8; i++) {
    const w = i < 4 ? (h >> <u64>(48 - 16 * i)) & 0xffff : (l >> <u64>(48 - 16 * (i - 4))) & 0xffff;
    store<u32>(words + (<usize>i << 2), <u32>w);
  }
  // The longest run of two or more zero groups, the first when tied.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (load<u32>(words + (<usize>i << 2)) != 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && load<u32>(words + (<usize>j << 2)) == 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  for (let i = 0; i < 8; i++) {
    if (i == best) {
      sbByte(sb, 58);
      sbByte(sb, 58);
      i += bestLen - 1;
      continue;
    }
    if (i > 0 && i != best + bestLen) sbByte(sb, 58);
    writeHex(sb, load<u32>(words + (<usize>i << 2)));
  }
}

function writeHex(sb: usize, w: u32): void {
  let started = false;
  for (let s = 12; s >= 0; s -= 4) {
    const d = (w >> <u32>s) & 15;
    if (d == 0 && !started && s > 0) continue;
    started = true;
    sbByte(sb, d < 10 ? 48 + d : 87 + d);
  }
}

// The strings `setCidrs` is building: a growable array of value pointers.
let cidrP: usize = 0;
let cidrN: u32 = 0;
let cidrCap: u32 = 0;

function cidrPush(v: usize): void {
  if (cidrN == cidrCap) {
    const nc = cidrCap << 1;
    const np = alloc(<usize>nc << 2);
    memory.copy(np, cidrP, <usize>cidrN << 2);
    cidrP = np;
    cidrCap = nc;
  }
  store<u32>(cidrP + (<usize>(cidrN++) << 2), <u32>v);
}

/** The largest b with 2^b <= d + 1, for d = hi - lo (128 when d is all ones). */
function blockBits(dh: u64, dl: u64): i32 {
  const l = dl + 1;
  let h = dh;
  if (l == 0) {
    h += 1;
    if (h == 0) return 128;
  }
  return bitLen128(h, l) - 1;
}

/** Appends the fewest CIDR blocks of an interval list (set.ts `cidrsOf`) as strings. */
function cidrsList(p: usize, n: u32, six: bool): void {
  const width = six ? 128 : 32;
  for (let i: u32 = 0; i < n; i++) {
    const x = p + (<usize>i << 5);
    let lh = loH(x);
    let ll = loL(x);
    while (true) {
      // The largest block that starts at lo, is aligned there, and does not pass hi.
      const borrow: u64 = hiL(x) < ll ? 1 : 0;
      let b = blockBits(hiH(x) - lh - borrow, hiL(x) - ll);
      const align = ctz128(lh, ll);
      if (align < b) b = align;
      const prefix = width - b;
      const sb = sbNew(48);
      writeAddress(sb, six, lh, ll);
      if (prefix != width) {
        sbByte(sb, 47);
        sbU64(sb, <u64>prefix);
      }
      cidrPush(newStr(sbBuf(sb), sbLen(sb)));
      if (b >= 128) break;
      // lo += 2^b; done when that reaches 2^128 or passes hi.
      let nh = lh;
      let nl = ll;
      let over = false;
      if (b >= 64) {
        nh = lh + (<u64>1 << <u64>(b - 64));
        over = nh < lh;
      } else {
        nl = ll + (<u64>1 << <u64>b);
        if (nl < ll) {
          nh = lh + 1;
          over = nh == 0;
        }
      }
      if (over || lt(hiH(x), hiL(x), nh, nl)) break;
      lh = nh;
      ll = nl;
    }
  }
}

/** `cidrs` of an address set: its fewest CIDR blocks as a list of strings, IPv4 first. */
export function setCidrs(s: usize): usize {
  cidrCap = 8;
  cidrP = alloc(8 << 2);
  cidrN = 0;
  cidrsList(p4(s), n4(s), false);
  cidrsList(p6(s), n6(s), true);
  return newArr(cidrN, cidrP);
}
