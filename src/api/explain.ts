/**
 * `explain`: why each subject of one control passed or failed — every condition with its
 * verdict, the sub-expressions with their values and the JSON pointers they read — as data
 * and as the text `perimeter explain` prints. Nothing is printed; bad input is returned as
 * problems.
 */

import { didYouMean } from "../diagnostics/suggest.js";
import { explainControl, type SubjectExplanation } from "../eval/explain.js";
import { explainText } from "../eval/explain-text.js";
import { buildPointerIndex } from "../export/pointers.js";
import type { IrControl } from "../ir/ir.js";
import { error, invalid, type Invalid, type Problem } from "./problems.js";
import { compilePolicies } from "./policies.js";
import { exportSource, loadExports, resolveParams, type ExportSource } from "./steps.js";
import { todayUtc } from "../util/date.js";

export interface ExplainOptions {
  /** Policy files and folders. */
  readonly policies: readonly string[];
  /** The control's id. */
  readonly control: string;
  /**
   * The export: a path, a name with its bytes, or a function giving one (called once the
   * policies, the control and the params are known good).
   */
  readonly export: string | ExportSource | (() => string | ExportSource);
  /** Only this subject (its key). */
  readonly subject?: string;
  /** The evaluation date, YYYY-MM-DD (default: today, UTC). */
  readonly now?: string;
  /** A params file (YAML or JSON). */
  readonly params?: string;
}

export interface Explanation {
  readonly ok: true;
  readonly control: IrControl;
  /** One per subject shown. */
  readonly subjects: readonly SubjectExplanation[];
  /** The explanation as `perimeter explain` prints it. */
  readonly text: string;
  /** Does a subject shown fail the control? */
  readonly failed: boolean;
  /** Warnings about the export as read (e.g. not UTF-8). */
  readonly notices: readonly Problem[];
}

export async function explain(options: ExplainOptions): Promise<Explanation | Invalid> {
  const now = options.now ?? todayUtc();
  const compiled = compilePolicies(options.policies, { now });
  if (!compiled.ok) return compiled;
  const { ir, front } = compiled;
  const control = ir.controls.find((c) => c.id === options.control);
  if (control === undefined) {
    return invalid([error(`no control \`${options.control}\` in ${options.policies.join(", ")}`, didYouMean(options.control, ir.controls.map((c) => c.id)))]);
  }
  const params = await resolveParams(ir, options.params);
  if (!params.ok) return params;
  const source = exportSource(typeof options.export === "function" ? options.export() : options.export);
  const loaded = loadExports([source], { stopUnreadable: true });
  if (!loaded.ok) return loaded;
  const exp = loaded.exports[0]!;
  const pointers = buildPointerIndex(exp.document, new WeakMap());
  const input = { document: exp.document, errors: exp.errors, pointerOf: (v: object) => pointers.get(v) };
  let subjects = explainControl(ir, control, input, { now, params: params.values });
  if (options.subject !== undefined) {
    const all = subjects;
    subjects = subjects.filter((x) => x.result?.subject.key === options.subject);
    if (subjects.length === 0) {
      const keys = all.flatMap((x) => (x.result ? [x.result.subject.key] : []));
      return invalid([error(`control ${control.id} has no subject \`${options.subject}\``, keys.length ? `its subjects: ${keys.join(", ")}` : "it selected no subject")]);
    }
  }
  const { lines, failed } = explainText(control, subjects, { files: front.files, pointerOf: (v: object) => pointers.get(v) });
  return { ok: true, control, subjects, text: lines.join("\n"), failed, notices: loaded.notices };
}
