/**
 * A light stand-in for OPA's type checker (v1/ast/check.go): a builtin call whose argument is a
 * literal of a type the builtin's declaration does not accept is a compile-time
 * `rego_type_error: NAME: invalid argument(s)` in OPA, not a runtime error. Only literal
 * arguments are checked here (OPA also infers the types of other terms).
 */

import { RegoError, type Loc } from "./errors.js";
import type { CT } from "./ir.js";
import { typeName, type Value } from "./value.js";

/** Accepted types per parameter ("any", or "|"-separated names; "array<string>" checks elements). */
const SIGNATURES: Record<string, readonly string[]> = {
  plus: ["number", "number"],
  minus: ["number", "number"],
  mul: ["number", "number"],
  div: ["number", "number"],
  rem: ["number", "number"],
  abs: ["number"],
  floor: ["number"],
  count: ["array|object|string"],
  max: ["array"],
  min: ["array"],
  concat: ["string", "array<string>"],
  split: ["string", "string"],
  substring: ["string", "number", "number"],
  contains: ["string", "string"],
  startswith: ["string", "string"],
  endswith: ["string", "string"],
  lower: ["string"],
  upper: ["string"],
  replace: ["string", "string", "string"],
  "strings.reverse": ["string"],
  indexof: ["string", "string"],
  format_int: ["number", "number"],
  to_number: ["null|boolean|number|string"],
  "regex.match": ["string", "string"],
  "regex.find_all_string_submatch_n": ["string", "string", "number"],
  "object.get": ["object", "any", "any"],
  "object.union": ["object", "object"],
  "array.concat": ["array", "array"],
  "array.slice": ["array", "number", "number"],
  "numbers.range": ["number", "number"],
  trim_space: ["string"],
};

function accepts(want: string, v: Value): boolean {
  if (want === "any") return true;
  if (want === "array<string>") return Array.isArray(v) && (v as readonly Value[]).every((x) => typeof x === "string");
  return want.split("|").includes(typeName(v));
}

export function checkLiteralArgs(name: string, args: readonly CT[], loc: Loc): void {
  const sig = SIGNATURES[name];
  if (sig === undefined) return;
  args.forEach((a, i) => {
    const want = sig[i];
    if (a.k === "const" && want !== undefined && !accepts(want, a.v)) {
      throw new RegoError("rego_type_error", `${name}: invalid argument(s)`, loc);
    }
  });
}
