/**
 * The shape of an independent semantic check: one rule, one file, its tests beside it in
 * test/check/. Checks run after name resolution and typing, read the AST and the tables in
 * the context, and only report; they never change anything.
 */

import type { Code } from "../../diagnostics/codes.js";
import type { CheckContext } from "../context.js";

/**
 * A check is declared once: its id, the codes it reports (each code's name, severity and
 * summary are declared in diagnostics/codes.ts) and the rule itself. A check that reports one
 * code is named after it (id = the code's name); test/check/declarations.test.ts holds both to
 * what the file reports.
 */
export interface Check {
  /** Kebab-case id, matching the file name: the name of its code when it reports one. */
  readonly id: string;
  /** Every code the check reports (directly or through the helpers of checks/ it calls). */
  readonly codes: readonly Code[];
  run(ctx: CheckContext): void;
}

/** Every user-visible control of every package, with its unit. */
export function* allControls(ctx: CheckContext) {
  for (const pkg of ctx.packages.values()) yield* pkg.controls;
}
