/**
 * Role: what the control files share — how one subject's result is encoded, and the static
 * description of a control (its id, its row in the result table, and the slots each `where`
 * conjunct and each requirement reads).
 *
 * A subject's result is one byte: 0 when a `where` conjunct that read only collected data is
 * false (the subject is not in the report); otherwise the status in the low two bits and the
 * failed requirements (bit k-1 for requirement k) above them. The order of decision is the
 * language's (docs/language.md 4.11): `fail` if a requirement that read only collected data is
 * false; else `unknown` if a requirement or a `where` conjunct read an uncollected slot (whatever
 * its value); else `pass`.
 */

export const PASS = 1;
export const FAIL = 2;
export const UNKNOWN = 3;

/** The code of a selected subject: `failed` has bit k-1 set for each failed requirement k. */
export function result(failed: number, unknown: boolean): number {
  return failed !== 0 ? FAIL | (failed << 2) : unknown ? UNKNOWN : PASS;
}

export interface ControlInfo {
  readonly id: string;
  readonly subject: "workspace" | "account";
  /**
   * Where the control's codes go: for a workspace control, its row of the workspaces × controls
   * table (rows in report order); for an account control, its index among the account's codes.
   */
  readonly row: number;
  /** Slot bits (`slots.ts`) read by each top-level `where` conjunct, in order. */
  readonly where: readonly number[];
  /** Slot bits read by each requirement, in order (requirement k is index k-1). */
  readonly requires: readonly number[];
}
