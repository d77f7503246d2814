// The contract between the Wasm host and its runtime package (runtime/): the program blob format,
// runtime/format.ts, is the only file both sides import, and every code it declares for the IR
// is written by the serializer and dispatched by the runtime. The serializer's tables are mapped
// types over the IR's unions (a kind added to the IR is a compile error until it has a code);
// the runtime is AssemblyScript, whose integer switches have no exhaustiveness check, so this
// test reads its dispatch functions with the TypeScript parser: a code without a case used to
// surface only as an abort at run time.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as F from "../../runtime/format.js";
import { BUILTINS, EXPR_CODES, LOCATED_CODES, OPS, WELL_KNOWN } from "../../src/backends/wasm/serialize.js";
import { packagePath } from "../../src/paths.js";

const RUNTIME = packagePath("runtime");
const FORMAT = join(RUNTIME, "format.ts");

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.ES2022, true);
}

/** The constants of format.ts whose names start with `prefix`, by name. */
function family(prefix: string): Map<string, number> {
  return new Map(Object.entries(F).filter(([name]) => name.startsWith(prefix)) as [string, number][]);
}

/**
 * The constants named `prefix…` that the function `fn` of runtime/src/`file` dispatches on: the
 * labels of its `case`s and the operands of its `==` tests (the located-collection walk is an
 * if-chain).
 */
function dispatched(file: string, fn: string, prefix: string): string[] {
  const src = parse(join(RUNTIME, "src", file));
  const found = new Set<string>();
  let seen = false;
  const isCode = (n: ts.Node | undefined): n is ts.Identifier => n !== undefined && ts.isIdentifier(n) && n.text.startsWith(prefix);
  const collect = (n: ts.Node): void => {
    if (ts.isCaseClause(n) && isCode(n.expression)) found.add(n.expression.text);
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken) {
      if (isCode(n.left)) found.add(n.left.text);
      if (isCode(n.right)) found.add(n.right.text);
    }
    ts.forEachChild(n, collect);
  };
  ts.forEachChild(src, (n) => {
    if (ts.isFunctionDeclaration(n) && n.name?.text === fn) {
      seen = true;
      collect(n);
    }
  });
  if (!seen) throw new Error(`runtime/src/${file} has no function ${fn}: update this test with the runtime's dispatch`);
  return [...found].sort();
}

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();
const namesOf = (codes: Map<string, number>, values: Iterable<number>): string[] => {
  const byValue = new Map([...codes].map(([n, v]) => [v, n]));
  return sorted([...values].map((v) => byValue.get(v) ?? `(no constant for ${v})`));
};

describe("the blob format, runtime/format.ts", () => {
  it("declares only integer constants (`export const NAME = <integer>;`), so it means the same in TypeScript and AssemblyScript", () => {
    const src = parse(FORMAT);
    const bad: string[] = [];
    for (const st of src.statements) {
      const exported = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      const ok =
        ts.isVariableStatement(st) &&
        exported &&
        (st.declarationList.flags & ts.NodeFlags.Const) !== 0 &&
        st.declarationList.declarations.every((d) => {
          const init = d.initializer;
          const lit = init !== undefined && ts.isPrefixUnaryExpression(init) && init.operator === ts.SyntaxKind.MinusToken ? init.operand : init;
          return d.type === undefined && lit !== undefined && ts.isNumericLiteral(lit) && Number.isInteger(Number(lit.text));
        });
      if (!ok) bad.push(st.getText(src).split("\n")[0]!);
    }
    expect(bad).toEqual([]);
  });

  it.each([["K_"], ["L_"], ["B_"], ["OP_"], ["Q_"], ["A_"], ["IS_"], ["T_"], ["TY_"], ["H_"], ["N_"], ["C_"], ["R_"], ["W_"], ["E_"], ["P_"]])("gives distinct codes within the family %s", (prefix) => {
    const codes = family(prefix);
    // H_WORDS, C_WORDS, … are record sizes, not fields; *_LEN fields are distinct words of their own.
    const values = [...codes].filter(([n]) => !n.endsWith("_WORDS")).map(([, v]) => v);
    expect(new Set(values).size).toBe(values.length);
  });
});

describe("the serializer writes a code of format.ts for everything in the IR", () => {
  it("every expression kind (plus its own wrapper K_CONST) has its own K_ code, and every K_ code is some kind's", () => {
    const codes = family("K_");
    const written = [...Object.values(EXPR_CODES), F.K_CONST];
    expect(new Set(written).size).toBe(written.length);
    expect(namesOf(codes, written)).toEqual(sorted(codes.keys()));
  });

  it.each([
    ["L_", LOCATED_CODES],
    ["B_", BUILTINS],
    ["OP_", OPS],
  ] as const)("every IR name of the family %s has its own code, and every code is some name's", (prefix, table) => {
    const codes = family(prefix);
    const written = Object.values(table);
    expect(new Set(written).size).toBe(written.length);
    expect(namesOf(codes, written)).toEqual(sorted(codes.keys()));
  });
});

describe("the serializer writes the well-known names where the runtime reads them", () => {
  it("every N_ index, in order 0..N_COUNT-1, is a name of WELL_KNOWN", () => {
    const indexes = [...family("N_")].filter(([n]) => n !== "N_COUNT").map(([, v]) => v).sort((a, b) => a - b);
    expect(indexes).toEqual([...Array(F.N_COUNT).keys()]);
    expect(WELL_KNOWN.map(([i]) => i)).toEqual(indexes);
    expect(new Set(WELL_KNOWN.map(([, n]) => n)).size).toBe(F.N_COUNT);
  });
});

describe("the runtime dispatches every code of format.ts", () => {
  it.each([
    ["K_", "interp.ts", "evalExpr"],
    ["B_", "interp.ts", "builtin"],
    ["OP_", "interp.ts", "compare"],
    ["L_", "report.ts", "walk"],
  ])("%s in runtime/src/%s %s", (prefix, file, fn) => {
    expect(dispatched(file, fn, prefix)).toEqual(sorted(family(prefix).keys()));
  });
});

describe("the runtime is a package of its own", () => {
  it("imports nothing from outside runtime/ but the contract (its sources import ./… and ../format only)", () => {
    const outside: string[] = [];
    for (const f of readdirSync(join(RUNTIME, "src")).filter((n) => n.endsWith(".ts"))) {
      const src = parse(join(RUNTIME, "src", f));
      for (const st of src.statements) {
        if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier !== undefined && ts.isStringLiteral(st.moduleSpecifier)) {
          const spec = st.moduleSpecifier.text;
          if (!(spec === "../format" || /^\.\/[\w-]+$/.test(spec))) outside.push(`${f}: ${spec}`);
        }
      }
    }
    expect(outside).toEqual([]);
  });

  it("is imported by the host through the contract only (no file of src/ imports runtime/src/)", () => {
    const offenders: string[] = [];
    const visit = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name);
        if (e.isDirectory()) visit(path);
        else if (e.name.endsWith(".ts") && /from "(\.\.\/)+runtime\/(?!format\.js")/.test(readFileSync(path, "utf8"))) offenders.push(path);
      }
    };
    visit(packagePath("src"));
    expect(offenders).toEqual([]);
  });
});
