/**
 * The heap: a bump allocator over linear memory with free lists, following OPA's contract
 * (opa-wasm-abi.md §3).
 *
 * Every block has an 8-byte header {size, magic}; `alloc` serves from a free list of the
 * exact size (small blocks) or first-fit (large ones), else bumps `heapPtr`, growing memory
 * against the live `memory.size` (the host may have grown it). `setHeapPtr` discards every
 * block at or above the pointer and drops the free lists, so `opa_eval` starting from its
 * `heap` argument reuses the same memory on every call: memory stays flat. Nothing here
 * allocates through AssemblyScript's own runtime.
 */

@external("env", "opa_abort")
export declare function opa_abort(msg: usize): void;

const HDR: usize = 8;
const MAGIC: u32 = 0x4b4c4250;
const SMALL_MAX: usize = 512;
const NSMALL: usize = SMALL_MAX / 8 + 1;

/** First free byte of the heap region (after the static data and the program blob). */
export let heapBase: usize = 0;
export let heapPtr: usize = 0;

// Free-list heads: NSMALL exact-size lists, then the large list; and their stash (ABI 1.3).
const lists: usize = memory.data(<i32>((NSMALL + 1) * 4), 8);
const stash: usize = memory.data(<i32>((NSMALL + 1) * 4), 8);
// A static buffer for abort messages (an abort cannot rely on the heap).
const abortBuf: usize = memory.data(128, 8);

/** Aborts with an ASCII message (an AssemblyScript string literal). */
export function abortWith(msg: string): void {
  const src = changetype<usize>(msg);
  let n = <usize>msg.length;
  if (n > 127) n = 127;
  for (let i: usize = 0; i < n; i++) store<u8>(abortBuf + i, <u8>load<u16>(src + (i << 1)));
  store<u8>(abortBuf + n, 0);
  opa_abort(abortBuf);
  unreachable();
}

export function initHeap(base: usize): void {
  heapBase = (base + 15) & ~<usize>15;
  heapPtr = heapBase;
  clearLists(lists);
  clearLists(stash);
}

function clearLists(l: usize): void {
  for (let i: usize = 0; i <= NSMALL; i++) store<u32>(l + (i << 2), 0);
}

@inline function ensureMemory(top: usize): void {
  const have = <u64>memory.size() << 16;
  if (<u64>top > have) {
    const need = <u64>top - have;
    const pages = <i32>((need + 0xffff) >> 16);
    if (memory.grow(pages) < 0) abortWith("opa_malloc: failed");
  }
}

/** Allocates `n` bytes (8-byte aligned; contents undefined). */
export function alloc(n: usize): usize {
  let size = (n + 7) & ~<usize>7;
  if (size == 0) size = 8;
  if (size <= SMALL_MAX) {
    const head = lists + ((size >> 3) << 2);
    const p = <usize>load<u32>(head);
    if (p != 0) {
      store<u32>(head, load<u32>(p));
      store<u32>(p - 4, MAGIC);
      return p;
    }
  } else if (load<u32>(lists + (NSMALL << 2)) != 0) {
    let prev = lists + (NSMALL << 2);
    let p = <usize>load<u32>(prev);
    while (p != 0) {
      if (<usize>load<u32>(p - 8) >= size) {
        store<u32>(prev, load<u32>(p));
        store<u32>(p - 4, MAGIC);
        return p;
      }
      prev = p;
      p = <usize>load<u32>(p);
    }
  }
  if (size > 0x7ffffff0 || heapPtr + HDR + size < heapPtr) abortWith("opa_malloc: failed");
  const block = heapPtr;
  const top = block + HDR + size;
  ensureMemory(top);
  store<u32>(block, <u32>size);
  store<u32>(block + 4, MAGIC);
  heapPtr = top;
  return block + HDR;
}

/** Allocates `n` zeroed bytes. */
export function allocZero(n: usize): usize {
  const p = alloc(n);
  memory.fill(p, 0, (n + 7) & ~<usize>7);
  return p;
}

/** Frees a block from `alloc` (anything else is ignored). */
export function free(p: usize): void {
  if (p < heapBase + HDR || p >= heapPtr || (p & 7) != 0) return;
  if (load<u32>(p - 4) != MAGIC) return;
  store<u32>(p - 4, 0);
  const size = <usize>load<u32>(p - 8);
  const head = size <= SMALL_MAX ? lists + ((size >> 3) << 2) : lists + (NSMALL << 2);
  store<u32>(p, load<u32>(head));
  store<u32>(head, <u32>p);
}

/** Everything at or above `p` is free from now on; the free lists are dropped. */
export function setHeapPtr(p: usize): void {
  heapPtr = (p + 7) & ~<usize>7;
  if (heapPtr < heapBase) heapPtr = heapBase;
  clearLists(lists);
}

/** ABI 1.3: moves the free lists aside so that an evaluation cannot hand their blocks out. */
export function stashBlocks(): void {
  for (let i: usize = 0; i <= NSMALL; i++) {
    const a = lists + (i << 2);
    const s = stash + (i << 2);
    let p = <usize>load<u32>(a);
    while (p != 0) {
      const next = <usize>load<u32>(p);
      store<u32>(p, load<u32>(s));
      store<u32>(s, <u32>p);
      p = next;
    }
    store<u32>(a, 0);
  }
}

/** ABI 1.3: puts the stashed blocks back on the free lists (blocks above the heap pointer are dropped). */
export function restoreBlocks(): void {
  for (let i: usize = 0; i <= NSMALL; i++) {
    const a = lists + (i << 2);
    const s = stash + (i << 2);
    let p = <usize>load<u32>(s);
    while (p != 0) {
      const next = <usize>load<u32>(p);
      if (p < heapPtr) {
        store<u32>(p, load<u32>(a));
        store<u32>(a, <u32>p);
      }
      p = next;
    }
    store<u32>(s, 0);
  }
}

export function clearStash(): void {
  clearLists(stash);
}
