/**
 * Document symbols (the outline): the package, imports, params, lets, defs, controls (with
 * their `for` variable and lets), waivers and tests of one file, from its (recovered) tree.
 */

import { SymbolKind, type DocumentSymbol } from "vscode-languageserver";
import { plainString, type Decl, type FileNode } from "../syntax/ast.js";
import { assertNever } from "../util/assert-never.js";
import type { SourceFile, Span } from "../source/source.js";
import { toRange } from "./diagnostics.js";

export function documentSymbols(file: FileNode, source: SourceFile): DocumentSymbol[] {
  const sym = (name: string, kind: SymbolKind, span: Span, select: Span, detail?: string, children?: DocumentSymbol[]): DocumentSymbol => ({
    name: name === "" ? "?" : name,
    kind,
    range: toRange(source, span),
    selectionRange: toRange(source, select),
    ...(detail !== undefined ? { detail } : {}),
    ...(children !== undefined && children.length > 0 ? { children } : {}),
  });
  const out: DocumentSymbol[] = [];
  if (file.package !== undefined) out.push(sym(file.package.name.parts.join("."), SymbolKind.Package, file.package.span, file.package.name.span, "package"));
  for (const imp of file.imports) out.push(sym(imp.name.parts.join("."), SymbolKind.Module, imp.span, imp.name.span, imp.alias ? `import as ${imp.alias.name}` : "import"));
  for (const d of file.decls) out.push(declSymbol(d, sym));
  return out;
}

type Make = (name: string, kind: SymbolKind, span: Span, select: Span, detail?: string, children?: DocumentSymbol[]) => DocumentSymbol;

function declSymbol(d: Decl, sym: Make): DocumentSymbol {
  switch (d.kind) {
    case "Param":
      return sym(d.name.name, SymbolKind.Constant, d.span, d.name.span, "param");
    case "Let":
      return sym(d.name.name, SymbolKind.Variable, d.span, d.name.span, "let");
    case "Def":
      return sym(d.name.name, SymbolKind.Function, d.span, d.name.span, `def (${d.params.map((p) => p.name).join(", ")})`);
    case "Control": {
      const children: DocumentSymbol[] = [];
      for (const item of d.items) {
        if (item.kind === "For") children.push(sym(item.variable.name, SymbolKind.Variable, item.span, item.variable.span, "for"));
        if (item.kind === "Let") children.push(sym(item.name.name, SymbolKind.Variable, item.span, item.name.span, "let"));
        if (item.kind === "Ingress" || item.kind === "Egress") children.push(sym(item.kind.toLowerCase(), SymbolKind.Namespace, item.span, item.span));
      }
      return sym(d.id.id, SymbolKind.Class, d.span, d.id.span, plainString(d.title) ?? "control", children);
    }
    case "Waiver":
      return sym(`waive ${d.control.id}`, SymbolKind.Event, d.span, d.control.span, `until ${d.until.raw}`);
    case "Test":
      return sym(plainString(d.name) ?? "test", SymbolKind.Method, d.span, d.name.span, "test");
    default:
      return assertNever(d, "declaration");
  }
}
