/**
 * The collected document, checked the way `perimeter check` will load it (the export loader:
 * JSON text, envelopes, the schema, `collection.errors`), before it is written. A response the
 * schema does not expect — a column whose type changed in the Public Preview table
 * `system.access.outbound_network`, an API that started returning a number as a string — would
 * otherwise make `check` reject the whole export. Instead, the slot holding the misfit (the
 * deepest `x-perimeter-slot` on the way to it, e.g. `workspaces[0].outbound_network_summary`) is
 * removed and recorded in `collection.errors` with the JSON pointer and what the schema
 * expected; every other slot is kept, and checks reading that slot say `unknown`.
 *
 * The loader runs again after each round of removals (a problem can hide another behind the
 * cap on detailed problems), until the document loads or nothing more can be attributed to a
 * slot; what cannot (a problem outside every slot: the collector's own fields) is returned as
 * a warning, and the document is written as it is.
 */

import { parseExport } from "../export/load.js";
import { pointerTokens } from "../export/pointers.js";
import type { ExportProblem } from "../export/problems.js";
import { slotPathOf } from "../export/slots.js";
import { slotDepth } from "../schema/index.js";
import { stringifyJson } from "./json.js";
import type { SlotError } from "./slot-errors.js";

/** Rounds of load-and-remove before giving up (each removes at least one slot). */
const MAX_ROUNDS = 50;

export interface Fitted {
  /** The slots removed, one `collection.errors` entry each (already appended to the document's). */
  readonly errors: readonly SlotError[];
  /** Problems no slot holds: the document still has them. */
  readonly warnings: readonly string[];
}

/** Removes from `document` (in place) every slot the export loader rejects; see the header. */
export function fitToSchema(document: Record<string, unknown>): Fitted {
  const added: SlotError[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const problems = parseExport("export", stringifyJson(document)).problems.filter((p) => p.severity === "error" && p.message !== "");
    if (problems.length === 0) return { errors: added, warnings: [] };
    const bySlot = new Map<string, { steps: (string | number)[]; problems: ExportProblem[] }>();
    const unattributed: ExportProblem[] = [];
    for (const p of problems) {
      const steps = pointerTokens(p.pointer).map((t) => (/^(0|[1-9]\d*)$/.test(t) ? Number(t) : t));
      const depth = slotDepth(steps);
      if (depth === 0) {
        unattributed.push(p);
        continue;
      }
      const slot = steps.slice(0, depth);
      const key = slotPathOf(slot);
      const entry = bySlot.get(key) ?? { steps: slot, problems: [] };
      entry.problems.push(p);
      bySlot.set(key, entry);
    }
    // A slot beneath another removed in this round goes with it.
    const keys = [...bySlot.keys()].filter((k) => ![...bySlot.keys()].some((o) => o !== k && (k.startsWith(`${o}.`) || k.startsWith(`${o}[`))));
    const removed = keys.filter((k) => remove(document, bySlot.get(k)!.steps));
    if (removed.length === 0) return { errors: added, warnings: unattributed.map((p) => `the export does not fit its schema at ${p.pointer || "/"}: ${p.message}`) };
    const entries = removed.map((k): SlotError => ({ slot: k, message: misfit(bySlot.get(k)!.problems) }));
    appendErrors(document, entries);
    added.push(...entries);
  }
  return { errors: added, warnings: ["the export still does not fit its schema after removing the slots that did not"] };
}

function misfit(problems: readonly ExportProblem[]): string {
  const [first] = problems;
  const more = problems.length - 1;
  return `the response does not fit the export schema: ${first!.pointer}: ${first!.message}${more > 0 ? ` (and ${more} more problem${more === 1 ? "" : "s"} in this slot)` : ""}`;
}

/** Deletes the value at `steps` (the last step is a field name: slots are properties); false when it is not there. */
function remove(document: Record<string, unknown>, steps: readonly (string | number)[]): boolean {
  let node: unknown = document;
  for (const s of steps.slice(0, -1)) {
    if (node === null || typeof node !== "object") return false;
    node = (node as Record<string | number, unknown>)[s];
  }
  const last = steps[steps.length - 1];
  if (node === null || typeof node !== "object" || Array.isArray(node) || typeof last !== "string" || !(last in node)) return false;
  delete (node as Record<string, unknown>)[last];
  return true;
}

function appendErrors(document: Record<string, unknown>, entries: readonly SlotError[]): void {
  const collection = document["collection"] as { errors?: SlotError[] } | undefined;
  if (collection === undefined) return;
  collection.errors = [...(collection.errors ?? []), ...entries];
}
