// The operators the corpus must cover, derived from the IR's definitions (src/ir/ir.ts, read
// with the TypeScript compiler), and the operators a compiled case exercises. An operator key
// is an expression kind (`coalesce`), refined by its literal-typed field where it has one
// (`cmp:within`, `builtin:cidrs`, `quant:none`, `is:missing`, `arith:-`), or a kind of located
// subject collection (`located:filter`). So an IR kind, comparison or builtin added to ir.ts
// is a key with no case until someone writes one.
import { resolve } from "node:path";
import ts from "typescript";
import type { IrControl, IrLocated, IrProgram } from "../../src/ir/ir.js";

export interface OperatorCatalogue {
  /** Every key, sorted. */
  readonly keys: readonly string[];
  /** Per expression kind, the field whose string-literal type refines its key (`cmp` → `op`). */
  readonly refinedBy: ReadonlyMap<string, string>;
}

const IR_FILE = resolve("src/ir/ir.ts");

function literals(t: ts.Type): string[] | undefined {
  const parts = t.isUnion() ? t.types : [t];
  if (!parts.every((p) => p.isStringLiteral())) return undefined;
  return parts.map((p) => (p as ts.StringLiteralType).value);
}

/** The operator keys of the IR, read from the declarations of `IrExpr` and `IrLocated`. */
export function irOperators(file = IR_FILE): OperatorCatalogue {
  const program = ts.createProgram([file], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (source === undefined) throw new Error(`cannot read ${file}`);
  const alias = (name: string): ts.TypeAliasDeclaration => {
    const d = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === name);
    if (d === undefined) throw new Error(`${file} declares no type ${name}`);
    return d;
  };
  const keys: string[] = [];
  const refinedBy = new Map<string, string>();
  for (const [name, prefix] of [["IrExpr", ""], ["IrLocated", "located:"]] as const) {
    const decl = alias(name);
    const type = checker.getTypeAtLocation(decl.name);
    const members = type.isUnion() ? type.types : [type];
    for (const m of members) {
      const kProp = m.getProperty("k");
      if (kProp === undefined) throw new Error(`a member of ${name} has no \`k\``);
      const kinds = literals(checker.getTypeOfSymbolAtLocation(kProp, decl));
      if (kinds === undefined) throw new Error(`a member of ${name} has a \`k\` that is not a string literal`);
      // The field that refines the kind: the one other field whose type is string literals.
      const refining = prefix === "" ? m.getProperties().filter((p) => p.name !== "k" && literals(checker.getTypeOfSymbolAtLocation(p, decl)) !== undefined) : [];
      if (refining.length > 1) throw new Error(`${name} kind ${kinds.join("|")} has several literal fields: ${refining.map((p) => p.name).join(", ")}`);
      for (const k of kinds) {
        const field = refining[0];
        if (field === undefined) keys.push(`${prefix}${k}`);
        else {
          refinedBy.set(k, field.name);
          for (const v of literals(checker.getTypeOfSymbolAtLocation(field, decl))!) keys.push(`${k}:${v}`);
        }
      }
    }
  }
  return { keys: [...new Set(keys)].sort(), refinedBy };
}

/** The operator keys a package's IR exercises: its controls (every expression, the located subjects) and its lets and defs. */
export function operatorsOf(ir: IrProgram, pkg: string, cat: OperatorCatalogue): Set<string> {
  const out = new Set<string>();
  const expr = (x: unknown): void => {
    if (Array.isArray(x)) {
      for (const y of x) expr(y);
      return;
    }
    if (x === null || typeof x !== "object") return;
    const o = x as Record<string, unknown>;
    if (typeof o["k"] === "string" && "origin" in o) {
      const field = cat.refinedBy.get(o["k"]);
      out.add(field === undefined ? o["k"] : `${o["k"]}:${String(o[field])}`);
    }
    for (const [k, v] of Object.entries(o)) if (k !== "origin") expr(v);
  };
  const located = (l: IrLocated): void => {
    out.add(`located:${l.k}`);
    if (l.k === "join") l.parts.forEach(located);
    else if (l.k !== "root") located(l.of);
    if (l.k === "filter") expr(l.where);
  };
  const control = (c: IrControl): void => {
    located(c.subject.source);
    expr([c.subject.collection, c.subject.where, c.lets, c.requirements, c.remediation]);
  };
  for (const c of ir.controls) if (c.package === pkg) control(c);
  const p = ir.packages.find((x) => x.name === pkg);
  if (p !== undefined) expr([p.lets, p.defs]);
  return out;
}
