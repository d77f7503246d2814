/**
 * The shape of an independent semantic check: one rule, one file, its tests beside it in
 * test/check/. Checks run after name resolution and typing, read the AST and the tables in
 * the context, and only report; they never change anything.
 */

import type { CheckContext } from "../context.js";

export interface Check {
  /** Kebab-case id, matching the file name. */
  readonly id: string;
  run(ctx: CheckContext): void;
}

/** Every user-visible control of every package, with its unit. */
export function* allControls(ctx: CheckContext) {
  for (const pkg of ctx.packages.values()) yield* pkg.controls;
}
