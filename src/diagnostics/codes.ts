/**
 * The one table of diagnostic codes.
 *
 * Codes are stable: tests, CI scripts and users grep for them. Never renumber or reuse a
 * code; retire it instead. `E` codes are errors (nothing is compiled or evaluated while one
 * exists), `W` codes are warnings. The group digit says which stage reports it:
 * 01 syntax, 02 names, 03 types, 04 literals, 05 controls/waivers/tests, 06 loading files.
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
  E0102: { name: "unterminated-string", severity: "error", summary: "a string without its closing quote" },
  E0103: { name: "invalid-escape", severity: "error", summary: "an escape sequence other than \\\" \\\\ \\n \\t \\{ \\}" },
  E0104: { name: "syntax-error", severity: "error", summary: "tokens that do not fit the grammar" },
  E0105: { name: "misplaced-declaration", severity: "error", summary: "`package` or `import` after other declarations" },
  E0106: { name: "invalid-interpolation", severity: "error", summary: "an empty or unterminated `{expr}` inside a string" },
  E0107: { name: "nesting-too-deep", severity: "error", summary: "expressions nested deeper than the compiler accepts" },
  E0108: { name: "reserved-word", severity: "error", summary: "a reserved word used as a name" },
  // --- names --------------------------------------------------------------------------
  E0201: { name: "unknown-name", severity: "error", summary: "a name that is not declared" },
  E0202: { name: "duplicate-declaration", severity: "error", summary: "a name declared twice in one scope" },
  E0203: { name: "unknown-module", severity: "error", summary: "an import of a package that is not available" },
  E0204: { name: "unknown-function", severity: "error", summary: "a call of a function that is neither built in nor a `def`" },
  E0205: { name: "wrong-arity", severity: "error", summary: "a call with the wrong number of arguments" },
  E0206: { name: "recursive-definition", severity: "error", summary: "a `def` or `let` that depends on itself" },
  E0207: { name: "invalid-identifier", severity: "error", summary: "a declared name that is not lower snake case" },
  E0208: { name: "ambiguous-name", severity: "error", summary: "a name that two imported packages both provide" },
  // --- types --------------------------------------------------------------------------
  E0301: { name: "unknown-field", severity: "error", summary: "a field the export schema does not have" },
  E0302: { name: "not-an-object", severity: "error", summary: "a field access on a value that has no fields" },
  E0303: { name: "operand-type", severity: "error", summary: "an operator applied to values of the wrong type" },
  E0304: { name: "unknown-enum-value", severity: "error", summary: "a string compared with an enum that cannot hold it" },
  E0305: { name: "not-a-list", severity: "error", summary: "iteration over a value that is not a list" },
  E0306: { name: "not-a-boolean", severity: "error", summary: "a condition that is not a boolean" },
  E0307: { name: "argument-type", severity: "error", summary: "a function argument of the wrong type" },
  E0308: { name: "not-a-subject", severity: "error", summary: "a `for` over values that have no stable key" },
  E0309: { name: "interpolation-not-allowed", severity: "error", summary: "`{expr}` outside `else` messages and `remediation`" },
  E0310: { name: "posture-subject", severity: "error", summary: "an `ingress`/`egress` block whose subject is not a workspace" },
  E0311: { name: "value-type", severity: "error", summary: "a value of the wrong type for its position" },
  // --- literals -----------------------------------------------------------------------
  E0401: { name: "invalid-ipv4", severity: "error", summary: "a malformed IPv4 address" },
  E0402: { name: "invalid-prefix-length", severity: "error", summary: "a CIDR prefix length out of range" },
  E0403: { name: "cidr-host-bits", severity: "error", summary: "a CIDR whose address has bits set beyond its prefix" },
  E0404: { name: "invalid-ipv6", severity: "error", summary: "a malformed IPv6 address" },
  E0405: { name: "invalid-domain", severity: "error", summary: "a malformed DNS name or wildcard pattern" },
  E0406: { name: "invalid-date", severity: "error", summary: "a date that does not exist" },
  E0407: { name: "invalid-number", severity: "error", summary: "a number that cannot be represented exactly" },
  E0408: { name: "invalid-network-string", severity: "error", summary: "a string used as an address that is not one" },
  // --- controls, waivers, tests -------------------------------------------------------
  E0501: { name: "duplicate-control", severity: "error", summary: "two controls with the same id" },
  E0502: { name: "missing-for", severity: "error", summary: "a control without its `for` clause" },
  E0503: { name: "duplicate-for", severity: "error", summary: "a control with more than one `for` clause" },
  E0504: { name: "unknown-severity", severity: "error", summary: `a severity other than ${SEVERITIES.join(", ")}` },
  E0505: { name: "duplicate-item", severity: "error", summary: "a control item that may appear once given twice" },
  E0506: { name: "unknown-control", severity: "error", summary: "a waiver or test naming a control that does not exist" },
  E0507: { name: "unknown-status", severity: "error", summary: "an `expect` status other than pass, fail, unknown, waived" },
  E0508: { name: "invalid-subject-key", severity: "error", summary: "a waiver or test subject key that is not a string or integer" },
  E0509: { name: "missing-requirement", severity: "error", summary: "a control with no `require`, `ingress` or `egress`" },
  E0510: { name: "item-order", severity: "error", summary: "a `require` or posture block before the control's `for`" },
  // --- loading ------------------------------------------------------------------------
  E0601: { name: "unreadable-file", severity: "error", summary: "a policy file or directory that cannot be read" },
  E0602: { name: "not-text", severity: "error", summary: "a policy file that is not UTF-8 text" },
  // --- warnings -----------------------------------------------------------------------
  W0101: { name: "unused-let", severity: "warning", summary: "a `let` that nothing reads" },
  W0102: { name: "unused-param", severity: "warning", summary: "a `param` that nothing reads" },
  W0103: { name: "negated-equality", severity: "warning", summary: "`not (a == b)` where `a != b` was probably meant" },
  W0104: { name: "vacuous-quantifier", severity: "warning", summary: "`all`/`none` over a list that may be empty" },
  W0105: { name: "duplicate-range", severity: "warning", summary: "the same address or range twice in one list" },
  W0106: { name: "redundant-range", severity: "warning", summary: "a range already covered by another in the same list" },
  W0107: { name: "missing-severity", severity: "warning", summary: "a control without `severity` (reported as medium)" },
  W0108: { name: "fixture-not-found", severity: "warning", summary: "a test's `given` file that does not exist" },
  W0109: { name: "unused-import", severity: "warning", summary: "an import that nothing uses" },
  W0110: { name: "waiver-expired", severity: "warning", summary: "a waiver whose date is in the past" },
  W0111: { name: "negated-missing", severity: "warning", summary: "`not` over a comparison whose operand may be missing" },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

export function codeInfo(code: Code): CodeInfo {
  return CODES[code];
}
