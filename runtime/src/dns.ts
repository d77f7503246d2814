/**
 * DNS names and wildcard patterns: `matches` (src/net/domain.ts and src/net/match.ts are the
 * model). A parsed name is a list of labels (pointer, length) into the original bytes,
 * compared ASCII-case-insensitively (a valid name is ASCII), without the `*` of a pattern.
 */

import { alloc } from "./heap";

const MAX_LABELS: u32 = 128;

/** A parsed name: {wildcard u32, n u32, labels: n × (ptr, len)}; 0 when invalid. */
export function parseDomain(p: usize, len: u32): usize {
  if (len == 0) return 0;
  for (let i: u32 = 0; i < len; i++) {
    const c = <u32>load<u8>(p + i);
    const ok = c - 48 < 10 || (c | 0x20) - 97 < 26 || c == 46 || c == 42 || c == 45;
    if (!ok) return 0;
  }
  let n = len;
  if (load<u8>(p + n - 1) == 46) n--;
  if (n == 0 || n > 253) return 0;
  // Count labels.
  let count: u32 = 1;
  for (let i: u32 = 0; i < n; i++) if (load<u8>(p + i) == 46) count++;
  if (count > MAX_LABELS) return 0;
  const d = alloc(8 + (<usize>count << 3));
  let wildcard = false;
  let k: u32 = 0;
  let start: u32 = 0;
  for (let i: u32 = 0; i <= n; i++) {
    if (i < n && load<u8>(p + i) != 46) continue;
    const l = i - start;
    const lp = p + start;
    const idx = k;
    k++;
    start = i + 1;
    if (l == 1 && load<u8>(lp) == 42) {
      if (idx != 0 || count == 1) return 0;
      wildcard = true;
      continue;
    }
    for (let j: u32 = 0; j < l; j++) if (load<u8>(lp + j) == 42) return 0;
    if (l == 0 || l > 63) return 0;
    if (load<u8>(lp) == 45 || load<u8>(lp + l - 1) == 45) return 0;
    const out = wildcard ? idx - 1 : idx;
    store<u32>(d + 8 + (<usize>out << 3), <u32>lp);
    store<u32>(d + 8 + (<usize>out << 3), l, 4);
  }
  // The last label must not be all digits.
  const last = d + 8 + (<usize>(count - (wildcard ? 2 : 1)) << 3);
  const lp = <usize>load<u32>(last);
  const ll = load<u32>(last, 4);
  let digits = true;
  for (let j: u32 = 0; j < ll; j++) if (<u32>load<u8>(lp + j) - 48 >= 10) digits = false;
  if (digits) return 0;
  store<u32>(d, wildcard ? 1 : 0);
  store<u32>(d, wildcard ? count - 1 : count, 4);
  return d;
}

function labelEq(a: usize, b: usize): bool {
  const n = load<u32>(a, 4);
  if (n != load<u32>(b, 4)) return false;
  const pa = <usize>load<u32>(a);
  const pb = <usize>load<u32>(b);
  for (let i: u32 = 0; i < n; i++) {
    let x = <u32>load<u8>(pa + i);
    let y = <u32>load<u8>(pb + i);
    if (x - 65 < 26) x += 32;
    if (y - 65 < 26) y += 32;
    if (x != y) return false;
  }
  return true;
}

/** Do the labels of `a` end with those of `s`? */
function endsWith(a: usize, s: usize): bool {
  const na = load<u32>(a, 4);
  const ns = load<u32>(s, 4);
  if (ns > na) return false;
  const off = na - ns;
  for (let i: u32 = 0; i < ns; i++) {
    if (!labelEq(a + 8 + (<usize>(off + i) << 3), s + 8 + (<usize>i << 3))) return false;
  }
  return true;
}

/** Subsumption: every name `left` denotes is denoted by `right`. */
export function nameMatches(left: usize, right: usize): bool {
  const lw = load<u32>(left) != 0;
  const rw = load<u32>(right) != 0;
  if (!rw) return !lw && load<u32>(left, 4) == load<u32>(right, 4) && endsWith(left, right);
  if (lw) return endsWith(left, right);
  return load<u32>(left, 4) > load<u32>(right, 4) && endsWith(left, right);
}
