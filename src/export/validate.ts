/**
 * Schema validation of a parsed export, as problems.
 *
 * Runs the ajv validator of `dbx-network-export/v1` (generated at build time, all errors) and
 * turns each ajv error into an `ExportProblem` with a lowercase message that says what was
 * expected and what was found (`must be integer (found string "31415")`, `must have required
 * property 'workspace_id'`, `must be one of "ALLOW", "BLOCK" (found "DENY")`).
 *
 * Invariants:
 * - `enum` violations are warnings (the APIs add enum values); everything else is an error.
 * - One place, one story: when a value has the wrong type, the other complaints about the same
 *   value (its enum, const, format) are dropped; `anyOf`/`oneOf` summaries are dropped when a
 *   more specific error explains them; identical messages at one pointer are reported once.
 * - Pointers are translated back to the file as written (`sourcePointer`).
 */

import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { exportValidator } from "../schema/validator.js";
import type { EnvelopeKeys } from "./pointers.js";
import { pointerTokens, sourcePointer, valueAt } from "./pointers.js";
import type { ExportProblem } from "./problems.js";
import { MAX_PROBLEMS } from "./problems.js";
import { PAGE_TOKEN_KEYS } from "./envelopes.js";

export interface ValidationContext {
  readonly file: string;
  readonly doc: Record<string, unknown>;
  readonly envelopes: EnvelopeKeys;
  /** Objects in list positions that were not recognised as envelopes. */
  readonly rejected: WeakSet<object>;
}

/**
 * Validates `ctx.doc` against the export schema; the problems, in ajv's (document) order.
 * Only the first `detail` errors and the first `detail` warnings get a message and a source
 * pointer: the rest are placeholders (empty message) that `capProblems` counts and drops, so a
 * huge, thoroughly wrong file costs no more than its validation. `validate` is the shipped
 * schema's; the tests pass validators of richer schemas (`anyOf`, `oneOf`, `additionalProperties`,
 * enums of numbers), whose errors the shipped schema never gives but a change to it would.
 */
export function schemaProblems(ctx: ValidationContext, detail = MAX_PROBLEMS, validate: ValidateFunction = exportValidator): ExportProblem[] {
  if (validate(ctx.doc)) return [];
  const errors = collapse(validate.errors ?? []);
  const seen = new Set<string>();
  const problems: ExportProblem[] = [];
  let detailedErrors = 0;
  let detailedWarnings = 0;
  for (const e of errors) {
    const severity = e.keyword === "enum" ? "warning" : "error";
    if ((severity === "error" ? detailedErrors : detailedWarnings) >= detail) {
      problems.push({ file: ctx.file, pointer: e.instancePath, message: "", severity });
      continue;
    }
    const tokens = pointerTokens(e.instancePath);
    const message = messageOf(e, valueAt(ctx.doc, tokens), ctx.rejected);
    const pointer = sourcePointer(ctx.doc, tokens, ctx.envelopes);
    const key = `${pointer}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (severity === "error") detailedErrors++;
    else detailedWarnings++;
    problems.push({ file: ctx.file, pointer, message, severity });
  }
  return problems;
}

const SUMMARY_KEYWORDS = new Set(["anyOf", "oneOf", "if", "then", "else"]);

/** Drops ajv errors that repeat what a more specific error at the same place already says. */
function collapse(errors: readonly ErrorObject[]): ErrorObject[] {
  // Places with a complaint other than `type`: usually few, so most type errors are never hashed.
  const otherAt = new Set<string>();
  let summaries = false;
  for (const e of errors) {
    if (e.keyword === "type") continue;
    otherAt.add(e.instancePath);
    if (SUMMARY_KEYWORDS.has(e.keyword)) summaries = true;
  }
  if (otherAt.size === 0) return [...errors];
  const typeAt = new Set<string>();
  for (const e of errors) if (e.keyword === "type" && otherAt.has(e.instancePath)) typeAt.add(e.instancePath);
  const specificAt = summaries ? errors.filter((e) => !SUMMARY_KEYWORDS.has(e.keyword)).map((e) => e.instancePath) : [];
  const explained = (p: string): boolean => specificAt.some((q) => q === p || q.startsWith(`${p}/`));
  return errors.filter((e) => {
    if (e.keyword !== "type" && typeAt.has(e.instancePath)) return false;
    if (summaries && SUMMARY_KEYWORDS.has(e.keyword) && explained(e.instancePath)) return false;
    return true;
  });
}

function messageOf(e: ErrorObject, value: unknown, rejected: WeakSet<object>): string {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "type": {
      const want = Array.isArray(params["type"]) ? (params["type"] as unknown[]).map(String) : String(params["type"]).split(",");
      let m = `must be ${want.join(" or ")} (found ${describeValue(value)})`;
      if (want.includes("array") && typeof value === "object" && value !== null && rejected.has(value)) {
        m += `; an API list envelope is accepted only when it has exactly one array property, of objects, besides page tokens (${[...PAGE_TOKEN_KEYS].join(", ")})`;
      }
      return m;
    }
    case "required":
      return `must have required property '${String(params["missingProperty"])}'`;
    case "enum": {
      const allowed = Array.isArray(params["allowedValues"]) ? (params["allowedValues"] as unknown[]) : [];
      return `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")} (found ${showValue(value)})`;
    }
    case "const":
      return `must be ${JSON.stringify(params["allowedValue"])} (found ${showValue(value)})`;
    case "format":
      return `must be a valid ${String(params["format"])} (found ${showValue(value)})`;
    case "additionalProperties":
      return `must not have property '${String(params["additionalProperty"])}'`;
    default: {
      const m = e.message ?? `fails the schema keyword "${e.keyword}"`;
      return m.charAt(0).toLowerCase() + m.slice(1);
    }
  }
}

/** A scalar as JSON (`"DENY"`, `3`, `null`), anything else described (`object`). */
function showValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  return describeValue(v);
}

/** A short description of a JSON value for messages: `string "abc"`, `integer 3`, `object`. */
export function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  switch (typeof v) {
    case "string": {
      const s = v.length > 60 ? `${v.slice(0, 57)}...` : v;
      return `string ${JSON.stringify(s)}`;
    }
    case "number":
      return `${Number.isInteger(v) ? "integer" : "number"} ${String(v)}`;
    case "boolean":
      return `boolean ${String(v)}`;
    case "object":
      return "object";
    default:
      return typeof v;
  }
}
