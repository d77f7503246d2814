/**
 * The interpreter of the compiled IR (src/eval/interp.ts is the model, case for case).
 *
 * Variables have program-unique ids, so the environment is one array indexed by id, with
 * save/restore around each binding exactly where the reference evaluator does it (control
 * lets are bound without restore, as there). Package lets and params are computed once per
 * evaluation. Def calls, iterations, constant expressions, `matches`/`within`/`overlaps`,
 * parsed names and address sets are memoised for the evaluation (memo.ts), as the evaluator
 * does. Every value the
 * interpreter makes is allocated on the evaluation's heap.
 */

import {
  A_PLUS, B_ADDRESS_COUNT, B_CIDR_SIZE, B_CIDRS, B_CONTAINS, B_COUNT, B_ENDSWITH, B_EXCLUDE, B_FLATTEN, B_LOWER, B_MALFORMED, B_SHOW, B_STARTSWITH, B_TEXT, B_UPPER,
  H_LETS, H_NLETS, H_NPARAMS, H_NVARS, H_PARAMS, H_DEFS, IS_MISSING,
  NO_MEMO, K_AND, K_CONST, K_ARITH, K_BUILTIN, K_CALL, K_CMP, K_COALESCE, K_COMP, K_CONCAT, K_FIRST, K_GET, K_GLOBAL, K_IF, K_INDEX, K_IS, K_LIST, K_LIT, K_LOCAL, K_NOT, K_OR, K_PARAM, K_QUANT, K_ROOT,
  N_PARAMS, N_PERIMETER, OP_EQ, OP_GE, OP_GT, OP_IN, OP_LE, OP_LT, OP_MATCHES, OP_NE, OP_NOT_IN, OP_OVERLAPS, OP_WITHIN,
  P_DEFAULT, P_NAME, P_PKG, P_WORDS, Q_ALL, Q_ANY, T_ARR, T_BOOL, T_NUM, T_OBJ, T_STR,
} from "../format";
import { codePoints, caseMap } from "./casemap";
import { nameMatches, parseDomain } from "./dns";
import { copyBytes } from "./bytes";
import { abortWith, alloc, allocZero } from "./heap";
import { MEMO_CMP, MEMO_DOMAIN, MEMO_SET, memoGet, memoHash, memoPut, memoReset, memoValue } from "./memo";
import { addrSet, netSize, parseNet, setCidrs, setCount, setDifference, setIntersects, setSubset } from "./net";
import { addNumbers } from "./exact";
import { writeShowNumber } from "./num";
import { hdr, iword, name, word } from "./program";
import { sbBuf, sbByte, sbBytes, sbLen, sbLit, sbNew, sbText } from "./sb";
import {
  EMPTY_ARR, arrAt, arrLen, boolV, equal, fromJson, isArr, isMissing, isObj, isStr, isTrue, newArr, newNum, newStr,
  numExact, numValue, objFind, objFull, objGet, objLen, objVal, order, strLen, strPtr, tag,
} from "./value";

const NOT_COMPUTED: u32 = 1;

export let DOC: usize = 0;
export let DATA: usize = 0;
let env: usize = 0;
let letCache: usize = 0;
let paramCache: usize = 0;

/** parseDomain of a string value, memoised (0 when invalid). */
function domainOf(s: usize): usize {
  if (memoGet(MEMO_DOMAIN, <u32>s, 0, 0, 0)) return memoValue;
  return memoPut(memoHash, MEMO_DOMAIN, <u32>s, 0, 0, 0, parseDomain(strPtr(s), strLen(s)));
}

/** addrSet of an operand, memoised (0 when it is not a set of addresses). */
function setOf(v: usize): usize {
  if (v == 0) return 0;
  if (memoGet(MEMO_SET, <u32>v, 0, 0, 0)) return memoValue;
  return memoPut(memoHash, MEMO_SET, <u32>v, 0, 0, 0, addrSet(v));
}

/** Starts an evaluation on `doc` (0: undefined) with `data` (0: undefined). */
export function beginEval(doc: usize, data: usize): void {
  DOC = doc;
  DATA = data;
  memoReset();
  const nvars = <u32>hdr(H_NVARS);
  env = allocZero(<usize>(nvars + 1) << 2);
  const nlets = <u32>hdr(H_NLETS);
  letCache = alloc(<usize>(nlets + 1) << 2);
  for (let i: u32 = 0; i < nlets; i++) store<u32>(letCache + (<usize>i << 2), NOT_COMPUTED);
  const np = <u32>hdr(H_NPARAMS);
  paramCache = alloc(<usize>(np + 1) << 2);
  for (let i: u32 = 0; i < np; i++) store<u32>(paramCache + (<usize>i << 2), NOT_COMPUTED);
}

@inline export function getVar(id: u32): usize {
  return <usize>load<u32>(env + (<usize>id << 2));
}

@inline export function setVar(id: u32, v: usize): void {
  store<u32>(env + (<usize>id << 2), <u32>v);
}

@inline export function truth(e: usize): bool {
  return isTrue(evalExpr(e));
}

function param(i: u32): usize {
  const slot = paramCache + (<usize>i << 2);
  const known = load<u32>(slot);
  if (known != NOT_COMPUTED) return <usize>known;
  const rec = hdr(H_PARAMS) + <usize>i * (P_WORDS << 2);
  let v: usize = 0;
  // data.perimeter.params[pkg][name], else the declared default.
  if (isObj(DATA)) {
    const per = objGet(DATA, name(N_PERIMETER));
    if (isObj(per)) {
      const ps = objGet(per, name(N_PARAMS));
      if (isObj(ps)) {
        const pkg = objGet(ps, word(rec, P_PKG));
        if (isObj(pkg)) v = fromJson(objGet(pkg, word(rec, P_NAME)));
      }
    }
  }
  if (v == 0) v = fromJson(word(rec, P_DEFAULT));
  store<u32>(slot, <u32>v);
  return v;
}

function globalLet(i: u32): usize {
  const slot = letCache + (<usize>i << 2);
  const known = load<u32>(slot);
  if (known != NOT_COMPUTED) return <usize>known;
  const v = evalExpr(word(hdr(H_LETS), <i32>i));
  store<u32>(slot, <u32>v);
  return v;
}

// Def calls are memoised by def and argument pointers: a def's value depends only on its
// arguments (and on the evaluation's fixed input, data, lets and params).
function call(e: usize): usize {
  const di = iword(e, 1);
  const n = iword(e, 2);
  if (n <= 4) {
    const a0 = n > 0 ? <u32>evalExpr(word(e, 3)) : 0;
    const a1 = n > 1 ? <u32>evalExpr(word(e, 4)) : 0;
    const a2 = n > 2 ? <u32>evalExpr(word(e, 5)) : 0;
    const a3 = n > 3 ? <u32>evalExpr(word(e, 6)) : 0;
    const def = word(hdr(H_DEFS), di);
    if (iword(def, 2 + iword(def, 0)) == 0) return invoke(def, n, a0, a1, a2, a3, 0);
    if (memoGet(<u32>def, a0, a1, a2, a3)) return memoValue;
    return memoPut(memoHash, <u32>def, a0, a1, a2, a3, invoke(def, n, a0, a1, a2, a3, 0));
  }
  const args = alloc(<usize>n << 2);
  for (let i = 0; i < n; i++) store<u32>(args + (<usize>i << 2), <u32>evalExpr(word(e, 3 + i)));
  return invoke(word(hdr(H_DEFS), di), n, 0, 0, 0, 0, args);
}

/** Runs the def record `def` with its arguments (a0..a3, or the array `args` when there are more). */
function invoke(def: usize, n: i32, a0: u32, a1: u32, a2: u32, a3: u32, args: usize): usize {
  const np = iword(def, 0);
  if (args == 0 && np <= 4) {
    // The common case: saved values in locals, no allocation.
    const v0 = <u32>iword(def, 1);
    const v1 = <u32>iword(def, 2);
    const v2 = <u32>iword(def, 3);
    const v3 = <u32>iword(def, 4);
    const s0 = np > 0 ? getVar(v0) : 0;
    const s1 = np > 1 ? getVar(v1) : 0;
    const s2 = np > 2 ? getVar(v2) : 0;
    const s3 = np > 3 ? getVar(v3) : 0;
    if (np > 0) setVar(v0, n > 0 ? <usize>a0 : 0);
    if (np > 1) setVar(v1, n > 1 ? <usize>a1 : 0);
    if (np > 2) setVar(v2, n > 2 ? <usize>a2 : 0);
    if (np > 3) setVar(v3, n > 3 ? <usize>a3 : 0);
    const r = evalExpr(word(def, 1 + np));
    if (np > 3) setVar(v3, s3);
    if (np > 2) setVar(v2, s2);
    if (np > 1) setVar(v1, s1);
    if (np > 0) setVar(v0, s0);
    return r;
  }
  if (args == 0) {
    args = alloc(16);
    store<u32>(args, a0);
    store<u32>(args, a1, 4);
    store<u32>(args, a2, 8);
    store<u32>(args, a3, 12);
  }
  // Arguments were evaluated in the caller's environment; bind them with save/restore.
  const saved = alloc(<usize>(np + 1) << 2);
  for (let i = 0; i < np; i++) {
    const id = <u32>iword(def, 1 + i);
    store<u32>(saved + (<usize>i << 2), <u32>getVar(id));
    setVar(id, i < n ? <usize>load<u32>(args + (<usize>i << 2)) : 0);
  }
  const r = evalExpr(word(def, 1 + np));
  for (let i = np - 1; i >= 0; i--) setVar(<u32>iword(def, 1 + i), <usize>load<u32>(saved + (<usize>i << 2)));
  return r;
}

/** A list built by the policy: missing elements dropped. */
function collectList(buf: usize, n: u32): usize {
  let m: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const v = <usize>load<u32>(buf + (<usize>i << 2));
    if (!isMissing(v)) store<u32>(buf + (<usize>(m++) << 2), <u32>v);
  }
  return m == 0 ? EMPTY_ARR : newArr(m, buf);
}

// A growable list of values: {ptr, n, cap}.
export function vecNew(): usize {
  const v = alloc(12);
  store<u32>(v, <u32>alloc(8 << 2));
  store<u32>(v, 0, 4);
  store<u32>(v, 8, 8);
  return v;
}

export function vecPush(v: usize, x: usize): void {
  const n = load<u32>(v, 4);
  const cap = load<u32>(v, 8);
  if (n == cap) {
    const np = alloc(<usize>(cap << 1) << 2);
    copyBytes(np, <usize>load<u32>(v), <usize>n << 2);
    store<u32>(v, <u32>np);
    store<u32>(v, cap << 1, 8);
  }
  store<u32>(<usize>load<u32>(v) + (<usize>n << 2), <u32>x);
  store<u32>(v, n + 1, 4);
}

/** A comprehension, `first` or quantifier, memoised by node, collection and the variables its memo key names. */
function iteration(e: usize, k: u32, sub: u32): usize {
  const coll = evalExpr(word(e, 2));
  const kw = k == K_COMP ? 5 : 4;
  const nk = iword(e, kw);
  if (nk == NO_MEMO) return iterate(e, k, sub, coll);
  const k2 = nk > 0 ? <u32>getVar(<u32>iword(e, kw + 1)) : 0;
  const k3 = nk > 1 ? <u32>getVar(<u32>iword(e, kw + 2)) : 0;
  const k4 = nk > 2 ? <u32>getVar(<u32>iword(e, kw + 3)) : 0;
  if (memoGet(<u32>e, <u32>coll, k2, k3, k4)) return memoValue;
  return memoPut(memoHash, <u32>e, <u32>coll, k2, k3, k4, iterate(e, k, sub, coll));
}

function iterate(e: usize, k: u32, sub: u32, coll: usize): usize {
  const id = <u32>iword(e, 1);
  const saved = getVar(id);
  if (k == K_COMP) {
    const elem = word(e, 3);
    const where = word(e, 4);
    if (!isArr(coll)) return EMPTY_ARR;
    const n = arrLen(coll);
    const out = alloc(<usize>(n == 0 ? 1 : n) << 2);
    let m: u32 = 0;
    for (let i: u32 = 0; i < n; i++) {
      setVar(id, fromJson(arrAt(coll, i)));
      if (where == 0 || truth(where)) store<u32>(out + (<usize>(m++) << 2), <u32>evalExpr(elem));
    }
    setVar(id, saved);
    return collectList(out, m);
  }
  if (k == K_FIRST) {
    const where = word(e, 3);
    if (!isArr(coll)) return 0;
    const n = arrLen(coll);
    let found: usize = 0;
    for (let i: u32 = 0; i < n; i++) {
      const v = fromJson(arrAt(coll, i));
      setVar(id, v);
      if (truth(where)) {
        found = v;
        break;
      }
    }
    setVar(id, saved);
    return found;
  }
  const body = word(e, 3);
  const n = isArr(coll) ? arrLen(coll) : 0;
  let result: bool;
  if (sub == Q_ALL) {
    result = true;
    for (let i: u32 = 0; i < n; i++) {
      setVar(id, fromJson(arrAt(coll, i)));
      if (!truth(body)) {
        result = false;
        break;
      }
    }
  } else {
    let some = false;
    for (let i: u32 = 0; i < n; i++) {
      setVar(id, fromJson(arrAt(coll, i)));
      if (truth(body)) {
        some = true;
        break;
      }
    }
    result = sub == Q_ANY ? some : !some;
  }
  setVar(id, saved);
  return boolV(result);
}

export function evalExpr(e: usize): usize {
  const k = load<u32>(e) & 0xff;
  const sub = load<u32>(e) >> 8;
  switch (k) {
    case K_LIT:
      return word(e, 1);
    case K_LIST: {
      const n = <u32>iword(e, 1);
      const buf = alloc(<usize>(n == 0 ? 1 : n) << 2);
      for (let i: u32 = 0; i < n; i++) store<u32>(buf + (<usize>i << 2), <u32>evalExpr(word(e, 2 + <i32>i)));
      return collectList(buf, n);
    }
    case K_ROOT:
      return fromJson(DOC);
    case K_PARAM:
      return param(<u32>iword(e, 1));
    case K_GLOBAL:
      return globalLet(<u32>iword(e, 1));
    case K_LOCAL:
      return getVar(<u32>iword(e, 1));
    case K_CALL:
      return call(e);
    case K_BUILTIN:
      return builtin(sub, e);
    case K_GET: {
      const o = evalExpr(word(e, 1));
      return isObj(o) ? fromJson(objGet(o, word(e, 2))) : 0;
    }
    case K_INDEX: {
      const o = evalExpr(word(e, 1));
      const i = evalExpr(word(e, 2));
      if (isArr(o) && i != 0 && tag(i) == T_NUM) {
        const x = numValue(i);
        if (Math.floor(x) == x && x >= 0 && x < <f64>arrLen(o)) return fromJson(arrAt(o, <u32>x));
        return 0;
      }
      if (isObj(o) && isStr(i)) {
        const full = objFull(o);
        const j = objFind(full, i);
        return j < 0 ? 0 : fromJson(objVal(full, <u32>j));
      }
      return 0;
    }
    case K_COMP:
    case K_FIRST:
    case K_QUANT:
      return iteration(e, k, sub);
    case K_NOT:
      return boolV(!truth(word(e, 1)));
    case K_AND:
      return boolV(truth(word(e, 1)) && truth(word(e, 2)));
    case K_OR:
      return boolV(truth(word(e, 1)) || truth(word(e, 2)));
    case K_CMP: {
      const l = evalExpr(word(e, 1));
      const r = evalExpr(word(e, 2));
      if (sub >= <u32>OP_WITHIN) {
        // within, overlaps, matches: memoised by operands.
        if (memoGet(MEMO_CMP + sub, <u32>l, <u32>r, 0, 0)) return memoValue;
        return memoPut(memoHash, MEMO_CMP + sub, <u32>l, <u32>r, 0, 0, boolV(compare(sub, l, r)));
      }
      return boolV(compare(sub, l, r));
    }
    case K_COALESCE: {
      const l = evalExpr(word(e, 1));
      return isMissing(l) ? evalExpr(word(e, 2)) : l;
    }
    case K_ARITH:
      return arith(sub, evalExpr(word(e, 1)), evalExpr(word(e, 2)));
    case K_IS: {
      const missing = isMissing(evalExpr(word(e, 1)));
      return boolV(sub == IS_MISSING ? missing : !missing);
    }
    case K_CONCAT: {
      const n = <u32>iword(e, 1);
      const parts = alloc(<usize>(n == 0 ? 1 : n) << 2);
      for (let i: u32 = 0; i < n; i++) store<u32>(parts + (<usize>i << 2), <u32>text(evalExpr(word(e, 2 + <i32>i))));
      const sb = sbNew(64);
      for (let i: u32 = 0; i < n; i++) {
        const s = <usize>load<u32>(parts + (<usize>i << 2));
        sbText(sb, strPtr(s), strLen(s));
      }
      return newStr(sbBuf(sb), sbLen(sb));
    }
    case K_IF:
      return truth(word(e, 1)) ? evalExpr(word(e, 2)) : evalExpr(word(e, 3));
    case K_CONST:
      if (memoGet(<u32>e, 0, 0, 0, 0)) return memoValue;
      return memoPut(memoHash, <u32>e, 0, 0, 0, 0, evalExpr(word(e, 1)));
  }
  abortWith("internal: unknown expression kind");
  return 0;
}

function compare(op: u32, l: usize, r: usize): bool {
  switch (op) {
    case OP_EQ:
      return equal(l, r);
    case OP_NE:
      return !isMissing(l) && !isMissing(r) && !equal(l, r);
    case OP_LT:
    case OP_LE:
    case OP_GT:
    case OP_GE: {
      if (isMissing(l) || isMissing(r)) return false;
      const c = order(l, r);
      if (c == 2) return false;
      return op == OP_LT ? c < 0 : op == OP_LE ? c <= 0 : op == OP_GT ? c > 0 : c >= 0;
    }
    case OP_IN:
    case OP_NOT_IN: {
      if (isMissing(l) || !isArr(r)) return false;
      const n = arrLen(r);
      let found = false;
      for (let i: u32 = 0; i < n; i++) {
        if (equal(l, arrAt(r, i))) {
          found = true;
          break;
        }
      }
      return op == OP_IN ? found : !found;
    }
    case OP_WITHIN: {
      const x = setOf(l);
      if (x == 0) return false;
      const y = setOf(r);
      return y != 0 && setSubset(x, y);
    }
    case OP_OVERLAPS: {
      const x = setOf(l);
      if (x == 0) return false;
      const y = setOf(r);
      return y != 0 && setIntersects(x, y);
    }
    case OP_MATCHES:
      return matches(l, r);
  }
  abortWith("internal: unknown comparison");
  return false;
}

/** Names of a `matches` operand: a string or a list of strings (count in namesN), else false. */
function namesOk(v: usize): bool {
  if (isStr(v)) return true;
  if (!isArr(v)) return false;
  const n = arrLen(v);
  for (let i: u32 = 0; i < n; i++) if (!isStr(arrAt(v, i))) return false;
  return true;
}

function matches(a: usize, b: usize): bool {
  if (!namesOk(a) || !namesOk(b)) return false;
  const nl: u32 = isStr(a) ? 1 : arrLen(a);
  const nr: u32 = isStr(b) ? 1 : arrLen(b);
  // Parse the right-hand names once (invalid ones are ignored).
  const rights = alloc(<usize>(nr == 0 ? 1 : nr) << 2);
  for (let j: u32 = 0; j < nr; j++) {
    const s = isStr(b) ? b : arrAt(b, j);
    store<u32>(rights + (<usize>j << 2), <u32>domainOf(s));
  }
  for (let i: u32 = 0; i < nl; i++) {
    const s = isStr(a) ? a : arrAt(a, i);
    const l = domainOf(s);
    if (l == 0) return false;
    let any = false;
    for (let j: u32 = 0; j < nr; j++) {
      const r = <usize>load<u32>(rights + (<usize>j << 2));
      if (r != 0 && nameMatches(l, r)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}

function arith(op: u32, l: usize, r: usize): usize {
  if (l == 0 || r == 0) return 0;
  const tl = tag(l);
  const tr = tag(r);
  if (tl == T_NUM && tr == T_NUM) return addNumbers(op != A_PLUS, l, r);
  if (op != A_PLUS) return 0;
  if (tl == T_STR && tr == T_STR) {
    const sb = sbNew(strLen(l) + strLen(r));
    sbText(sb, strPtr(l), strLen(l));
    sbText(sb, strPtr(r), strLen(r));
    return newStr(sbBuf(sb), sbLen(sb));
  }
  if (tl == T_ARR && tr == T_ARR) {
    const a = arrLen(l);
    const b = arrLen(r);
    if (a + b == 0) return EMPTY_ARR;
    const buf = alloc(<usize>(a + b) << 2);
    for (let i: u32 = 0; i < a; i++) store<u32>(buf + (<usize>i << 2), <u32>arrAt(l, i));
    for (let i: u32 = 0; i < b; i++) store<u32>(buf + (<usize>(a + i) << 2), <u32>arrAt(r, i));
    return newArr(a + b, buf);
  }
  return 0;
}

// --- strings: containment with JavaScript (UTF-16) semantics ---------------------------------

/** Does the string hold a lone surrogate (WTF-8 `ED A0..BF xx`)? */
function hasSurrogate(p: usize, n: u32): bool {
  for (let i: u32 = 0; i + 1 < n; i++) {
    if (load<u8>(p + i) == 0xed && load<u8>(p + i + 1) >= 0xa0) return true;
  }
  return false;
}

// UTF-16 code units of a string (for the rare lone-surrogate cases).
let u16n: u32 = 0;
function toUtf16(p: usize, n: u32): usize {
  const out = alloc(<usize>(n == 0 ? 1 : n) << 1);
  let k: u32 = 0;
  let i: u32 = 0;
  while (i < n) {
    const b0 = <u32>load<u8>(p + i);
    let cp: u32 = b0;
    let len: u32 = 1;
    if (b0 >= 0xf0 && i + 3 < n) {
      cp = ((b0 & 7) << 18) | ((<u32>load<u8>(p + i + 1) & 0x3f) << 12) | ((<u32>load<u8>(p + i + 2) & 0x3f) << 6) | (<u32>load<u8>(p + i + 3) & 0x3f);
      len = 4;
    } else if (b0 >= 0xe0 && i + 2 < n) {
      cp = ((b0 & 0x0f) << 12) | ((<u32>load<u8>(p + i + 1) & 0x3f) << 6) | (<u32>load<u8>(p + i + 2) & 0x3f);
      len = 3;
    } else if (b0 >= 0xc0 && i + 1 < n) {
      cp = ((b0 & 0x1f) << 6) | (<u32>load<u8>(p + i + 1) & 0x3f);
      len = 2;
    }
    if (cp >= 0x10000) {
      store<u16>(out + (<usize>(k++) << 1), <u16>(0xd800 + ((cp - 0x10000) >> 10)));
      store<u16>(out + (<usize>(k++) << 1), <u16>(0xdc00 + ((cp - 0x10000) & 0x3ff)));
    } else store<u16>(out + (<usize>(k++) << 1), <u16>cp);
    i += len;
  }
  u16n = k;
  return out;
}

function unitsAt(h: usize, hn: u32, at: u32, nd: usize, nn: u32): bool {
  if (at + nn > hn) return false;
  for (let i: u32 = 0; i < nn; i++) if (load<u16>(h + (<usize>(at + i) << 1)) != load<u16>(nd + (<usize>i << 1))) return false;
  return true;
}

/** 0: starts with, 1: ends with, 2: contains. */
function strRelation(kind: u32, x: usize, y: usize): bool {
  const xp = strPtr(x);
  const xn = strLen(x);
  const yp = strPtr(y);
  const yn = strLen(y);
  if (hasSurrogate(yp, yn)) {
    const h = toUtf16(xp, xn);
    const hn = u16n;
    const nd = toUtf16(yp, yn);
    const nn = u16n;
    if (kind == 0) return unitsAt(h, hn, 0, nd, nn);
    if (kind == 1) return nn <= hn && unitsAt(h, hn, hn - nn, nd, nn);
    for (let i: u32 = 0; i + nn <= hn; i++) if (unitsAt(h, hn, i, nd, nn)) return true;
    return false;
  }
  if (yn > xn) return false;
  if (kind == 0) return bytesAt(xp, yp, yn);
  if (kind == 1) return bytesAt(xp + xn - yn, yp, yn);
  if (yn == 0) return true;
  const first = load<u8>(yp);
  for (let i: u32 = 0; i + yn <= xn; i++) {
    if (load<u8>(xp + i) == first && bytesAt(xp + i, yp, yn)) return true;
  }
  return false;
}

function bytesAt(a: usize, b: usize, n: u32): bool {
  for (let i: u32 = 0; i < n; i++) if (load<u8>(a + i) != load<u8>(b + i)) return false;
  return true;
}

// --- show / text -------------------------------------------------------------------------------

function showScalar(sb: usize, v: usize): void {
  if (isMissing(v)) {
    sbLit(sb, "missing");
    return;
  }
  const t = tag(v);
  if (t == T_STR) {
    sbByte(sb, 34);
    sbBytes(sb, strPtr(v), strLen(v));
    sbByte(sb, 34);
  } else if (t == T_NUM) {
    const x = numValue(v);
    // An exact integer shows its digits (its text: as written, or as computed).
    if (numExact(v)) sbBytes(sb, <usize>load<u32>(v, 16), load<u32>(v, 20));
    else writeShowNumber(sb, x);
  }
  else if (t == T_BOOL) sbLit(sb, load<u32>(v, 4) != 0 ? "true" : "false");
  else if (t == T_ARR) sbLit(sb, "[\u2026]");
  else sbLit(sb, "{\u2026}");
}

export function show(v: usize): usize {
  const sb = sbNew(32);
  if (isArr(v)) {
    sbByte(sb, 91);
    const n = arrLen(v);
    for (let i: u32 = 0; i < n; i++) {
      if (i > 0) {
        sbByte(sb, 44);
        sbByte(sb, 32);
      }
      showScalar(sb, arrAt(v, i));
    }
    sbByte(sb, 93);
  } else showScalar(sb, v);
  return newStr(sbBuf(sb), sbLen(sb));
}

export function text(v: usize): usize {
  return isStr(v) ? v : show(v);
}

// --- builtins ------------------------------------------------------------------------------------

/** src/eval/net.ts `malformedStrings`: the strings of x (or at any depth of nested lists) that do not parse. */
function malformedInto(x: usize, out: usize): void {
  if (x == 0) return;
  const t = tag(x);
  if (t == T_STR) {
    if (!parseNet(strPtr(x), strLen(x))) vecPush(out, x);
  } else if (t == T_ARR) {
    const m = arrLen(x);
    for (let i: u32 = 0; i < m; i++) malformedInto(arrAt(x, i), out);
  }
}

function builtin(b: u32, e: usize): usize {
  const n = iword(e, 1);
  const x = n > 0 ? evalExpr(word(e, 2)) : 0;
  const y = n > 1 ? evalExpr(word(e, 3)) : 0;
  for (let i = 2; i < n; i++) evalExpr(word(e, 2 + i));
  switch (b) {
    case B_COUNT: {
      if (x == 0) return newNum(0);
      const t = tag(x);
      if (t == T_ARR) return newNum(<f64>arrLen(x));
      if (t == T_OBJ) return newNum(<f64>objLen(objFull(x)));
      if (t == T_STR) return newNum(<f64>codePoints(x));
      return newNum(0);
    }
    case B_LOWER:
      return isStr(x) ? caseMap(x, false) : 0;
    case B_UPPER:
      return isStr(x) ? caseMap(x, true) : 0;
    case B_STARTSWITH:
      return boolV(isStr(x) && isStr(y) && strRelation(0, x, y));
    case B_ENDSWITH:
      return boolV(isStr(x) && isStr(y) && strRelation(1, x, y));
    case B_CONTAINS: {
      if (isArr(x)) {
        if (isMissing(y)) return boolV(false);
        const m = arrLen(x);
        for (let i: u32 = 0; i < m; i++) if (equal(arrAt(x, i), y)) return boolV(true);
        return boolV(false);
      }
      return boolV(isStr(x) && isStr(y) && strRelation(2, x, y));
    }
    case B_CIDR_SIZE:
      if (!isStr(x) || !parseNet(strPtr(x), strLen(x))) return 0;
      return netSize();
    case B_FLATTEN: {
      if (!isArr(x)) return EMPTY_ARR;
      const out = vecNew();
      const m = arrLen(x);
      for (let i: u32 = 0; i < m; i++) {
        const el = arrAt(x, i);
        if (isArr(el)) {
          const k = arrLen(el);
          for (let j: u32 = 0; j < k; j++) vecPush(out, fromJson(arrAt(el, j)));
        } else vecPush(out, fromJson(el));
      }
      return collectList(<usize>load<u32>(out), load<u32>(out, 4));
    }
    case B_EXCLUDE: {
      const a = setOf(x);
      if (a == 0) return 0;
      const c = setOf(y);
      if (c == 0) return 0;
      return setDifference(a, c);
    }
    case B_MALFORMED: {
      const out = vecNew();
      malformedInto(x, out);
      return collectList(<usize>load<u32>(out), load<u32>(out, 4));
    }
    case B_ADDRESS_COUNT: {
      const a = setOf(x);
      return a == 0 ? 0 : setCount(a);
    }
    case B_CIDRS: {
      const a = setOf(x);
      return a == 0 ? 0 : setCidrs(a);
    }
    case B_SHOW:
      return show(x);
    case B_TEXT:
      return text(x);
  }
  abortWith("internal: unknown builtin");
  return 0;
}

