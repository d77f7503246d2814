/**
 * Completion. The text being typed rarely parses, so the word under the cursor is replaced
 * by a probe name (`PROBE`) and the policy set is analysed with that text: the recovered tree
 * then holds a member access `x.PROBE`, a comparison `x == PROBE` or a name `PROBE`, and the
 * checker's tables give the type on the left. What is offered:
 * - after `.`: the fields of the object's type (with their schema descriptions), or the
 *   params and lets of an aliased import;
 * - after `==`, `!=`, `in`, `not in` (and inside the list after `in [`): the values of an
 *   enum-typed left side;
 * - after `waive` and `expect`: the control ids of the policy set; after `severity`: the levels;
 * - where a statement starts (after `{` or `}`, or on a new line after a complete operand): the
 *   keywords of the block the cursor is in (declarations at the top level; control items
 *   inside `control { }`; statements inside `ingress { }` and `egress { }`; `expect` inside
 *   `test { }`), the block found from the tokens before the cursor, so an unfinished control
 *   still has one;
 * - in an expression: the local variables, params, lets and defs in scope (own package and
 *   imports), the export's top-level fields, the built-in functions and the expression
 *   keywords.
 */

import { CompletionItemKind, type CompletionItem, type Range } from "vscode-languageserver";
import { tokenMatcher, type IToken } from "chevrotain";
import type * as A from "../syntax/ast.js";
import { plainString, unparen } from "../syntax/ast.js";
import { tokenize } from "../syntax/parse.js";
import * as T from "../syntax/tokens.js";
import { walk } from "../syntax/walk.js";
import { BUILTINS } from "../check/builtins.js";
import { fieldType } from "../schema/index.js";
import { exportRootType } from "../schema/index.js";
import { isEnum } from "../check/ty.js";
import type { Workspace } from "./workspace.js";
import { localsAt, nodesAt, unitOf } from "./nodes.js";
import { fieldDescription } from "./schema-docs.js";
import { builtinText, controlText, tyText } from "./hover.js";
import { toRange } from "./diagnostics.js";
import { SourceFile } from "../source/source.js";
import { SEVERITIES } from "../util/severity.js";

export const PROBE = "perimeter_completion_probe";

const TOP_KEYWORDS = ["package", "import", "param", "let", "def", "control", "waive", "test"];
const CONTROL_KEYWORDS = ["severity", "frameworks", "remediation", "description", "docs", "for", "let", "require", "ingress", "egress"];
const EXPRESSION_KEYWORDS = ["any", "all", "none", "not", "first", "true", "false"];
const INGRESS_STATEMENTS = ["ip access lists enforced", "allow only from", "deny from", "private link required", "dns forwarding for"];
const EGRESS_STATEMENTS = ["restricted", "enforced", "enforced for", "must allow", "must allow storage", "allow only"];

type Block = "top" | "control" | "ingress" | "egress" | "test";

/** The block the cursor is in, from the tokens before it: the opener of the innermost unclosed `{`. */
function blockAt(tokens: readonly IToken[]): Block {
  const stack: Block[] = [];
  let opener: Block = "top";
  for (const t of tokens) {
    const tt = t.tokenType;
    if (tt === T.Control) {
      // A new control closes whatever a previous unfinished one left open.
      stack.length = 0;
      opener = "control";
    } else if (tt === T.Ingress) opener = "ingress";
    else if (tt === T.Egress) opener = "egress";
    else if (tt === T.Test) {
      stack.length = 0;
      opener = "test";
    } else if (tt === T.LCurly) {
      stack.push(opener);
      opener = "top";
    } else if (tt === T.RCurly) stack.pop();
  }
  return stack.at(-1) ?? "top";
}

/** Whether a token can end an operand (so a line after it may start a new statement). */
function endsOperand(tok: IToken): boolean {
  return [T.Word, T.StringLiteral, T.NumberToken, T.DateToken, T.IPv4, T.IPv6, T.RParen, T.RBracket, T.True, T.False, T.Missing, T.Present, T.ControlId].some((tt) => tokenMatcher(tok, tt));
}

/** The ids of the set's controls (after `waive` and `expect`), with their metadata. */
function controlIds(ws: Workspace, set: readonly string[], replace: Range): CompletionItem[] {
  return ws.analyze(set).units.flatMap((u) =>
    u.file.decls.flatMap((d) => (d.kind === "Control" && d.id.id !== "" ? [{ label: d.id.id, kind: CompletionItemKind.Constant, detail: plainString(d.title) ?? "control", documentation: { kind: "markdown" as const, value: controlText(d) }, textEdit: { range: replace, newText: d.id.id } }] : [])),
  );
}

export function complete(ws: Workspace, set: readonly string[], path: string, text: string, offset: number): CompletionItem[] {
  const before = text.slice(0, offset);
  const openString = /"(?:[^"\\\n]|\\.)*$/.exec(before);
  const source = new SourceFile(path, text);
  // A control id being typed after `waive` or `expect` (`APPS-IN`): the whole id is replaced.
  const id = /[A-Z][A-Z0-9]*(?:-[A-Z0-9]*)*$/.exec(before);
  const beforeId = id === null ? undefined : tokenize(text.slice(0, id.index)).at(-1)?.tokenType;
  if (id !== null && (beforeId === T.Waive || beforeId === T.Expect)) return controlIds(ws, set, toRange(source, { start: id.index, end: offset }));
  const word = /[A-Za-z_][A-Za-z0-9_]*$/.exec(before);
  const start = openString && (before.split('"').length - 1) % 2 === 1 ? openString.index : word ? word.index : offset;
  const tokens = tokenize(text.slice(0, start));
  const prev = tokens.at(-1);
  const replace: Range = toRange(source, { start, end: offset });
  const pt = prev?.tokenType;

  if (pt === T.Waive || pt === T.Expect) return controlIds(ws, set, replace);
  if (pt === T.Severity) return SEVERITIES.map((s) => ({ label: s, kind: CompletionItemKind.EnumMember, textEdit: { range: replace, newText: s } }));

  const block = blockAt(tokens);
  const lineBefore = text.slice(text.lastIndexOf("\n", start - 1) + 1, start);
  const statement = prev === undefined || pt === T.LCurly || pt === T.RCurly || (lineBefore.trim() === "" && endsOperand(prev));
  if (statement) {
    // The start of a declaration, a control item or a posture statement: its keywords only.
    const keywords = block === "top" ? TOP_KEYWORDS : block === "control" ? CONTROL_KEYWORDS : block === "ingress" ? INGRESS_STATEMENTS : block === "egress" ? EGRESS_STATEMENTS : ["expect"];
    return keywords.map((k) => ({ label: k, kind: CompletionItemKind.Keyword, textEdit: { range: replace, newText: k } }));
  }

  const probeText = `${text.slice(0, start)}${PROBE}${text.slice(offset)}`;
  const analysis = ws.analyze(set, { path, text: probeText });
  const unit = unitOf(analysis.units, path);
  const program = analysis.checked?.program;
  if (unit === undefined) return [];
  const probeAt = (n: A.AnyNode) => n.span.start === start;

  if (pt === T.Dot) {
    let member: A.MemberExpr | undefined;
    walk(unit.file, (n) => {
      if (n.kind === "Member" && probeAt(n.field)) member = n;
    });
    if (member === undefined || program === undefined) return [];
    const obj = unparen(member.object);
    const sym = obj.kind === "Name" ? program.refs.get(obj) : undefined;
    if (sym?.kind === "module") {
      const names = [...sym.pkg.params.keys(), ...sym.pkg.lets.keys()];
      return names.map((n) => ({ label: n, kind: CompletionItemKind.Variable, detail: `${sym.pkg.name}.${n}`, textEdit: { range: replace, newText: n } }));
    }
    let ot = program.types.get(member.object);
    if (ot?.kind === "list") ot = undefined;
    if (ot?.kind !== "object") return [];
    const o = ot;
    return [...o.fields.keys()].sort().map((f) => {
      const desc = fieldDescription(o, f);
      const t = fieldType(o, f)!;
      return { label: f, kind: CompletionItemKind.Field, detail: tyText(t), ...(desc ? { documentation: desc } : {}), textEdit: { range: replace, newText: f } };
    });
  }

  const comparison = pt === T.EqEq || pt === T.NotEq || pt === T.In || ((pt === T.LBracket || pt === T.Comma) && tokens.some((t) => t.tokenType === T.In));
  if (comparison) {
    let left: A.Expr | undefined;
    walk(unit.file, (n) => {
      if (n.kind !== "Binary" || !["==", "!=", "in", "not in"].includes(n.op)) return;
      const r = unparen(n.right);
      if ((r.kind === "Name" && probeAt(r)) || (r.kind === "List" && r.items.some((i) => i.kind === "Name" && probeAt(i)))) left = n.left;
    });
    const lt = left === undefined ? undefined : program?.types.get(left);
    const elem = lt?.kind === "list" ? lt.elem : lt;
    if (elem !== undefined && isEnum(elem)) {
      return elem.enum.map((v) => ({ label: JSON.stringify(v), kind: CompletionItemKind.EnumMember, detail: "enum value", filterText: JSON.stringify(v), textEdit: { range: replace, newText: JSON.stringify(v) } }));
    }
    if (openString) return [];
  }
  if (openString && (before.split('"').length - 1) % 2 === 1) return [];

  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const add = (label: string, kind: CompletionItemKind, detail?: string, documentation?: string) => {
    if (seen.has(label) || label === "" || label.startsWith(PROBE)) return;
    seen.add(label);
    items.push({ label, kind, ...(detail ? { detail } : {}), ...(documentation ? { documentation: { kind: "markdown", value: documentation } } : {}), textEdit: { range: replace, newText: label } });
  };
  const nodes = nodesAt(unit.file, start);
  for (const l of localsAt(nodes, start).reverse()) add(l.name, CompletionItemKind.Variable, l.what);
  const pkg = program?.packages.get(unit.pkg);
  const declared = (p: NonNullable<typeof pkg>, from: string) => {
    for (const n of p.params.keys()) add(n, CompletionItemKind.Variable, `param${from}`);
    for (const n of p.lets.keys()) add(n, CompletionItemKind.Variable, `let${from}`);
    for (const [n, d] of p.defs) add(n, CompletionItemKind.Function, `def ${n}(${d.decl.params.map((x) => x.name).join(", ")})${from}`);
  };
  if (pkg !== undefined) declared(pkg, "");
  for (const imp of unit.file.imports) {
    const target = program?.packages.get(imp.name.parts.join("."));
    if (target === undefined) continue;
    if (imp.alias !== undefined) add(imp.alias.name, CompletionItemKind.Module, `import ${target.name}`);
    else declared(target, ` (${target.name})`);
  }
  for (const b of BUILTINS.values()) add(b.name, CompletionItemKind.Function, `${b.name}(${b.params.join(", ")})`, builtinText(b.name));
  const root = exportRootType();
  for (const [f, t] of root.fields) add(f, CompletionItemKind.Field, tyText(t), fieldDescription(root, f));

  for (const k of EXPRESSION_KEYWORDS) add(k, CompletionItemKind.Keyword);
  return items;
}
