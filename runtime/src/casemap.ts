/**
 * `lower` / `upper` as JavaScript's `toLowerCase` / `toUpperCase` (full, language-neutral
 * Unicode case mappings, including one-to-many mappings and the Final_Sigma rule), from the
 * tables of casemap-data.ts. Lone surrogates and bytes that are not UTF-8 are kept as they are.
 */

import { CASED, CASED_N, IGNORABLE, IGNORABLE_N, LOWER_MULTI, LOWER_MULTI_N, LOWER_RUNS, LOWER_RUNS_N, UPPER_MULTI, UPPER_MULTI_N, UPPER_RUNS, UPPER_RUNS_N } from "./casemap-data";
import { alloc } from "./heap";
import { sbBuf, sbByte, sbLen, sbNew } from "./sb";
import { newStr } from "./value";

// The code point decoded by `decodeAt` and its length in bytes.
let cpLen: u32 = 1;

/** Decodes the (WTF-8) code point at p; an invalid byte decodes as itself with length 1 (and a high bit marker). */
function decodeAt(p: usize, end: usize): i32 {
  const b0 = <u32>load<u8>(p);
  cpLen = 1;
  if (b0 < 0x80) return <i32>b0;
  let n: u32 = 0;
  let cp: u32 = 0;
  if (b0 >= 0xc2 && b0 < 0xe0) {
    n = 2;
    cp = b0 & 0x1f;
  } else if (b0 >= 0xe0 && b0 < 0xf0) {
    n = 3;
    cp = b0 & 0x0f;
  } else if (b0 >= 0xf0 && b0 < 0xf5) {
    n = 4;
    cp = b0 & 0x07;
  } else return -1;
  if (p + n > end) return -1;
  for (let i: u32 = 1; i < n; i++) {
    const b = <u32>load<u8>(p + i);
    if ((b & 0xc0) != 0x80) return -1;
    cp = (cp << 6) | (b & 0x3f);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff))) return -1;
  cpLen = n;
  return <i32>cp;
}

/** The code point ending just before p (and its start in prevStart), or -1. */
let prevStart: usize = 0;
function decodeBefore(start: usize, p: usize): i32 {
  let q = p - 1;
  let k = 0;
  while (q > start && k < 3 && (load<u8>(q) & 0xc0) == 0x80) {
    q--;
    k++;
  }
  const cp = decodeAt(q, p);
  if (cp >= 0 && q + cpLen == p) {
    prevStart = q;
    return cp;
  }
  prevStart = p - 1;
  return -1;
}

function inRanges(table: usize, n: i32, cp: i32): bool {
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const a = load<i32>(table + (<usize>mid << 3));
    const b = load<i32>(table + (<usize>mid << 3), 4);
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The single-code-point mapping of cp (cp itself when none). */
function mapRun(runs: usize, n: i32, cp: i32): i32 {
  let lo = 0;
  let hi = n - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (load<i32>(runs + (<usize>mid << 4)) <= cp) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return cp;
  const r = runs + (<usize>found << 4);
  const start = load<i32>(r);
  const end = load<i32>(r, 4);
  const stride = load<i32>(r, 8);
  if (cp > end || (cp - start) % stride != 0) return cp;
  return cp + load<i32>(r, 12);
}

/** The multi-code-point mapping of cp: its row, or 0. */
function mapMulti(table: usize, n: i32, cp: i32): usize {
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = table + <usize>mid * 20;
    const c = load<i32>(r);
    if (c == cp) return r;
    if (c < cp) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

function put(sb: usize, cp: u32): void {
  if (cp < 0x80) sbByte(sb, cp);
  else if (cp < 0x800) {
    sbByte(sb, 0xc0 | (cp >> 6));
    sbByte(sb, 0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    sbByte(sb, 0xe0 | (cp >> 12));
    sbByte(sb, 0x80 | ((cp >> 6) & 0x3f));
    sbByte(sb, 0x80 | (cp & 0x3f));
  } else {
    sbByte(sb, 0xf0 | (cp >> 18));
    sbByte(sb, 0x80 | ((cp >> 12) & 0x3f));
    sbByte(sb, 0x80 | ((cp >> 6) & 0x3f));
    sbByte(sb, 0x80 | (cp & 0x3f));
  }
}

@inline function isIgnorable(cp: i32): bool {
  return inRanges(IGNORABLE, IGNORABLE_N, cp);
}

@inline function isCased(cp: i32): bool {
  return inRanges(CASED, CASED_N, cp);
}

/** Final_Sigma: preceded by a cased letter (case-ignorables between), not followed by one. */
function finalSigma(start: usize, at: usize, after: usize, end: usize): bool {
  let p = at;
  let before = false;
  while (p > start) {
    const cp = decodeBefore(start, p);
    p = prevStart;
    if (cp >= 0 && isIgnorable(cp)) continue;
    before = cp >= 0 && isCased(cp);
    break;
  }
  if (!before) return false;
  p = after;
  while (p < end) {
    const cp = decodeAt(p, end);
    p += cpLen;
    if (cp >= 0 && isIgnorable(cp)) continue;
    return !(cp >= 0 && isCased(cp));
  }
  return true;
}

/** The case-mapped string value of the string value s. */
export function caseMap(s: usize, upper: bool): usize {
  const n = load<u32>(s, 4);
  const p = <usize>load<u32>(s, 8);
  const end = p + n;
  let ascii = true;
  let change = false;
  for (let i: u32 = 0; i < n; i++) {
    const b = <u32>load<u8>(p + i);
    if (b >= 0x80) {
      ascii = false;
      break;
    }
    if (upper ? b - 97 < 26 : b - 65 < 26) change = true;
  }
  if (ascii) {
    if (!change) return s;
    const out = alloc(n);
    for (let i: u32 = 0; i < n; i++) {
      const b = <u32>load<u8>(p + i);
      store<u8>(out + i, <u8>(upper ? (b - 97 < 26 ? b - 32 : b) : b - 65 < 26 ? b + 32 : b));
    }
    return newStr(out, n);
  }
  const sb = sbNew(n + 8);
  let q = p;
  while (q < end) {
    const cp = decodeAt(q, end);
    const len = cpLen;
    if (cp < 0) {
      sbByte(sb, load<u8>(q));
      q += 1;
      continue;
    }
    if (cp >= 0xd800 && cp < 0xe000) {
      put(sb, <u32>cp);
      q += len;
      continue;
    }
    if (!upper && cp == 0x3a3) {
      put(sb, finalSigma(p, q, q + len, end) ? 0x3c2 : 0x3c3);
      q += len;
      continue;
    }
    const m = upper ? mapMulti(UPPER_MULTI, UPPER_MULTI_N, cp) : mapMulti(LOWER_MULTI, LOWER_MULTI_N, cp);
    if (m != 0) {
      const k = load<i32>(m, 4);
      for (let i = 0; i < k; i++) put(sb, <u32>load<i32>(m + 8 + (<usize>i << 2)));
    } else put(sb, <u32>(upper ? mapRun(UPPER_RUNS, UPPER_RUNS_N, cp) : mapRun(LOWER_RUNS, LOWER_RUNS_N, cp)));
    q += len;
  }
  return newStr(sbBuf(sb), sbLen(sb));
}

/** Number of code points (JavaScript's `[...s].length`; a lone surrogate counts one). */
export function codePoints(s: usize): u32 {
  const n = load<u32>(s, 4);
  const p = <usize>load<u32>(s, 8);
  let count: u32 = 0;
  let q = p;
  const end = p + n;
  while (q < end) {
    const cp = decodeAt(q, end);
    q += cp < 0 ? 1 : cpLen;
    count++;
  }
  return count;
}
