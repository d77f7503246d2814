/**
 * The built-in functions: name, arity, argument and result types, and one line of meaning
 * (printed in docs/language.md). The evaluator and backends implement exactly these.
 */

import { T, type Ty } from "../schema/types.js";
import { elemOf, isNetish } from "./ty.js";

export interface BuiltinArg {
  readonly ty: Ty;
}

export interface Builtin {
  readonly name: string;
  readonly params: readonly string[];
  readonly doc: string;
  /** Returns the result type, or an error message for the argument at `index`. */
  readonly check: (args: readonly Ty[]) => Ty | { index: number; message: string };
}

const stringish = (t: Ty) => t.kind === "string" || t.kind === "any";
const listish = (t: Ty) => t.kind === "list" || t.kind === "any";

function need(ok: boolean, index: number, message: string): { index: number; message: string } | undefined {
  return ok ? undefined : { index, message };
}

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map(
  (
    [
      {
        name: "count",
        params: ["list"],
        doc: "number of elements of a list; a missing list counts 0",
        check: ([a]) => need(listish(a!), 0, "`count` takes a list") ?? T.number,
      },
      {
        name: "lower",
        params: ["text"],
        doc: "the text in lower case",
        check: ([a]) => need(stringish(a!), 0, "`lower` takes a string") ?? T.string,
      },
      {
        name: "upper",
        params: ["text"],
        doc: "the text in upper case",
        check: ([a]) => need(stringish(a!), 0, "`upper` takes a string") ?? T.string,
      },
      {
        name: "startswith",
        params: ["text", "prefix"],
        doc: "whether the text begins with the prefix (case-sensitive)",
        check: ([a, b]) => need(stringish(a!), 0, "`startswith` takes a string") ?? need(stringish(b!), 1, "the prefix must be a string") ?? T.bool,
      },
      {
        name: "endswith",
        params: ["text", "suffix"],
        doc: "whether the text ends with the suffix (case-sensitive)",
        check: ([a, b]) => need(stringish(a!), 0, "`endswith` takes a string") ?? need(stringish(b!), 1, "the suffix must be a string") ?? T.bool,
      },
      {
        name: "contains",
        params: ["haystack", "needle"],
        doc: "for a string, whether it contains the other string; for a list, whether it has the element",
        check: ([a, b]) => {
          if (a!.kind === "list" || a!.kind === "any") return T.bool;
          return need(a!.kind === "string", 0, "`contains` takes a string or a list") ?? need(stringish(b!), 1, "the needle must be a string") ?? T.bool;
        },
      },
      {
        name: "cidr_size",
        params: ["range"],
        doc: "number of addresses of an address or CIDR range",
        check: ([a]) => need(a!.kind === "net" || stringish(a!), 0, "`cidr_size` takes one address or range") ?? T.number,
      },
      {
        name: "flatten",
        params: ["lists"],
        doc: "a list of lists joined into one list (one level; non-list elements are kept)",
        check: ([a]) => {
          const e = elemOf(a!);
          if (e === undefined) return { index: 0, message: "`flatten` takes a list" };
          return T.list(elemOf(e) ?? e);
        },
      },
      {
        name: "exclude",
        params: ["ranges", "removed"],
        doc: "the addresses of the first ranges that are in none of the second (an address set for `within`/`overlaps`)",
        check: ([a, b]) =>
          need(isNetish(a!) && a!.kind !== "netset", 0, "`exclude` takes addresses or ranges") ??
          need(isNetish(b!) && b!.kind !== "netset", 1, "`exclude` takes addresses or ranges") ??
          T.netset,
      },
      {
        name: "address_count",
        params: ["addresses"],
        doc: "number of distinct addresses of addresses, ranges, lists of them or an address set (IPv4 and IPv6 together; exact beyond 2^53)",
        check: ([a]) => need(isNetish(a!), 0, "`address_count` takes addresses, ranges or an address set") ?? T.number,
      },
      {
        name: "cidrs",
        params: ["addresses"],
        doc: "the addresses as the fewest CIDR blocks, in address order, IPv4 first (a single address bare): a list of strings",
        check: ([a]) => need(isNetish(a!), 0, "`cidrs` takes addresses, ranges or an address set") ?? T.list(T.string),
      },
    ] satisfies Builtin[]
  ).map((b) => [b.name, b]),
);

