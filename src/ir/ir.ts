/**
 * The intermediate representation: the only input of the backends (evaluator, Rego, Wasm).
 *
 * Small and resolved: every name is bound (a local variable with a unique id, a param, a
 * package let, a def, a builtin), `Paren` is gone, `is not missing` is `is present`, posture
 * statements are requirements calling `std.databricks`, every requirement carries its
 * failure message as an expression and the export slots it reads. Every node keeps the
 * source location it came from.
 *
 * Values are JSON plus "missing": literals are strings, numbers and booleans (address
 * literals are their canonical text, dates their `YYYY-MM-DD` text).
 */

import type { Span } from "../source/source.js";
import type { Severity } from "../util/severity.js";

export interface Origin {
  readonly file: string;
  readonly span: Span;
  /** 1-based line of `span.start`, for reports. */
  readonly line: number;
}

/** A bound variable; `id` is unique in the program, `name` is what the author wrote. */
export interface IrVar {
  readonly name: string;
  readonly id: number;
}

export type CmpOp = "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in" | "within" | "overlaps" | "matches";

export type BuiltinName =
  | "count"
  | "lower"
  | "upper"
  | "startswith"
  | "endswith"
  | "contains"
  | "cidr_size"
  | "flatten"
  | "exclude"
  /**
   * The strings of a network operand (an address or range, or nested lists of them) that do
   * not parse: the malformed values an operator read (src/ir/malformed.ts). Not user-facing.
   */
  | "malformed"
  | "address_count"
  | "cidrs"
  /** Renders a value for a generated message: strings quoted, missing as `missing`. */
  | "show"
  /** Renders a value inside an interpolated message: strings as they are. */
  | "text";

export type IrExpr =
  | { readonly k: "lit"; readonly value: string | number | boolean; readonly origin: Origin }
  | { readonly k: "list"; readonly items: readonly IrExpr[]; readonly origin: Origin }
  | { readonly k: "root"; readonly origin: Origin }
  | { readonly k: "param"; readonly pkg: string; readonly name: string; readonly origin: Origin }
  | { readonly k: "global"; readonly pkg: string; readonly name: string; readonly origin: Origin }
  | { readonly k: "local"; readonly v: IrVar; readonly origin: Origin }
  | { readonly k: "call"; readonly pkg: string; readonly name: string; readonly args: readonly IrExpr[]; readonly origin: Origin }
  | { readonly k: "builtin"; readonly name: BuiltinName; readonly args: readonly IrExpr[]; readonly origin: Origin }
  | { readonly k: "get"; readonly obj: IrExpr; readonly field: string; readonly origin: Origin }
  | { readonly k: "index"; readonly obj: IrExpr; readonly index: IrExpr; readonly origin: Origin }
  | { readonly k: "comp"; readonly elem: IrExpr; readonly v: IrVar; readonly coll: IrExpr; readonly where?: IrExpr; readonly origin: Origin }
  | { readonly k: "first"; readonly v: IrVar; readonly coll: IrExpr; readonly where: IrExpr; readonly origin: Origin }
  | { readonly k: "quant"; readonly q: "any" | "all" | "none"; readonly v: IrVar; readonly coll: IrExpr; readonly body: IrExpr; readonly origin: Origin }
  | { readonly k: "not"; readonly e: IrExpr; readonly origin: Origin }
  | { readonly k: "and" | "or"; readonly l: IrExpr; readonly r: IrExpr; readonly origin: Origin }
  | { readonly k: "cmp"; readonly op: CmpOp; readonly l: IrExpr; readonly r: IrExpr; readonly origin: Origin }
  | { readonly k: "coalesce"; readonly l: IrExpr; readonly r: IrExpr; readonly origin: Origin }
  | { readonly k: "arith"; readonly op: "+" | "-"; readonly l: IrExpr; readonly r: IrExpr; readonly origin: Origin }
  | { readonly k: "is"; readonly test: "missing" | "present"; readonly e: IrExpr; readonly origin: Origin }
  /** Message building: the parts' texts joined (each part a string literal or `show`/`text`). */
  | { readonly k: "concat"; readonly parts: readonly IrExpr[]; readonly origin: Origin }
  /** Message building only: `then` when `test` is true, else `else`. */
  | { readonly k: "if"; readonly test: IrExpr; readonly then: IrExpr; readonly else: IrExpr; readonly origin: Origin };

export type IrKind = IrExpr["k"];

/** The type a param's value must have; overrides are checked against it. */
export type ParamType = "string" | "number" | "bool" | "date" | "net" | "any" | { readonly list: ParamType };

export type Json = string | number | boolean | null | readonly Json[] | { readonly [k: string]: Json };

export interface IrParam {
  readonly name: string;
  readonly type: ParamType;
  /** The default, as data (address literals as canonical text). */
  readonly value: Json;
  readonly origin: Origin;
}

export interface IrLet {
  readonly name: string;
  readonly value: IrExpr;
  readonly origin: Origin;
}

export interface IrDef {
  readonly name: string;
  readonly params: readonly IrVar[];
  readonly body: IrExpr;
  readonly origin: Origin;
}

export interface IrPackage {
  readonly name: string;
  readonly params: readonly IrParam[];
  readonly lets: readonly IrLet[];
  readonly defs: readonly IrDef[];
}

/**
 * An export location a condition reads, cut at the deepest collection slot it passes
 * through: rooted at the export (`account.network_policies`) or at the control's subject
 * (`{subject}.apps`). `"*"` stands for any element of a list.
 */
export interface SlotRead {
  readonly root: "export" | "subject";
  readonly steps: readonly (string | "*")[];
}

/** A condition with the slots it reads: a requirement, or one conjunct of a `where`. */
export interface IrCondition {
  readonly expr: IrExpr;
  readonly reads: readonly SlotRead[];
  /**
   * The malformed network values the condition read, as a list of strings (src/ir/malformed.ts);
   * absent when it reads none. A condition that read one fails (LANGUAGE.md §5).
   */
  readonly malformed?: IrExpr;
}

export interface IrRequirement extends IrCondition {
  /** 1-based position among the control's requirements. */
  readonly index: number;
  /** What the author wrote: `require`, or the posture statement, e.g. `egress: restricted`. */
  readonly statement: string;
  /** The failure message (evaluated only when the requirement is false). */
  readonly message: IrExpr;
  readonly origin: Origin;
}

/**
 * Where a control's subjects come from, as a stream of located values: each produced value
 * carries its path in the export, so every backend reports the same JSON pointer. `root` is
 * the export; `field`/`nth` step into each value; `each` yields the elements of each list;
 * `filter` keeps the values for which `where` holds with `v` bound; `join` concatenates.
 * Missing values produce nothing.
 */
export type IrLocated =
  | { readonly k: "root" }
  | { readonly k: "field"; readonly of: IrLocated; readonly field: string }
  | { readonly k: "nth"; readonly of: IrLocated; readonly index: number }
  | { readonly k: "each"; readonly of: IrLocated }
  | { readonly k: "filter"; readonly of: IrLocated; readonly v: IrVar; readonly where: IrExpr }
  | { readonly k: "join"; readonly parts: readonly IrLocated[] };

export interface IrSubject {
  readonly v: IrVar;
  /** The `for` collection as written (for its slot reads and for `explain`). */
  readonly collection: IrCondition;
  /** The same collection as located values: what the subjects are, with their paths. */
  readonly source: IrLocated;
  /** The top-level conjuncts of `where` (empty when there is none). */
  readonly where: readonly IrCondition[];
  readonly kind: string;
  readonly key: readonly string[];
  readonly label: readonly (readonly string[])[];
}

export interface IrControl {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly frameworks: readonly string[];
  readonly remediation?: IrExpr;
  readonly description?: string;
  readonly docs?: string;
  readonly package: string;
  readonly origin: Origin;
  readonly subject: IrSubject;
  /** Control lets, in order; evaluated per subject. */
  readonly lets: readonly { readonly v: IrVar; readonly value: IrExpr; readonly reads: readonly SlotRead[] }[];
  readonly requirements: readonly IrRequirement[];
}

export interface IrWaiver {
  readonly control: string;
  readonly key: string;
  readonly until: string;
  readonly reason: string;
  readonly approvedBy?: string;
  readonly origin: Origin;
}

export interface IrExpect {
  readonly control: string;
  readonly status: "pass" | "fail" | "unknown" | "waived";
  readonly key?: string;
  readonly origin: Origin;
}

export interface IrTest {
  readonly name: string;
  /** The fixture path as written (relative to the policy file). */
  readonly given: string;
  readonly expects: readonly IrExpect[];
  readonly origin: Origin;
}

export interface IrProgram {
  /** Sorted by name. */
  readonly packages: readonly IrPackage[];
  /** In source order within each package; packages in name order. */
  readonly controls: readonly IrControl[];
  readonly waivers: readonly IrWaiver[];
  readonly tests: readonly IrTest[];
}
