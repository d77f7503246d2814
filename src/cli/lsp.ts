/**
 * `perimeter lsp`: parses its options and serves the language server (`src/lsp/server.ts`) on
 * standard input and output. Loaded only when the command runs.
 */

import { serveStdio } from "../lsp/server.js";
import { EXIT, type ExitCode } from "./errors.js";
import type { Output } from "./io.js";
import { parseCommand } from "./options.js";

export const lspUsage = `usage: perimeter lsp [--stdio]

Runs the Perimeter language server on standard input and output (the Language Server
Protocol; stdio is the only transport, and --stdio, which clients add, is accepted). An editor
starts it; see docs/editors.md. A workspace folder is a policy set: the policies of its
perimeter.yaml, else every *.perimeter file under it.`;

export async function lspCommand(argv: readonly string[], io: Output): Promise<ExitCode> {
  const { values } = parseCommand(argv, { stdio: { type: "boolean" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    io.out(lspUsage);
    return EXIT.ok;
  }
  return serveStdio();
}
