/**
 * The Rego runtime library (`package perimeter.lib`), emitted beside every compiled policy.
 *
 * Its source is real Rego: src/backends/rego/lib/perimeter/lib/*.rego (the directory mirrors
 * the package, as Regal wants; each file's path under lib/ is its path in a compiled policy),
 * formatted by `opa fmt`, linted by Regal and read at build time into lib.generated.ts
 * (scripts/build-rego-lib.mjs), so nothing reads files at run time. Every file is emitted
 * as it is; test/rego/lib-files.test.ts checks them.
 *
 * It gives Rego the value rules of the reference evaluator (src/eval/value.ts, net.ts) using
 * only builtins that OPA's Wasm target implements natively and other engines commonly have:
 * - values are always defined: a missing value is `null` (absent keys and JSON nulls alike),
 *   so a value can be passed to a function or put in an array without becoming undefined;
 * - conditions are partial predicates (true, or undefined = false), negated with `not`;
 * - addresses are bit strings ("0"/"1", 32 or 128 long) and a CIDR block is
 *   `{"fam", "lo", "end", "prefix"}` with `end` the bit string of the first address after the
 *   block (`"2"`, above every bit string, when there is none): all order is string order, and
 *   no number exceeds 2^53;
 * - an address set is a union of blocks `p` minus a union `n`; `within`/`overlaps` reduce to
 *   "is a union of blocks covered by another", decided without loops over addresses: a block
 *   [lo, end) is covered by U iff lo is in U and every end of a block of U inside (lo, end) is
 *   in U.
 * The schema's collection slots (for `unknown`) are the table `slot_paths` in unknown.rego,
 * which the test checks against the export schema (`slotPaths` below).
 */

import { exportRootType } from "../../schema/index.js";
import type { ObjectTy, Ty } from "../../schema/types.js";
import { LIB_FILES } from "./lib.generated.js";

/** The library's files (each under Regal's 500-line limit), in path order. */
export function libFiles(): { path: string; text: string }[] {
  return LIB_FILES.map((f) => ({ path: f.path, text: f.text }));
}

/** Every path of a collection slot in the export schema (`"*"` for list elements): what `slot_paths` in unknown.rego lists, in this order. */
export function slotPaths(root: ObjectTy = exportRootType()): string[][] {
  const out: string[][] = [];
  const seen = new Set<Ty>();
  const visit = (t: Ty, path: string[]) => {
    if (t.kind === "list") return visit(t.elem, [...path, "*"]);
    if (t.kind !== "object" || seen.has(t)) return;
    seen.add(t);
    for (const [name, ft] of t.fields) {
      const p = [...path, name];
      if (t.slots?.has(name)) out.push(p);
      visit(ft, p);
    }
    seen.delete(t);
  };
  visit(root, []);
  return out.sort((a, b) => (a.join(".") < b.join(".") ? -1 : 1));
}
