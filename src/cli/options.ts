/**
 * The option parser of every subcommand: Node's `util.parseArgs` with what a shell user
 * expects on top of it:
 * - "did you mean" for an unknown option (the closest long or short option of the command,
 *   by the same edit distance as the checker's suggestions, `diagnostics/suggest.ts`);
 * - greedy list options: `--input a.json b.json` (what a glob expands to) takes every
 *   argument up to the next option (or `--`), so extra files are not taken for positionals.
 */

import { parseArgs, type ParseArgsConfig } from "node:util";
import { closest } from "../diagnostics/suggest.js";
import { UsageError } from "./errors.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** A command's parsed arguments, typed by its option table. */
export type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: O }>>;

/**
 * `--name a b c` → `--name a --name=b --name=c` for every option in `greedy` (long name): the
 * values after the first run until the next argument that starts with `-` (a lone `-`, standard
 * input, is a value) or `--`.
 */
export function expandGreedy(argv: readonly string[], options: Options, greedy: readonly string[]): string[] {
  if (greedy.length === 0) return [...argv];
  const flags = new Map<string, string>();
  for (const name of greedy) {
    flags.set(`--${name}`, name);
    const short = options[name]?.short;
    if (short !== undefined) flags.set(`-${short}`, name);
  }
  const isValue = (a: string) => a === "-" || !a.startsWith("-");
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      out.push(...argv.slice(i));
      break;
    }
    const eq = a.indexOf("=");
    const name = flags.get(a) ?? (a.startsWith("--") && eq > 0 ? flags.get(a.slice(0, eq)) : undefined);
    out.push(a);
    if (name === undefined) continue;
    if (flags.has(a)) {
      // `--input VALUE`: the first value as parseArgs would take it.
      if (i + 1 >= argv.length) continue;
      out.push(argv[++i]!);
    }
    while (i + 1 < argv.length && isValue(argv[i + 1]!)) out.push(`--${name}=${argv[++i]!}`);
  }
  return out;
}

/** The "did you mean" hint for an unknown option, from the command's option table. */
export function optionHint(unknown: string, options: Options): string | undefined {
  const longs = Object.keys(options).map((n) => `--${n}`);
  const shorts = Object.values(options).flatMap((o) => (o.short ? [`-${o.short}`] : []));
  const name = unknown.replace(/=.*$/s, "");
  // A one-letter option is too short for an edit distance to mean anything: list them all.
  const best = name.startsWith("--") ? closest(name, longs, 1)[0] : undefined;
  if (best !== undefined) return `did you mean \`${best}\`?`;
  return `options: ${[...longs, ...shorts].join(", ")}`;
}

/** Parses a command's arguments; an unknown option or a missing value is a usage error that names it. */
export function parseCommand<O extends Options>(argv: readonly string[], options: O, opts: { greedy?: readonly string[] } = {}): Parsed<O> {
  const args = expandGreedy(argv, options, opts.greedy ?? []);
  try {
    return parseArgs({ args, allowPositionals: true, options }) as Parsed<O>;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS")) throw e;
    const message = (e as Error).message.replace(/\. To specify a positional argument.*$/s, "");
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      const unknown = /'([^']*)'/.exec(message)?.[1] ?? "";
      throw new UsageError(`unknown option '${unknown}'`, optionHint(unknown, options));
    }
    throw new UsageError(message.replace(/^Option/, "option"));
  }
}

/**
 * A boolean the configuration file may set, with its `--no-` flag to turn it off: the flag,
 * else its negation, else the configured value (false when none).
 */
export function toggle(name: string, on: boolean | undefined, off: boolean | undefined, configured: boolean | undefined): boolean {
  if (on && off) throw new UsageError(`--${name} and --no-${name} contradict each other`);
  return on ? true : off ? false : (configured ?? false);
}
