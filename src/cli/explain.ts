/**
 * `perimeter explain CONTROL [POLICY|DIR...] --input EXPORT [--subject KEY]`: for each subject
 * of one control (or just one), every condition with its verdict and the sub-expressions
 * with their values and the JSON pointers they read. Policies default to `./policies`.
 * Exit 0 when the control passes for the subjects shown, 1 when one fails, 2 on bad input.
 */

import { existsSync } from "node:fs";
import { didYouMean } from "../diagnostics/suggest.js";
import { explainControl } from "../eval/explain.js";
import { explainText } from "../eval/explain-text.js";
import { buildPointerIndex } from "../export/pointers.js";
import { parseNow } from "./args.js";
import { EXIT, UsageError, type ExitCode } from "./errors.js";
import type { Output } from "./io.js";
import { CONFIG_OPTIONS, policiesFromConfig } from "./config.js";
import { parseCommand } from "./options.js";
import { resolveExportInputs } from "./export-inputs.js";
import { writeOutput } from "./output.js";
import { compilePolicies, InputError, loadExports, resolveParams } from "./policy.js";

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

export async function explainCommand(argv: readonly string[], io: Output): Promise<ExitCode> {
  const { values, positionals } = parseCommand(argv, {
    input: { type: "string", short: "i" },
    subject: { type: "string", short: "s" },
    output: { type: "string", short: "o" },
    now: { type: "string" },
    params: { type: "string" },
    ...CONFIG_OPTIONS,
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.out(explainUsage);
    return EXIT.ok;
  }
  const [controlId, ...policyPaths] = positionals;
  if (controlId === undefined) throw new UsageError("no control given", "perimeter explain APPS-ING-001 --input export.json");
  if (values.input === undefined) throw new UsageError("no export given: pass one with --input FILE");
  const now = parseNow(values.now);
  try {
    const configured = await policiesFromConfig(policyPaths, values, io, ["policies"]);
    const paths = configured.paths;
    if (paths.length === 1 && paths[0] === "policies" && policyPaths.length === 0 && !existsSync("policies")) {
      throw new UsageError("no policies given and no ./policies directory", "perimeter explain CONTROL POLICY_DIR --input export.json");
    }
    const { ir, front } = compilePolicies(paths, io, now);
    const control = ir.controls.find((c) => c.id === controlId);
    if (control === undefined) {
      const help = didYouMean(controlId, ir.controls.map((c) => c.id));
      throw new UsageError(`no control \`${controlId}\` in ${paths.join(", ")}`, help);
    }
    const params = (await resolveParams(ir, values.params ?? configured.params, io)).values;
    const given = resolveExportInputs([values.input], io);
    if (given.length !== 1) throw new UsageError(`--input ${values.input}: explain takes one export, and the directory has ${given.length}`);
    const [exp] = loadExports(given, io);
    const pointers = buildPointerIndex(exp!.document, new WeakMap());
    const input = { document: exp!.document, errors: exp!.errors, pointerOf: (v: object) => pointers.get(v) };
    let explained = explainControl(ir, control, input, { now, params });
    if (values.subject !== undefined) {
      const all = explained;
      explained = explained.filter((x) => x.result?.subject.key === values.subject);
      if (explained.length === 0) {
        const keys = all.flatMap((x) => (x.result ? [x.result.subject.key] : []));
        throw new UsageError(`control ${control.id} has no subject \`${values.subject}\``, keys.length ? `its subjects: ${keys.join(", ")}` : "it selected no subject");
      }
    }
    const { lines, failed } = explainText(control, explained, { files: front.files, pointerOf: (v: object) => pointers.get(v) });
    writeOutput(values.output, lines.join("\n"), io);
    return failed ? EXIT.failed : EXIT.ok;
  } catch (e) {
    if (e instanceof InputError) return EXIT.usage;
    throw e;
  }
}
