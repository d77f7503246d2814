/**
 * Checks of option values shared by the commands (`options.ts` parses the options themselves):
 * each problem is a usage error that names the flag (never a stack trace).
 */

import { isCalendarDate, todayUtc } from "../util/date.js";
import { UsageError } from "./errors.js";

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(", ")}, not \`${value}\``);
}

/** `--now`: a real calendar date as YYYY-MM-DD; default today in UTC. */
export function parseNow(value: string | undefined): string {
  if (value === undefined) return todayUtc();
  if (!isCalendarDate(value)) throw new UsageError(`--now expects a date as YYYY-MM-DD, got \`${value}\``);
  return value;
}

/** A whole number of days, 0 or more (`--max-export-age`). */
export function parseDays(flag: string, value: string): number {
  if (!/^\d{1,6}$/.test(value)) throw new UsageError(`${flag} expects a whole number of days, got \`${value}\``);
  return Number(value);
}
