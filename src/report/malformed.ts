/**
 * Malformed network values in the Report (LANGUAGE.md §5, "Malformed network data fails closed").
 *
 * A condition that read strings that are not addresses or ranges fails; its failure lists each
 * such value with the JSON pointer where the export holds it, and its message names them. A
 * value is looked for beneath the slots the condition reads (its `reads`, resolved against the
 * subject), so a typo elsewhere in the export is not named; a value found nowhere there (a
 * string the policy computed) is listed with a null pointer. Order: found values by their
 * path (indices numerically before keys, keys by code point, a prefix first: OPA's array
 * order, which the Rego backend sorts with), then the others by value. The Wasm runtime and
 * the Rego library (`lib.malformed_at`) implement the same.
 */

import type { SlotRead } from "../ir/ir.js";
import { compareStrings } from "../eval/value.js";

export interface MalformedRead {
  /** The string as the export holds it. */
  readonly value: string;
  /** Where the export holds it (RFC 6901), or null when it is not in what the condition reads. */
  readonly pointer: string | null;
}

type Steps = readonly (string | number)[];

/** OPA's order of two paths: element by element (numbers before strings), then the shorter first. */
export function comparePaths(a: Steps, b: Steps): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (typeof x === "number" && typeof y === "number") {
      if (x !== y) return x < y ? -1 : 1;
    } else if (typeof x === "number") return -1;
    else if (typeof y === "number") return 1;
    else {
      const c = compareStrings(x, y);
      if (c !== 0) return c;
    }
  }
  return a.length - b.length;
}

function pointerOf(steps: Steps): string {
  return steps.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/**
 * The malformed reads of a condition: each string of `values` found beneath what `reads`
 * names (subject-rooted reads start at `subject`), then those found nowhere.
 */
export function locateMalformed(document: unknown, values: readonly string[], reads: readonly SlotRead[], subject: Steps): MalformedRead[] {
  const wanted = new Set(values);
  const found = new Map<string, { steps: Steps; value: string }>();
  const seen = new Set<string>();
  const deep = (v: unknown, steps: (string | number)[]): void => {
    if (typeof v === "string") {
      if (wanted.has(v)) {
        const p = pointerOf(steps);
        if (!found.has(p)) found.set(p, { steps: [...steps], value: v });
        seen.add(v);
      }
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => {
        steps.push(i);
        deep(x, steps);
        steps.pop();
      });
    } else if (typeof v === "object" && v !== null) {
      for (const k of Object.keys(v)) {
        steps.push(k);
        deep((v as Record<string, unknown>)[k], steps);
        steps.pop();
      }
    }
  };
  const base = (v: unknown, rest: readonly (string | "*")[], steps: (string | number)[]): void => {
    if (rest.length === 0) return deep(v, steps);
    const [s, ...more] = rest;
    if (s === "*") {
      if (Array.isArray(v)) v.forEach((x, i) => base(x, more, [...steps, i]));
    } else if (typeof v === "object" && v !== null && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, s!)) {
      base((v as Record<string, unknown>)[s!], more, [...steps, s!]);
    }
  };
  let subjectValue: unknown = document;
  for (const s of subject) subjectValue = subjectValue === null || typeof subjectValue !== "object" ? undefined : (subjectValue as Record<string, unknown>)[s as string];
  for (const r of reads) {
    if (r.root === "subject") base(subjectValue, r.steps, [...subject]);
    else base(document, r.steps, []);
  }
  const out: MalformedRead[] = [...found.entries()].sort(([, a], [, b]) => comparePaths(a.steps, b.steps)).map(([p, x]) => ({ value: x.value, pointer: p }));
  const rest = [...new Set(values.filter((v) => !seen.has(v)))].sort(compareStrings);
  for (const v of rest) out.push({ value: v, pointer: null });
  return out;
}

/** The failure message of a condition that read malformed values. */
export function malformedMessage(reads: readonly MalformedRead[]): string {
  return reads.map((r) => (r.pointer === null ? `\`${r.value}\` is not an address or CIDR range` : `\`${r.value}\` at ${r.pointer} is not an address or CIDR range`)).join("; ");
}
