/**
 * The JSON (and Rego value) parser and the dumps.
 *
 * The parser is iterative (explicit stacks on the heap), validates the whole text as
 * `JSON.parse` would (RFC 8259; a leading UTF-8 byte-order mark is ignored), and returns 0
 * on any error. Modes:
 * - COPY: strings and number texts are copied to the heap and numbers computed at once
 *   (values that outlive the text: `opa_json_parse`, `opa_value_parse`).
 * - EVAL: the evaluation's input. Strings point into the input bytes; numbers are computed
 *   on first use; the value of a key the program never reads is validated and skipped
 *   without building anything, and its object is marked partial with its source span, so
 *   that an operation needing the whole object (`==`, `count`, a computed key) re-parses it
 *   (FULL mode) once.
 * Strings are kept as WTF-8 (a `\\udxxx` escape of a lone surrogate is stored as its 3-byte
 * encoding). Bytes of a string that are not UTF-8 read as the WHATWG decoder (TextDecoder,
 * hence JSON.parse of the decoded text, and the hosts, which decode before they parse) reads
 * them: one U+FFFD per maximal ill-formed subpart. So an encoded surrogate written raw
 * (`ED A0 80`) is three U+FFFD, never the lone surrogate a `\\ud800` escape stores, and two
 * strings that differ only in such bytes are equal, as they are to the evaluator.
 * Duplicate keys keep the last value, as `JSON.parse` does. Nesting deeper than MAX_DEPTH is
 * an error (so that no later recursion can exhaust the Wasm stack).
 *
 * Dumps write JSON exactly as `JSON.stringify` escapes strings (lone surrogates as `\udxxx`),
 * numbers as their source text when they have one; `rego` dumps write sets as `{…}`/`set()`.
 */

import { F_OWNED, NUM_OWNS_TEXT, OBJ_PARTIAL, T_ADDR, T_ARR, T_BOOL, T_NULL, T_NUM, T_OBJ, T_RAW, T_SET, T_STR } from "../format";
import { copyBytes, firstStop, readStops, stringStops, writeStops } from "./bytes";
import { sbNew } from "./sb";
import { alloc, free } from "./heap";
import { writeNumber } from "./num";
import { intern, isInterned } from "./program";
import { sbBuf, sbByte, sbBytes, sbLit, sbReserve } from "./sb";
import { EMPTY_ARR, FALSEV, jsonEqual, newArr, newNumText, newObj, newStr, NULLV, numValue, objFull, setFullParser, strEqual, TRUEV, isWanted, tag } from "./value";

export const MODE_COPY: u32 = 0;
export const MODE_EVAL: u32 = 1;
export const MODE_FULL: u32 = 2;

const MAX_DEPTH: u32 = 2048;

const K_ARR: u32 = 0;
const K_OBJ: u32 = 1;
const K_SET: u32 = 2;
const K_BRACE: u32 = 3; // Rego: `{` not yet known to be an object or a set
const AWAIT_VALUE: u32 = 2;

let P: usize = 0;
let END: usize = 0;
let MODE: u32 = 0;
let REGO: bool = false;

let items: usize = 0;
let itemsTop: u32 = 0;
let itemsCap: u32 = 0;
let frames: usize = 0; // 4 words per frame: kind, itemStart, srcStart, flags
let framesTop: u32 = 0;
let framesCap: u32 = 0;
let skipStack: usize = 0;
let skipCap: u32 = 0;

@inline function pushItem(v: usize): void {
  if (itemsTop == itemsCap) growItems();
  store<u32>(items + (<usize>itemsTop << 2), <u32>v);
  itemsTop++;
}

function growItems(): void {
  const ncap = itemsCap << 1;
  const n = alloc(<usize>ncap << 2);
  copyBytes(n, items, <usize>itemsCap << 2);
  items = n;
  itemsCap = ncap;
}

function pushFrame(kind: u32, src: usize): bool {
  if (framesTop >= MAX_DEPTH) return false;
  if (framesTop == framesCap) {
    const ncap = framesCap << 1;
    const n = alloc(<usize>ncap << 4);
    copyBytes(n, frames, <usize>framesCap << 4);
    frames = n;
    framesCap = ncap;
  }
  const f = frames + (<usize>framesTop << 4);
  store<u32>(f, kind);
  store<u32>(f, itemsTop, 4);
  store<u32>(f, <u32>src, 8);
  store<u32>(f, 0, 12);
  framesTop++;
  return true;
}

@inline function top(): usize {
  return frames + (<usize>(framesTop - 1) << 4);
}

@inline function ws(): void {
  while (P < END) {
    const c = load<u8>(P);
    if (c == 32 || c == 10 || c == 13 || c == 9) P++;
    else break;
  }
}

@inline function peek(): u32 {
  return P < END ? <u32>load<u8>(P) : 0xffffffff;
}

function lit(s: string): bool {
  const n = <usize>s.length;
  if (P + n > END) return false;
  const src = changetype<usize>(s);
  for (let i: usize = 0; i < n; i++) if (<u32>load<u8>(P + i) != <u32>load<u16>(src + (i << 1))) return false;
  P += n;
  return true;
}

@inline function isDigit(c: u32): bool {
  return c - 48 < 10;
}

/** Validates a number at P; returns its end, or 0. */
@inline function scanNumber(): usize {
  return scanNumberFrom(P);
}

/** Validates a number starting at q; returns its end, or 0. */
function scanNumberFrom(q: usize): usize {
  if (q < END && load<u8>(q) == 45) q++;
  if (q >= END) return 0;
  let c = <u32>load<u8>(q);
  if (c == 48) q++;
  else if (c >= 49 && c <= 57) {
    while (q < END && isDigit(<u32>load<u8>(q))) q++;
  } else return 0;
  if (q < END && load<u8>(q) == 46) {
    q++;
    if (q >= END || !isDigit(<u32>load<u8>(q))) return 0;
    while (q < END && isDigit(<u32>load<u8>(q))) q++;
  }
  if (q < END && (load<u8>(q) | 0x20) == 101) {
    q++;
    if (q < END && (load<u8>(q) == 43 || load<u8>(q) == 45)) q++;
    if (q >= END || !isDigit(<u32>load<u8>(q))) return 0;
    while (q < END && isDigit(<u32>load<u8>(q))) q++;
  }
  return q;
}

function hexVal(c: u32): i32 {
  if (c - 48 < 10) return <i32>(c - 48);
  const l = c | 0x20;
  if (l - 97 < 6) return <i32>(l - 87);
  return -1;
}

function hex4(q: usize): i32 {
  if (q + 4 > END) return -1;
  let v: i32 = 0;
  for (let i: usize = 0; i < 4; i++) {
    const h = hexVal(<u32>load<u8>(q + i));
    if (h < 0) return -1;
    v = (v << 4) | h;
  }
  return v;
}

/**
 * The first byte at or after q a string scanner stops at, found 8 bytes at a time (or where
 * the last whole word before `end` ends). Inlined, with `end` a caller's local, into every
 * string loop of the parser.
 */
@inline function toStop(q: usize, end: usize): usize {
  while (q + 8 <= end) {
    const m = stringStops(load<u64>(q));
    if (m != 0) return q + firstStop(m);
    q += 8;
  }
  return q;
}

/**
 * As `toStop`, and also at every byte from 0x80: where a string's value is read (not merely
 * validated), its UTF-8 is validated, so that ill-formed bytes read as U+FFFD.
 */
@inline function toReadStop(q: usize, end: usize): usize {
  while (q + 8 <= end) {
    const m = readStops(load<u64>(q));
    if (m != 0) return q + firstStop(m);
    q += 8;
  }
  return q;
}

/**
 * The UTF-8 sequence at q (a byte from 0x80), as the WHATWG decoder reads it: its length n > 0
 * when well-formed; otherwise -m, where m (1 to 3) is the length of the maximal ill-formed
 * subpart that reads as one U+FFFD (the lead and the continuation bytes valid so far).
 */
function utf8Seq(q: usize, end: usize): i32 {
  const b = <u32>load<u8>(q);
  let need: i32 = 0;
  let lo: u32 = 0x80;
  let hi: u32 = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) {
    need = 2;
    if (b == 0xe0) lo = 0xa0;
    else if (b == 0xed) hi = 0x9f; // not a surrogate
  } else if (b >= 0xf0 && b <= 0xf4) {
    need = 3;
    if (b == 0xf0) lo = 0x90;
    else if (b == 0xf4) hi = 0x8f; // not beyond U+10FFFF
  } else return -1;
  for (let i: i32 = 1; i <= need; i++) {
    if (q + <usize>i >= end) return -i;
    const c = <u32>load<u8>(q + <usize>i);
    if (c < lo || c > hi) return -i;
    lo = 0x80;
    hi = 0xbf;
  }
  return need + 1;
}

/** Skips a string starting at P (the opening quote), validating it; false on error. */
function skipString(): bool {
  const e = skipStringFrom(P + 1);
  if (e == 0) return false;
  P = e;
  return true;
}

/** Validates the rest of a string from q (just after its opening quote); returns the end (after the closing quote), or 0. */
function skipStringFrom(q: usize): usize {
  const end = END;
  while (q < end) {
    q = toStop(q, end);
    if (q >= end) return 0;
    const c = <u32>load<u8>(q);
    if (c == 34) return q + 1;
    if (c < 0x20) return 0;
    if (c == 92) {
      if (q + 1 >= end) return 0;
      const e = <u32>load<u8>(q + 1);
      if (e == 117) {
        if (hex4(q + 2) < 0) return 0;
        q += 6;
        continue;
      }
      if (e == 34 || e == 92 || e == 47 || e == 98 || e == 102 || e == 110 || e == 114 || e == 116) {
        q += 2;
        continue;
      }
      return 0;
    }
    q++;
  }
  return 0;
}

function putCodeUnit(d: usize, cp: u32): usize {
  if (cp < 0x80) {
    store<u8>(d, <u8>cp);
    return d + 1;
  }
  if (cp < 0x800) {
    store<u8>(d, <u8>(0xc0 | (cp >> 6)));
    store<u8>(d + 1, <u8>(0x80 | (cp & 0x3f)));
    return d + 2;
  }
  if (cp < 0x10000) {
    store<u8>(d, <u8>(0xe0 | (cp >> 12)));
    store<u8>(d + 1, <u8>(0x80 | ((cp >> 6) & 0x3f)));
    store<u8>(d + 2, <u8>(0x80 | (cp & 0x3f)));
    return d + 3;
  }
  store<u8>(d, <u8>(0xf0 | (cp >> 18)));
  store<u8>(d + 1, <u8>(0x80 | ((cp >> 12) & 0x3f)));
  store<u8>(d + 2, <u8>(0x80 | ((cp >> 6) & 0x3f)));
  store<u8>(d + 3, <u8>(0x80 | (cp & 0x3f)));
  return d + 4;
}

// The bytes of the last string scanned (decoded when it had escapes).
let strBytes: usize = 0;
let strLenV: u32 = 0;
let strCopied: bool = false;

/** Scans the string at P; leaves its bytes in strBytes/strLenV. False on error. */
function scanString(): bool {
  const start = P + 1;
  let q = start;
  while (q < END) {
    q = toReadStop(q, END);
    if (q >= END) break;
    const c = <u32>load<u8>(q);
    if (c == 34) break;
    if (c >= 0x80) {
      const n = utf8Seq(q, END);
      if (n > 0) {
        q += <usize>n;
        continue;
      }
    }
    if (c == 92 || c >= 0x80) {
      // Slow path: validate to the end, then decode (escapes; ill-formed UTF-8).
      if (!skipString()) return false;
      const rawEnd = P - 1;
      // Each ill-formed subpart (1 to 3 bytes) becomes one U+FFFD (3 bytes): room for them.
      let grow: usize = 0;
      for (let i = start; i < rawEnd; ) {
        if (load<u8>(i) < 0x80) {
          i++;
          continue;
        }
        const n = utf8Seq(i, rawEnd);
        if (n > 0) i += <usize>n;
        else {
          grow += <usize>(3 + n);
          i += <usize>-n;
        }
      }
      const buf = alloc(rawEnd - start + grow);
      let d = buf;
      let s = start;
      while (s < rawEnd) {
        const b = <u32>load<u8>(s);
        if (b >= 0x80) {
          const n = utf8Seq(s, rawEnd);
          if (n > 0) {
            copyBytes(d, s, <usize>n);
            d += <usize>n;
            s += <usize>n;
          } else {
            d = putCodeUnit(d, 0xfffd);
            s += <usize>-n;
          }
          continue;
        }
        if (b != 92) {
          store<u8>(d++, <u8>b);
          s++;
          continue;
        }
        const e = <u32>load<u8>(s + 1);
        s += 2;
        if (e == 117) {
          let cp = <u32>hex4(s);
          s += 4;
          if (cp >= 0xd800 && cp < 0xdc00 && s + 6 <= rawEnd && load<u8>(s) == 92 && load<u8>(s + 1) == 117) {
            const lo = hex4(s + 2);
            if (lo >= 0xdc00 && lo < 0xe000) {
              cp = 0x10000 + ((cp - 0xd800) << 10) + (<u32>lo - 0xdc00);
              s += 6;
            }
          }
          d = putCodeUnit(d, cp);
        } else {
          let out: u32 = e;
          if (e == 98) out = 8;
          else if (e == 102) out = 12;
          else if (e == 110) out = 10;
          else if (e == 114) out = 13;
          else if (e == 116) out = 9;
          store<u8>(d++, <u8>out);
        }
      }
      strBytes = buf;
      strLenV = <u32>(d - buf);
      strCopied = true;
      return true;
    }
    if (c < 0x20) return false;
    q++;
  }
  if (q >= END) return false;
  strBytes = start;
  strLenV = <u32>(q - start);
  strCopied = false;
  P = q + 1;
  return true;
}

/**
 * Scans an object key and its `:` at P (after whitespace), as scanString does; the common
 * case (no escape, no whitespace around) runs on locals, since every key of every object the
 * parser builds comes through here.
 */
@inline function scanKey(): bool {
  const end = END;
  let q = P;
  if (q < end && load<u8>(q) != 34) {
    ws();
    q = P;
  }
  if (q >= end || load<u8>(q) != 34) return false;
  const start = q + 1;
  q = toReadStop(start, end);
  if (q < end && load<u8>(q) == 34) {
    strBytes = start;
    strLenV = <u32>(q - start);
    strCopied = false;
    q++;
  } else {
    // An escape, a control character or the end of the text: the general scanner decides.
    P = start - 1;
    if (!scanString()) return false;
    q = P;
  }
  if (q < end && load<u8>(q) == 58) {
    P = q + 1;
    return true;
  }
  P = q;
  ws();
  if (peek() != 58) return false;
  P++;
  return true;
}

function stringValue(): usize {
  if (!scanString()) return 0;
  return ownedStr(strBytes, strLenV, strCopied);
}

/** A string value of the bytes just scanned: copied in COPY mode; flagged when it owns a heap block. */
function ownedStr(p: usize, n: u32, decoded: bool): usize {
  if (MODE == MODE_COPY && !decoded && n > 0) {
    const c = alloc(n);
    copyBytes(c, p, n);
    p = c;
    decoded = true;
  }
  const v = newStr(p, n);
  if (decoded && n > 0) store<u32>(v, load<u32>(v) | F_OWNED);
  return v;
}

/** The first byte at or after q that is not JSON whitespace (end when there is none). */
@inline function skipWs(q: usize, end: usize): usize {
  while (q < end) {
    const c = <u32>load<u8>(q);
    if (c > 32 || (c != 32 && c != 10 && c != 13 && c != 9)) break;
    q++;
  }
  return q;
}

/**
 * Skips a whole value at P, validating it (no allocation unless deeply nested). Half of a
 * typical export is skipped, so this is the parser's hottest loop: the cursor and the end
 * are locals (a module global is a memory access), after a value the loop goes straight on
 * to the next one (`,`) or closes containers, with no state dispatch, and there is one
 * string site, so that its word loop is inlined. Together: skipping a whole 100 KB export
 * went from 64 to 37 µs (Node 20).
 */
function skipValue(): bool {
  const end = END;
  let q = P;
  let depth: u32 = 0;
  let key = false; // the string at q is an object key (then `:` and a value follow)
  while (true) {
    // A value (or a key) at q.
    q = skipWs(q, end);
    if (q >= end) return false;
    let c = <u32>load<u8>(q);
    if (c == 34) {
      // The one string site: 8 bytes a step to a stop (escapes: skipStringFrom).
      q++;
      while (true) {
        q = toStop(q, end);
        if (q >= end) return false;
        const b = <u32>load<u8>(q);
        if (b == 34) break;
        if (b == 92) {
          q = skipStringFrom(q);
          if (q == 0) return false;
          q--; // at the closing quote
          break;
        }
        if (b < 0x20) return false;
        q++;
      }
      q++;
      if (key) {
        q = skipWs(q, end);
        if (q >= end || load<u8>(q) != 58) return false;
        q++;
        key = false;
        continue;
      }
    } else if (key) {
      return false;
    } else if (c == 123 || c == 91) {
      q = skipWs(q + 1, end);
      if (q >= end) return false;
      const close: u32 = c == 123 ? 125 : 93;
      // An empty container is a level too (as in the reader below): refused past MAX_DEPTH.
      if (framesTop + depth >= MAX_DEPTH) return false;
      if (<u32>load<u8>(q) == close) {
        q++;
      } else {
        if (depth == skipCap) {
          const ncap = skipCap == 0 ? <u32>64 : skipCap << 1;
          const n = alloc(ncap);
          if (skipCap > 0) copyBytes(n, skipStack, skipCap);
          skipStack = n;
          skipCap = ncap;
        }
        store<u8>(skipStack + depth, <u8>c);
        depth++;
        key = c == 123;
        continue;
      }
    } else if (c == 45 || isDigit(c)) {
      q = scanNumberFrom(q);
      if (q == 0) return false;
    } else if (c == 116) {
      if (q + 4 > end || load<u32>(q) != 0x65757274) return false; // "true"
      q += 4;
    } else if (c == 102) {
      if (q + 5 > end || load<u32>(q + 1) != 0x65736c61) return false; // "alse"
      q += 5;
    } else if (c == 110) {
      if (q + 4 > end || load<u32>(q) != 0x6c6c756e) return false; // "null"
      q += 4;
    } else return false;
    // After a value: close containers until a `,` leads to the next value (or key).
    while (true) {
      if (depth == 0) {
        P = q;
        return true;
      }
      q = skipWs(q, end);
      if (q >= end) return false;
      c = <u32>load<u8>(q);
      const open = <u32>load<u8>(skipStack + depth - 1);
      if (c == 44) {
        q++;
        key = open == 123;
        break;
      }
      if (c != (open == 123 ? <u32>125 : <u32>93)) return false;
      q++;
      depth--;
    }
  }
  return false;
}

function keysEqual(a: usize, b: usize): bool {
  if (a == b) return true;
  const ta = tag(a);
  if (ta != tag(b)) return false;
  if (ta == T_STR) return !isInterned(a) && !isInterned(b) && strEqual(a, b);
  return jsonEqual(a, b);
}

function buildArray(f: usize): usize {
  const start = load<u32>(f, 4);
  const n = itemsTop - start;
  itemsTop = start;
  if (n == 0) return EMPTY_ARR;
  const buf = alloc(<usize>n << 2);
  copyBytes(buf, items + (<usize>start << 2), <usize>n << 2);
  return newArr(n, buf);
}

function buildSet(f: usize): usize {
  const start = load<u32>(f, 4);
  const n = itemsTop - start;
  itemsTop = start;
  const buf = alloc(<usize>(n == 0 ? 1 : n) << 2);
  let m: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const v = <usize>load<u32>(items + (<usize>(start + i) << 2));
    let dup = false;
    for (let j: u32 = 0; j < m; j++) {
      if (jsonEqual(<usize>load<u32>(buf + (<usize>j << 2)), v)) {
        dup = true;
        break;
      }
    }
    if (!dup) store<u32>(buf + (<usize>(m++) << 2), <u32>v);
  }
  const s = newArr(m, buf);
  if (s != EMPTY_ARR) store<u32>(s, T_SET);
  else {
    const e = alloc(12);
    store<u32>(e, T_SET);
    store<u32>(e, 0, 4);
    store<u32>(e, <u32>buf, 8);
    return e;
  }
  return s;
}

function buildObject(f: usize, end: usize): usize {
  const start = load<u32>(f, 4);
  const pairs = (itemsTop - start) >> 1;
  itemsTop = start;
  const buf = alloc(<usize>(pairs == 0 ? 1 : pairs) << 3);
  let m: u32 = 0;
  const src = items + (<usize>start << 2);
  for (let i: u32 = 0; i < pairs; i++) {
    const k = <usize>load<u32>(src + (<usize>i << 3));
    const v = <usize>load<u32>(src + (<usize>i << 3), 4);
    let j: u32 = 0;
    // An interned key equals only itself (the common case: no call per pair).
    if (isInterned(k)) {
      for (; j < m; j++) if (<usize>load<u32>(buf + (<usize>j << 3)) == k) break;
    } else {
      for (; j < m; j++) if (keysEqual(<usize>load<u32>(buf + (<usize>j << 3)), k)) break;
    }
    if (j < m) store<u32>(buf + (<usize>j << 3), <u32>v, 4);
    else {
      store<u32>(buf + (<usize>m << 3), <u32>k);
      store<u32>(buf + (<usize>m << 3), <u32>v, 4);
      m++;
    }
  }
  const o = newObj(m, buf);
  if ((load<u32>(f, 12) & OBJ_PARTIAL) != 0) {
    store<u32>(o, load<u32>(f, 8), 12);
    store<u32>(o, <u32>end, 16);
    store<u32>(o, OBJ_PARTIAL, 20);
  }
  return o;
}

const S_VALUE: u32 = 0;
const S_KEY: u32 = 1;
const S_AFTER: u32 = 2;
const S_ATTACH: u32 = 3;
/** Final states: the text is refused, or `parsed` holds the document. */
const S_FAIL: u32 = 4;
const S_DONE: u32 = 5;

/** The value read last, on its way into its container (S_ATTACH); the document at S_DONE. */
let parsed: usize = 0;

/**
 * The document of the text between P and END, or 0 when it is refused: a loop over the states
 * of one explicit stack of containers (`frames`), so nesting never deepens the Wasm stack. Each
 * state is one function that returns the next.
 */
function parseAll(): usize {
  items = alloc(256 << 2);
  itemsCap = 256;
  itemsTop = 0;
  frames = alloc(32 << 4);
  framesCap = 32;
  framesTop = 0;
  skipCap = 0;
  parsed = 0;
  let state = S_VALUE;
  while (state < S_FAIL) {
    if (state == S_VALUE) state = readValue();
    else if (state == S_KEY) state = readKey();
    else if (state == S_AFTER) state = afterMember();
    else state = attach();
  }
  return state == S_DONE ? parsed : 0;
}

/** S_VALUE: a scalar (then S_ATTACH), an empty container (S_ATTACH) or the start of one (pushed). */
function readValue(): u32 {
  ws();
  const c = peek();
  if (c == 123) {
    const src = P;
    P++;
    ws();
    if (peek() == 125) {
      // An empty object is a level too: refused past MAX_DEPTH like a full one.
      if (framesTop >= MAX_DEPTH) return S_FAIL;
      P++;
      parsed = newObj(0, 0);
      return S_ATTACH;
    }
    if (!pushFrame(REGO ? K_BRACE : K_OBJ, src)) return S_FAIL;
    return REGO ? S_VALUE : S_KEY;
  }
  if (c == 91) {
    P++;
    ws();
    if (peek() == 93) {
      if (framesTop >= MAX_DEPTH) return S_FAIL;
      P++;
      parsed = EMPTY_ARR;
      return S_ATTACH;
    }
    if (!pushFrame(K_ARR, P)) return S_FAIL;
    return S_VALUE;
  }
  let v: usize = 0;
  if (c == 34) v = stringValue();
  else if (c == 45 || isDigit(c)) {
    const e = scanNumber();
    if (e == 0) return S_FAIL;
    const len = <u32>(e - P);
    let tp = P;
    if (MODE == MODE_COPY) {
      tp = alloc(len);
      copyBytes(tp, P, len);
    }
    v = newNumText(tp, len, false);
    if (MODE == MODE_COPY) {
      store<u32>(v, NUM_OWNS_TEXT, 4);
      numValue(v);
    }
    P = e;
  } else if (c == 116) v = lit("true") ? TRUEV : 0;
  else if (c == 102) v = lit("false") ? FALSEV : 0;
  else if (c == 110) v = lit("null") ? NULLV : 0;
  else if (c == 115 && REGO) {
    if (!lit("set(")) return S_FAIL;
    ws();
    if (peek() != 41) return S_FAIL;
    P++;
    v = alloc(12);
    store<u32>(v, T_SET);
    store<u32>(v, 0, 4);
    store<u32>(v, 0, 8);
  } else return S_FAIL;
  if (v == 0) return S_FAIL;
  parsed = v;
  return S_ATTACH;
}

/** S_KEY: an object's key; in EVAL mode a key no control reads has its value skipped unread. */
function readKey(): u32 {
  if (!scanKey()) return S_FAIL;
  let key = intern(strBytes, strLenV);
  if (MODE == MODE_EVAL && (key == 0 || !isWanted(key))) {
    if (!skipValue()) return S_FAIL;
    const f = top();
    store<u32>(f, load<u32>(f, 12) | OBJ_PARTIAL, 12);
    // Most keys of a built object are skipped: when the next key follows at once (a JSON
    // object: REGO is false in EVAL mode), stay here rather than pass through S_AFTER.
    if (P < END && load<u8>(P) == 44) {
      P++;
      return S_KEY;
    }
    return S_AFTER;
  }
  if (key == 0) key = ownedStr(strBytes, strLenV, strCopied);
  pushItem(key);
  const f = top();
  store<u32>(f, load<u32>(f, 12) | AWAIT_VALUE, 12);
  return S_VALUE;
}

/** S_AFTER: after an object's member, a comma (the next key) or the closing brace. */
function afterMember(): u32 {
  ws();
  const c = peek();
  const f = top();
  if (c == 44) {
    P++;
    return REGO ? S_VALUE : S_KEY;
  }
  if (c == 125) {
    P++;
    parsed = buildObject(f, P);
    framesTop--;
    return S_ATTACH;
  }
  return S_FAIL;
}

/** S_ATTACH: `parsed` goes into the innermost container, or is the document when there is none. */
function attach(): u32 {
  const v = parsed;
  if (framesTop == 0) {
    ws();
    return P == END ? S_DONE : S_FAIL;
  }
  const f = top();
  const kind = load<u32>(f);
  if (kind == K_ARR || kind == K_SET) {
    pushItem(v);
    ws();
    const c = peek();
    if (c == 44) {
      P++;
      return S_VALUE;
    }
    if (c == (kind == K_ARR ? <u32>93 : <u32>125)) {
      P++;
      parsed = kind == K_ARR ? buildArray(f) : buildSet(f);
      framesTop--;
      return S_ATTACH;
    }
    return S_FAIL;
  }
  if (kind == K_BRACE) {
    ws();
    if (peek() == 58) store<u32>(f, K_OBJ);
    else store<u32>(f, K_SET);
    return S_ATTACH;
  }
  const flags = load<u32>(f, 12);
  if ((flags & AWAIT_VALUE) != 0) {
    pushItem(v);
    store<u32>(f, flags & ~AWAIT_VALUE, 12);
    if (!REGO && P < END && load<u8>(P) == 44) {
      // The next key follows at once (as after a skipped value).
      P++;
      return S_KEY;
    }
    return S_AFTER;
  }
  // A Rego key (any value); interned when it is a known string.
  let key = v;
  if (tag(key) == T_STR) {
    const k = intern(<usize>load<u32>(key, 8), load<u32>(key, 4));
    if (k != 0) key = k;
  }
  pushItem(key);
  ws();
  if (peek() != 58) return S_FAIL;
  P++;
  store<u32>(f, flags | AWAIT_VALUE, 12);
  return S_VALUE;
}

/** Parses `len` bytes at `p`; 0 when they are not one valid JSON (or, with `rego`, Rego) value. */
export function parse(p: usize, len: u32, mode: u32, rego: bool): usize {
  P = p;
  END = p + len;
  MODE = mode;
  REGO = rego;
  if (len >= 3 && load<u8>(p) == 0xef && load<u8>(p + 1) == 0xbb && load<u8>(p + 2) == 0xbf) P += 3;
  ws();
  if (P >= END) return 0;
  const v = parseAll();
  // The scratch stacks are garbage now (values never point into them).
  if (skipCap > 0) free(skipStack);
  free(frames);
  free(items);
  return v;
}

function reparse(start: usize, end: usize): usize {
  return parse(start, <u32>(end - start), MODE_FULL, false);
}

export function initJson(): void {
  setFullParser(reparse);
}

// --- dumps ----------------------------------------------------------------------------------

const HEX: usize = memory.data<u8>([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102]);

/** Writes `\\u` and four hex digits at d; returns the end. */
function escapeUnit(d: usize, cp: u32): usize {
  store<u8>(d, 92);
  store<u8>(d + 1, 117);
  store<u8>(d + 2, load<u8>(HEX + ((cp >> 12) & 15)));
  store<u8>(d + 3, load<u8>(HEX + ((cp >> 8) & 15)));
  store<u8>(d + 4, load<u8>(HEX + ((cp >> 4) & 15)));
  store<u8>(d + 5, load<u8>(HEX + (cp & 15)));
  return d + 6;
}

/**
 * Appends a JSON string literal of the bytes, escaped as `JSON.stringify` does. Writes
 * straight into the builder: room for two output bytes per input byte is reserved (quotes
 * and backslashes double), plus 8 for the word copied ahead; a control character (6 bytes)
 * reserves again.
 */
export function writeJsonString(sb: usize, p: usize, n: u32): void {
  const end = p + n;
  let q = p;
  let d = sbReserve(sb, (n << 1) + 10);
  store<u8>(d++, 34);
  while (q < end) {
    if (q + 8 <= end) {
      // Copy the word ahead; keep the bytes before its first stop.
      const x = load<u64>(q);
      store<u64>(d, x);
      const m = writeStops(x);
      if (m == 0) {
        q += 8;
        d += 8;
        continue;
      }
      const k = firstStop(m);
      q += k;
      d += k;
    }
    const b = <u32>load<u8>(q);
    if (b >= 0x20 && b != 34 && b != 92 && b != 0xed) {
      store<u8>(d++, <u8>b);
      q++;
    } else if (b == 34 || b == 92) {
      store<u8>(d, 92);
      store<u8>(d + 1, <u8>b);
      d += 2;
      q++;
    } else if (b == 0xed) {
      if (q + 2 < end && load<u8>(q + 1) >= 0xa0) {
        // A lone surrogate (3 bytes) as \udxxx (6 bytes): within the two bytes per input byte.
        d = escapeUnit(d, 0xd000 | ((<u32>load<u8>(q + 1) & 0x3f) << 6) | (<u32>load<u8>(q + 2) & 0x3f));
        q += 3;
      } else {
        store<u8>(d++, <u8>b);
        q++;
      }
    } else {
      // A control character: up to 6 bytes, so reserve again for the rest.
      store<u32>(sb, <u32>(d - sbBuf(sb)), 4);
      d = sbReserve(sb, ((<u32>(end - q)) << 1) + 16);
      store<u8>(d, 92);
      if (b == 8) store<u8>(d + 1, 98);
      else if (b == 12) store<u8>(d + 1, 102);
      else if (b == 10) store<u8>(d + 1, 110);
      else if (b == 13) store<u8>(d + 1, 114);
      else if (b == 9) store<u8>(d + 1, 116);
      else {
        d = escapeUnit(d, b);
        q++;
        continue;
      }
      d += 2;
      q++;
    }
  }
  store<u8>(d++, 34);
  store<u32>(sb, <u32>(d - sbBuf(sb)), 4);
}

/** Appends a value as JSON (`rego`: as a Rego term, sets and non-string keys kept). */
export function dumpValue(sb: usize, v: usize, rego: bool): void {
  if (v == 0) {
    sbLit(sb, "null");
    return;
  }
  switch (tag(v)) {
    case T_NULL:
      sbLit(sb, "null");
      return;
    case T_BOOL:
      sbLit(sb, load<u32>(v, 4) != 0 ? "true" : "false");
      return;
    case T_NUM: {
      const tp = <usize>load<u32>(v, 16);
      if (tp != 0) sbBytes(sb, tp, load<u32>(v, 20));
      else {
        const x = numValue(v);
        if (isFinite(x)) writeNumber(sb, x);
        else sbLit(sb, "null");
      }
      return;
    }
    case T_STR:
      writeJsonString(sb, <usize>load<u32>(v, 8), load<u32>(v, 4));
      return;
    case T_RAW:
      sbBytes(sb, <usize>load<u32>(v, 8), load<u32>(v, 4));
      return;
    case T_ARR:
    case T_SET: {
      const n = load<u32>(v, 4);
      const set = tag(v) == T_SET && rego;
      if (set && n == 0) {
        sbLit(sb, "set()");
        return;
      }
      sbByte(sb, set ? 123 : 91);
      for (let i: u32 = 0; i < n; i++) {
        if (i > 0) sbByte(sb, 44);
        dumpValue(sb, <usize>load<u32>(<usize>load<u32>(v, 8) + (<usize>i << 2)), rego);
      }
      sbByte(sb, set ? 125 : 93);
      return;
    }
    case T_OBJ: {
      const o = objFull(v);
      const n = load<u32>(o, 4);
      const e = <usize>load<u32>(o, 8);
      sbByte(sb, 123);
      for (let i: u32 = 0; i < n; i++) {
        if (i > 0) sbByte(sb, 44);
        const k = <usize>load<u32>(e + (<usize>i << 3));
        if (tag(k) == T_STR || rego) dumpValue(sb, k, rego);
        else {
          // A non-string key becomes its JSON text, as a string.
          const inner = sbKeyText(k);
          writeJsonString(sb, <usize>load<u32>(inner), load<u32>(inner, 4));
        }
        sbByte(sb, 58);
        dumpValue(sb, <usize>load<u32>(e + (<usize>i << 3), 4), rego);
      }
      sbByte(sb, 125);
      return;
    }
    case T_ADDR:
      sbLit(sb, "null");
      return;
  }
  sbLit(sb, "null");
}

function sbKeyText(k: usize): usize {
  const sb = sbNew(32);
  dumpValue(sb, k, false);
  return sb;
}

