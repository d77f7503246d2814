/**
 * `perimeter check POLICY|DIR... --input EXPORT...`: evaluate every control on every export
 * and print the Report. Exit 0 when no subject fails a control at or above `--fail-on`, 1 when
 * one does, 2 on bad usage, policies, parameters or exports (nothing is evaluated then).
 */

import { parseArgs } from "node:util";
import { buildPointerIndex } from "../export/pointers.js";
import { evaluate } from "../eval/run.js";
import type { LoadedExport } from "../export/load.js";
import type { IrProgram } from "../ir/ir.js";
import type { ParamValues } from "../eval/interp.js";
import { renderJson, renderText } from "../report/render-text.js";
import { SEVERITY_RANK, type Report, type Severity } from "../report/report.js";
import { oneOf, parseCommandArgs, parseNow } from "./args.js";
import { EXIT, UsageError, type ExitCode } from "./errors.js";
import type { Output } from "./io.js";
import { compilePolicies, InputError, loadExports, resolveParams } from "./policy.js";

export const checkUsage = `usage: perimeter check POLICY|DIR... --input EXPORT... [options]

Evaluates every control of the policies on every export and prints the report.

options:
  -i, --input FILE       an export (dbx-network-export/v1); repeat for several
  -f, --format FORMAT    text (default) or json
      --now DATE         evaluation date for waivers, YYYY-MM-DD (default: today, UTC)
      --params FILE      site parameters (YAML or JSON) overriding the policies' params
      --fail-on LEVEL    lowest severity whose failures make the exit status 1:
                         critical, high, medium, low, info (default: info)

exit status: 0 no failure at or above --fail-on, 1 failures, 2 bad input, 70 internal error`;

export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "info"];

/** The report of one export (pointers into the document as evaluated, envelopes unwrapped). */
export function reportFor(ir: IrProgram, exp: LoadedExport, now: string, params: ParamValues): Report {
  const pointers = buildPointerIndex(exp.document, new WeakMap());
  return evaluate(ir, { document: exp.document, errors: exp.errors, pointerOf: (v) => pointers.get(v) }, { now, params });
}

export function failsAt(report: Report, threshold: Severity): boolean {
  return report.controls.some((c) => SEVERITY_RANK[c.severity] >= SEVERITY_RANK[threshold] && c.results.some((r) => r.status === "fail"));
}

export function checkCommand(argv: readonly string[], io: Output): ExitCode {
  const { values, positionals } = parseCommandArgs(() =>
    parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        input: { type: "string", short: "i", multiple: true },
        format: { type: "string", short: "f", default: "text" },
        now: { type: "string" },
        params: { type: "string" },
        "fail-on": { type: "string", default: "info" },
        help: { type: "boolean", short: "h" },
      },
    }),
  );
  if (values.help) {
    io.out(checkUsage);
    return EXIT.ok;
  }
  const format = oneOf("--format", values.format, ["text", "json"] as const);
  const failOn = oneOf("--fail-on", values["fail-on"], SEVERITIES);
  const now = parseNow(values.now);
  if (positionals.length === 0) throw new UsageError("no policy files given", "perimeter check policies --input export.json");
  const inputs = values.input ?? [];
  if (inputs.length === 0) throw new UsageError("no export given: pass one with --input FILE");
  try {
    const { ir } = compilePolicies(positionals, io, now);
    const params = resolveParams(ir, values.params, io);
    const exports = loadExports(inputs, io);
    const reports = exports.map((e) => reportFor(ir, e, now, params));
    if (format === "json") io.out(renderJson(reports));
    else io.out(reports.map((r, i) => renderText(r, { color: io.colorOut, title: exports[i]!.file })).join("\n"));
    return reports.some((r) => failsAt(r, failOn)) ? EXIT.failed : EXIT.ok;
  } catch (e) {
    if (e instanceof InputError) return EXIT.usage;
    throw e;
  }
}
