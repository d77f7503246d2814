/**
 * The reference evaluator's memo tables: work shared across subjects, done once per export.
 *
 * Values never change during an evaluation and every operation is a function of its
 * operands (plus the fixed export, params and lets), so a result can be reused whenever the
 * same operation meets the same operands. Keys compare as `Map` keys do: export objects and
 * lists by identity, strings and numbers by value (`-0` and `0` share a key; no operation
 * tells them apart in a Report). The Wasm runtime keeps the same tables (runtime/src/memo.ts),
 * keyed by value pointers.
 *
 * What is memoised: def calls (by def and arguments; not those of a def with a cheap body,
 * ../ir/free.ts `isCheapBody`); comprehensions, `first` and
 * quantifiers (by node, collection and the values of the variables they use, see
 * ../ir/free.ts); lists, builtins, concatenations and arithmetic without free variables
 * (by node: one value per evaluation); `matches`, `within` and `overlaps` (by operator and
 * operands); and per string or list, the parsed DNS name and the address set.
 */

import { parseDomain, type DomainName } from "../net/domain.js";
import type { AddrSet } from "../net/set.js";
import type { Value } from "./value.js";

/** A map keyed by tuples of values (nested `Map`s, one level per key position). */
export class Memo {
  private readonly root = new Map<unknown, unknown>();

  get(keys: readonly unknown[]): Value | undefined {
    let m: unknown = this.root;
    for (const k of keys) {
      m = (m as Map<unknown, unknown>).get(k);
      if (m === undefined) return undefined;
    }
    return m as Value;
  }

  set(keys: readonly unknown[], v: Value): Value {
    let m = this.root;
    const last = keys.length - 1;
    for (let i = 0; i < last; i++) {
      let next = m.get(keys[i]) as Map<unknown, unknown> | undefined;
      if (next === undefined) m.set(keys[i], (next = new Map()));
      m = next;
    }
    m.set(keys[last], v);
    return v;
  }
}

/** Parsed DNS names by string (null: not a valid name or pattern). */
export class DomainCache {
  private readonly parsed = new Map<string, DomainName | null>();

  get(s: string): DomainName | undefined {
    let d = this.parsed.get(s);
    if (d === undefined) this.parsed.set(s, (d = parseDomain(s) ?? null));
    return d ?? undefined;
  }
}

/** Address sets by operand (a string, a list or an address set value; null: not addresses). */
export class SetCache {
  private readonly sets = new Map<unknown, AddrSet | null>();

  get(v: Value, compute: (v: Value) => AddrSet | undefined): AddrSet | undefined {
    let s = this.sets.get(v);
    if (s === undefined) this.sets.set(v, (s = compute(v) ?? null));
    return s ?? undefined;
  }
}
