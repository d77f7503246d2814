/**
 * Shared by the waiver and test checks: control ids named outside their control, and the
 * subject keys written after `for` (a non-empty string, or an integer written exactly).
 */

import { didYouMean } from "../../diagnostics/suggest.js";
import type * as A from "../../syntax/ast.js";
import type { CheckContext } from "../context.js";
import type { Unit } from "../program.js";

export function controlIds(ctx: CheckContext): Set<string> {
  const ids = new Set<string>();
  for (const pkg of ctx.packages.values()) for (const c of pkg.controls) if (c.decl.id.id !== "") ids.add(c.decl.id.id);
  return ids;
}

/** Reports an unknown control id; returns whether the id is known. */
export function checkControlRef(ctx: CheckContext, unit: Unit, id: A.ControlIdNode, ids: ReadonlySet<string>, what: string): boolean {
  if (id.id === "" || ids.has(id.id)) return true;
  ctx.report("E0506", unit, id.span, `${what} names unknown control \`${id.id}\``, { help: didYouMean(id.id, ids) });
  return false;
}

export function checkSubjectKey(ctx: CheckContext, unit: Unit, key: A.SubjectKey): void {
  if (key.kind === "Number") {
    if (!/^\d+$/.test(key.raw)) ctx.report("E0508", unit, key.span, `a subject key must be an integer or a string, not \`${key.raw}\``);
    return;
  }
  const value = key.parts.map((p) => (p.kind === "Text" ? p.value : "")).join("");
  if (value.trim() === "" && key.span.end > key.span.start) ctx.report("E0508", unit, key.span, "a subject key cannot be empty");
}
