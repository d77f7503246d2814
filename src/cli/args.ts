/**
 * Argument parsing helpers: Node's `util.parseArgs`, with its errors turned into usage
 * errors that name the flag (never a stack trace).
 */

import { UsageError } from "./errors.js";

export function parseCommandArgs<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
      throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, "").replace(/^Unknown option/, "unknown option"));
    }
    throw e;
  }
}

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(", ")}, not \`${value}\``);
}
