/**
 * Questions about positions in a tree: the chain of nodes under an offset (innermost last),
 * the unit and analysis a path belongs to, and the local names visible at an offset (the
 * binders of `for`, control `let`s, quantifiers, comprehensions, `first` and def parameters).
 */

import type * as A from "../syntax/ast.js";
import { childNodes } from "../syntax/walk.js";
import type { Unit } from "../check/program.js";

/** The nodes whose span holds `offset`, outermost first (an offset at a node's end counts, so a name just typed is found). */
export function nodesAt(file: A.FileNode, offset: number): A.AnyNode[] {
  const path: A.AnyNode[] = [file];
  let node: A.AnyNode = file;
  for (;;) {
    const kids: A.AnyNode[] = childNodes(node);
    const next: A.AnyNode | undefined = kids.find((k) => k.span.start <= offset && offset < k.span.end) ?? kids.find((k) => k.span.start <= offset && offset === k.span.end);
    if (next === undefined) return path;
    path.push(next);
    node = next;
  }
}

export function unitOf(units: readonly Unit[], path: string): Unit | undefined {
  return units.find((u) => u.source.path === path);
}

export interface Local {
  readonly name: string;
  readonly ident: A.Ident;
  readonly what: "for variable" | "control let" | "quantifier variable" | "comprehension variable" | "`first` variable" | "def parameter";
}

/** The local names visible at `offset` inside the declaration `path` passes through. */
export function localsAt(path: readonly A.AnyNode[], offset: number): Local[] {
  const out: Local[] = [];
  for (let i = 0; i < path.length; i++) {
    const n = path[i]!;
    const inner = path[i + 1];
    switch (n.kind) {
      case "Def":
        for (const p of n.params) out.push({ name: p.name, ident: p, what: "def parameter" });
        break;
      case "Control":
        for (const item of n.items) {
          if (item.span.end > offset && item !== inner) continue;
          if (item.kind === "For" && (item !== inner || (item.where !== undefined && offset >= item.where.span.start))) out.push({ name: item.variable.name, ident: item.variable, what: "for variable" });
          if (item.kind === "Let" && item !== inner) out.push({ name: item.name.name, ident: item.name, what: "control let" });
        }
        break;
      case "Quantified":
        if (inner === n.body || offset >= n.body.span.start) out.push({ name: n.variable.name, ident: n.variable, what: "quantifier variable" });
        break;
      case "Comprehension":
        if (inner !== n.collection) out.push({ name: n.variable.name, ident: n.variable, what: "comprehension variable" });
        break;
      case "First":
        if (inner !== n.collection) out.push({ name: n.variable.name, ident: n.variable, what: "`first` variable" });
        break;
      default:
        break;
    }
  }
  return out.filter((l) => l.name !== "");
}
