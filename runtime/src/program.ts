/**
 * The compiled program: a blob placed by `perimeter compile` at a fixed address of the
 * module's static memory (see ../patch.ts), described in ../format.ts.
 *
 * `PERIMETER_PROGRAM` and `PERIMETER_HEAP_BASE` are exported mutable globals so that the
 * optimiser keeps them; the patcher rewrites their initial values and removes the exports.
 * The name table interns every field name the program, the schema and the report use:
 * equal names are one pointer, so the parser can tell wanted keys from the rest and field
 * lookups compare pointers.
 */

import { F_INTERNED, H_FIELDS, H_NAMES } from "../format";
import { bytesEqual } from "./value";

export let PERIMETER_PROGRAM: u32 = 0;
export let PERIMETER_HEAP_BASE: u32 = 0;

@inline export function hdr(i: i32): usize {
  return <usize>load<u32>(<usize>PERIMETER_PROGRAM + (<usize>i << 2));
}

@inline export function word(p: usize, i: i32): usize {
  return <usize>load<u32>(p + (<usize>i << 2));
}

@inline export function iword(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

/** A well-known name (N_* in format.ts). */
export function name(i: i32): usize {
  return word(hdr(H_NAMES), i);
}

/**
 * The name table's hash (serialize.ts `nameHash` is the same function). The parser hashes
 * every key of every object it builds, so the hash reads at most three words whatever the
 * length (first, middle and last four bytes, which may overlap) and multiplies them side by
 * side; the length is mixed in, and a collision only costs a probe.
 */
export function nameHash(p: usize, n: u32): u32 {
  let h: u32 = n * 0x9e3779b1;
  if (n >= 4) {
    // Three independent products (short dependency chains), then one mixing round.
    h ^= load<u32>(p) * 0x85ebca6b;
    h ^= rotl<u32>(load<u32>(p + (n >> 1) - 2) * 0xc2b2ae35, 11);
    h ^= rotl<u32>(load<u32>(p + n - 4) * 0x27d4eb2f, 21);
  } else {
    for (let i: u32 = 0; i < n; i++) h = (h ^ <u32>load<u8>(p + i)) * 0xc2b2ae35;
  }
  h ^= h >> 15;
  h *= 0x165667b1;
  return h ^ (h >> 13);
}

/** value.ts `bytesEqual`, inlined here: nearly every key the parser meets is a name of the table. */
@inline function sameBytes(a: usize, b: usize, n: u32): bool {
  if (n >= 8) {
    const last = <usize>n - 8;
    for (let i: usize = 0; i < last; i += 8) if (load<u64>(a + i) != load<u64>(b + i)) return false;
    return load<u64>(a + last) == load<u64>(b + last);
  }
  return bytesEqual(a, b, n);
}

/** The interned string value with these bytes, or 0. */
export function intern(p: usize, n: u32): usize {
  if (PERIMETER_PROGRAM == 0) return 0;
  const table = hdr(H_FIELDS);
  const mask = load<u32>(table);
  let i = nameHash(p, n) & mask;
  while (true) {
    const s = <usize>load<u32>(table + 4 + (<usize>i << 2));
    if (s == 0) return 0;
    if (load<u32>(s, 4) == n && sameBytes(<usize>load<u32>(s, 8), p, n)) return s;
    i = (i + 1) & mask;
  }
  return 0;
}

@inline export function isInterned(s: usize): bool {
  return (load<u32>(s) & F_INTERNED) != 0;
}
