/**
 * `perimeter explain CONTROL [POLICY|DIR...] --input EXPORT [--subject KEY]`: for each subject
 * of one control (or just one), every condition with its verdict and the sub-expressions
 * with their values and the JSON pointers they read. Policies default to `./policies`.
 * Exit 0 when the control passes for the subjects shown, 1 when one fails, 2 on bad input.
 */

import { existsSync } from "node:fs";
import { explain } from "../api/explain.js";
import { formatProblems } from "../api/problems.js";
import { parseNow } from "./args.js";
import { EXIT, InputError, UsageError, type ExitCode } from "./errors.js";
import type { Output } from "./io.js";
import { CONFIG_OPTIONS, policiesFromConfig } from "./config.js";
import { parseCommand } from "./options.js";
import { resolveExportInputs } from "./export-inputs.js";
import { writeOutput } from "./output.js";

export const explainUsage = `usage: perimeter explain CONTROL [POLICY|DIR...] --input EXPORT [options]

Shows why each subject of a control passed or failed: every condition, the value of each
sub-expression and the JSON pointer it read. POLICY defaults to the policies of the
configuration file (perimeter.yaml), else ./policies.

options:
  -i, --input FILE     the export (- for standard input)
  -s, --subject KEY    only this subject (its key, e.g. a workspace id)
  -o, --output FILE    write the explanation to FILE instead of stdout
      --now DATE       evaluation date for waivers (default: today, UTC)
      --params FILE    site parameters (YAML or JSON)
      --config FILE    the configuration file whose policies and params apply when none
                       are given (default: perimeter.yaml, found upward); --no-config: none`;

const EXPLAIN_OPTIONS = {
  input: { type: "string", short: "i" },
  subject: { type: "string", short: "s" },
  output: { type: "string", short: "o" },
  now: { type: "string" },
  params: { type: "string" },
  ...CONFIG_OPTIONS,
  help: { type: "boolean", short: "h" },
} as const;

/** The command: its arguments and the configuration file read, `explain` (src/api/explain.ts) called, its text written. */
export async function explainCommand(argv: readonly string[], io: Output): Promise<ExitCode> {
  const { values, positionals } = parseCommand(argv, EXPLAIN_OPTIONS);
  if (values.help) {
    io.out(explainUsage);
    return EXIT.ok;
  }
  const [controlId, ...policyPaths] = positionals;
  if (controlId === undefined) throw new UsageError("no control given", "perimeter explain APPS-ING-001 --input export.json");
  const input = values.input;
  if (input === undefined) throw new UsageError("no export given: pass one with --input FILE");
  const now = parseNow(values.now);
  try {
    const configured = await policiesFromConfig(policyPaths, values, io, ["policies"]);
    const paths = configured.paths;
    if (paths.length === 1 && paths[0] === "policies" && policyPaths.length === 0 && !existsSync("policies")) {
      throw new UsageError("no policies given and no ./policies directory", "perimeter explain CONTROL POLICY_DIR --input export.json");
    }
    const params = values.params ?? configured.params;
    const r = await explain({
      policies: paths,
      control: controlId,
      // `--input` is resolved (a directory must hold one export) once the policies and params are good.
      export: () => {
        const given = resolveExportInputs([input], io);
        if (given.length !== 1) throw new UsageError(`--input ${input}: explain takes one export, and the directory has ${given.length}`);
        return given[0]!;
      },
      now,
      ...(values.subject !== undefined ? { subject: values.subject } : {}),
      ...(params !== undefined ? { params } : {}),
    });
    if (!r.ok) {
      io.err(formatProblems(r.problems, io.colorErr));
      return EXIT.usage;
    }
    if (r.notices.length > 0) io.err(formatProblems(r.notices));
    writeOutput(values.output, r.text, io);
    return r.failed ? EXIT.failed : EXIT.ok;
  } catch (e) {
    if (e instanceof InputError) return EXIT.usage;
    throw e;
  }
}
