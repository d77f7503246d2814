/**
 * The configuration file: `perimeter.yaml` or `.perimeter.yaml`, found upward from the working
 * directory (the nearest folder that has one; the first name wins in a folder), as Regal's
 * `.regal/config.yaml` and conftest's `conftest.toml` are; or the file `--config FILE` names;
 * none with `--no-config`. Its keys are the long names of `perimeter check`'s flags (and
 * `policies` for the positional arguments):
 *
 *   policies: [policies]                 # POLICY|DIR..., string or list
 *   library: false                       # --library
 *   input: [exports/]                    # --input, string or list
 *   params: site.yaml                    # --params
 *   fail-on: high                        # --fail-on
 *   format: [text, sarif=perimeter.sarif] # --format, string or list (FORMAT or FORMAT=FILE)
 *   output: report.txt                   # -o/--output
 *   engine: wasm                         # --engine
 *   opa: /usr/local/bin/opa              # --opa
 *   baseline: baseline.json              # --baseline
 *   quiet: false                         # --quiet
 *
 * A flag given on the command line replaces the key (lists are not merged). Relative paths
 * are resolved from the configuration file's folder, so a run from a subfolder reads the same
 * files. Every problem — YAML syntax, an unknown key (with a suggestion), a value of the
 * wrong type — is reported as `FILE:LINE:COLUMN: message`, and the command exits 2.
 */

import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { findConfig, fromCwd } from "../io/config-location.js";
import type { Config } from "../io/config-file.js";
import { ioReason } from "../io/errors.js";
import { libraryPath } from "../paths.js";
import { UsageError } from "./errors.js";
import type { Output } from "./io.js";
import { InputError } from "./errors.js";

export type { Config, ConfigValues } from "../io/config-file.js";
export { CONFIG_NAMES, findConfig, fromCwd } from "../io/config-location.js";

/** `--config FILE` and `--no-config`, for the option table of every command that reads the file. */
export const CONFIG_OPTIONS = { config: { type: "string" }, "no-config": { type: "boolean" } } as const;

export { libraryPath };

/**
 * For `lint`, `test`, `explain` and `catalogue`: the policies to read — those given, else the
 * configuration file's `policies` (and the library with `library: true`), else `fallback` — and
 * its `params` (a `--params` flag replaces it).
 */
export async function policiesFromConfig(given: readonly string[], flags: { config?: string; "no-config"?: boolean }, io: Output, fallback: readonly string[]): Promise<{ paths: string[]; params?: string }> {
  if (flags.config !== undefined && flags["no-config"]) throw new UsageError("--config and --no-config contradict each other");
  const c = (await loadConfig({ config: flags.config, noConfig: flags["no-config"] }, io))?.values ?? {};
  const params = c.params === undefined ? {} : { params: c.params };
  if (given.length > 0) return { paths: [...given], ...params };
  const paths = [...(c.policies ?? []), ...(c.library ? [libraryPath()] : [])];
  return { paths: paths.length > 0 ? paths : [...fallback], ...params };
}

/**
 * The configuration a command runs with: `--no-config` none; `--config FILE` that file (it must
 * exist); else the one found upward from the working directory. Problems are printed and
 * throw `InputError` (exit 2).
 */
export async function loadConfig(opts: { config?: string; noConfig?: boolean }, io: Output): Promise<Config | undefined> {
  if (opts.noConfig) return undefined;
  const file = opts.config !== undefined ? resolve(opts.config) : findConfig();
  if (file === undefined) return undefined;
  const shown = opts.config ?? fromCwd(process.cwd(), relative(process.cwd(), file));
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    io.err(`error: ${opts.config !== undefined ? "--config " : "the configuration file "}${shown}: cannot read the file: ${ioReason(e)}`);
    throw new InputError("config");
  }
  const { parseConfig } = await import("../io/config-file.js");
  const r = parseConfig(shown, text, dirname(file));
  if ("problems" in r) {
    io.err(`${r.problems.map((p) => `error: ${p}`).join("\n")}\nthe configuration file ${shown} has errors; nothing was evaluated`);
    throw new InputError("config");
  }
  return { file, values: r.values };
}
