/**
 * The OPA Wasm ABI 1.3 exports of a Perimeter policy module (opa-wasm-abi.md §1, §8).
 *
 * Values, heap and evaluation context are our own layouts; hosts only pass addresses back.
 * `opa_eval` resets the heap to its `heap` argument, parses the input where the host wrote it
 * (never writing there), evaluates the entrypoint's Report and returns the serialised result
 * set. Input that is absent or not valid JSON is undefined, and a report on an undefined
 * input is undefined: the result set is empty (`[]`), as in OPA. Evaluation never modifies
 * the data or input values. The start function initialises the heap after the program blob.
 */

import { BLOB_MAGIC, F_INTERNED, F_OWNED, FLAG_NO_SKIP, NUM_OWNS_TEXT, T_NUM, H_BUILTINS_VALUE, H_EP_VALUE, H_FLAGS, H_NENTRY, N_RESULT, T_ARR, T_OBJ, T_RAW, T_SET, T_STR } from "../format";
import { abortWith, alloc, clearStash, free, heapPtr, initHeap, restoreBlocks, setHeapPtr, stashBlocks } from "./heap";
import { dumpValue, initJson, MODE_COPY, MODE_EVAL, MODE_FULL, parse } from "./json";
import { hdr, intern, name, PERIMETER_HEAP_BASE, PERIMETER_PROGRAM } from "./program";
import { writeEntrypoint } from "./report";
import { sbBuf, sbByte, sbLen, sbLit, sbNew } from "./sb";
import { arrAt, arrLen, initValues, isArr, isObj, isStr, newObj, objFind, strLen, strPtr, tag } from "./value";

export { PERIMETER_PROGRAM, PERIMETER_HEAP_BASE };

export const opa_wasm_abi_version: i32 = 1;
export const opa_wasm_abi_minor_version: i32 = 3;

// --- start -------------------------------------------------------------------------------------

initValues();
initJson();
initHeap(PERIMETER_HEAP_BASE != 0 ? <usize>PERIMETER_HEAP_BASE : __heap_base);
if (PERIMETER_PROGRAM != 0 && load<u32>(<usize>PERIMETER_PROGRAM, 0) != <u32>BLOB_MAGIC) abortWith("perimeter: the policy module is corrupt");

// --- memory --------------------------------------------------------------------------------------

export function opa_malloc(size: u32): u32 {
  return <u32>alloc(size);
}

export function opa_free(p: u32): void {
  free(p);
}

export function opa_heap_ptr_get(): u32 {
  return <u32>heapPtr;
}

export function opa_heap_ptr_set(p: u32): void {
  setHeapPtr(p);
}

export function opa_heap_blocks_stash(): void {
  stashBlocks();
}

export function opa_heap_blocks_restore(): void {
  restoreBlocks();
}

export function opa_heap_stash_clear(): void {
  clearStash();
}

// --- values ----------------------------------------------------------------------------------------

export function opa_json_parse(p: u32, len: u32): u32 {
  return len == 0 ? 0 : <u32>parse(p, len, MODE_COPY, false);
}

export function opa_value_parse(p: u32, len: u32): u32 {
  return len == 0 ? 0 : <u32>parse(p, len, MODE_COPY, true);
}

function dump(v: usize, rego: bool): u32 {
  const sb = sbNew(256);
  dumpValue(sb, v, rego);
  sbByte(sb, 0);
  return <u32>sbBuf(sb);
}

export function opa_json_dump(v: u32): u32 {
  return dump(v, false);
}

export function opa_value_dump(v: u32): u32 {
  return dump(v, true);
}

export function opa_value_free(v: u32): void {
  freeValue(v);
}

function freeValue(v: usize): void {
  if (v == 0) return;
  const t = tag(v);
  if (t == T_STR) {
    if ((load<u32>(v) & F_INTERNED) != 0) return;
    if ((load<u32>(v) & F_OWNED) != 0) free(strPtr(v));
  } else if (t == T_NUM) {
    if ((load<u32>(v, 4) & NUM_OWNS_TEXT) != 0) free(<usize>load<u32>(v, 16));
  } else if (t == T_ARR || t == T_SET) {
    const n = load<u32>(v, 4);
    for (let i: u32 = 0; i < n; i++) freeValue(<usize>load<u32>(<usize>load<u32>(v, 8) + (<usize>i << 2)));
    free(<usize>load<u32>(v, 8));
  } else if (t == T_OBJ) {
    const n = load<u32>(v, 4);
    const e = <usize>load<u32>(v, 8);
    for (let i: u32 = 0; i < n; i++) {
      const k = <usize>load<u32>(e + (<usize>i << 3));
      freeValue(k);
      freeValue(<usize>load<u32>(e + (<usize>i << 3), 4));
    }
    free(e);
  }
  free(v);
}

const ERR_OK: u32 = 0;
const ERR_INVALID_TYPE: u32 = 2;
const ERR_INVALID_PATH: u32 = 3;

/** Checks that `path` is a non-empty array of strings. */
function validPath(path: usize): bool {
  if (!isArr(path) || arrLen(path) == 0) return false;
  for (let i: u32 = 0; i < arrLen(path); i++) if (!isStr(arrAt(path, i))) return false;
  return true;
}

function internKey(k: usize): usize {
  const s = intern(strPtr(k), strLen(k));
  return s != 0 ? s : k;
}

function objSet(o: usize, key: usize, v: usize): void {
  const i = objFind(o, key);
  const e = <usize>load<u32>(o, 8);
  if (i >= 0) {
    store<u32>(e + (<usize>i << 3), <u32>v, 4);
    return;
  }
  const n = load<u32>(o, 4);
  const ne = alloc(<usize>(n + 1) << 3);
  if (n > 0) memory.copy(ne, e, <usize>n << 3);
  store<u32>(ne + (<usize>n << 3), <u32>internKey(key));
  store<u32>(ne + (<usize>n << 3), <u32>v, 4);
  store<u32>(o, n + 1, 4);
  store<u32>(o, <u32>ne, 8);
}

export function opa_value_add_path(base: u32, path: u32, value: u32): u32 {
  if (!validPath(path)) return ERR_INVALID_PATH;
  if (!isObj(base)) return ERR_INVALID_TYPE;
  let cur: usize = base;
  const n = arrLen(path);
  for (let i: u32 = 0; i + 1 < n; i++) {
    const key = arrAt(path, i);
    const j = objFind(cur, key);
    if (j < 0) {
      const child = newObj(0, 0);
      objSet(cur, key, child);
      cur = child;
      continue;
    }
    const child = <usize>load<u32>(<usize>load<u32>(cur, 8) + (<usize>j << 3), 4);
    if (!isObj(child)) return ERR_INVALID_TYPE;
    cur = child;
  }
  objSet(cur, arrAt(path, n - 1), value);
  return ERR_OK;
}

export function opa_value_remove_path(base: u32, path: u32): u32 {
  if (!validPath(path)) return ERR_INVALID_PATH;
  if (!isObj(base)) return ERR_INVALID_TYPE;
  let cur: usize = base;
  const n = arrLen(path);
  for (let i: u32 = 0; i + 1 < n; i++) {
    const j = objFind(cur, arrAt(path, i));
    if (j < 0) return ERR_OK;
    const child = <usize>load<u32>(<usize>load<u32>(cur, 8) + (<usize>j << 3), 4);
    if (!isObj(child)) return ERR_INVALID_TYPE;
    cur = child;
  }
  const j = objFind(cur, arrAt(path, n - 1));
  if (j < 0) return ERR_OK;
  const m = load<u32>(cur, 4);
  const e = <usize>load<u32>(cur, 8);
  memory.copy(e + (<usize>j << 3), e + (<usize>(j + 1) << 3), <usize>(m - <u32>j - 1) << 3);
  store<u32>(cur, m - 1, 4);
  return ERR_OK;
}

// --- entrypoints and builtins ------------------------------------------------------------------------

export function builtins(): u32 {
  return <u32>hdr(H_BUILTINS_VALUE);
}

export function entrypoints(): u32 {
  return <u32>hdr(H_EP_VALUE);
}

function checkEntrypoint(ep: i32): void {
  if (PERIMETER_PROGRAM == 0 || ep < 0 || <usize>ep >= hdr(H_NENTRY)) abortWith("internal: illegal entrypoint id");
}

// --- evaluation ----------------------------------------------------------------------------------------

/** The report of entrypoint `ep`, as raw JSON text (0 when the input is undefined). */
function reportText(ep: i32, input: usize, data: usize): usize {
  if (input == 0) return 0;
  const sb = sbNew(16384);
  writeEntrypoint(sb, <u32>ep, input, data);
  return sb;
}

export function opa_eval_ctx_new(): u32 {
  const ctx = alloc(16);
  store<u32>(ctx, 0);
  store<u32>(ctx, 0, 4);
  store<u32>(ctx, 0, 8);
  store<u32>(ctx, 0, 12);
  return <u32>ctx;
}

export function opa_eval_ctx_set_input(ctx: u32, v: u32): void {
  store<u32>(ctx, v);
}

export function opa_eval_ctx_set_data(ctx: u32, v: u32): void {
  store<u32>(ctx, v, 4);
}

export function opa_eval_ctx_set_entrypoint(ctx: u32, ep: u32): void {
  store<u32>(ctx, ep, 12);
}

export function opa_eval_ctx_get_result(ctx: u32): u32 {
  return load<u32>(ctx, 8);
}

/** The slow path: the result set as a value, {{"result": <report>}} or the empty set. */
function evalCtx(ctx: u32): u32 {
  const ep = load<i32>(ctx, 12);
  checkEntrypoint(ep);
  const text = reportText(ep, <usize>load<u32>(ctx), <usize>load<u32>(ctx, 4));
  let items: usize = 0;
  let n: u32 = 0;
  if (text != 0) {
    const raw = alloc(12);
    store<u32>(raw, T_RAW);
    store<u32>(raw, sbLen(text), 4);
    store<u32>(raw, <u32>sbBuf(text), 8);
    const entries = alloc(8);
    store<u32>(entries, <u32>name(N_RESULT));
    store<u32>(entries, <u32>raw, 4);
    items = alloc(4);
    store<u32>(items, <u32>newObj(1, entries));
    n = 1;
  }
  const set = alloc(12);
  store<u32>(set, T_SET);
  store<u32>(set, n, 4);
  store<u32>(set, <u32>items, 8);
  store<u32>(ctx, <u32>set, 8);
  return 0;
}

export { evalCtx as eval };

export function opa_eval(reserved: u32, ep: i32, data: u32, input: u32, inputLen: u32, heap: u32, format: u32): u32 {
  if (reserved != 0) abortWith("invalid reserved argument");
  setHeapPtr(heap);
  checkEntrypoint(ep);
  const mode = (hdr(H_FLAGS) & FLAG_NO_SKIP) != 0 ? MODE_FULL : MODE_EVAL;
  const doc: usize = inputLen == 0 ? 0 : parse(input, inputLen, mode, false);
  const sb = sbNew(doc == 0 ? 16 : 16384);
  if (doc == 0) sbLit(sb, format == 0 ? "[]" : "set()");
  else {
    sbLit(sb, format == 0 ? '[{"result":' : '{{"result":');
    writeEntrypoint(sb, <u32>ep, doc, data);
    sbLit(sb, format == 0 ? "}]" : "}}");
  }
  sbByte(sb, 0);
  return <u32>sbBuf(sb);
}

/** The end of the runtime's static data, read by the patcher (its export is removed there). */
export const PERIMETER_STATIC_END: usize = __heap_base;
