/**
 * Hover: what the checker knows about the thing under the cursor, as Markdown.
 * - a field: its type, the export schema's description, an enum's values;
 * - a param, let or def: its declaration (signature and value) and type;
 * - a local variable: what binds it and its type;
 * - a built-in function: its signature and documentation;
 * - a control id (declaration, waiver, test): the control's title, severity, frameworks and
 *   description;
 * - any other expression: its type.
 */

import type { Hover } from "vscode-languageserver";
import type * as A from "../syntax/ast.js";
import { plainString, unparen } from "../syntax/ast.js";
import { BUILTINS } from "../check/builtins.js";
import type { Sym } from "../check/scope.js";
import type { Unit } from "../check/program.js";
import { fieldType } from "../schema/index.js";
import { showTy, type ObjectTy, type Ty } from "../schema/types.js";
import type { Analysis } from "./workspace.js";
import { nodesAt, unitOf } from "./nodes.js";
import { fieldDescription } from "./schema-docs.js";
import { toRange } from "./diagnostics.js";

/**
 * A type as hover shows it: an enum with its values (`string: "A" | "B"`), an object by its
 * name alone (`list of \`app\``); every other type as the checker's messages show it.
 */
export function tyText(t: Ty): string {
  if (t.kind === "string" && t.enum) return `string: ${t.enum.map((v) => JSON.stringify(v)).join(" | ")}`;
  if (t.kind === "list") return `list of ${tyText(t.elem)}`;
  if (t.kind === "object") return `\`${t.name}\``;
  return showTy(t);
}

const code = (s: string) => `\`\`\`perimeter\n${s}\n\`\`\``;

/** The source text of a declaration, without a long tail. */
function declText(unit: Unit, span: A.Ident["span"]): string {
  const text = unit.source.text.slice(span.start, span.end);
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

export function symText(sym: Sym, analysis: Analysis): string {
  const ty = (d: A.Expr) => analysis.checked?.program.types.get(d);
  switch (sym.kind) {
    case "param":
    case "let": {
      const t = ty(sym.decl.value);
      return [code(declText(sym.unit, sym.decl.span)), `${sym.kind} of package \`${sym.pkg.name}\`${t ? ` · ${tyText(t)}` : ""}`].join("\n\n");
    }
    case "def":
      return [code(declText(sym.unit, sym.decl.span)), `def of package \`${sym.pkg.name}\``].join("\n\n");
    case "var":
      return `${code(sym.name)}\n\n${sym.binder} variable · ${tyText(sym.ty)}`;
    case "module":
      return `${code(`import ${sym.pkg.name} as ${sym.name}`)}\n\npackage \`${sym.pkg.name}\``;
    case "root":
      return `${code(sym.name)}\n\nexport field · ${tyText(sym.ty)}`;
  }
}

function fieldText(obj: ObjectTy, name: string): string | undefined {
  const t = fieldType(obj, name);
  if (t === undefined) return undefined;
  const desc = fieldDescription(obj, name);
  const lines = [`${code(`${obj.name}.${name}`)}`, `field of \`${obj.name}\` · ${tyText(t)}`];
  if (desc !== undefined) lines.push(desc);
  const elem = t.kind === "list" ? t.elem : t;
  if (elem.kind === "object") lines.push(`fields: ${[...elem.fields.keys()].map((f) => `\`${f}\``).join(", ")}`);
  return lines.join("\n\n");
}

export function builtinText(name: string): string | undefined {
  const b = BUILTINS.get(name);
  return b === undefined ? undefined : `${code(`${b.name}(${b.params.join(", ")})`)}\n\nbuilt-in function: ${b.doc}`;
}

export function controlText(c: A.ControlDecl): string {
  const lines = [code(`control ${c.id.id} ${JSON.stringify(plainString(c.title) ?? "")}`)];
  const meta: string[] = [];
  for (const item of c.items) {
    if (item.kind === "Severity") meta.push(`severity: ${item.level.name}`);
    if (item.kind === "Frameworks") meta.push(`frameworks: ${item.values.map((v) => plainString(v) ?? "").join(", ")}`);
  }
  if (meta.length > 0) lines.push(meta.join(" · "));
  for (const item of c.items) if (item.kind === "TextItem") lines.push(`${item.which}: ${plainString(item.text) ?? ""}`);
  return lines.join("\n\n");
}

export function findControl(analysis: Analysis, id: string): { decl: A.ControlDecl; unit: Unit } | undefined {
  for (const unit of analysis.units) for (const d of unit.file.decls) if (d.kind === "Control" && d.id.id === id) return { decl: d, unit };
  return undefined;
}

export function hover(analysis: Analysis, path: string, offset: number): Hover | null {
  const unit = unitOf(analysis.units, path);
  if (unit === undefined) return null;
  const nodes = nodesAt(unit.file, offset);
  const program = analysis.checked?.program;
  const at = (text: string | undefined, span: A.Ident["span"]): Hover | null => (text === undefined ? null : { contents: { kind: "markdown", value: text }, range: toRange(unit.source, span) });
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    const parent = nodes[i - 1];
    switch (n.kind) {
      case "ControlId": {
        const c = findControl(analysis, n.id);
        return at(c ? controlText(c.decl) : undefined, n.span);
      }
      case "Ident": {
        if (parent?.kind === "Member") continue;
        if (parent?.kind === "Call" && parent.callee === n) continue;
        if (parent?.kind === "Param" || parent?.kind === "Let" || parent?.kind === "Def") {
          const pkg = program?.packages.get(unit.pkg);
          const sym: Sym | undefined =
            parent.kind === "Param"
              ? { kind: "param", name: n.name, decl: parent, unit, pkg: pkg! }
              : parent.kind === "Let"
                ? { kind: "let", name: n.name, decl: parent, unit, pkg: pkg!, local: false }
                : { kind: "def", name: n.name, decl: parent, unit, pkg: pkg! };
          if (pkg === undefined) return null;
          return at(symText(sym, analysis), n.span);
        }
        continue;
      }
      case "Member": {
        const sym = program?.refs.get(n);
        if (sym !== undefined) return at(symText(sym, analysis), n.field.span);
        const ot = program?.types.get(n.object);
        if (ot?.kind === "object") return at(fieldText(ot, n.field.name), n.field.span);
        const t = program?.types.get(n);
        return at(t ? `${code(n.field.name)}\n\n${tyText(t)}` : undefined, n.field.span);
      }
      case "Call": {
        const sym = program?.refs.get(n);
        if (sym !== undefined) return at(symText(sym, analysis), n.callee.span);
        return at(builtinText(n.callee.name), n.callee.span);
      }
      case "Name": {
        const sym = program?.refs.get(n);
        if (sym !== undefined) return at(symText(sym, analysis), n.span);
        continue;
      }
      case "String":
      case "Number":
      case "Bool":
      case "Date":
      case "Net":
      case "Text":
        continue;
      default: {
        if (!("span" in n) || n.kind === "File") return null;
        const t = program?.types.get(unparen(n as A.Expr));
        if (t !== undefined) return at(tyText(t), n.span);
        continue;
      }
    }
  }
  return null;
}
