/**
 * Calendar dates as the language, parameters, waivers and `--now` write them: `YYYY-MM-DD`,
 * in UTC. One parser for all of them, so a date the checker accepts is one the evaluator and
 * the CLI accept, and the reasons given for a bad one read the same everywhere.
 */

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const DAY_MS = 86_400_000;

/** An explanation of why `raw` (YYYY-MM-DD) is not a calendar date, or undefined. */
export function dateError(raw: string): string | undefined {
  const m = SHAPE.exec(raw);
  if (m === null) return "a date is written YYYY-MM-DD";
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return `there is no month ${mo}`;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  if (d < 1 || d > days) return `${MONTHS[mo - 1]} ${y} has ${days} days`;
  return undefined;
}

/** Whether `raw` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(raw: string): boolean {
  return dateError(raw) === undefined;
}

/** Whether `raw` has the shape YYYY-MM-DD (whether or not the day exists). */
export function hasDateShape(raw: string): boolean {
  return SHAPE.test(raw);
}

/** Whether `raw` starts with a YYYY-MM-DD date (a timestamp's day). */
export function startsWithDate(raw: string): boolean {
  return /^\d{4}-\d{2}-\d{2}/.test(raw);
}

/** Today in UTC, YYYY-MM-DD. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD, UTC). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
