/**
 * The one table of diagnostic codes.
 *
 * Codes are stable: tests, CI scripts and users grep for them. Never renumber or reuse a
 * code; retire it instead. `E` codes are errors (nothing is compiled or evaluated while one
 * exists), `W` codes are warnings. The group digit says which stage reports it:
 * 01 syntax, 02 names, 03 types, 04 literals, 05 controls/waivers/tests, 06 loading files.
 *
 * Each code is declared here once: its name (a check that reports one code has that name as
 * its id), its severity and its summary — the line the codes table of the language reference
 * shows (generated from this table by `npm run gen:codes`, checked fresh by
 * test/diagnostics/codes-table.test.ts). Its category is its group digits (`categoryOf`).
 */

import { SEVERITIES } from "../util/severity.js";

export type Severity = "error" | "warning";

export interface CodeInfo {
  readonly name: string;
  readonly severity: Severity;
  readonly summary: string;
}

export const CODES = {
  // --- syntax -------------------------------------------------------------------------
  E0101: { name: "unexpected-character", severity: "error", summary: "a character that cannot start any token" },
  E0102: { name: "unterminated-string", severity: "error", summary: "a string without its closing quote on its line" },
  E0103: { name: "invalid-escape", severity: "error", summary: "an escape other than `\\\" \\\\ \\n \\t \\{ \\}`" },
  E0104: { name: "syntax-error", severity: "error", summary: "tokens that do not fit the grammar, including chained comparisons (`a < b < c`) and `x.f()` on a value" },
  E0105: { name: "misplaced-declaration", severity: "error", summary: "`package` not first or given twice; `import` after declarations" },
  E0106: { name: "invalid-interpolation", severity: "error", summary: "an empty `{}` interpolation, or an unescaped `{` with no `}`" },
  E0107: { name: "nesting-too-deep", severity: "error", summary: "brackets nested more than 100 deep, or an expression too deep to check" },
  E0108: { name: "reserved-word", severity: "error", summary: "a hard keyword used where a name is declared" },
  // --- names --------------------------------------------------------------------------
  E0201: { name: "unknown-name", severity: "error", summary: "a name that is not declared, or not declared by an aliased package" },
  E0202: { name: "duplicate-declaration", severity: "error", summary: "a name declared twice in one package, or a def parameter given twice" },
  E0203: { name: "unknown-module", severity: "error", summary: "an import of a package that is not available" },
  E0204: { name: "unknown-function", severity: "error", summary: "a call of something that is neither built in nor a def" },
  E0205: { name: "wrong-arity", severity: "error", summary: "a call with the wrong number of arguments" },
  E0206: { name: "recursive-definition", severity: "error", summary: "a def or let that depends on itself" },
  E0207: { name: "invalid-identifier", severity: "error", summary: "a declared name that is not lower snake case (with a fix-it)" },
  E0208: { name: "ambiguous-name", severity: "error", summary: "a name provided by two unaliased imports" },
  // --- types --------------------------------------------------------------------------
  E0301: { name: "unknown-field", severity: "error", summary: "a field the export schema does not have" },
  E0302: { name: "not-an-object", severity: "error", summary: "a field access or index on a value that has no fields" },
  E0303: { name: "operand-type", severity: "error", summary: "an operator applied to values of the wrong type" },
  E0304: { name: "unknown-enum-value", severity: "error", summary: "a string compared with an enum that cannot hold it" },
  E0305: { name: "not-a-list", severity: "error", summary: "iteration over a value that is not a list" },
  E0306: { name: "not-a-boolean", severity: "error", summary: "a condition that is not a boolean" },
  E0307: { name: "argument-type", severity: "error", summary: "a built-in function argument of the wrong type" },
  E0308: { name: "not-a-subject", severity: "error", summary: "a `for` over values that have no stable key" },
  E0309: { name: "interpolation-not-allowed", severity: "error", summary: "`{expr}` outside `else` messages and `remediation`" },
  E0310: { name: "posture-subject", severity: "error", summary: "an `ingress`/`egress` block whose subject is not a workspace" },
  E0311: { name: "value-type", severity: "error", summary: "a value of the wrong kind for its position: a non-literal param default, a def or alias used as a value, a wrong statement operand" },
  // --- literals -----------------------------------------------------------------------
  E0401: { name: "invalid-ipv4", severity: "error", summary: "a malformed IPv4 literal" },
  E0402: { name: "invalid-prefix-length", severity: "error", summary: "a CIDR literal's prefix length out of range" },
  E0403: { name: "cidr-host-bits", severity: "error", summary: "a CIDR whose address has bits set beyond its prefix (with a fix-it)" },
  E0404: { name: "invalid-ipv6", severity: "error", summary: "a malformed IPv6 literal" },
  E0405: { name: "invalid-domain", severity: "error", summary: "a malformed DNS name or wildcard pattern" },
  E0406: { name: "invalid-date", severity: "error", summary: "a date that does not exist" },
  E0407: { name: "invalid-number", severity: "error", summary: "an integer of 2^53 or more outside a subject key" },
  E0408: { name: "invalid-network-string", severity: "error", summary: "a string used as an address that is not one" },
  // --- controls, waivers, tests -------------------------------------------------------
  E0501: { name: "duplicate-control", severity: "error", summary: "two controls with the same id" },
  E0502: { name: "missing-for", severity: "error", summary: "a control without its `for` clause" },
  E0503: { name: "duplicate-for", severity: "error", summary: "a control with more than one `for` clause" },
  E0504: { name: "unknown-severity", severity: "error", summary: `a severity other than ${SEVERITIES.join(", ")}` },
  E0505: { name: "duplicate-item", severity: "error", summary: "`severity`, `frameworks`, `remediation`, `description` or `docs` given twice" },
  E0506: { name: "unknown-control", severity: "error", summary: "a waiver or test naming a control that does not exist" },
  E0507: { name: "unknown-status", severity: "error", summary: "an `expect` status other than pass, fail, unknown, waived" },
  E0508: { name: "invalid-subject-key", severity: "error", summary: "a subject key that is empty or not an integer" },
  E0509: { name: "missing-requirement", severity: "error", summary: "a control with no `require`, `ingress` or `egress`" },
  E0510: { name: "item-order", severity: "error", summary: "a `require` or posture block before the control's `for`" },
  // --- loading ------------------------------------------------------------------------
  E0601: { name: "unreadable-file", severity: "error", summary: "a policy file or directory that cannot be read, or a directory with no policies" },
  E0602: { name: "not-text", severity: "error", summary: "a policy file that is not UTF-8 text" },
  // --- warnings -----------------------------------------------------------------------
  W0101: { name: "unused-let", severity: "warning", summary: "a `let` that nothing reads" },
  W0102: { name: "unused-param", severity: "warning", summary: "a `param` that nothing reads" },
  W0103: { name: "negated-equality", severity: "warning", summary: "`not (a == b)` where `a != b` was probably meant (with a fix-it)" },
  W0104: { name: "vacuous-quantifier", severity: "warning", summary: "`all`/`none` over an export list that may be empty" },
  W0105: { name: "duplicate-range", severity: "warning", summary: "the same address or range twice in one list" },
  W0106: { name: "redundant-range", severity: "warning", summary: "a range already covered by another in the same list" },
  W0107: { name: "missing-severity", severity: "warning", summary: "a control without `severity` (reported as medium)" },
  W0108: { name: "fixture-not-found", severity: "warning", summary: "a test's `given` file that does not exist" },
  W0109: { name: "unused-import", severity: "warning", summary: "an import that nothing uses" },
  W0110: { name: "waiver-expired", severity: "warning", summary: "a waiver whose date is before `--now` (default today)" },
  W0111: { name: "negated-missing", severity: "warning", summary: "`not` over a comparison whose operand may be missing (with a fix-it to `x is present and not (…)`)" },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

export function codeInfo(code: Code): CodeInfo {
  return CODES[code];
}

export type Category = "syntax" | "names" | "types" | "literals" | "controls" | "loading" | "lint";

const CATEGORIES: Readonly<Record<string, Category>> = { E01: "syntax", E02: "names", E03: "types", E04: "literals", E05: "controls", E06: "loading", W01: "lint" };

/** The stage that reports a code, from its letter and group digits (`E03…` types; every `W` code is a lint). */
export function categoryOf(code: Code): Category {
  const c = CATEGORIES[code.slice(0, 3)];
  if (c === undefined) throw new Error(`internal error: code ${code} has no category`);
  return c;
}
