/**
 * Role: IP address and CIDR arithmetic for the ingress controls, on plain numbers.
 *
 * IPv4 ranges are pairs of doubles (every address below 2^32 is exact), parsed straight from the
 * string's char codes with no splitting or regexes; IPv6 (rare in practice) uses bigints. The
 * accepted text is exactly the language's (`src/net/ip.ts`): dotted quads without leading zeros,
 * RFC 4291 IPv6 with one `::` and an optional dotted tail, an optional `/prefix` without a
 * leading zero, and no host bits beyond the prefix. Any entry that does not parse makes the whole
 * address-set operand missing, as in the evaluator.
 *
 * The checks the library needs are answered without building the general set algebra:
 * - `allowed within corporate` with allowed = ALLOW − BLOCK is `ALLOW ⊆ corporate ∪ BLOCK`, so
 *   each ALLOW range is looked up in the (sorted, merged) corporate ranges, and only when BLOCK
 *   entries exist and a range is not inside corporate is corporate ∪ BLOCK merged;
 * - `0.0.0.0/0 within allowed` needs no BLOCK range of the family and ALLOW ranges covering the
 *   whole space, which a sum of sizes rules out in O(n) before anything is sorted.
 * Scratch buffers are module-level and reused: the functions are not re-entrant.
 */

const V4_SPACE = 4294967296; // 2^32
const V6_MAX = (1n << 128n) - 1n;

/** The range the last successful `parseNet` produced. */
export const NET = { lo: 0, hi: 0, lo6: 0n, hi6: 0n };

/** A dotted quad in `s[start, end)`, or -1. */
function parse4(s: string, start: number, end: number): number {
  let v = 0;
  let part = 0;
  let digits = 0;
  let lead = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255 || dots === 3) return -1;
      v = v * 256 + part;
      dots++;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits === 0) lead = c;
      else if (lead === 48 || digits === 3) return -1;
      part = part * 10 + (c - 48);
      digits++;
    } else return -1;
  }
  if (digits === 0 || part > 255 || dots !== 3) return -1;
  return v * 256 + part;
}

const HEX = /^[0-9A-Fa-f]{1,4}$/;

/** RFC 4291 text (the algorithm of `src/net/ip.ts`), or -1n. */
function parse6(s: string): bigint {
  if (s.length === 0) return -1n;
  const halves = s.split("::");
  if (halves.length > 2) return -1n;
  const head = halves[0] === "" ? [] : halves[0]!.split(":");
  const tail = halves.length === 2 && halves[1] !== "" ? halves[1]!.split(":") : [];
  const last = tail.length > 0 ? tail[tail.length - 1] : head[head.length - 1];
  let v4tail = -1;
  if (last !== undefined && last.includes(".")) {
    v4tail = parse4(last, 0, last.length);
    if (v4tail < 0) return -1n;
    if (tail.length > 0) tail.pop();
    else head.pop();
  }
  for (const g of head) if (!HEX.test(g)) return -1n;
  for (const g of tail) if (!HEX.test(g)) return -1n;
  const groups = head.length + tail.length + (v4tail >= 0 ? 2 : 0);
  if (halves.length === 1 ? groups !== 8 : groups > 7) return -1n;
  let v = 0n;
  for (const g of head) v = (v << 16n) | BigInt(parseInt(g, 16));
  if (halves.length === 2) v <<= BigInt(16 * (8 - groups));
  for (const g of tail) v = (v << 16n) | BigInt(parseInt(g, 16));
  if (v4tail >= 0) v = (v << 32n) | BigInt(v4tail);
  return v;
}

/** A prefix length in `s[start, end)` (1-3 digits, no leading zero, at most `width`), or -1. */
function parsePrefix(s: string, start: number, end: number, width: number): number {
  const n = end - start;
  if (n < 1 || n > 3) return -1;
  let p = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    p = p * 10 + (c - 48);
  }
  if (n > 1 && s.charCodeAt(start) === 48) return -1;
  return p > width ? -1 : p;
}

/** Parses an address or CIDR into `NET`: 4 or 6, or 0 when `s` is not one. */
export function parseNet(s: string): 0 | 4 | 6 {
  const len = s.length;
  let slash = -1;
  let colon = false;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c === 47) {
      slash = i;
      break;
    }
    if (c === 58) colon = true;
  }
  const end = slash < 0 ? len : slash;
  if (!colon) {
    const prefix = slash < 0 ? 32 : parsePrefix(s, slash + 1, len, 32);
    if (prefix < 0) return 0;
    const a = parse4(s, 0, end);
    if (a < 0) return 0;
    const size = 2 ** (32 - prefix);
    if (a % size !== 0) return 0;
    NET.lo = a;
    NET.hi = a + size - 1;
    return 4;
  }
  const prefix = slash < 0 ? 128 : parsePrefix(s, slash + 1, len, 128);
  if (prefix < 0) return 0;
  const a = parse6(slash < 0 ? s : s.slice(0, end));
  if (a < 0n) return 0;
  const mask = (1n << BigInt(128 - prefix)) - 1n;
  if ((a & mask) !== 0n) return 0;
  NET.lo6 = a;
  NET.hi6 = a | mask;
  return 6;
}

// --- Sorting and merging IPv4 pairs ---------------------------------------------------------

let keys = new Float64Array(256);

/**
 * Sorts the `n` pairs `[lo, hi]` of `src` by `lo` and writes them merged (overlapping or adjacent
 * ranges joined) to `out` from pair 0; returns the number of merged pairs. Keys are
 * `lo * 2^21 + index`, exact in a double (lo < 2^32), so one native typed-array sort does it.
 */
function sortMerge(src: Float64Array, n: number, out: Float64Array): number {
  let slow: number[] | undefined; // more pairs than the keys can index (not seen in practice)
  if (n < 2097152) {
    if (keys.length < n) keys = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) keys[i] = src[2 * i]! * 2097152 + i;
    keys.subarray(0, n).sort();
  } else slow = Array.from({ length: n }, (_, i) => i).sort((x, y) => src[2 * x]! - src[2 * y]!);
  let m = 0;
  let lo = -1;
  let hi = -2;
  for (let j = 0; j < n; j++) {
    const i = slow === undefined ? keys[j]! % 2097152 : slow[j]!;
    const a = src[2 * i]!;
    const b = src[2 * i + 1]!;
    if (a <= hi + 1) {
      if (b > hi) hi = b;
    } else {
      if (hi >= 0) {
        out[2 * m] = lo;
        out[2 * m + 1] = hi;
        m++;
      }
      lo = a;
      hi = b;
    }
  }
  if (hi >= 0) {
    out[2 * m] = lo;
    out[2 * m + 1] = hi;
    m++;
  }
  return m;
}

/** Is `[lo, hi]` inside one of the `n` sorted, merged pairs of `set`? */
function inside4(lo: number, hi: number, set: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const a = set[2 * j]!;
    if (a > lo) return false;
    if (hi <= set[2 * j + 1]!) return true;
  }
  return false;
}

/** Sorted, merged bigint pairs from unsorted ones. */
function merge6(pairs: readonly bigint[]): bigint[] {
  const n = pairs.length / 2;
  const idx = Array.from({ length: n }, (_, i) => i).sort((x, y) => (pairs[2 * x]! < pairs[2 * y]! ? -1 : pairs[2 * x]! > pairs[2 * y]! ? 1 : 0));
  const out: bigint[] = [];
  for (const i of idx) {
    const a = pairs[2 * i]!;
    const b = pairs[2 * i + 1]!;
    const last = out.length - 1;
    if (last > 0 && a <= out[last]! + 1n) {
      if (b > out[last]!) out[last] = b;
    } else out.push(a, b);
  }
  return out;
}

function inside6(lo: bigint, hi: bigint, set: readonly bigint[]): boolean {
  for (let j = 0; j < set.length; j += 2) {
    if (set[j]! > lo) return false;
    if (hi <= set[j + 1]!) return true;
  }
  return false;
}

// --- Range sets given as parameters ----------------------------------------------------------

/** A parameter list of ranges (`corporate`), sorted and merged per family. */
export class Ranges {
  readonly v4: Float64Array;
  readonly n4: number;
  readonly v6: readonly bigint[];
  /** False when an entry is not an address: every `within` it is the right side of is then false. */
  readonly valid: boolean;

  constructor(entries: readonly unknown[]) {
    const raw4 = new Float64Array(Math.max(2, entries.length * 2));
    const raw6: bigint[] = [];
    let n = 0;
    let valid = true;
    for (const e of entries) {
      const f = typeof e === "string" ? parseNet(e) : 0;
      if (f === 4) {
        raw4[2 * n] = NET.lo;
        raw4[2 * n + 1] = NET.hi;
        n++;
      } else if (f === 6) raw6.push(NET.lo6, NET.hi6);
      else valid = false;
    }
    this.v4 = new Float64Array(Math.max(2, n * 2));
    this.n4 = sortMerge(raw4, n, this.v4);
    this.v6 = merge6(raw6);
    this.valid = valid;
  }
}

// --- The entries of IP access lists (or of ingress rules) --------------------------------------

/**
 * The ALLOW and BLOCK entries of one subject, parsed as they are added. `valid` turns false at
 * the first entry that is not an address (then nothing more is recorded: every set operation on
 * the subject's entries is missing).
 */
class Entries {
  a4 = new Float64Array(64);
  na4 = 0;
  b4 = new Float64Array(64);
  nb4 = 0;
  a6: bigint[] = [];
  b6: bigint[] = [];
  valid = true;
  /** Whether a string that is not an address was added (LANGUAGE.md §5: it fails what reads it). */
  malformed = false;
  private merged = new Float64Array(128);

  reset(): void {
    this.na4 = 0;
    this.nb4 = 0;
    if (this.a6.length > 0) this.a6 = [];
    if (this.b6.length > 0) this.b6 = [];
    this.valid = true;
    this.malformed = false;
  }

  /** Adds one entry of an ALLOW (`allow`) or BLOCK list; anything but an address invalidates. */
  add(e: unknown, allow: boolean): void {
    if (!this.valid) {
      if (!this.malformed && malformedIn(e)) this.malformed = true;
      return;
    }
    const f = typeof e === "string" ? parseNet(e) : 0;
    if (f === 4) {
      if (allow) {
        if (this.a4.length < 2 * this.na4 + 2) this.a4 = grow(this.a4);
        this.a4[2 * this.na4] = NET.lo;
        this.a4[2 * this.na4 + 1] = NET.hi;
        this.na4++;
      } else {
        if (this.b4.length < 2 * this.nb4 + 2) this.b4 = grow(this.b4);
        this.b4[2 * this.nb4] = NET.lo;
        this.b4[2 * this.nb4 + 1] = NET.hi;
        this.nb4++;
      }
    } else if (f === 6) {
      if (allow) this.a6.push(NET.lo6, NET.hi6);
      else this.b6.push(NET.lo6, NET.hi6);
    } else {
      this.valid = false;
      if (typeof e === "string" || malformedIn(e)) this.malformed = true;
    }
  }

  /** Adds the entries of one `ip_addresses` value (a list, flattened one level; nulls dropped). */
  addAll(v: readonly (string | null)[] | string | null | undefined, allow: boolean): void {
    if (v == null) return;
    if (!Array.isArray(v)) return this.add(v, allow);
    for (let i = 0; i < v.length; i++) {
      const e = v[i];
      if (e != null) this.add(e, allow);
    }
  }

  /** `exclude(ALLOW, BLOCK) within corp`. */
  withinAfterBlock(corp: Ranges): boolean {
    if (!this.valid || !corp.valid) return false;
    let nm = -1; // corporate ∪ BLOCK (IPv4), merged on first need
    for (let i = 0; i < this.na4; i++) {
      const lo = this.a4[2 * i]!;
      const hi = this.a4[2 * i + 1]!;
      if (inside4(lo, hi, corp.v4, corp.n4)) continue;
      if (this.nb4 === 0) return false;
      if (nm < 0) {
        const n = corp.n4 + this.nb4;
        const all = new Float64Array(2 * n);
        all.set(corp.v4.subarray(0, 2 * corp.n4));
        all.set(this.b4.subarray(0, 2 * this.nb4), 2 * corp.n4);
        if (this.merged.length < 2 * n) this.merged = new Float64Array(4 * n);
        nm = sortMerge(all, n, this.merged);
      }
      if (!inside4(lo, hi, this.merged, nm)) return false;
    }
    if (this.a6.length === 0) return true;
    const union6 = this.b6.length === 0 ? corp.v6 : merge6([...corp.v6, ...this.b6]);
    for (let i = 0; i < this.a6.length; i += 2) if (!inside6(this.a6[i]!, this.a6[i + 1]!, union6)) return false;
    return true;
  }

  /** `0.0.0.0/0 within exclude(ALLOW, BLOCK)` (false when an entry is not an address). */
  allV4(): boolean {
    if (!this.valid || this.nb4 > 0 || this.na4 === 0) return false;
    let sum = 0;
    for (let i = 0; i < this.na4; i++) sum += this.a4[2 * i + 1]! - this.a4[2 * i]! + 1;
    if (sum < V4_SPACE) return false;
    if (this.merged.length < 2 * this.na4) this.merged = new Float64Array(4 * this.na4);
    const m = sortMerge(this.a4, this.na4, this.merged);
    return m === 1 && this.merged[0] === 0 && this.merged[1] === V4_SPACE - 1;
  }

  /** `::/0 within exclude(ALLOW, BLOCK)` (false when an entry is not an address). */
  allV6(): boolean {
    if (!this.valid || this.b6.length > 0 || this.a6.length === 0) return false;
    const m = merge6(this.a6);
    return m.length === 2 && m[0] === 0n && m[1] === V6_MAX;
  }
}

/** Is `e`, or a string at any depth of nested lists in it, not an address (`malformed(e)` non-empty)? */
export function malformedIn(e: unknown): boolean {
  if (typeof e === "string") return parseNet(e) === 0;
  return Array.isArray(e) && e.some(malformedIn);
}

function grow(a: Float64Array): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

/** The one scratch set of entries (the baseline evaluates one subject at a time). */
export const ENTRIES = new Entries();
