/**
 * "Did you mean" suggestions.
 *
 * Picks the candidate closest to a misspelt word by optimal-string-alignment distance
 * (Levenshtein plus adjacent transpositions), ignoring case differences first. A candidate
 * is offered only when it is plausibly the same word: within a third of the word's length.
 */

export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur: number[] = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}

/** The closest candidates (best first, at most `limit`), or none when nothing is close. */
export function closest(word: string, candidates: Iterable<string>, limit = 1): string[] {
  const lower = word.toLowerCase();
  const scored: { c: string; d: number }[] = [];
  for (const c of new Set(candidates)) {
    if (c === word) continue;
    const cl = c.toLowerCase();
    let d: number;
    if (cl === lower) d = 0.5;
    else if (cl.replace(/[_-]/g, "") === lower.replace(/[_-]/g, "")) d = 0.75;
    else if (lower.length >= 4 && (cl.startsWith(lower) || lower.startsWith(cl)) && Math.min(cl.length, lower.length) >= 0.5 * Math.max(cl.length, lower.length)) d = 1;
    else d = editDistance(lower, cl);
    const budget = Math.max(1, Math.floor(Math.max(word.length, 3) / 3));
    if (d <= budget) scored.push({ c, d });
  }
  scored.sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : x.c > y.c ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.c);
}

/** A help line such as "did you mean `enableIpAccessLists`?", or undefined. */
export function didYouMean(word: string, candidates: Iterable<string>, quote: (s: string) => string = (s) => `\`${s}\``): string | undefined {
  const best = closest(word, candidates, 1)[0];
  return best === undefined ? undefined : `did you mean ${quote(best)}?`;
}
