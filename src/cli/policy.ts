/**
 * For the commands that compile policies outside the library API's functions (`catalogue`, and
 * a miss of the cache of compiled policies): the API's compilation (src/api/policies.ts), its
 * errors printed and `InputError` thrown (exit 2), so a command never evaluates anything on
 * bad policies.
 */

import { formatProblems } from "../api/problems.js";
import { compilePolicies as compile, type CompiledPolicies } from "../api/policies.js";
import type { Loaded } from "../program/load.js";
import { readPolicyFiles } from "../program/load.js";
import { InputError } from "./errors.js";
import type { Output } from "./io.js";

export { InputError } from "./errors.js";

export function compilePolicies(paths: readonly string[], io: Output, now: string, loaded: Loaded = readPolicyFiles(paths)): CompiledPolicies {
  const r = compile(paths, { now }, loaded);
  if (!r.ok) {
    io.err(formatProblems(r.problems, io.colorErr));
    throw new InputError("policy errors");
  }
  return r;
}
