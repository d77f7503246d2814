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

/** The name table's hash (serialize.ts `nameHash` is the same function): four bytes a step. */
export function nameHash(p: usize, n: u32): u32 {
  let h: u32 = n * 0x9e3779b1;
  let i: u32 = 0;
  while (i + 4 <= n) {
    h = (h ^ load<u32>(p + i)) * 0x85ebca6b;
    h ^= h >> 13;
    i += 4;
  }
  while (i < n) {
    h = (h ^ <u32>load<u8>(p + i)) * 0xc2b2ae35;
    i++;
  }
  return h ^ (h >> 16);
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
    if (load<u32>(s, 4) == n && bytesEqual(<usize>load<u32>(s, 8), p, n)) return s;
    i = (i + 1) & mask;
  }
  return 0;
}

@inline export function isInterned(s: usize): bool {
  return (load<u32>(s) & F_INTERNED) != 0;
}
