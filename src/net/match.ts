/**
 * DNS name and wildcard-pattern matching: the meaning of `name matches p`.
 *
 * Names compare case-insensitively with a trailing dot ignored (via `parseDomain`). Each side
 * denotes a set of names: a name denotes itself; `*.S` denotes every name with one or more
 * labels before `S` (never `S` itself). `left matches right` holds when the set of `left` is
 * contained in the set of `right` (subsumption), which gives:
 * - name `n`, name `m`: `n = m`;
 * - name `n`, pattern `*.S`: `n` has more labels than `S` and ends with `S`;
 * - pattern `*.T`, pattern `*.S`: `T` ends with `S` (label-wise, `T = S` allowed);
 * - pattern `*.T`, name `m`: never (a pattern denotes infinitely many names).
 * Either side invalid gives `undefined`, which callers treat as a missing value.
 *
 * Why "any of" a list reduces to one element: a name on the left is a single point, so it is
 * in the union iff it is in one member. For a pattern `*.T`, take a fresh label `z` that occurs
 * in none of the right-hand strings (labels are unbounded, so one exists) and the witness
 * `z.T`. No right-hand name equals it (it contains `z`). A right-hand pattern `*.S` matches
 * `z.T` only if `S` has fewer labels than `z.T` (so at most as many as `T`) and is a suffix of
 * `z.T`, hence a suffix of `T` — exactly when `*.S` alone subsumes `*.T`. So if no single
 * element subsumes `*.T`, the witness escapes the whole union.
 * (The argument treats names as unbounded label sequences, as the language does; the 253-character
 * limit is a syntax rule for written names, not a restriction of the set a pattern denotes.)
 */

import { parseDomain, type DomainName } from "./domain.js";

/** True when the labels of `labels` end with those of `suffix`. */
function endsWith(labels: readonly string[], suffix: readonly string[]): boolean {
  const offset = labels.length - suffix.length;
  if (offset < 0) return false;
  for (let i = 0; i < suffix.length; i++) if (labels[offset + i] !== suffix[i]) return false;
  return true;
}

/** Subsumption on parsed names: every name denoted by `left` is denoted by `right`. */
export function domainNameMatches(left: DomainName, right: DomainName): boolean {
  if (!right.wildcard) return !left.wildcard && left.labels.length === right.labels.length && endsWith(left.labels, right.labels);
  if (left.wildcard) return endsWith(left.labels, right.labels);
  return left.labels.length > right.labels.length && endsWith(left.labels, right.labels);
}

/** `left matches right`; undefined when either side is not a valid name or pattern. */
export function domainMatches(left: string, right: string): boolean | undefined {
  const l = parseDomain(left);
  const r = parseDomain(right);
  if (l === undefined || r === undefined) return undefined;
  return domainNameMatches(l, r);
}

/**
 * `left matches [r1, r2, ...]`: true when some valid element matches (see the header for why
 * one element suffices). Invalid elements are ignored; an invalid `left` gives undefined.
 * `parse` lets a caller reuse names it has parsed before (the evaluator's cache).
 */
export function domainMatchesAny(left: string, rights: readonly string[], parse: (s: string) => DomainName | undefined = parseDomain): boolean | undefined {
  const l = parse(left);
  if (l === undefined) return undefined;
  for (const right of rights) {
    const r = parse(right);
    if (r !== undefined && domainNameMatches(l, r)) return true;
  }
  return false;
}
