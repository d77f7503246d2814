/**
 * Terminal output for commands: where text goes and whether it may be coloured.
 * Colour when the stream is a TTY, unless `NO_COLOR` is set to a non-empty value
 * (no-color.org); `FORCE_COLOR` set to anything but `0` (or empty) colours pipes too, and wins
 * over `NO_COLOR`. The `--no-color` / `--color` flags (`global.ts`) win over both. So pipes,
 * files and CI logs get plain text by default.
 */

export interface Output {
  out(text: string): void;
  err(text: string): void;
  readonly colorOut: boolean;
  readonly colorErr: boolean;
}

function colorFor(stream: NodeJS.WriteStream): boolean {
  const force = process.env["FORCE_COLOR"];
  if (force !== undefined && force !== "" && force !== "0") return true;
  const no = process.env["NO_COLOR"];
  if (no !== undefined && no !== "") return false;
  return stream.isTTY === true;
}

export function processOutput(): Output {
  return {
    out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
    colorOut: colorFor(process.stdout),
    colorErr: colorFor(process.stderr),
  };
}
