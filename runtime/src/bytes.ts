/**
 * Byte-level helpers for the hot loops of parsing and writing JSON.
 *
 * The module is Wasm MVP (no bulk memory), and AssemblyScript's `memory.copy` then copies
 * byte by byte whenever source and destination are not equally aligned, as they rarely are
 * in a text buffer; `copyBytes` moves 8 unaligned bytes at a time instead (unaligned access
 * is valid Wasm, and cheap on every host CPU). The SWAR masks look at 8 bytes at once for
 * the bytes a JSON string scanner or writer must stop at: a borrow can only set bits above
 * the first real match, so the lowest set bit is exact (and the mask is 0 exactly when no
 * byte matches).
 */

const ONES: u64 = 0x0101010101010101;
const HIGHS: u64 = 0x8080808080808080;

/** Copies `n` bytes from `src` to `dst` (disjoint regions, or `dst` below `src`). */
export function copyBytes(dst: usize, src: usize, n: usize): void {
  while (n >= 8) {
    store<u64>(dst, load<u64>(src));
    dst += 8;
    src += 8;
    n -= 8;
  }
  if (n >= 4) {
    store<u32>(dst, load<u32>(src));
    dst += 4;
    src += 4;
    n -= 4;
  }
  while (n > 0) {
    store<u8>(dst++, load<u8>(src++));
    n--;
  }
}

/** High bits set at the zero bytes of the word (and possibly above the first one): the lowest is exact. */
@inline function zeroBytes(x: u64): u64 {
  return (x - ONES) & ~x & HIGHS;
}

/** The zero-byte mask of the bytes equal to `b`. */
@inline function bytesEqualTo(x: u64, b: u64): u64 {
  return zeroBytes(x ^ (ONES * b));
}

/** The mask of the bytes below 0x20 (control characters). */
@inline function controlBytes(x: u64): u64 {
  return (x - ONES * 0x20) & ~x & HIGHS;
}

/**
 * A mask whose lowest set bit marks the first byte a JSON string scanner stops at (`"`,
 * `\`, a control character); 0 when the word has none. `firstStop` turns it into an index.
 */
@inline export function stringStops(x: u64): u64 {
  return controlBytes(x) | bytesEqualTo(x, 0x22) | bytesEqualTo(x, 0x5c);
}

/** As `stringStops`, and also 0xED (which may start a lone surrogate the writer escapes). */
@inline export function writeStops(x: u64): u64 {
  return stringStops(x) | bytesEqualTo(x, 0xed);
}

/** As `stringStops`, and also every byte from 0x80 (which starts or continues a UTF-8 sequence the reader validates). */
@inline export function readStops(x: u64): u64 {
  return stringStops(x) | (x & HIGHS);
}

/** The index (0-7) of the byte a non-zero stop mask marks first. */
@inline export function firstStop(m: u64): usize {
  return <usize>(ctz<u64>(m) >> 3);
}
