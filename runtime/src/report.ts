/**
 * The Report of one entrypoint (a package's controls) on one export: src/eval/run.ts is the
 * model, field for field and in the same order, so that the JSON written here is byte for
 * byte `JSON.stringify` of the reference evaluator's Report.
 *
 * Phase 1 evaluates every control into records on the heap; phase 2 writes the JSON text:
 * the Report, or for a verdicts entrypoint the verdicts (verdicts.ts). For verdicts, phase 1
 * leaves out what they do not show: failure messages, labels, remediations, and pointers
 * other than those that are keys.
 * Collection errors come from `input.collection.errors[].slot`, parsed like
 * src/export/slots.ts; a slot that does not parse or does not name a slot of the schema
 * (the export loader would reject the export) is ignored. A path step is a u32: a name
 * (pointer to an interned string), an index `(n << 1) | 1`, or STAR.
 * Malformed network values (src/report/malformed.ts): a condition whose `malformed` expression
 * lists some fails with them, each located by a walk beneath the slots it reads.
 */

import {
  C_COLLECTION_READS, C_HEAD, C_HEAD_LEN, C_ID, C_KEY, C_LABELS, C_LETS, C_MID, C_MID_LEN, C_NLABELS, C_NLETS, C_NREQS, C_NWHERE,
  C_REMEDIATION, C_REQS, C_SOURCE, C_SUBJ, C_SUBJ_LEN, C_SUBJECT_VAR, C_WHERE,
  E_FROM, E_KIND, E_NWAIVERS, E_TO, E_WAIVERS, EP_VERDICTS, H_CONTROLS, H_ENTRY, H_NWAIVERS, H_SCHEMA, H_WAIVERS,
  L_EACH, L_FIELD, L_FILTER, L_JOIN, L_NTH, L_ROOT,
  N_ACCOUNT, N_ACCOUNT_ID, N_CLOUD, N_COLLECTION, N_ERRORS, N_EXPORTED_AT, N_NOW, N_PERIMETER, N_SCHEMA, N_SLOT,
  READ_SUBJECT, R_EXPR, R_FAIL_HEAD, R_FAIL_HEAD_LEN, R_FAIL_TAIL, R_FAIL_TAIL_LEN, R_INDEX, R_MAL_TAIL, R_MAL_TAIL_LEN, R_MALFORMED, R_MESSAGE, R_READS,
  R_STATEMENT, R_STATEMENT_LEN, STEP_STAR, T_NUM,
  TY_ANY, TY_LIST, TY_OBJECT, W_CONTROL, W_HEAD, W_HEAD_LEN, W_KEY, W_REF, W_REF_LEN, W_TAIL, W_TAIL_LEN, W_UNTIL,
} from "../format";
import { copyBytes } from "./bytes";
import { MEMO_SHOW, memoGet, memoHash, memoPut, memoValue } from "./memo";
import { alloc } from "./heap";
import { beginEval, evalExpr, getVar, setVar, show, text, truth, vecNew, vecPush, DATA } from "./interp";
import { writeJsonString } from "./json";
import { writeVerdicts } from "./verdicts";
import { hdr, intern, iword, name, word } from "./program";
import { sbByte, sbBytes, sbLit, sbNew, sbU64, sbBuf, sbLen } from "./sb";
import { arrAt, arrLen, fromJson, isArr, isObj, isStr, newStr, objFull, objGet, objKey, objLen, objVal, strCompare, strEqual, strLen, strPtr, tag, EMPTY_STR } from "./value";

const STAR: u32 = <u32>STEP_STAR;
export const ST_PASS: u32 = 0;
export const ST_FAIL: u32 = 1;
export const ST_UNKNOWN: u32 = 2;
export const ST_WAIVED: u32 = 3;
const ST_NA: u32 = 4;

@inline function isIndex(s: u32): bool {
  return (s & 1) != 0 && s != STAR;
}

@inline export function vecN(v: usize): u32 {
  return load<u32>(v, 4);
}

@inline export function vecAt(v: usize, i: u32): usize {
  return <usize>load<u32>(<usize>load<u32>(v) + (<usize>i << 2));
}

// --- collection errors ---------------------------------------------------------------------------

// Errors: vec of records {slot STR, nsteps, steps ptr, depth}.
let errors: usize = 0;

function isNameStart(c: u32): bool {
  return (c | 0x20) - 97 < 26 || c == 95;
}

function isNameChar(c: u32): bool {
  return isNameStart(c) || c - 48 < 10;
}

/** Parses a slot path (`workspaces[3].apps`) into steps; 0 when malformed. Result: {n, steps...}. */
function parseSlot(p: usize, n: u32): usize {
  if (n == 0) return 0;
  const steps = vecNew();
  let i: u32 = 0;
  while (true) {
    if (i >= n || !isNameStart(<u32>load<u8>(p + i))) return 0;
    const start = i;
    while (i < n && isNameChar(<u32>load<u8>(p + i))) i++;
    let s = intern(p + start, i - start);
    if (s == 0) s = newStr(p + start, i - start); // a name no program or schema has: equal to nothing
    vecPush(steps, s);
    while (i < n && load<u8>(p + i) == 91) {
      i++;
      if (i < n && load<u8>(p + i) == 42) {
        i++;
        vecPush(steps, STAR);
      } else {
        const ds = i;
        let v: u64 = 0;
        let big = false;
        while (i < n && <u32>load<u8>(p + i) - 48 < 10) {
          v = v * 10 + <u64>(load<u8>(p + i) - 48);
          if (v > 9007199254740991) big = true;
          i++;
        }
        if (i == ds || big) return 0;
        const idx = v > 0x3fffffff ? <u32>0x3fffffff : <u32>v;
        vecPush(steps, (idx << 1) | 1);
      }
      if (i >= n || load<u8>(p + i) != 93) return 0;
      i++;
    }
    if (i == n) return steps;
    if (load<u8>(p + i) != 46) return 0;
    i++;
  }
  return 0;
}

/** The field type of an object type (listed field, else its `rest`), and whether it is a slot; 0 when none. */
let fieldIsSlot: bool = false;
function fieldType(ty: usize, nm: u32): usize {
  const n = iword(ty, 1);
  fieldIsSlot = false;
  for (let i = 0; i < n; i++) {
    const f = ty + 12 + <usize>i * 12;
    if (<u32>load<u32>(f) == nm) {
      fieldIsSlot = load<u32>(f, 8) != 0;
      return <usize>load<u32>(f, 4);
    }
  }
  return word(ty, 2);
}

/** src/export/slots.ts `slotPathError` is undefined: the path names a slot of the schema or something beneath one. */
function slotValid(steps: usize): bool {
  let ty = hdr(H_SCHEMA);
  let under = false;
  const n = vecN(steps);
  for (let k: u32 = 0; k < n; k++) {
    const s = <u32>vecAt(steps, k);
    const kind = load<u32>(ty);
    if (kind == TY_ANY) break;
    if ((s & 1) != 0) {
      if (kind != TY_LIST) return false;
      ty = word(ty, 1);
      continue;
    }
    if (kind != TY_OBJECT) return false;
    const f = fieldType(ty, s);
    if (f == 0) return false;
    if (fieldIsSlot) under = true;
    ty = f;
  }
  return under;
}

/** src/schema/index.ts `slotDepth`. */
function slotDepth(steps: usize): u32 {
  let ty = hdr(H_SCHEMA);
  let depth: u32 = 0;
  const n = vecN(steps);
  for (let i: u32 = 0; i < n; i++) {
    if (ty == 0) break;
    const s = <u32>vecAt(steps, i);
    const kind = load<u32>(ty);
    if ((s & 1) != 0) ty = kind == TY_LIST ? word(ty, 1) : 0;
    else if (kind == TY_OBJECT) {
      const f = fieldType(ty, s);
      if (fieldIsSlot) depth = i + 1;
      ty = f;
    } else ty = 0;
  }
  return depth;
}

function loadErrors(doc: usize): void {
  errors = vecNew();
  if (!isObj(doc)) return;
  const coll = objGet(doc, name(N_COLLECTION));
  if (!isObj(coll)) return;
  const list = objGet(coll, name(N_ERRORS));
  if (!isArr(list)) return;
  const n = arrLen(list);
  for (let i: u32 = 0; i < n; i++) {
    const entry = arrAt(list, i);
    if (!isObj(entry)) continue;
    const slot = objGet(entry, name(N_SLOT));
    if (!isStr(slot)) continue;
    const steps = parseSlot(strPtr(slot), strLen(slot));
    if (steps == 0 || !slotValid(steps)) continue;
    const rec = alloc(16);
    store<u32>(rec, <u32>slot);
    store<u32>(rec, vecN(steps), 4);
    store<u32>(rec, load<u32>(steps), 8);
    store<u32>(rec, slotDepth(steps), 12);
    vecPush(errors, rec);
  }
}

// The path being tested: subject steps followed by read steps.
let subjSteps: usize = 0;
let subjN: u32 = 0;
let readSteps: usize = 0;
let readN: u32 = 0;
let readRel: bool = false;

@inline function pStep(i: u32): u32 {
  if (readRel) {
    if (i < subjN) return load<u32>(subjSteps + (<usize>i << 2));
    return load<u32>(readSteps + (<usize>(i - subjN) << 2));
  }
  return load<u32>(readSteps + (<usize>i << 2));
}

function samePrefix(es: usize, n: u32): bool {
  for (let i: u32 = 0; i < n; i++) {
    const x = load<u32>(es + (<usize>i << 2));
    const y = pStep(i);
    if (x == y || (x == STAR && isIndex(y)) || (y == STAR && isIndex(x))) continue;
    return false;
  }
  return true;
}

/** run.ts `conflicts`. */
function conflicts(err: usize, beneath: bool): bool {
  const en = load<u32>(err, 4);
  const es = <usize>load<u32>(err, 8);
  const pn = readRel ? subjN + readN : readN;
  if (en <= pn) return samePrefix(es, en);
  return beneath && pn >= load<u32>(err, 12) && samePrefix(es, pn);
}

/** The slots of the collection errors covering any of `reads` (a reads list), for the subject at subjSteps. */
function uncollected(reads: usize, beneath: bool): usize {
  const ne = vecN(errors);
  if (ne == 0) return 0;
  let out: usize = 0;
  const nr = iword(reads, 0);
  for (let k: u32 = 0; k < ne; k++) {
    const err = vecAt(errors, k);
    let hit = false;
    for (let j = 0; j < nr && !hit; j++) {
      const r = word(reads, 1 + j);
      readRel = load<u32>(r) == READ_SUBJECT;
      readN = load<u32>(r, 4);
      readSteps = r + 8;
      hit = conflicts(err, beneath);
    }
    if (hit) {
      if (out == 0) out = vecNew();
      vecPush(out, <usize>load<u32>(err));
    }
  }
  return out;
}

// --- subjects ------------------------------------------------------------------------------------

// A located value: {value, nsteps, steps ptr}.
function located(v: usize, n: u32, steps: usize): usize {
  const r = alloc(12);
  store<u32>(r, <u32>v);
  store<u32>(r, n, 4);
  store<u32>(r, <u32>steps, 8);
  return r;
}

function extend(r: usize, step: u32, v: usize): usize {
  const n = load<u32>(r, 4);
  const steps = alloc(<usize>(n + 1) << 2);
  copyBytes(steps, <usize>load<u32>(r, 8), <usize>n << 2);
  store<u32>(steps + (<usize>n << 2), step);
  return located(v, n + 1, steps);
}

/** The values of a located collection, in order (run.ts `subjects`). */
function walk(l: usize): usize {
  const out = vecNew();
  const k = load<u32>(l);
  if (k == L_ROOT) {
    const d = fromJson(DOC_REF);
    if (d != 0) vecPush(out, located(d, 0, 0));
    else vecPush(out, located(0, 0, 0));
    return out;
  }
  if (k == L_JOIN) {
    const n = iword(l, 1);
    for (let i = 0; i < n; i++) {
      const part = walk(word(l, 2 + i));
      for (let j: u32 = 0; j < vecN(part); j++) vecPush(out, vecAt(part, j));
    }
    return out;
  }
  const inner = walk(word(l, 1));
  const n = vecN(inner);
  for (let i: u32 = 0; i < n; i++) {
    const r = vecAt(inner, i);
    const v = <usize>load<u32>(r);
    if (k == L_FIELD) {
      if (isObj(v)) {
        const x = fromJson(objGet(v, word(l, 2)));
        if (x != 0) vecPush(out, extend(r, <u32>word(l, 2), x));
      }
    } else if (k == L_NTH) {
      const idx = iword(l, 2);
      if (isArr(v) && idx >= 0 && <u32>idx < arrLen(v)) {
        const x = fromJson(arrAt(v, <u32>idx));
        if (x != 0) vecPush(out, extend(r, (<u32>idx << 1) | 1, x));
      }
    } else if (k == L_EACH) {
      if (isArr(v)) {
        const m = arrLen(v);
        for (let j: u32 = 0; j < m; j++) {
          const x = fromJson(arrAt(v, j));
          if (x != 0) vecPush(out, extend(r, (j << 1) | 1, x));
        }
      }
    } else if (k == L_FILTER) {
      const id = <u32>iword(l, 2);
      const saved = getVar(id);
      setVar(id, v);
      const ok = truth(word(l, 3));
      setVar(id, saved);
      if (ok) vecPush(out, r);
    }
  }
  return out;
}

let DOC_REF: usize = 0;

/** RFC 6901 pointer of a path. */
function pointerOf(n: u32, steps: usize): usize {
  if (n == 0) return EMPTY_STR;
  const sb = sbNew(32);
  for (let i: u32 = 0; i < n; i++) {
    const s = load<u32>(steps + (<usize>i << 2));
    sbByte(sb, 47);
    if ((s & 1) != 0) sbU64(sb, <u64>(s >> 1));
    else {
      const p = strPtr(<usize>s);
      const len = strLen(<usize>s);
      for (let j: u32 = 0; j < len; j++) {
        const c = <u32>load<u8>(p + j);
        if (c == 126) sbLit(sb, "~0");
        else if (c == 47) sbLit(sb, "~1");
        else sbByte(sb, c);
      }
    }
  }
  return newStr(sbBuf(sb), sbLen(sb));
}

function pathOf(v: usize, path: usize): usize {
  let cur = v;
  const n = iword(path, 0);
  for (let i = 0; i < n; i++) cur = isObj(cur) ? fromJson(objGet(cur, word(path, 1 + i))) : 0;
  return cur;
}

// --- malformed network values (src/report/malformed.ts) -----------------------------------------

// A malformed read is a located value (`located`): {value STR, nsteps, steps ptr}, with
// nsteps = NOT_FOUND when it is not beneath the reads.
const NOT_FOUND: u32 = 0xffffffff;
let malWanted: usize = 0;
let malFound: usize = 0;
let malPath: usize = 0;

function isWantedValue(v: usize): bool {
  const n = arrLen(malWanted);
  for (let i: u32 = 0; i < n; i++) if (strEqual(arrAt(malWanted, i), v)) return true;
  return false;
}

/** Every wanted string beneath v (whose path is malPath), with a copy of its path. */
function malDeep(v: usize): void {
  if (v == 0) return;
  const t = tag(v);
  if (isStr(v)) {
    if (isWantedValue(v)) {
      const n = vecN(malPath);
      const steps = alloc(<usize>(n > 0 ? n : 1) << 2);
      copyBytes(steps, <usize>load<u32>(malPath), <usize>n << 2);
      vecPush(malFound, located(v, n, steps));
    }
  } else if (isArr(v)) {
    const m = arrLen(v);
    for (let i: u32 = 0; i < m; i++) {
      vecPush(malPath, (i << 1) | 1);
      malDeep(fromJson(arrAt(v, i)));
      store<u32>(malPath, vecN(malPath) - 1, 4);
    }
  } else if (isObj(v)) {
    const o = objFull(v);
    const m = objLen(o);
    for (let i: u32 = 0; i < m; i++) {
      vecPush(malPath, <u32>objKey(o, i));
      malDeep(fromJson(objVal(o, i)));
      store<u32>(malPath, vecN(malPath) - 1, 4);
    }
  }
}

/** Follows the read's steps from v (`*`: every element), then looks beneath. */
function malBase(v: usize, steps: usize, k: u32, n: u32): void {
  if (k == n) {
    malDeep(v);
    return;
  }
  const s = load<u32>(steps + (<usize>k << 2));
  if (s == STAR) {
    if (!isArr(v)) return;
    const m = arrLen(v);
    for (let i: u32 = 0; i < m; i++) {
      vecPush(malPath, (i << 1) | 1);
      malBase(fromJson(arrAt(v, i)), steps, k + 1, n);
      store<u32>(malPath, vecN(malPath) - 1, 4);
    }
  } else if (isObj(v)) {
    const x = fromJson(objGet(v, <usize>s));
    if (x == 0) return;
    vecPush(malPath, s);
    malBase(x, steps, k + 1, n);
    store<u32>(malPath, vecN(malPath) - 1, 4);
  }
}

/** comparePaths: indices before names, indices numerically, names bytewise, a prefix first. */
function pathCompare(a: usize, b: usize): i32 {
  const na = load<u32>(a, 4);
  const nb = load<u32>(b, 4);
  const pa = <usize>load<u32>(a, 8);
  const pb = <usize>load<u32>(b, 8);
  const n = na < nb ? na : nb;
  for (let i: u32 = 0; i < n; i++) {
    const x = load<u32>(pa + (<usize>i << 2));
    const y = load<u32>(pb + (<usize>i << 2));
    const xi = (x & 1) != 0;
    const yi = (y & 1) != 0;
    if (xi && yi) {
      if (x != y) return (x >> 1) < (y >> 1) ? -1 : 1;
    } else if (xi) return -1;
    else if (yi) return 1;
    else {
      const c = strCompare(<usize>x, <usize>y);
      if (c != 0) return c;
    }
  }
  return na == nb ? 0 : na < nb ? -1 : 1;
}

/**
 * run.ts `malformed`: the malformed reads of a condition (a requirement record) for the subject
 * at subjSteps, sorted, as a vec of records; 0 when it read none. For verdicts, any non-zero.
 */
function malformedOf(req: usize, subject: usize): usize {
  const m = word(req, R_MALFORMED);
  if (m == 0) return 0;
  const values = evalExpr(m);
  if (!isArr(values) || arrLen(values) == 0) return 0;
  if (VERDICTS) return 1;
  malWanted = values;
  malFound = vecNew();
  malPath = vecNew();
  const reads = word(req, R_READS);
  const nr = iword(reads, 0);
  for (let j = 0; j < nr; j++) {
    const r = word(reads, 1 + j);
    const rn = load<u32>(r, 4);
    store<u32>(malPath, 0, 4);
    if (load<u32>(r) == READ_SUBJECT) {
      for (let i: u32 = 0; i < subjN; i++) vecPush(malPath, load<u32>(subjSteps + (<usize>i << 2)));
      malBase(subject, r + 8, 0, rn);
    } else malBase(fromJson(DOC_REF), r + 8, 0, rn);
  }
  // Sort by path (insertion: few entries), dropping repeats of a path.
  const found = malFound;
  const nf = vecN(found);
  const buf = <usize>load<u32>(found);
  for (let i: u32 = 1; i < nf; i++) {
    const x = <usize>load<u32>(buf + (<usize>i << 2));
    let j = i;
    while (j > 0 && pathCompare(<usize>load<u32>(buf + (<usize>(j - 1) << 2)), x) > 0) {
      store<u32>(buf + (<usize>j << 2), load<u32>(buf + (<usize>(j - 1) << 2)));
      j--;
    }
    store<u32>(buf + (<usize>j << 2), <u32>x);
  }
  const out = vecNew();
  for (let i: u32 = 0; i < nf; i++) {
    const x = vecAt(found, i);
    if (i > 0 && pathCompare(vecAt(found, i - 1), x) == 0) continue;
    vecPush(out, x);
  }
  // The values found nowhere, by value, once each.
  const rest = vecNew();
  const nv = arrLen(values);
  for (let i: u32 = 0; i < nv; i++) {
    const v = arrAt(values, i);
    if (!isStr(v)) continue;
    let seen = false;
    for (let k: u32 = 0; k < vecN(out) && !seen; k++) seen = strEqual(<usize>load<u32>(vecAt(out, k)), v);
    for (let k: u32 = 0; k < vecN(rest) && !seen; k++) seen = strEqual(vecAt(rest, k), v);
    if (seen) continue;
    let j = vecN(rest);
    vecPush(rest, v);
    const rb = <usize>load<u32>(rest);
    while (j > 0 && strCompare(<usize>load<u32>(rb + (<usize>(j - 1) << 2)), v) > 0) {
      store<u32>(rb + (<usize>j << 2), load<u32>(rb + (<usize>(j - 1) << 2)));
      j--;
    }
    store<u32>(rb + (<usize>j << 2), <u32>v);
  }
  for (let i: u32 = 0; i < vecN(rest); i++) vecPush(out, located(vecAt(rest, i), NOT_FOUND, 0));
  return out;
}

/** src/report/malformed.ts `malformedMessage`. */
function malformedMessage(bad: usize): usize {
  const sb = sbNew(64);
  const n = vecN(bad);
  for (let i: u32 = 0; i < n; i++) {
    const x = vecAt(bad, i);
    const v = <usize>load<u32>(x);
    if (i > 0) sbLit(sb, "; ");
    sbByte(sb, 96);
    sbBytes(sb, strPtr(v), strLen(v));
    sbByte(sb, 96);
    const sn = load<u32>(x, 4);
    if (sn != NOT_FOUND) {
      sbLit(sb, " at ");
      const p = pointerOf(sn, <usize>load<u32>(x, 8));
      sbBytes(sb, strPtr(p), strLen(p));
    }
    sbLit(sb, " is not an address or CIDR range");
  }
  return newStr(sbBuf(sb), sbLen(sb));
}

/** A failure record: {requirement record, message, malformed reads vec or 0}. */
function failure(req: usize, message: usize, bad: usize): usize {
  const f = alloc(12);
  store<u32>(f, <u32>req);
  store<u32>(f, <u32>message, 4);
  store<u32>(f, <u32>bad, 8);
  return f;
}

// --- controls ------------------------------------------------------------------------------------

// Result record: {control, key, label, pointer, status, failures vec|0, unknown vec|0, waiver record|0}.
// Failure: {requirement record, message}. Unknown entry: {index, statement JSON ptr, len, slots vec}.

let NOW: usize = 0;

function unknownEntry(req: u32, statement: usize, len: u32, slots: usize): usize {
  const u = alloc(16);
  store<u32>(u, req);
  store<u32>(u, <u32>statement, 4);
  store<u32>(u, len, 8);
  store<u32>(u, <u32>slots, 12);
  return u;
}

let STR_WHERE: usize = 0;
let STR_FOR: usize = 0;
let STR_STAR: usize = 0;
let STR_NOT_COLLECTED: usize = 0;

function litStr(s: string): usize {
  const sb = sbNew(<u32>s.length * 3);
  sbLit(sb, s);
  return newStr(sbBuf(sb), sbLen(sb));
}

function activeWaiver(control: usize, key: usize): usize {
  if (NOW == 0) return 0;
  const n = <u32>hdr(H_NWAIVERS);
  for (let i: u32 = 0; i < n; i++) {
    const w = word(hdr(H_WAIVERS), <i32>i);
    if (strEqual(word(w, W_CONTROL), control) && strEqual(word(w, W_KEY), key) && strCompare(word(w, W_UNTIL), NOW) >= 0) return w;
  }
  return 0;
}

/** A number key shown, once per value: every control over the same collection shows the same keys. */
function shownKey(kv: usize): usize {
  if (memoGet(MEMO_SHOW, <u32>kv, 0, 0, 0)) return memoValue;
  return memoPut(memoHash, MEMO_SHOW, <u32>kv, 0, 0, 0, show(kv));
}

/** run.ts `subject`: the result record, or 0 when a collected `where` conjunct excludes it. */
function subject(c: usize, r: usize): usize {
  const value = <usize>load<u32>(r);
  subjN = load<u32>(r, 4);
  subjSteps = <usize>load<u32>(r, 8);
  const stepsN = subjN;
  const stepsP = subjSteps;
  const sv = <u32>iword(c, C_SUBJECT_VAR);
  const saved = getVar(sv);
  setVar(sv, value);
  let unknown: usize = 0;
  let failures: usize = 0;
  const nw = iword(c, C_NWHERE);
  const wh = word(c, C_WHERE);
  for (let i = 0; i < nw; i++) {
    subjN = stepsN;
    subjSteps = stepsP;
    const g = uncollected(word(wh, 3 * i + 1), true);
    const holds = truth(word(wh, 3 * i));
    const mrec = word(wh, 3 * i + 2);
    subjN = stepsN;
    subjSteps = stepsP;
    const bad = mrec == 0 ? 0 : malformedOf(mrec, value);
    if (bad != 0) {
      if (failures == 0) failures = vecNew();
      vecPush(failures, failure(mrec, VERDICTS ? 0 : malformedMessage(bad), VERDICTS ? 0 : bad));
      continue;
    }
    if (g == 0 && !holds) {
      setVar(sv, saved);
      return 0;
    }
    if (g != 0) {
      if (unknown == 0) unknown = vecNew();
      vecPush(unknown, unknownEntry(0, strPtr(STR_WHERE), strLen(STR_WHERE), g));
    }
  }
  const nl = iword(c, C_NLETS);
  const lets = word(c, C_LETS);
  for (let i = 0; i < nl; i++) setVar(<u32>iword(lets, 2 * i), evalExpr(word(lets, 2 * i + 1)));
  const nr = iword(c, C_NREQS);
  const reqs = word(c, C_REQS);
  for (let i = 0; i < nr; i++) {
    const req = word(reqs, i);
    subjN = stepsN;
    subjSteps = stepsP;
    const g = uncollected(word(req, R_READS), true);
    const holds = truth(word(req, R_EXPR));
    subjN = stepsN;
    subjSteps = stepsP;
    const bad = malformedOf(req, value);
    if (bad != 0) {
      if (failures == 0) failures = vecNew();
      vecPush(failures, failure(req, VERDICTS ? 0 : malformedMessage(bad), VERDICTS ? 0 : bad));
    } else if (g != 0) {
      if (unknown == 0) unknown = vecNew();
      vecPush(unknown, unknownEntry(<u32>iword(req, R_INDEX), word(req, R_STATEMENT), <u32>iword(req, R_STATEMENT_LEN), g));
    } else if (!holds) {
      if (failures == 0) failures = vecNew();
      vecPush(failures, failure(req, VERDICTS ? 0 : text(evalExpr(word(req, R_MESSAGE))), 0));
    }
  }
  // key: a string, a number shown, else the pointer.
  const kv = pathOf(value, word(c, C_KEY));
  let pointer: usize = 0;
  let key: usize = 0;
  if (isStr(kv)) key = kv;
  else if (kv != 0 && tag(kv) == T_NUM) key = shownKey(kv);
  if (key == 0 || !VERDICTS) pointer = pointerOf(stepsN, stepsP);
  if (key == 0) key = pointer;
  // label: the first non-empty string or number among the label paths, else the key.
  let label = key;
  const nlab = VERDICTS ? 0 : iword(c, C_NLABELS);
  for (let i = 0; i < nlab; i++) {
    const lv = pathOf(value, word(word(c, C_LABELS), i));
    if ((isStr(lv) && strLen(lv) > 0) || (lv != 0 && tag(lv) == T_NUM)) {
      label = text(lv);
      break;
    }
  }
  let status = failures != 0 ? ST_FAIL : unknown != 0 ? ST_UNKNOWN : ST_PASS;
  const waiver = status == ST_FAIL ? activeWaiver(word(c, C_ID), key) : 0;
  if (waiver != 0) status = ST_WAIVED;
  setVar(sv, saved);
  const rec = alloc(32);
  store<u32>(rec, <u32>c);
  store<u32>(rec, <u32>key, 4);
  store<u32>(rec, <u32>label, 8);
  store<u32>(rec, <u32>pointer, 12);
  store<u32>(rec, status, 16);
  store<u32>(rec, <u32>failures, 20);
  store<u32>(rec, <u32>unknown, 24);
  store<u32>(rec, <u32>waiver, 28);
  return rec;
}

/** run.ts `control`: {status, remediation STR or 0, results vec}. */
function control(c: usize): usize {
  const results = vecNew();
  subjN = 0;
  subjSteps = 0;
  const gaps = uncollected(word(c, C_COLLECTION_READS), false);
  if (gaps != 0) {
    const rec = alloc(32);
    store<u32>(rec, <u32>c);
    store<u32>(rec, <u32>STR_STAR, 4);
    store<u32>(rec, <u32>STR_NOT_COLLECTED, 8);
    store<u32>(rec, <u32>EMPTY_STR, 12);
    store<u32>(rec, ST_UNKNOWN, 16);
    store<u32>(rec, 0, 20);
    const u = vecNew();
    vecPush(u, unknownEntry(0, strPtr(STR_FOR), strLen(STR_FOR), gaps));
    store<u32>(rec, <u32>u, 24);
    store<u32>(rec, 0, 28);
    vecPush(results, rec);
  }
  const subjects = walk(word(c, C_SOURCE));
  const n = vecN(subjects);
  for (let i: u32 = 0; i < n; i++) {
    const r = subject(c, vecAt(subjects, i));
    if (r != 0) vecPush(results, r);
  }
  let hasFail = false;
  let hasUnknown = false;
  let hasWaived = false;
  const m = vecN(results);
  for (let i: u32 = 0; i < m; i++) {
    const s = load<u32>(vecAt(results, i), 16);
    if (s == ST_FAIL) hasFail = true;
    else if (s == ST_UNKNOWN) hasUnknown = true;
    else if (s == ST_WAIVED) hasWaived = true;
  }
  const status = m == 0 ? ST_NA : hasFail ? ST_FAIL : hasUnknown ? ST_UNKNOWN : hasWaived ? ST_WAIVED : ST_PASS;
  const rem = VERDICTS ? 0 : word(c, C_REMEDIATION);
  const remediation: usize = rem == 0 ? 0 : text(evalExpr(rem));
  const out = alloc(12);
  store<u32>(out, status);
  store<u32>(out, <u32>remediation, 4);
  store<u32>(out, <u32>results, 8);
  return out;
}

// --- writing ---------------------------------------------------------------------------------------

function wStr(sb: usize, s: usize): void {
  if (s == 0) sbLit(sb, "null");
  else writeJsonString(sb, strPtr(s), strLen(s));
}

function wKey(sb: usize, k: string): void {
  sbLit(sb, k);
}

function wStatus(sb: usize, s: u32): void {
  if (s == ST_PASS) sbLit(sb, '"pass"');
  else if (s == ST_FAIL) sbLit(sb, '"fail"');
  else if (s == ST_UNKNOWN) sbLit(sb, '"unknown"');
  else if (s == ST_WAIVED) sbLit(sb, '"waived"');
  else sbLit(sb, '"not_applicable"');
}

function wResult(sb: usize, r: usize): void {
  const c = <usize>load<u32>(r);
  sbBytes(sb, word(c, C_SUBJ), <u32>iword(c, C_SUBJ_LEN));
  wStr(sb, <usize>load<u32>(r, 4));
  wKey(sb, ',"label":');
  wStr(sb, <usize>load<u32>(r, 8));
  wKey(sb, ',"pointer":');
  wStr(sb, <usize>load<u32>(r, 12));
  const s = load<u32>(r, 16);
  if (s == ST_PASS) sbLit(sb, '},"status":"pass","failures":[');
  else if (s == ST_FAIL) sbLit(sb, '},"status":"fail","failures":[');
  else if (s == ST_UNKNOWN) sbLit(sb, '},"status":"unknown","failures":[');
  else sbLit(sb, '},"status":"waived","failures":[');
  const f = <usize>load<u32>(r, 20);
  if (f != 0) {
    for (let i: u32 = 0; i < vecN(f); i++) {
      const x = vecAt(f, i);
      const req = <usize>load<u32>(x);
      if (i > 0) sbByte(sb, 44);
      sbBytes(sb, word(req, R_FAIL_HEAD), <u32>iword(req, R_FAIL_HEAD_LEN));
      wStr(sb, <usize>load<u32>(x, 4));
      const bad = <usize>load<u32>(x, 8);
      if (bad == 0) sbBytes(sb, word(req, R_FAIL_TAIL), <u32>iword(req, R_FAIL_TAIL_LEN));
      else {
        sbBytes(sb, word(req, R_MAL_TAIL), <u32>iword(req, R_MAL_TAIL_LEN));
        sbByte(sb, 91);
        for (let k: u32 = 0; k < vecN(bad); k++) {
          const m = vecAt(bad, k);
          if (k > 0) sbByte(sb, 44);
          wKey(sb, '{"value":');
          wStr(sb, <usize>load<u32>(m));
          wKey(sb, ',"pointer":');
          const sn = load<u32>(m, 4);
          if (sn == NOT_FOUND) sbLit(sb, "null");
          else wStr(sb, pointerOf(sn, <usize>load<u32>(m, 8)));
          sbByte(sb, 125);
        }
        sbLit(sb, "]}");
      }
    }
  }
  const u = <usize>load<u32>(r, 24);
  const w = <usize>load<u32>(r, 28);
  if (u == 0 && w == 0) {
    sbLit(sb, '],"unknown":[],"waiver":null}');
    return;
  }
  wKey(sb, '],"unknown":[');
  if (u != 0) {
    for (let i: u32 = 0; i < vecN(u); i++) {
      const x = vecAt(u, i);
      if (i > 0) sbByte(sb, 44);
      wKey(sb, '{"requirement":');
      sbU64(sb, load<u32>(x));
      wKey(sb, ',"statement":');
      sbBytes(sb, <usize>load<u32>(x, 4), load<u32>(x, 8));
      wKey(sb, ',"slots":[');
      const slots = <usize>load<u32>(x, 12);
      for (let j: u32 = 0; j < vecN(slots); j++) {
        if (j > 0) sbByte(sb, 44);
        wStr(sb, vecAt(slots, j));
      }
      wKey(sb, "]}");
    }
  }
  wKey(sb, '],"waiver":');
  if (w == 0) sbLit(sb, "null");
  else sbBytes(sb, word(w, W_REF), <u32>iword(w, W_REF_LEN));
  sbByte(sb, 125);
}

function strField(o: usize, n: i32): usize {
  if (!isObj(o)) return 0;
  const v = objGet(o, name(n));
  return isStr(v) ? v : 0;
}

/** Phase 1 for verdicts only: what they do not show is not computed. */
let VERDICTS: bool = false;

/** Evaluates entrypoint `ep` on `doc` with `data` and appends its JSON (the Report, or the verdicts) to sb. */
export function writeEntrypoint(sb: usize, ep: u32, doc: usize, data: usize): void {
  const entry = word(hdr(H_ENTRY), <i32>ep);
  VERDICTS = iword(entry, E_KIND) == EP_VERDICTS;
  beginEval(doc, data);
  DOC_REF = doc;
  STR_WHERE = litStr('"where"');
  STR_FOR = litStr('"for"');
  STR_STAR = litStr("*");
  STR_NOT_COLLECTED = litStr("subjects that were not collected");
  NOW = 0;
  if (isObj(DATA)) {
    const per = objGet(DATA, name(N_PERIMETER));
    if (isObj(per)) {
      const now = objGet(per, name(N_NOW));
      if (isStr(now)) NOW = now;
    }
  }
  loadErrors(fromJson(doc));
  const from = iword(entry, E_FROM);
  const to = iword(entry, E_TO);
  const controls = hdr(H_CONTROLS);
  const reports = alloc(<usize>(to - from + 1) << 2);
  for (let i = from; i < to; i++) store<u32>(reports + (<usize>(i - from) << 2), <u32>control(word(controls, i)));
  if (VERDICTS) writeVerdicts(sb, from, to, controls, reports);
  else writeReport(sb, doc, entry, from, to, controls, reports);
}

/** Phase 2 of a report: the Report's JSON. */
function writeReport(sb: usize, doc: usize, entry: usize, from: i32, to: i32, controls: usize, reports: usize): void {
  const d = isObj(doc) ? doc : 0;
  const coll = d != 0 ? objGet(d, name(N_COLLECTION)) : 0;
  const acct = d != 0 ? objGet(d, name(N_ACCOUNT)) : 0;
  wKey(sb, '{"perimeter":"1","now":');
  wStr(sb, NOW);
  wKey(sb, ',"export":{"schema":');
  wStr(sb, strField(d, N_SCHEMA));
  wKey(sb, ',"exported_at":');
  wStr(sb, strField(d, N_EXPORTED_AT));
  wKey(sb, ',"cloud":');
  wStr(sb, strField(coll, N_CLOUD));
  wKey(sb, ',"account_id":');
  wStr(sb, strField(acct, N_ACCOUNT_ID));
  wKey(sb, '},"controls":[');
  let pass: u32 = 0;
  let fail: u32 = 0;
  let unknown: u32 = 0;
  let waived: u32 = 0;
  for (let i = from; i < to; i++) {
    const c = word(controls, i);
    const cr = <usize>load<u32>(reports + (<usize>(i - from) << 2));
    if (i > from) sbByte(sb, 44);
    sbBytes(sb, word(c, C_HEAD), <u32>iword(c, C_HEAD_LEN));
    wStr(sb, <usize>load<u32>(cr, 4));
    sbBytes(sb, word(c, C_MID), <u32>iword(c, C_MID_LEN));
    wStatus(sb, load<u32>(cr));
    wKey(sb, ',"results":[');
    const results = <usize>load<u32>(cr, 8);
    for (let j: u32 = 0; j < vecN(results); j++) {
      const r = vecAt(results, j);
      if (j > 0) sbByte(sb, 44);
      wResult(sb, r);
      const s = load<u32>(r, 16);
      if (s == ST_PASS) pass++;
      else if (s == ST_FAIL) fail++;
      else if (s == ST_UNKNOWN) unknown++;
      else waived++;
    }
    wKey(sb, "]}");
  }
  wKey(sb, '],"waivers":[');
  const nw = iword(entry, E_NWAIVERS);
  for (let k = 0; k < nw; k++) {
    const w = word(hdr(H_WAIVERS), iword(entry, E_WAIVERS + k));
    // used: some control with this id has a waived result with this key and this waiver's date.
    let used = false;
    for (let i = from; i < to && !used; i++) {
      if (!strEqual(word(word(controls, i), C_ID), word(w, W_CONTROL))) continue;
      const results = <usize>load<u32>(<usize>load<u32>(reports + (<usize>(i - from) << 2)), 8);
      for (let j: u32 = 0; j < vecN(results); j++) {
        const r = vecAt(results, j);
        const rw = <usize>load<u32>(r, 28);
        if (load<u32>(r, 16) == ST_WAIVED && strEqual(<usize>load<u32>(r, 4), word(w, W_KEY)) && rw != 0 && strEqual(word(rw, W_UNTIL), word(w, W_UNTIL))) {
          used = true;
          break;
        }
      }
    }
    if (k > 0) sbByte(sb, 44);
    sbBytes(sb, word(w, W_HEAD), <u32>iword(w, W_HEAD_LEN));
    if (NOW != 0 && strCompare(word(w, W_UNTIL), NOW) < 0) sbLit(sb, '"expired"');
    else sbLit(sb, used ? '"active"' : '"unused"');
    sbBytes(sb, word(w, W_TAIL), <u32>iword(w, W_TAIL_LEN));
  }
  wKey(sb, '],"summary":{"pass":');
  sbU64(sb, pass);
  wKey(sb, ',"fail":');
  sbU64(sb, fail);
  wKey(sb, ',"unknown":');
  sbU64(sb, unknown);
  wKey(sb, ',"waived":');
  sbU64(sb, waived);
  wKey(sb, "}}");
}

