#!/usr/bin/env node
/**
 * The `perimeter` command: dispatches to one file per subcommand and turns every outcome
 * into an exit code. A user mistake prints a message and exits 2; anything thrown that is
 * not a `UsageError` is a bug: it prints a short report and exits 70 (stack only with
 * PERIMETER_DEBUG=1).
 */

import { packagePath } from "../paths.js";
import { EXIT, UsageError, type ExitCode } from "./errors.js";
import { processOutput, type Output } from "./io.js";
import { versionIn } from "./version.js";
import { applyGlobalOptions, GLOBAL_USAGE, unknownCommand } from "./global.js";

type Command = (argv: readonly string[], io: Output) => ExitCode | Promise<ExitCode>;

/**
 * A subcommand loaded when it runs (start-up: `--version` or `lint` never load the Wasm
 * engine, the report renderers or the export collector).
 */
function lazy<K extends string>(load: () => Promise<Record<K, Command>>, name: K): Command {
  return async (argv, io) => (await load())[name](argv, io);
}

/** The subcommands (exported so tests can exercise the dispatcher itself). */
export const commands: Record<string, { run: Command; summary: string }> = {
  catalogue: { run: lazy(() => import("./catalogue.js"), "catalogueCommand"), summary: "write the control catalogue of the policies (Markdown)" },
  check: { run: lazy(() => import("./check.js"), "checkCommand"), summary: "evaluate policies on exports and print the report" },
  compile: { run: lazy(() => import("./compile.js"), "compileCommand"), summary: "compile policies to Rego, an OPA bundle, or the IR as text" },
  explain: { run: lazy(() => import("./explain.js"), "explainCommand"), summary: "show why each subject of a control passed or failed" },
  export: { run: lazy(() => import("./export.js"), "exportCommand"), summary: "collect an export (dbx-network-export/v1) from a live Databricks account" },
  fmt: { run: lazy(() => import("./fmt.js"), "fmtCommand"), summary: "format policy files in the canonical layout (--check: list unformatted files)" },
  lint: { run: lazy(() => import("./lint.js"), "lintCommand"), summary: "check policy files and print every problem" },
  lsp: { run: lazy(() => import("./lsp.js"), "lspCommand"), summary: "run the language server for editors (Language Server Protocol over stdio)" },
  test: { run: lazy(() => import("./test.js"), "testCommand"), summary: "run the policies' test blocks" },
};

function version(): string {
  return versionIn(packagePath("package.json"));
}

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    "usage: perimeter <command> [options]",
    "",
    "Policy-as-code for network controls: checks exports of Databricks workspaces against",
    "ingress/egress controls written in the Perimeter language.",
    "",
    "commands:",
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `perimeter <command> --help` for the options of a command.",
    "",
    GLOBAL_USAGE,
  ].join("\n");
}

export async function main(args: readonly string[], output: Output = processOutput()): Promise<ExitCode> {
  const { argv, io } = applyGlobalOptions(args, output);
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      io.out(usage());
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    if (name === "--version" || name === "-V") {
      io.out(`perimeter ${version()}`);
      return EXIT.ok;
    }
    const cmd = commands[name];
    if (cmd === undefined) throw unknownCommand(name, Object.keys(commands));
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}${e.hint ? `\n  hint: ${e.hint}` : ""}`);
      return EXIT.usage;
    }
    const err = e as Error;
    io.err(`internal error: ${err?.message ?? String(e)}\nThis is a bug in perimeter ${version()}; please report it with the command you ran.`);
    if (process.env["PERIMETER_DEBUG"] === "1" && err?.stack) io.err(err.stack);
    return EXIT.internal;
  }
}

/** Runs the command line of this process and sets its exit code (the bundled `perimeter` binary, src/cli/bin.ts). */
export function run(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = EXIT.internal;
    },
  );
}

const invokedDirectly = process.argv[1] !== undefined && /(?:^|[\\/])main\.js$/.test(process.argv[1]);
if (invokedDirectly) run();
