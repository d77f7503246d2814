/**
 * Checks of option values shared by the commands (`options.ts` parses the options themselves):
 * each problem is a usage error that names the flag (never a stack trace).
 */

import { UsageError } from "./errors.js";

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(", ")}, not \`${value}\``);
}

/** `--now`: a real calendar date as YYYY-MM-DD; default today in UTC. */
export function parseNow(value: string | undefined): string {
  if (value === undefined) return new Date().toISOString().slice(0, 10);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (d === undefined || d.toISOString().slice(0, 10) !== value) throw new UsageError(`--now expects a date as YYYY-MM-DD, got \`${value}\``);
  return value;
}

/** A whole number of days, 0 or more (`--max-export-age`). */
export function parseDays(flag: string, value: string): number {
  if (!/^\d{1,6}$/.test(value)) throw new UsageError(`${flag} expects a whole number of days, got \`${value}\``);
  return Number(value);
}
