/**
 * Options every command takes, wherever they appear before `--`: `--no-color` (plain text on
 * every stream, whatever `FORCE_COLOR` says) and `--color` (colour even on a pipe, whatever
 * `NO_COLOR` says); the last one given wins. They are taken out of the arguments before the
 * command parses its own. And the "did you mean" for a mistyped command.
 */

import { didYouMean } from "../diagnostics/suggest.js";
import { UsageError } from "./errors.js";
import type { Output } from "./io.js";

export const GLOBAL_USAGE = `options of every command:
      --no-color    never colour the output (also: NO_COLOR=1); --color to force it
                    (also: FORCE_COLOR=1); default: colour on a terminal`;

export function applyGlobalOptions(argv: readonly string[], io: Output): { argv: string[]; io: Output } {
  const rest: string[] = [];
  let color: boolean | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === "--no-color" || a === "--no-colour") color = false;
    else if (a === "--color" || a === "--colour") color = true;
    else rest.push(a);
  }
  return { argv: rest, io: color === undefined ? io : { out: io.out, err: io.err, colorOut: color, colorErr: color } };
}

export function unknownCommand(name: string, commands: readonly string[]): UsageError {
  const hint = didYouMean(name, commands);
  return new UsageError(`unknown command \`${name}\``, hint ?? `commands: ${commands.join(", ")}`);
}
