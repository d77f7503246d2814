/**
 * Builds the rule tree of all modules and compiles every rule set, with OPA's compile-time
 * checks: conflicting kinds/arities ("conflicting rules data.x.f found"), multiple defaults,
 * a package inside a rule, and recursion ("rego_recursion_error").
 */

import type { Module, RuleDef, Term } from "./ast.js";
import { BUILTINS } from "./builtins.js";
import { compileBody, compileTerm } from "./compile.js";
import { collect, declareArgs, implicitOf, Scope, Slots, type Env } from "./scope.js";
import { RegoError, type Loc } from "./errors.js";
import type { Branch, CT, RuleSet } from "./ir.js";
import { checkHeadSafe, orderBody } from "./order.js";
import { equal, type Value } from "./value.js";

export class PkgNode {
  readonly children = new Map<string, PkgNode | RuleSet>();
}

interface Pending {
  readonly rs: RuleSet;
  readonly defs: { readonly def: RuleDef; readonly mod: Module }[];
  dflt?: { readonly def: RuleDef; readonly mod: Module };
}

const dataName = (path: readonly string[]): string => ["data", ...path].join(".");

function nodeAt(root: PkgNode, path: readonly string[], create: boolean, loc: Loc): PkgNode | RuleSet | undefined {
  let node: PkgNode | RuleSet = root;
  for (let i = 0; i < path.length; i++) {
    if (!(node instanceof PkgNode)) {
      if (create) throw new RegoError("rego_type_error", `package ${dataName(path)} conflicts with rule ${dataName(node.path)}`, loc);
      return undefined;
    }
    const seg = path[i] as string;
    let next: PkgNode | RuleSet | undefined = node.children.get(seg);
    if (next === undefined) {
      if (!create) return undefined;
      next = new PkgNode();
      node.children.set(seg, next);
    }
    node = next;
  }
  return node;
}

export function ruleSetsUnder(node: PkgNode | RuleSet | undefined, out: RuleSet[] = []): RuleSet[] {
  if (node === undefined) return out;
  if (!(node instanceof PkgNode)) out.push(node);
  else for (const c of node.children.values()) ruleSetsUnder(c, out);
  return out;
}

function compileBranch(args: readonly Term[] | undefined, body: RuleDef["body"], value: Term | undefined, env: Env, loc: Loc): Branch {
  const frame = new Slots();
  const sc = new Scope(frame);
  declareArgs(args ?? [], sc, env);
  const cargs = (args ?? []).map((a) => compileTerm(a, sc, env));
  const argSlots = new Set(sc.own);
  collect(body, sc, env);
  const cbody = compileBody(body, sc, env);
  if (value) implicitOf(value, sc, env);
  const cvalue: CT = value ? compileTerm(value, sc, env) : { k: "const", v: true };
  const ordered = orderBody(cbody, sc, argSlots);
  checkHeadSafe(cvalue, sc, ordered, value?.loc ?? loc, argSlots);
  return { args: cargs, body: ordered, value: cvalue, nslots: frame.n, loc };
}

export function buildProgram(modules: readonly Module[]): PkgNode {
  const root = new PkgNode();
  const pending = new Map<RuleSet, Pending>();
  for (const mod of modules) {
    const pkgLoc = mod.rules[0]?.loc ?? { file: mod.file, line: 1, col: 1 };
    const pkgNode = nodeAt(root, mod.pkg, true, pkgLoc) as PkgNode;
    for (const def of mod.rules) {
      const h = def.head;
      const path = [...mod.pkg, h.name];
      const kind = h.args ? "func" : "rule";
      const arity = h.args?.length ?? 0;
      let rs = pkgNode.children.get(h.name);
      if (rs instanceof PkgNode) throw new RegoError("rego_type_error", `rule ${dataName(path)} conflicts with package ${dataName(path)}`, h.loc);
      if (rs === undefined) {
        rs = { path, kind, arity, loc: h.loc, defs: [], earlyExit: false, deps: new Set() };
        pkgNode.children.set(h.name, rs);
        pending.set(rs, { rs, defs: [] });
      } else if (rs.kind !== kind || rs.arity !== arity) {
        throw new RegoError("rego_type_error", `conflicting rules ${dataName(path)} found`, h.loc);
      }
      const p = pending.get(rs) as Pending;
      if (def.isDefault) {
        if (p.dflt) throw new RegoError("rego_type_error", `multiple default rules ${dataName(path)} found`, h.loc);
        p.dflt = { def, mod };
      } else p.defs.push({ def, mod });
    }
  }
  for (const p of pending.values()) compileRuleSet(root, p);
  checkRecursion([...pending.keys()]);
  return root;
}

const envCache = new WeakMap<Module, Env>();

/** The module's resolution environment, its dependency collector set to `deps`. */
function envFor(root: PkgNode, mod: Module, deps: Set<RuleSet>): Env {
  const cached = envCache.get(mod);
  if (cached) return { ...cached, deps };
  const pkgNode = nodeAt(root, mod.pkg, false, { file: mod.file, line: 1, col: 1 }) as PkgNode;
  const local = new Map<string, RuleSet>();
  for (const [k, v] of pkgNode.children) if (!(v instanceof PkgNode)) local.set(k, v);
  const imports = new Map(mod.imports.map((i) => [i.alias, { root: i.root, path: i.path }] as const));
  const loc = { file: mod.file, line: 1, col: 1 };
  const env: Env = {
    pkg: mod.pkg,
    local,
    imports,
    builtin: (name) => BUILTINS.get(name),
    ruleSetAt: (path) => {
      const n = nodeAt(root, path, false, loc);
      return n instanceof PkgNode ? undefined : n;
    },
    ruleSetsUnder: (path) => ruleSetsUnder(nodeAt(root, path, false, loc)),
    deps,
  };
  envCache.set(mod, env);
  return env;
}

function compileRuleSet(root: PkgNode, p: Pending): void {
  const rs = p.rs;
  for (const { def, mod } of p.defs) {
    const env = envFor(root, mod, rs.deps);
    const branches = [compileBranch(def.head.args, def.body, def.head.value, env, def.loc)];
    for (const e of def.elses) branches.push(compileBranch(def.head.args, e.body, e.value, env, e.loc));
    rs.defs.push(branches);
  }
  if (p.dflt) {
    const env = envFor(root, p.dflt.mod, rs.deps);
    const t = compileTerm(p.dflt.def.head.value as Term, new Scope(new Slots()), env);
    if (t.k !== "const") throw new RegoError("rego_type_error", `default rule ${dataName(rs.path)} value must be a constant`, p.dflt.def.loc);
    rs.dflt = t.v;
  }
  const values = rs.defs.flat().map((b) => b.value);
  const first = values[0];
  rs.earlyExit =
    first !== undefined && first.k === "const" && values.every((v) => v.k === "const" && equal(v.v, first.v as Value));
}

function checkRecursion(all: readonly RuleSet[]): void {
  const state = new Map<RuleSet, 1 | 2>();
  const stack: RuleSet[] = [];
  const visit = (rs: RuleSet): void => {
    const s = state.get(rs);
    if (s === 2) return;
    if (s === 1) {
      const cycle = [...stack.slice(stack.indexOf(rs)), rs].map((r) => dataName(r.path));
      throw new RegoError("rego_recursion_error", `rule ${dataName(rs.path)} is recursive: ${cycle.join(" -> ")}`, rs.loc);
    }
    state.set(rs, 1);
    stack.push(rs);
    for (const d of rs.deps) visit(d);
    stack.pop();
    state.set(rs, 2);
  };
  for (const rs of all) visit(rs);
}
