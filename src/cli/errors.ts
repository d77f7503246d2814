/**
 * Exit codes and the error a command raises for bad usage.
 *
 * 0: success; 1: the checked subject failed (failures, findings); 2: the user's input is
 * wrong (usage, policy, export); 70: an internal error (a bug: please report it).
 */

export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 70 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Thrown by argument parsing and commands for a user mistake; printed without a stack. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** A user input problem already printed (policies, params, exports, baseline); the command exits 2. */
export class InputError extends Error {}
