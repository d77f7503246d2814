/**
 * Printers for the file and its declarations: `package`, `import`, `param`, `let`, `def`,
 * `waive` and `test` (controls are in `control.ts`).
 *
 * Layout: the package, then the imports, then the declarations, one per line. A blank line
 * separates the package from what follows, the imports from the declarations, and every
 * `control`, `waive` and `test` from its neighbours; between two imports, or two of
 * `param`/`let`/`def`, the author's choice is kept (one blank line, or none).
 */

import type { Doc } from "prettier";
import { printer } from "prettier/doc";
import type { Decl, DefDecl, Expr, ExpectItem, FileNode, ImportDecl, LetDecl, PackageDecl, ParamDecl, TestDecl, WaiverDecl } from "../../syntax/ast.js";
import { BEFORE_GIVEN } from "../comments.js";
import { containsComments, leadingComments, trailingComments, type Options, type Path, type Print } from "../types.js";
import { hugsValue } from "./layout.js";
import { blankLineAfter, block, commaList, danglingBlock, group, hardline, indent, itemLines, line, softline } from "./shared.js";

type TopLevel = PackageDecl | ImportDecl | Decl;

const isBlockDecl = (n: TopLevel) => n.kind === "Control" || n.kind === "Waiver" || n.kind === "Test";

function blankBetween(prev: TopLevel, next: TopLevel, options: Options): boolean {
  if (prev.kind === "Package" || (prev.kind === "Import") !== (next.kind === "Import")) return true;
  if (isBlockDecl(prev) || isBlockDecl(next)) return true;
  return blankLineAfter(prev, options);
}

export function printFile(path: Path<FileNode>, options: Options, print: Print): Doc {
  const node = path.node;
  const nodes: TopLevel[] = [...(node.package ? [node.package] : []), ...node.imports, ...node.decls];
  const docs: Doc[] = [...(node.package ? [print("package")] : []), ...path.map(() => print(), "imports"), ...path.map(() => print(), "decls")];
  const parts: Doc[] = [];
  nodes.forEach((n, i) => {
    if (i > 0) parts.push(hardline, blankBetween(nodes[i - 1]!, n, options) ? hardline : "");
    parts.push(docs[i]!);
  });
  const dangling = danglingBlock(node, options);
  if (parts.length > 0 && dangling.length > 0) parts.push(hardline, hardline);
  parts.push(...dangling);
  return parts.length > 0 ? [...parts, hardline] : "";
}

export const printPackage = (_path: Path<PackageDecl>, _options: Options, print: Print): Doc => ["package ", print("name")];

export function printImport(path: Path<ImportDecl>, _options: Options, print: Print): Doc {
  return ["import ", print("name"), path.node.alias ? [" as ", print("alias")] : ""];
}

/**
 * `keyword name = value`. A list literal stays on the line of `=` and breaks inside. A call or
 * comprehension moves to the next line when it fits there, and otherwise stays and breaks
 * inside. Anything else (chains above all) moves to the next line, indented, and breaks there.
 */
function binding(path: Path<ParamDecl | LetDecl | DefDecl>, options: Options, head: Doc, value: Expr, valueDoc: Doc): Doc {
  let hug: boolean;
  if (hugsValue(value)) hug = leadingComments(value).length === 0;
  else if (value.kind === "Call" || value.kind === "Comprehension") {
    // A comment after the name needs the line break after `=` (see BREAKS_AFTER in comments.ts).
    hug = trailingComments(path.node.name).length === 0 && !fitsOnNextLine(path, options, value, valueDoc);
  } else hug = false;
  return hug ? group([head, " = ", valueDoc]) : group([head, " =", indent([line, valueDoc])]);
}

/** Whether a value without comments fits on a line of its own, one level deeper than its binding. */
function fitsOnNextLine(path: Path, options: Options, value: Expr, valueDoc: Doc): boolean {
  if (containsComments(value)) return false;
  const depth = path.parent?.kind === "Control" ? 2 : 1;
  const { formatted } = printer.printDocToString(valueDoc, { printWidth: Number.MAX_SAFE_INTEGER, tabWidth: options.tabWidth, useTabs: false });
  return !formatted.includes("\n") && depth * options.tabWidth + formatted.length <= options.printWidth;
}

export function printParam(path: Path<ParamDecl>, options: Options, print: Print): Doc {
  return binding(path, options, ["param ", print("name")], path.node.value, print("value"));
}

export function printLet(path: Path<LetDecl>, options: Options, print: Print): Doc {
  return binding(path, options, ["let ", print("name")], path.node.value, print("value"));
}

export function printDef(path: Path<DefDecl>, options: Options, print: Print): Doc {
  const node = path.node;
  const params = path.map(() => print(), "params");
  const list = node.params.length === 0 ? "()" : group(["(", indent([softline, ...commaList(node.params, params, options)]), softline, ")"]);
  return binding(path, options, ["def ", print("name"), list], node.body, print("body"));
}

/** A waiver is an audit record: each clause on a line of its own, always. */
export function printWaiver(path: Path<WaiverDecl>, _options: Options, print: Print): Doc {
  const node = path.node;
  const approvedBy = node.approvedBy ? [hardline, "approved_by ", print("approvedBy")] : "";
  return ["waive ", print("control"), indent([" for ", print("subject"), hardline, "until ", print("until"), hardline, "reason ", print("reason"), approvedBy])];
}

export function printTest(path: Path<TestDecl>, options: Options, print: Print): Doc {
  const node = path.node;
  const before = danglingBlock(node, options, BEFORE_GIVEN);
  const given: Doc = [...before, before.length > 0 ? hardline : "", "given ", print("given")];
  const docs = [given, ...path.map(() => print(), "expects")];
  return block(["test ", print("name")], node, itemLines([node.given, ...node.expects], docs, options), options);
}

export function printExpect(path: Path<ExpectItem>, _options: Options, print: Print): Doc {
  return ["expect ", print("control"), " ", print("status"), path.node.subject ? [" for ", print("subject")] : ""];
}
