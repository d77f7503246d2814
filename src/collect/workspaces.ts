/**
 * Which workspaces the export covers, with their accounts-API objects (`account_workspace`).
 *
 * Without a selection, every workspace of the account: `GET /api/2.0/accounts/{id}/workspaces`
 * (a bare array); if that fails, the export has no `workspaces` at all and the slot
 * `workspaces` is recorded. With `--workspace ID...`, each one is read on its own
 * (`GET …/workspaces/{id}`), in the order given; one that fails is still an entry (its id
 * is known), with `workspaces[i].account_workspace` recorded.
 */

import { getArray, getObject } from "./client.js";
import { accountPath, type CollectContext } from "./context.js";
import { BigIntText, integerText } from "./json.js";
import { slotError, type SlotError } from "./slot-errors.js";

export interface WorkspaceSeed {
  /** The id as the export writes it (a number, or `BigIntText` beyond 2^53). */
  readonly id: number | BigIntText;
  /** Its decimal text, for URLs and comparisons. */
  readonly idText: string;
  readonly accountWorkspace?: Readonly<Record<string, unknown>>;
}

export interface WorkspaceList {
  /** Undefined when the list itself could not be read. */
  readonly seeds?: readonly WorkspaceSeed[];
  readonly errors: readonly SlotError[];
  readonly warnings: readonly string[];
}

/** A workspace id given on the command line, as the export writes it. */
export function workspaceIdValue(text: string): number | BigIntText {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : new BigIntText(text);
}

export async function listWorkspaces(ctx: CollectContext, selected: readonly string[]): Promise<WorkspaceList> {
  if (selected.length > 0) {
    const seeds: WorkspaceSeed[] = [];
    const errors: SlotError[] = [];
    for (const [i, idText] of selected.entries()) {
      const r = await getObject(ctx.accounts, accountPath(ctx, `/workspaces/${idText}`));
      if (r.ok) seeds.push({ id: workspaceIdValue(idText), idText, accountWorkspace: r.value });
      else {
        seeds.push({ id: workspaceIdValue(idText), idText });
        errors.push(slotError(`workspaces[${i}].account_workspace`, r, ctx.secrets));
      }
    }
    return { seeds, errors, warnings: [] };
  }
  const r = await getArray(ctx.accounts, accountPath(ctx, "/workspaces"));
  if (!r.ok) return { errors: [slotError("workspaces", r, ctx.secrets)], warnings: [] };
  const seeds: WorkspaceSeed[] = [];
  const warnings: string[] = [];
  for (const w of r.value) {
    const raw = (w as { workspace_id?: unknown } | null)?.workspace_id;
    const idText = integerText(raw);
    if (idText === undefined || typeof w !== "object" || w === null) {
      warnings.push(`the accounts API listed a workspace without a numeric workspace_id; it is left out: ${JSON.stringify(w)?.slice(0, 120)}`);
      continue;
    }
    seeds.push({ id: raw as number | BigIntText, idText, accountWorkspace: w as Record<string, unknown> });
  }
  return { seeds, errors: [], warnings };
}
