/**
 * `collection.errors`: which slots of the export were not collected.
 *
 * A slot path is written like the export's own paths: field names joined by `.`, list entries
 * selected with `[N]` or `[*]` (every entry): `workspaces`, `account.network_policies`,
 * `workspaces[3].apps`, `workspaces[*].workspace_conf`. `parseSlotPath` turns it into steps
 * (`["workspaces", 3, "apps"]`; `[*]` is the step `"*"`).
 *
 * Slot rule: a path must name, through fields the schema defines, a slot of the schema (a
 * property marked `x-perimeter-slot`: `workspaces`, `attestations`, `account.<list or setting>`,
 * `workspaces[N].<per-workspace slot>`) or anything beneath one (`workspaces[1].apps[0]`,
 * `account.network_connectivity_configs[0].private_endpoint_rules`, the per-NCC request): what
 * was not collected is that place and everything under it. A path that stops above every slot
 * (`account`, `collection`), names a field no schema object has, indexes a non-list, or skips
 * the index of a list (`workspaces.apps`) is an error. Beneath free-form maps any name is accepted.
 *
 * Warnings (the export still loads): an index past the end of a list the export has, and a
 * concrete slot that is listed as failed but present in the export anyway.
 *
 * Invariants: nothing here throws; the document may be invalid (entries of the wrong type are
 * skipped: schema validation reports them).
 */

import type { ObjectTy, Ty } from "../schema/index.js";
import { didYouMean } from "../diagnostics/suggest.js";
import type { EnvelopeKeys } from "./pointers.js";
import { childAt, sourcePointer } from "./pointers.js";
import type { ExportProblem } from "./problems.js";
import { errorAt, warningAt } from "./problems.js";

export interface CollectionError {
  /** The slot path as written, e.g. `workspaces[3].apps`. */
  readonly slot: string;
  /** The parsed path: field names, list indexes, and `"*"` for `[*]`. */
  readonly steps: readonly (string | number)[];
  readonly request?: string;
  readonly httpStatus?: number;
  readonly errorCode?: string;
  /** The server's error message, when the export carries one. */
  readonly message?: string;
}

export type SlotParse =
  | { readonly ok: true; readonly steps: (string | number)[] }
  | { readonly ok: false; readonly message: string };

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const INDEX = /(\d+|\*)\]/y;

/** Parses a slot path such as `workspaces[3].apps` into `["workspaces", 3, "apps"]`. */
export function parseSlotPath(slot: string): SlotParse {
  const steps: (string | number)[] = [];
  const fail = (what: string, at: number): SlotParse => ({
    ok: false,
    message: `malformed slot path ${JSON.stringify(slot)}: ${what} at character ${at + 1}`,
  });
  if (slot === "") return { ok: false, message: "malformed slot path \"\": the path is empty" };
  let i = 0;
  for (;;) {
    NAME.lastIndex = i;
    const name = NAME.exec(slot);
    if (!name) return fail("expected a field name", i);
    steps.push(name[0]);
    i = NAME.lastIndex;
    while (slot.charAt(i) === "[") {
      INDEX.lastIndex = i + 1;
      const idx = INDEX.exec(slot);
      if (!idx) return fail("expected a list index (a number or *) followed by ]", i + 1);
      const text = idx[1]!;
      const n = text === "*" ? "*" : Number(text);
      if (n !== "*" && !Number.isSafeInteger(n)) return fail("the list index is too large", i + 1);
      steps.push(n);
      i = INDEX.lastIndex;
    }
    if (i === slot.length) return { ok: true, steps };
    if (slot.charAt(i) !== ".") return fail("expected `.` or `[`", i);
    i++;
  }
}

/** A slot path written back from steps: `workspaces[3].apps`, `workspaces[*].apps`. */
export function slotPathOf(steps: readonly (string | number)[]): string {
  let out = "";
  for (const s of steps) {
    if (typeof s === "number" || s === "*") out += `[${s}]`;
    else out += out === "" ? s : `.${s}`;
  }
  return out;
}

function isIndex(step: string | number): boolean {
  return typeof step === "number" || step === "*";
}

/**
 * Why `steps` does not name a slot (or something beneath one) of the schema, or undefined
 * when it does.
 */
export function slotPathError(steps: readonly (string | number)[], root: ObjectTy): string | undefined {
  let ty: Ty = root;
  let underSlot = false;
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k]!;
    const here = slotPathOf(steps.slice(0, k));
    if (ty.kind === "any") break; // free-form data: anything beneath is accepted
    if (isIndex(step)) {
      if (ty.kind !== "list") return `\`${here}\` is not a list, so it cannot be indexed`;
      ty = ty.elem;
      continue;
    }
    const name = String(step);
    if (ty.kind === "list") {
      const eg = [...steps.slice(0, k)];
      return `\`${here}\` is a list: select its entries, e.g. \`${slotPathOf([...eg, 0, ...steps.slice(k)])}\` or \`${slotPathOf([...eg, "*", ...steps.slice(k)])}\``;
    }
    if (ty.kind !== "object") return `\`${here}\` is not an object, so it has no field \`${name}\``;
    const field: Ty | undefined = ty.fields.get(name) ?? ty.rest;
    if (field === undefined) {
      const hint = didYouMean(name, ty.fields.keys());
      return `\`${ty.name}\` has no field \`${name}\`${hint ? `; ${hint}` : ""}`;
    }
    if (ty.slots?.has(name)) underSlot = true;
    ty = field;
  }
  if (underSlot) return undefined;
  const path = slotPathOf(steps);
  const below = slotsBeneath(ty, path);
  const some = below.length > 0 ? below : slotsBeneath(root, "");
  const shown = some.slice(0, 8).map((s) => `\`${s}\``);
  return `\`${path}\` is not a collection slot; ${below.length > 0 ? "the slots under it are" : "slots are, e.g."} ${shown.join(", ")}${some.length > 8 ? ", …" : ""}`;
}

/** The outermost slot paths at or below an object type, written from `prefix`. */
function slotsBeneath(ty: Ty, prefix: string, depth = 0): string[] {
  if (depth > 8) return [];
  if (ty.kind === "list") return slotsBeneath(ty.elem, `${prefix}[*]`, depth + 1);
  if (ty.kind !== "object") return [];
  const out: string[] = [];
  for (const [name, field] of ty.fields) {
    const path = prefix === "" ? name : `${prefix}.${name}`;
    if (ty.slots?.has(name)) out.push(path);
    else out.push(...slotsBeneath(field, path, depth + 1));
  }
  return out;
}

export interface SlotContext {
  readonly file: string;
  readonly doc: Record<string, unknown>;
  readonly envelopes: EnvelopeKeys;
  readonly root: ObjectTy;
}

/** The collection errors of a document, and the problems with their slot paths. */
export function collectionErrors(ctx: SlotContext): { errors: CollectionError[]; problems: ExportProblem[] } {
  const errors: CollectionError[] = [];
  const problems: ExportProblem[] = [];
  const list = childAt(childAt(ctx.doc, "collection"), "errors");
  if (!Array.isArray(list)) return { errors, problems };
  list.forEach((entry: unknown, i) => {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return;
    const e = entry as Record<string, unknown>;
    const slot = e["slot"];
    if (typeof slot !== "string") return; // schema validation reports it
    const pointer = sourcePointer(ctx.doc, ["collection", "errors", i, "slot"], ctx.envelopes);
    const parsed = parseSlotPath(slot);
    if (!parsed.ok) {
      problems.push(errorAt(ctx.file, pointer, parsed.message));
      return;
    }
    const why = slotPathError(parsed.steps, ctx.root);
    if (why !== undefined) {
      problems.push(errorAt(ctx.file, pointer, `unknown slot ${JSON.stringify(slot)}: ${why}`));
      return;
    }
    const warning = documentMismatch(ctx.doc, parsed.steps);
    if (warning !== undefined) problems.push(warningAt(ctx.file, pointer, warning));
    errors.push({
      slot,
      steps: parsed.steps,
      ...(typeof e["request"] === "string" ? { request: e["request"] } : {}),
      ...(Number.isInteger(e["http_status"]) ? { httpStatus: e["http_status"] as number } : {}),
      ...(typeof e["error_code"] === "string" ? { errorCode: e["error_code"] } : {}),
      ...(typeof e["message"] === "string" ? { message: e["message"] } : {}),
    });
  });
  return { errors, problems };
}

/** A warning when a slot path disagrees with the document: an index past a list's end, or data present for a failed slot. */
function documentMismatch(doc: unknown, steps: readonly (string | number)[]): string | undefined {
  let cur: unknown = doc;
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k]!;
    if (step === "*") return undefined;
    if (typeof step === "number" && Array.isArray(cur) && step >= cur.length) {
      return `\`${slotPathOf(steps.slice(0, k + 1))}\` is not in the export (\`${slotPathOf(steps.slice(0, k))}\` has ${cur.length} ${cur.length === 1 ? "entry" : "entries"})`;
    }
    cur = childAt(cur, step);
    if (cur === undefined) return undefined;
  }
  return `\`${slotPathOf(steps)}\` is listed as not collected but is present in the export; it is treated as not collected`;
}
