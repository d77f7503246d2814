/**
 * String builders: growable byte buffers on the heap (a builder is {buf, len, cap}).
 *
 * Growing allocates a buffer twice as large and copies; the old one stays until the heap is
 * reset, which every evaluation does. Appending two strings joins a trailing lone high
 * surrogate with a leading lone low surrogate (WTF-8), so that concatenation means what it
 * means on JavaScript's UTF-16 strings.
 */

import { copyBytes } from "./bytes";
import { alloc } from "./heap";

export function sbNew(cap: u32): usize {
  const sb = alloc(12);
  if (cap < 16) cap = 16;
  store<u32>(sb, <u32>alloc(cap));
  store<u32>(sb, 0, 4);
  store<u32>(sb, cap, 8);
  return sb;
}

@inline export function sbBuf(sb: usize): usize {
  return <usize>load<u32>(sb);
}

@inline export function sbLen(sb: usize): u32 {
  return load<u32>(sb, 4);
}

export function sbReserve(sb: usize, extra: u32): usize {
  const len = load<u32>(sb, 4);
  const cap = load<u32>(sb, 8);
  const need = len + extra;
  if (need > cap) {
    let ncap = cap << 1;
    while (ncap < need) ncap <<= 1;
    const nb = alloc(ncap);
    copyBytes(nb, <usize>load<u32>(sb), len);
    store<u32>(sb, <u32>nb);
    store<u32>(sb, ncap, 8);
  }
  return <usize>load<u32>(sb) + len;
}

@inline export function sbByte(sb: usize, b: u32): void {
  const len = load<u32>(sb, 4);
  if (len < load<u32>(sb, 8)) {
    store<u8>(<usize>load<u32>(sb) + len, <u8>b);
    store<u32>(sb, len + 1, 4);
    return;
  }
  const p = sbReserve(sb, 1);
  store<u8>(p, <u8>b);
  store<u32>(sb, len + 1, 4);
}

export function sbBytes(sb: usize, src: usize, n: u32): void {
  if (n == 0) return;
  const p = sbReserve(sb, n);
  copyBytes(p, src, n);
  store<u32>(sb, load<u32>(sb, 4) + n, 4);
}

/** Appends string bytes, joining surrogate halves across the boundary (WTF-8 concatenation). */
export function sbText(sb: usize, src: usize, n: u32): void {
  const len = load<u32>(sb, 4);
  if (n >= 3 && len >= 3) {
    const end = <usize>load<u32>(sb) + len;
    if (load<u8>(end - 3) == 0xed && (load<u8>(end - 2) & 0xf0) == 0xa0 && load<u8>(src) == 0xed && (load<u8>(src + 1) & 0xf0) == 0xb0) {
      const hi = 0xd800 + ((<u32>load<u8>(end - 2) & 0x0f) << 6) + (<u32>load<u8>(end - 1) & 0x3f);
      const lo = 0xdc00 + ((<u32>load<u8>(src + 1) & 0x0f) << 6) + (<u32>load<u8>(src + 2) & 0x3f);
      const cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
      store<u32>(sb, len - 3, 4);
      sbByte(sb, 0xf0 | (cp >> 18));
      sbByte(sb, 0x80 | ((cp >> 12) & 0x3f));
      sbByte(sb, 0x80 | ((cp >> 6) & 0x3f));
      sbByte(sb, 0x80 | (cp & 0x3f));
      sbBytes(sb, src + 3, n - 3);
      return;
    }
  }
  sbBytes(sb, src, n);
}

/** Appends an AssemblyScript string literal (BMP only) as UTF-8. */
export function sbLit(sb: usize, s: string): void {
  const src = changetype<usize>(s);
  const n = <u32>s.length;
  // Fast path: room for n bytes and an ASCII literal (every literal of the report writer).
  const len = load<u32>(sb, 4);
  if (len + n <= load<u32>(sb, 8)) {
    const out = <usize>load<u32>(sb) + len;
    let i: u32 = 0;
    while (i < n) {
      const c = <u32>load<u16>(src + (<usize>i << 1));
      if (c >= 0x80) break;
      store<u8>(out + i, <u8>c);
      i++;
    }
    if (i == n) {
      store<u32>(sb, len + n, 4);
      return;
    }
  }
  let d = sbReserve(sb, n * 3);
  const start = d;
  for (let i: u32 = 0; i < n; i++) {
    const c = <u32>load<u16>(src + (<usize>i << 1));
    if (c < 0x80) store<u8>(d++, <u8>c);
    else if (c < 0x800) {
      store<u8>(d++, <u8>(0xc0 | (c >> 6)));
      store<u8>(d++, <u8>(0x80 | (c & 0x3f)));
    } else {
      store<u8>(d++, <u8>(0xe0 | (c >> 12)));
      store<u8>(d++, <u8>(0x80 | ((c >> 6) & 0x3f)));
      store<u8>(d++, <u8>(0x80 | (c & 0x3f)));
    }
  }
  store<u32>(sb, load<u32>(sb, 4) + <u32>(d - start), 4);
}

/** Appends the decimal digits of an unsigned integer. */
export function sbU64(sb: usize, v: u64): void {
  const tmp = sbReserve(sb, 20);
  let n: u32 = 0;
  // 64-bit division is slow in some engines, and exports carry 13- to 16-digit ids and
  // millisecond times: eight digits at a time with one 64-bit division, each digit in 32 bits.
  while (v > 0xffffffff) {
    const q = v / 100000000;
    let c = <u32>(v - q * 100000000);
    v = q;
    for (let i = 0; i < 8; i++) {
      store<u8>(tmp + n, <u8>(48 + c % 10));
      c /= 10;
      n++;
    }
  }
  let w = <u32>v;
  do {
    store<u8>(tmp + n, <u8>(48 + w % 10));
    w /= 10;
    n++;
  } while (w != 0);
  for (let i: u32 = 0, j = n - 1; i < j; i++, j--) {
    const a = load<u8>(tmp + i);
    store<u8>(tmp + i, load<u8>(tmp + j));
    store<u8>(tmp + j, a);
  }
  store<u32>(sb, load<u32>(sb, 4) + n, 4);
}

export function sbI64(sb: usize, v: i64): void {
  if (v < 0) {
    sbByte(sb, 45);
    sbU64(sb, <u64>(-v));
  } else sbU64(sb, <u64>v);
}
