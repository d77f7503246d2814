/**
 * The abstract syntax tree.
 *
 * Every node is a plain readonly object with a `kind` discriminant and a `span`. No
 * Chevrotain type leaks past `to-ast.ts`. Where error recovery left a hole, the tree holds
 * an `ErrorExpr` (or omits an optional part), so later stages can walk any tree; they never
 * run on a file that has syntax errors, but the formatter and tests may look at it.
 *
 * `Paren` is kept (the formatter preserves the author's grouping); semantic stages see
 * through it.
 */

import type { Span } from "../source/source.js";

export interface Ident {
  readonly kind: "Ident";
  readonly name: string;
  readonly span: Span;
}

export interface QualifiedName {
  readonly kind: "QualifiedName";
  readonly parts: readonly string[];
  readonly span: Span;
}

export interface Comment {
  readonly text: string;
  readonly span: Span;
}

export interface FileNode {
  readonly kind: "File";
  readonly path: string;
  readonly package?: PackageDecl;
  readonly imports: readonly ImportDecl[];
  readonly decls: readonly Decl[];
  readonly comments: readonly Comment[];
  readonly span: Span;
}

export interface PackageDecl {
  readonly kind: "Package";
  readonly name: QualifiedName;
  readonly span: Span;
}

export interface ImportDecl {
  readonly kind: "Import";
  readonly name: QualifiedName;
  readonly alias?: Ident;
  readonly span: Span;
}

export type Decl = ParamDecl | LetDecl | DefDecl | ControlDecl | WaiverDecl | TestDecl;

export interface ParamDecl {
  readonly kind: "Param";
  readonly name: Ident;
  readonly value: Expr;
  readonly span: Span;
}

export interface LetDecl {
  readonly kind: "Let";
  readonly name: Ident;
  readonly value: Expr;
  readonly span: Span;
}

export interface DefDecl {
  readonly kind: "Def";
  readonly name: Ident;
  readonly params: readonly Ident[];
  readonly body: Expr;
  readonly span: Span;
}

export interface ControlIdNode {
  readonly kind: "ControlId";
  readonly id: string;
  readonly span: Span;
}

export interface ControlDecl {
  readonly kind: "Control";
  readonly id: ControlIdNode;
  readonly title: StringLit;
  readonly items: readonly ControlItem[];
  readonly span: Span;
}

export type ControlItem =
  | SeverityItem
  | FrameworksItem
  | TextItem
  | ForItem
  | LetDecl
  | RequireItem
  | IngressBlock
  | EgressBlock;

export interface SeverityItem {
  readonly kind: "Severity";
  readonly level: Ident;
  readonly span: Span;
}

export interface FrameworksItem {
  readonly kind: "Frameworks";
  readonly values: readonly StringLit[];
  readonly span: Span;
}

/** `remediation`, `description` or `docs` followed by a string. */
export interface TextItem {
  readonly kind: "TextItem";
  readonly which: "remediation" | "description" | "docs";
  readonly text: StringLit;
  readonly span: Span;
}

export interface ForItem {
  readonly kind: "For";
  readonly variable: Ident;
  readonly collection: Expr;
  readonly where?: Expr;
  readonly span: Span;
}

export interface RequireItem {
  readonly kind: "Require";
  readonly condition: Expr;
  readonly message?: StringLit;
  readonly span: Span;
}

export interface IngressBlock {
  readonly kind: "Ingress";
  readonly subject: Expr;
  readonly statements: readonly IngressStmt[];
  readonly span: Span;
}

export interface EgressBlock {
  readonly kind: "Egress";
  readonly subject: Expr;
  readonly statements: readonly EgressStmt[];
  readonly span: Span;
}

export type IngressStmt = IpAccessListsEnforced | AllowOnlyFrom | DenyFrom | PrivateLinkRequired | DnsForwardingFor;

export interface IpAccessListsEnforced {
  readonly kind: "IpAccessListsEnforced";
  readonly span: Span;
}
export interface AllowOnlyFrom {
  readonly kind: "AllowOnlyFrom";
  readonly ranges: readonly Expr[];
  readonly span: Span;
}
export interface DenyFrom {
  readonly kind: "DenyFrom";
  readonly ranges: readonly Expr[];
  readonly span: Span;
}
export interface PrivateLinkRequired {
  readonly kind: "PrivateLinkRequired";
  readonly span: Span;
}
export interface DnsForwardingFor {
  readonly kind: "DnsForwardingFor";
  readonly zones: readonly Expr[];
  readonly span: Span;
}

export type EgressStmt = Restricted | Enforced | MustAllow | AllowOnly;

export interface Restricted {
  readonly kind: "Restricted";
  readonly span: Span;
}
export interface Enforced {
  readonly kind: "Enforced";
  readonly product?: Expr;
  readonly span: Span;
}
export interface MustAllow {
  readonly kind: "MustAllow";
  readonly storage: boolean;
  readonly items: readonly Expr[];
  readonly when?: Expr;
  readonly span: Span;
}
export interface AllowOnly {
  readonly kind: "AllowOnly";
  readonly items: readonly Expr[];
  readonly span: Span;
}

export type SubjectKey = StringLit | NumberLit;

export interface WaiverDecl {
  readonly kind: "Waiver";
  readonly control: ControlIdNode;
  readonly subject: SubjectKey;
  readonly until: DateLit;
  readonly reason: StringLit;
  readonly approvedBy?: StringLit;
  readonly span: Span;
}

export interface TestDecl {
  readonly kind: "Test";
  readonly name: StringLit;
  readonly given: StringLit;
  readonly expects: readonly ExpectItem[];
  readonly span: Span;
}

export interface ExpectItem {
  readonly kind: "Expect";
  readonly control: ControlIdNode;
  readonly status: Ident;
  readonly subject?: SubjectKey;
  readonly span: Span;
}

// --- expressions ---------------------------------------------------------------------------

export type Expr =
  | StringLit
  | NumberLit
  | BoolLit
  | DateLit
  | NetLit
  | NameRef
  | CallExpr
  | MemberExpr
  | IndexExpr
  | ListExpr
  | ComprehensionExpr
  | FirstExpr
  | ParenExpr
  | NotExpr
  | BinaryExpr
  | IsExpr
  | QuantifiedExpr
  | ErrorExpr;

/** A literal run of text inside a string, escapes already decoded. */
export interface TextPart {
  readonly kind: "Text";
  readonly value: string;
  readonly span: Span;
}

export interface StringLit {
  readonly kind: "String";
  /** Text and `{expr}` interpolations in order; a plain string has one `Text` part (or none when empty). */
  readonly parts: readonly (TextPart | Expr)[];
  readonly span: Span;
}

export interface NumberLit {
  readonly kind: "Number";
  readonly value: number;
  /** The digits as written: subject keys keep them exactly, beyond 2^53 too. */
  readonly raw: string;
  readonly span: Span;
}

export interface BoolLit {
  readonly kind: "Bool";
  readonly value: boolean;
  readonly span: Span;
}

export interface DateLit {
  readonly kind: "Date";
  readonly raw: string;
  readonly span: Span;
}

/** A bare IPv4/IPv6 address or CIDR, as written; validated and normalised by the checker. */
export interface NetLit {
  readonly kind: "Net";
  readonly raw: string;
  readonly family: 4 | 6;
  readonly span: Span;
}

export interface NameRef {
  readonly kind: "Name";
  readonly name: string;
  readonly span: Span;
}

export interface CallExpr {
  readonly kind: "Call";
  /** Set for `alias.fn(...)`, a call of a function of an aliased import. */
  readonly qualifier?: Ident;
  readonly callee: Ident;
  readonly args: readonly Expr[];
  readonly span: Span;
}

export interface MemberExpr {
  readonly kind: "Member";
  readonly object: Expr;
  readonly field: Ident;
  readonly span: Span;
}

export interface IndexExpr {
  readonly kind: "Index";
  readonly object: Expr;
  readonly index: Expr;
  readonly span: Span;
}

export interface ListExpr {
  readonly kind: "List";
  readonly items: readonly Expr[];
  readonly span: Span;
}

export interface ComprehensionExpr {
  readonly kind: "Comprehension";
  readonly element: Expr;
  readonly variable: Ident;
  readonly collection: Expr;
  readonly where?: Expr;
  readonly span: Span;
}

export interface FirstExpr {
  readonly kind: "First";
  readonly variable: Ident;
  readonly collection: Expr;
  readonly where: Expr;
  readonly span: Span;
}

export interface ParenExpr {
  readonly kind: "Paren";
  readonly expr: Expr;
  readonly span: Span;
}

export interface NotExpr {
  readonly kind: "Not";
  readonly operand: Expr;
  readonly span: Span;
}

export type BinaryOp =
  | "or"
  | "and"
  | "=="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">="
  | "in"
  | "not in"
  | "within"
  | "overlaps"
  | "matches"
  | "??"
  | "+"
  | "-";

export interface BinaryExpr {
  readonly kind: "Binary";
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  /** The operator token(s), for diagnostics that point at the operator. */
  readonly opSpan: Span;
  readonly span: Span;
}

export interface IsExpr {
  readonly kind: "Is";
  readonly operand: Expr;
  /** `is missing` / `is not present` ask for absence; `is present` / `is not missing` for presence. */
  readonly test: "missing" | "present";
  readonly negated: boolean;
  readonly span: Span;
}

export type Quantifier = "any" | "all" | "none";

export interface QuantifiedExpr {
  readonly kind: "Quantified";
  readonly quantifier: Quantifier;
  readonly variable: Ident;
  readonly collection: Expr;
  readonly body: Expr;
  readonly span: Span;
}

/** A hole left by error recovery. */
export interface ErrorExpr {
  readonly kind: "Error";
  readonly span: Span;
}

export type AnyNode =
  | FileNode
  | PackageDecl
  | ImportDecl
  | Decl
  | ControlItem
  | IngressStmt
  | EgressStmt
  | ExpectItem
  | Expr
  | TextPart
  | Ident
  | QualifiedName
  | ControlIdNode;

/** Strips `Paren` wrappers: semantic stages do not care about the author's grouping. */
export function unparen(e: Expr): Expr {
  while (e.kind === "Paren") e = e.expr;
  return e;
}

/** The text of a string literal without interpolations, or undefined if it has any. */
export function plainString(s: StringLit): string | undefined {
  let out = "";
  for (const p of s.parts) {
    if (p.kind !== "Text") return undefined;
    out += p.value;
  }
  return out;
}

