/**
 * The text of `perimeter explain` for a control's subjects: a heading with the control, then
 * per subject its status and, condition by condition, the verdict, the collection gaps, the
 * trace of sub-expressions (`renderTrace`) and the failure message. The CLI prints it; the
 * browser playground shows it for a clicked result.
 */

import type { IrControl } from "../ir/ir.js";
import { renderTrace, type ExplainRenderOptions, type SubjectExplanation } from "./explain.js";

/** The lines of the explanation, and whether a subject shown fails. */
export function explainText(control: IrControl, explained: readonly SubjectExplanation[], opts: ExplainRenderOptions): { lines: string[]; failed: boolean } {
  const out: string[] = [`${control.id} — ${control.title} (${control.severity}) @${control.origin.file}:${control.origin.line}`];
  let failed = false;
  for (const x of explained) {
    const r = x.result;
    out.push("");
    if (r === undefined) {
      out.push(`subject excluded by \`where\``);
    } else {
      out.push(`${r.subject.label}${r.subject.label !== r.subject.key ? ` (${r.subject.key})` : ""} at ${r.subject.pointer || "/"}: ${r.status}`);
      if (r.status === "fail") failed = true;
    }
    for (const c of x.conditions) {
      const what =
        c.kind === "where"
          ? `where #${c.index}`
          : c.kind === "let"
            ? `let ${control.lets[c.index - 1]?.v.name ?? ""}`
            : `requirement ${c.index} (${control.requirements[c.index - 1]?.statement ?? ""})`;
      const verdict = c.kind === "let" ? "" : `: ${c.value}`;
      const gaps = c.uncollected.length > 0 ? ` — not collected: ${c.uncollected.join(", ")}` : "";
      out.push(`  ${what}${verdict}${gaps}${c.malformed.length > 0 ? " — read malformed network values, so it fails" : ""}`);
      out.push(...renderTrace(c.nodes, opts, "    "));
      for (const m of c.malformed) out.push(`    malformed: ${JSON.stringify(m.value)} at ${m.pointer ?? "(not in the export it read)"}`);
      const failure = r?.failures.find(
        (f) => (c.kind === "requirement" && f.requirement === c.index) || (c.kind === "where" && f.requirement === 0 && c.malformed.length > 0 && JSON.stringify(f.malformed) === JSON.stringify(c.malformed)),
      );
      if (failure) out.push(`    → ${failure.message}`);
    }
    if (r?.waiver) out.push(`  waived until ${r.waiver.until}: ${r.waiver.reason}`);
  }
  if (explained.length === 0) out.push("", "no subjects: the collection is empty");
  return { lines: out, failed };
}
