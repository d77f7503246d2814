/**
 * Role: DNS names and `*.` patterns for the egress allowlists and the DNS attestations.
 *
 * `normDomain` validates and normalises in one scan of char codes, with the language's rules
 * (`src/net/domain.ts`): ASCII letters, digits, `.`, `-` and `*` only; compared in lower case with
 * one trailing dot ignored; 1-253 characters; labels of 1-63 characters that do not start or end
 * with a hyphen; `*` only as the whole left-most label of a longer name; a last label that is not
 * all digits. It returns the input string itself when it is already normal (no allocation).
 *
 * `dnsMatch` is subsumption on two normalised strings: a name matches itself; `*.S` matches any
 * name or pattern that ends with `.S` (which, for valid strings, means one or more labels before
 * `S`, or a pattern `*.T` with `T` ending in `S`). A pattern never matches a plain name.
 */

/** The normal form of a valid DNS name or pattern, or undefined. */
export function normDomain(s: string): string | undefined {
  const len = s.length;
  let upper = false;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 45 || c === 42) continue;
    if (c >= 65 && c <= 90) {
      upper = true;
      continue;
    }
    return undefined;
  }
  let n = upper ? s.toLowerCase() : s;
  if (n.charCodeAt(n.length - 1) === 46) n = n.slice(0, -1);
  const m = n.length;
  if (m === 0 || m > 253) return undefined;
  let start = 0;
  let first = true;
  let star = false;
  let digits = true;
  for (let i = 0; i <= m; i++) {
    const c = i < m ? n.charCodeAt(i) : 46;
    if (c !== 46) {
      if (c === 42) star = true;
      else if (c < 48 || c > 57) digits = false;
      continue;
    }
    const l = i - start;
    if (star) {
      if (l !== 1 || !first || i === m) return undefined;
    } else {
      if (l === 0 || l > 63) return undefined;
      if (n.charCodeAt(start) === 45 || n.charCodeAt(i - 1) === 45) return undefined;
      if (i === m && digits) return undefined;
    }
    start = i + 1;
    first = false;
    star = false;
    digits = true;
  }
  return n;
}

/** Does normalised `left` match normalised `right` (a name or a `*.` pattern)? */
export function dnsMatch(left: string, right: string): boolean {
  if (right.charCodeAt(0) !== 42) return left === right;
  const off = left.length - right.length + 1;
  if (off < 1) return false;
  for (let j = 1; j < right.length; j++) if (left.charCodeAt(off + j - 1) !== right.charCodeAt(j)) return false;
  return true;
}

/** Does normalised `left` match one of the normalised `rights`? */
export function dnsMatchAny(left: string, rights: readonly string[]): boolean {
  for (let i = 0; i < rights.length; i++) if (dnsMatch(left, rights[i]!)) return true;
  return false;
}

/** The normal forms of the valid strings among `patterns` (invalid ones match nothing). */
export function normPatterns(patterns: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const p of patterns) {
    const n = typeof p === "string" ? normDomain(p) : undefined;
    if (n !== undefined) out.push(n);
  }
  return out;
}
