/**
 * Go's regexp for the regex builtins: patterns are translated to JS (regex-translate.ts) and
 * compiled once; FindAll iterates as Go does.
 */

import { fail, Translator } from "./regex-translate.js";

const cache = new Map<string, RegExp>();

/** regexp.Compile(pattern) as a JS RegExp (flags: u, plus g, plus i when it covers everything). */
export function compileRegex(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const lead = /^\(\?i\)/.test(pattern) && !/\(\?[imsU]*-[imsU]*i|\(\?-/.test(pattern);
  const t = new Translator(lead ? pattern.slice(4) : pattern, lead);
  const src = t.translate({ i: false, m: false, s: false, U: false });
  let re: RegExp;
  try {
    re = new RegExp(src, lead ? "gui" : "gu");
  } catch (e) {
    return fail(`${(e as Error).message}`);
  }
  cache.set(pattern, re);
  return re;
}

/** Go's FindAll...: successive non-overlapping matches; an empty match abutting the previous match is skipped. */
export function findAll(re: RegExp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  if (n === 0) return out;
  let pos = 0;
  let prevEnd = -1;
  while (pos <= s.length && (n < 0 || out.length < n)) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (m === null) break;
    const start = m.index;
    const end = start + m[0].length;
    if (end === start && start === prevEnd) {
      // advance one code point past the empty match at the end of the previous match
      pos = start + ((s.codePointAt(start) ?? 0) > 0xffff ? 2 : 1);
      continue;
    }
    out.push(m);
    prevEnd = end;
    pos = end === start ? start + ((s.codePointAt(start) ?? 0) > 0xffff ? 2 : 1) : end;
  }
  return out;
}

export function regexMatches(pattern: string, s: string): boolean {
  const re = compileRegex(pattern);
  re.lastIndex = 0;
  return re.test(s);
}
