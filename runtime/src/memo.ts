/**
 * The evaluation's memo table (src/eval/memo.ts is the model): work shared across subjects,
 * done once per evaluation.
 *
 * Values never change during an evaluation and are never freed before it ends, so a value's
 * pointer identifies it, and every operation is a function of its operands' values: a
 * result can be reused whenever the same operation meets the same operand pointers. One
 * open-addressing hash table (linear probing, doubled at half load) on the evaluation's
 * heap, started afresh by each evaluation. An entry is six words: five key words (k0 names
 * the operation: a def or expression record of the program blob, or one of the MEMO_*
 * kinds below, which no blob address equals; 0 marks an empty slot) and the result.
 * Unused key words are 0.
 */

import { allocZero, free } from "./heap";

/** k0 of a parsed DNS name (k1: the string value). */
export const MEMO_DOMAIN: u32 = 1;
/** k0 of an operand's address set (k1: the value). */
export const MEMO_SET: u32 = 2;
/** k0 of a network comparison: MEMO_CMP + op (k1, k2: the operands). */
export const MEMO_CMP: u32 = 3;
/** k0 of a number shown as a subject's key (k1: the value), above every MEMO_CMP + op. */
export const MEMO_SHOW: u32 = 32;

const ENTRY: usize = 24;
// 2048 entries (48 KB): a 100 KB export fills over a thousand, and each growth re-places
// every entry; a small evaluation still fits in a few pages of memory.
const INITIAL: u32 = 2048;

let table: usize = 0;
let mask: u32 = 0;
let count: u32 = 0;

/** The value of the last successful memoGet. */
export let memoValue: usize = 0;
/**
 * The key's hash after an unsuccessful memoGet, for the memoPut that follows (the callers
 * pass it ahead of computing the result, which may use the table itself): a miss hashes once.
 */
export let memoHash: u32 = 0;

/** Starts an empty table (on the evaluation's heap). */
export function memoReset(): void {
  table = allocZero(<usize>INITIAL * ENTRY);
  mask = INITIAL - 1;
  count = 0;
}

@inline function hash(k0: u32, k1: u32, k2: u32, k3: u32, k4: u32): u32 {
  let h = k0 * 0x9e3779b1;
  h = (h ^ k1) * 0x85ebca6b;
  h ^= h >> 15;
  h = (h ^ k2) * 0xc2b2ae35;
  h ^= h >> 13;
  h = (h ^ k3) * 0x27d4eb2f;
  h ^= h >> 16;
  h = (h ^ k4) * 0x165667b1;
  return h ^ (h >> 15);
}

/** Looks the key up; on a hit, memoValue holds the result. */
export function memoGet(k0: u32, k1: u32, k2: u32, k3: u32, k4: u32): bool {
  const h = hash(k0, k1, k2, k3, k4);
  memoHash = h;
  let i = h & mask;
  while (true) {
    const e = table + <usize>i * ENTRY;
    const a = load<u32>(e);
    if (a == 0) return false;
    if (a == k0 && load<u32>(e, 4) == k1 && load<u32>(e, 8) == k2 && load<u32>(e, 12) == k3 && load<u32>(e, 16) == k4) {
      memoValue = <usize>load<u32>(e, 20);
      return true;
    }
    i = (i + 1) & mask;
  }
  return false;
}

function place(h: u32, k0: u32, k1: u32, k2: u32, k3: u32, k4: u32, v: u32): void {
  let i = h & mask;
  while (true) {
    const e = table + <usize>i * ENTRY;
    const a = load<u32>(e);
    if (a == 0 || (a == k0 && load<u32>(e, 4) == k1 && load<u32>(e, 8) == k2 && load<u32>(e, 12) == k3 && load<u32>(e, 16) == k4)) {
      if (a == 0) count++;
      store<u32>(e, k0);
      store<u32>(e, k1, 4);
      store<u32>(e, k2, 8);
      store<u32>(e, k3, 12);
      store<u32>(e, k4, 16);
      store<u32>(e, v, 20);
      return;
    }
    i = (i + 1) & mask;
  }
}

/** Records the result of a key (k0 != 0) whose hash is h (memoHash after its memoGet); returns it. */
export function memoPut(h: u32, k0: u32, k1: u32, k2: u32, k3: u32, k4: u32, v: usize): usize {
  if ((count + 1) << 1 > mask + 1) {
    const old = table;
    const n = mask + 1;
    table = allocZero(<usize>(n << 1) * ENTRY);
    mask = (n << 1) - 1;
    count = 0;
    for (let i: u32 = 0; i < n; i++) {
      const e = old + <usize>i * ENTRY;
      const a = load<u32>(e);
      if (a != 0) {
        const k1 = load<u32>(e, 4);
        const k2 = load<u32>(e, 8);
        const k3 = load<u32>(e, 12);
        const k4 = load<u32>(e, 16);
        place(hash(a, k1, k2, k3, k4), a, k1, k2, k3, k4, load<u32>(e, 20));
      }
    }
    free(old);
  }
  place(h, k0, k1, k2, k3, k4, <u32>v);
  return v;
}
