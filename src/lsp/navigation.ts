/**
 * Go to definition and find references, from the checker's resolution table (`refs`: every
 * name, call and `alias.name` the checker resolved, with its symbol). What the cursor may be
 * on, and what it means:
 * - a use of a param, let, def or local variable, or its declaration: that declaration;
 * - an import's package name, or a package declaration: the package (its `package` lines);
 *   its references are the imports that name it;
 * - an import alias, or a use of it (`alias.x`): the import;
 * - a control id in a waiver or a test: the control.
 */

import type { Location } from "vscode-languageserver";
import type * as A from "../syntax/ast.js";
import type { Sym } from "../check/scope.js";
import type { Unit } from "../check/program.js";
import type { Span } from "../source/source.js";
import type { Analysis } from "./workspace.js";
import { nodesAt, unitOf } from "./nodes.js";
import { childNodes as children } from "../syntax/walk.js";
import { toRange } from "./diagnostics.js";
import { pathToUri } from "./uri.js";
import { findControl } from "./hover.js";

/** What a position names: a declaration node (its identity is what references compare). */
export type Target =
  | { readonly kind: "decl"; readonly decl: A.ParamDecl | A.LetDecl | A.DefDecl; readonly unit: Unit }
  | { readonly kind: "local"; readonly ident: A.Ident; readonly unit: Unit }
  | { readonly kind: "package"; readonly name: string }
  | { readonly kind: "import"; readonly decl: A.ImportDecl; readonly unit: Unit }
  | { readonly kind: "control"; readonly id: string };

function fromSym(sym: Sym, unit: Unit): Target | undefined {
  switch (sym.kind) {
    case "param":
    case "let":
    case "def":
      return sym.kind === "let" && sym.local ? { kind: "local", ident: sym.decl.name, unit } : { kind: "decl", decl: sym.decl, unit: sym.unit };
    case "var":
      return { kind: "local", ident: sym.ident, unit };
    case "module":
      // An alias belongs to the file that declares the import, which is the file that uses it.
      return { kind: "import", decl: sym.decl, unit };
    case "root":
      return undefined;
  }
}

export function targetAt(analysis: Analysis, path: string, offset: number): Target | undefined {
  const unit = unitOf(analysis.units, path);
  const program = analysis.checked?.program;
  if (unit === undefined) return undefined;
  const nodes = nodesAt(unit.file, offset);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    const parent = nodes[i - 1];
    switch (n.kind) {
      case "Name":
      case "Call":
      case "Member": {
        const sym = program?.refs.get(n);
        if (sym !== undefined) return fromSym(sym, unit);
        continue;
      }
      case "Ident": {
        if (parent === undefined) continue;
        if (parent.kind === "Param" || parent.kind === "Def" || parent.kind === "Let") {
          if (parent.kind === "Def" && parent.name !== n) return { kind: "local", ident: n, unit };
          const topLevel = unit.file.decls.includes(parent);
          return topLevel ? { kind: "decl", decl: parent, unit } : { kind: "local", ident: n, unit };
        }
        if (parent.kind === "Import" && parent.alias === n) return { kind: "import", decl: parent, unit };
        if (parent.kind === "For" || parent.kind === "Quantified" || parent.kind === "Comprehension" || parent.kind === "First") return { kind: "local", ident: n, unit };
        continue;
      }
      case "QualifiedName":
        if (parent?.kind === "Import" || parent?.kind === "Package") return { kind: "package", name: n.parts.join(".") };
        continue;
      case "ControlId":
        return { kind: "control", id: n.id };
      default:
        continue;
    }
  }
  return undefined;
}

const loc = (unit: Unit, span: Span): Location => ({ uri: pathToUri(unit.source.path), range: toRange(unit.source, span) });

export function definition(analysis: Analysis, target: Target): Location[] {
  switch (target.kind) {
    case "decl":
      return [loc(target.unit, target.decl.name.span)];
    case "local":
      return [loc(target.unit, target.ident.span)];
    case "import":
      return [loc(target.unit, target.decl.alias?.span ?? target.decl.name.span)];
    case "package":
      return analysis.units.filter((u) => u.pkg === target.name).map((u) => loc(u, u.file.package?.name.span ?? { start: 0, end: 0 }));
    case "control": {
      const c = findControl(analysis, target.id);
      return c ? [loc(c.unit, c.decl.id.span)] : [];
    }
  }
}

export function references(analysis: Analysis, target: Target, includeDeclaration: boolean): Location[] {
  const out: Location[] = includeDeclaration ? definition(analysis, target) : [];
  const program = analysis.checked?.program;
  const unitByFile = new Map(analysis.units.map((u) => [u.source.path, u] as const));
  switch (target.kind) {
    case "decl":
    case "local":
    case "import": {
      if (program === undefined) return out;
      for (const unit of analysis.units) {
        const visit = (n: A.AnyNode) => {
          if (n.kind === "Name" || n.kind === "Call" || n.kind === "Member") {
            const sym = program.refs.get(n);
            if (sym !== undefined && matches(sym, target)) out.push(loc(unit, n.kind === "Call" ? n.callee.span : n.kind === "Member" ? n.field.span : n.span));
          }
          for (const c of children(n)) visit(c);
        };
        visit(unit.file);
      }
      return out;
    }
    case "package":
      for (const unit of unitByFile.values()) for (const imp of unit.file.imports) if (imp.name.parts.join(".") === target.name) out.push(loc(unit, imp.name.span));
      return out;
    case "control":
      for (const unit of analysis.units)
        for (const d of unit.file.decls) {
          if (d.kind === "Waiver" && d.control.id === target.id) out.push(loc(unit, d.control.span));
          if (d.kind === "Test") for (const e of d.expects) if (e.control.id === target.id) out.push(loc(unit, e.control.span));
        }
      return out;
  }
}

function matches(sym: Sym, target: Target): boolean {
  switch (target.kind) {
    case "decl":
      return (sym.kind === "param" || sym.kind === "let" || sym.kind === "def") && sym.decl === target.decl;
    case "local":
      return (sym.kind === "var" && sym.ident === target.ident) || (sym.kind === "let" && sym.decl.name === target.ident);
    case "import":
      return sym.kind === "module" && sym.decl === target.decl;
    default:
      return false;
  }
}
