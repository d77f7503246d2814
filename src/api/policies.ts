/**
 * Policy files compiled to the IR for the library API, or their errors as problems. Its own
 * module so that a run whose program comes from elsewhere (the CLI's cache of compiled
 * policies) never loads the compiler (Chevrotain, the checker, the lowering).
 */

import { hasErrors } from "../diagnostics/diagnostic.js";
import type { IrProgram } from "../ir/ir.js";
import { lowerProgram } from "../ir/lower.js";
import { frontEnd, readPolicyFiles, type FrontEnd, type Loaded } from "../program/load.js";
import { invalid, type Invalid } from "./problems.js";

/** Policies compiled from source: the IR and the checked files it came from. */
export interface CompiledPolicies {
  readonly ok: true;
  readonly ir: IrProgram;
  readonly front: FrontEnd;
}

/**
 * The policy files and folders `paths` compiled to the IR (with `now`, the date the checker
 * warns of expiring waivers by), or their errors. `loaded`: the files when already read.
 */
export function compilePolicies(paths: readonly string[], options: { readonly now?: string } = {}, loaded: Loaded = readPolicyFiles(paths)): CompiledPolicies | Invalid {
  const fe = frontEnd(loaded.sources, options.now !== undefined ? { today: options.now } : {}, loaded.diagnostics);
  if (hasErrors(fe.diagnostics) || fe.program === undefined) {
    return invalid([{ kind: "policies", diagnostics: fe.diagnostics.filter((d) => d.severity === "error"), files: fe.files }]);
  }
  return { ok: true, ir: lowerProgram(fe.program), front: fe };
}

