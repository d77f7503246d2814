/**
 * The Report: the one output contract of every backend and the input of every renderer.
 *
 * For one export and one evaluation date it lists every control with every subject it
 * selected — passes as well as failures, so it is evidence of compliance — each with a
 * status, the failed requirements' messages, the requirements that read data the export
 * did not collect, and the waiver applied. Everything in it is computed from the compiled
 * policy, the export and the evaluation settings, so the evaluator, the Rego and the Wasm
 * produce byte-identical documents. Order: controls as in the policy (packages by name),
 * subjects as in the export, requirements as written.
 *
 * The CLI may add optional fields after evaluation, never change existing ones: waiver
 * `days_left`/`expiring` (`waivers.ts`), and with `check --baseline` a `baseline` mark on failing
 * results plus the report's `baseline` counts and `fixed` list (`baseline.ts`).
 */

import type { MalformedRead } from "./malformed.js";
import type { Severity } from "../util/severity.js";

export type { MalformedRead, Severity };

export type Status = "pass" | "fail" | "unknown" | "waived";

export const REPORT_VERSION = "1";

export interface SubjectRef {
  readonly kind: string;
  /** The stable key as a string (numeric ids in decimal); `*` for "subjects not collected". */
  readonly key: string;
  readonly label: string;
  /** JSON pointer into the export. */
  readonly pointer: string;
}

export interface Failure {
  /** 1-based index of the requirement in its control; 0 for a `where` conjunct (malformed reads only). */
  readonly requirement: number;
  readonly statement: string;
  readonly message: string;
  readonly line: number;
  /**
   * Present only when the condition read malformed network values (LANGUAGE.md §5): each value
   * and where the export holds it; the message names them. Such a condition fails whatever it
   * evaluated to (src/report/malformed.ts).
   */
  readonly malformed?: readonly MalformedRead[];
}

export interface UnknownEntry {
  /** 1-based requirement index; 0 for the control's `for … where …`. */
  readonly requirement: number;
  readonly statement: string;
  /** The collection errors (slots as the export names them) that cover what it read. */
  readonly slots: readonly string[];
}

export interface WaiverRef {
  readonly until: string;
  readonly reason: string;
  readonly approved_by: string | null;
}

/**
 * How a failing result compares with a baseline report (`check --baseline`): failing there
 * too, or not. Set by the CLI on `fail` results only, and only when a baseline was given.
 */
export type BaselineMark = "new" | "still_failing";

export interface SubjectResult {
  readonly subject: SubjectRef;
  readonly status: Status;
  readonly failures: readonly Failure[];
  readonly unknown: readonly UnknownEntry[];
  readonly waiver: WaiverRef | null;
  /** Present only when the run was compared with a baseline, and only on `fail` results. */
  readonly baseline?: BaselineMark;
}

export interface ControlReport {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly frameworks: readonly string[];
  readonly remediation: string | null;
  readonly description: string | null;
  readonly docs: string | null;
  readonly package: string;
  readonly source: { readonly file: string; readonly line: number };
  /** `not_applicable` when the control selected no subject. */
  readonly status: Status | "not_applicable";
  readonly results: readonly SubjectResult[];
}

export type WaiverState = "active" | "expired" | "unused";

export interface WaiverReport {
  readonly control: string;
  readonly key: string;
  readonly until: string;
  readonly reason: string;
  readonly approved_by: string | null;
  /** active: applied to a failing subject; unused: in force but nothing to waive; expired: past its date. */
  readonly state: WaiverState;
  readonly source: { readonly file: string; readonly line: number };
  /**
   * Added by the CLI when the evaluation date is known (see `annotateWaivers`): days from
   * `now` to `until` (0: its last day; negative once expired), and whether an `active` or
   * `unused` waiver ends within the warning window (30 days). An expiring waiver still applies.
   */
  readonly days_left?: number;
  readonly expiring?: boolean;
}

export interface Summary {
  readonly pass: number;
  readonly fail: number;
  readonly unknown: number;
  readonly waived: number;
}

/** A subject that failed in the baseline and does not fail now (`check --baseline`). */
export interface FixedResult {
  readonly control: string;
  readonly severity: Severity;
  readonly subject: SubjectRef;
  /** Its status now; `absent` when this run did not evaluate it (subject or control gone). */
  readonly now: Status | "absent";
  /** The failures the baseline recorded. */
  readonly failures: readonly Failure[];
}

export interface BaselineSummary {
  /** The baseline report file, as given. */
  readonly file: string;
  readonly new: number;
  readonly still_failing: number;
  /** Failing in the baseline, evaluated now and not failing. */
  readonly fixed: number;
  /** Failing in the baseline and not evaluated now (listed in `fixed` with `now: "absent"`). */
  readonly absent: number;
}

export interface Report {
  readonly perimeter: typeof REPORT_VERSION;
  /** The evaluation date (waivers are judged against it); null when none was given. */
  readonly now: string | null;
  readonly export: {
    readonly schema: string | null;
    readonly exported_at: string | null;
    readonly cloud: string | null;
    readonly account_id: string | null;
  };
  readonly controls: readonly ControlReport[];
  readonly waivers: readonly WaiverReport[];
  readonly summary: Summary;
  /** Present only with `check --baseline`: the comparison's counts for this export. */
  readonly baseline?: BaselineSummary;
  /** Present only with `check --baseline`: results failing in the baseline and not now. */
  readonly fixed?: readonly FixedResult[];
}

export { SEVERITY_RANK } from "../util/severity.js";
