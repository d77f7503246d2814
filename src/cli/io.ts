/**
 * Terminal output for commands: where text goes and whether it may be coloured.
 * Colour only when the stream is a TTY and `NO_COLOR` is unset (or `FORCE_COLOR` is set),
 * so pipes, files and CI logs get plain text.
 */

export interface Output {
  out(text: string): void;
  err(text: string): void;
  readonly colorOut: boolean;
  readonly colorErr: boolean;
}

function colorFor(stream: NodeJS.WriteStream): boolean {
  if (process.env["FORCE_COLOR"] !== undefined && process.env["FORCE_COLOR"] !== "0") return true;
  if (process.env["NO_COLOR"] !== undefined) return false;
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
