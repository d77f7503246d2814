/**
 * Per-package Reports merged into the whole program's Report, as the reference evaluator
 * orders it (run.ts): controls in package order (the IR's order), waivers in the program's
 * order, summaries added. A compiled engine (Wasm, OPA) evaluates one entrypoint per package
 * with controls; this is the one place their results become one Report.
 */

import { waiverReport } from "../eval/run.js";
import type { IrProgram } from "../ir/ir.js";
import type { ControlReport, Report, WaiverReport } from "../report/report.js";

/** The merged Report; `reports` holds at least one Report (compose.ts decides what a program without any gives). */
export function mergeReports(program: IrProgram, reports: readonly Report[], now: string | null): Report {
  const first = reports[0];
  if (first === undefined) throw new Error("internal error: no package Report to merge (a program without controls is the seam's to evaluate)");
  if (reports.length === 1 && first.waivers.length === program.waivers.length) return first;
  const controls: ControlReport[] = reports.flatMap((r) => r.controls);
  const byPackage = new Map<string, WaiverReport[]>();
  const packageOf = new Map(program.controls.map((c) => [c.id, c.package]));
  for (const r of reports) {
    const pkg = r.controls[0]?.package;
    if (pkg !== undefined) byPackage.set(pkg, [...r.waivers]);
  }
  const waivers = program.waivers.map((w): WaiverReport => {
    const next = byPackage.get(packageOf.get(w.control) ?? "")?.shift();
    if (next !== undefined) return next;
    // A waiver of no known control (the checker rejects these): nothing can use it.
    return waiverReport(w, now, false);
  });
  const summary = { pass: 0, fail: 0, unknown: 0, waived: 0 };
  for (const r of reports) for (const k of ["pass", "fail", "unknown", "waived"] as const) summary[k] += r.summary[k];
  return { perimeter: first.perimeter, now: first.now, export: first.export, controls, waivers, summary };
}
