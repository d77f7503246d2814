/**
 * Compiles parsed bodies and terms to the IR (v1/ast/compile.go): names resolve through the
 * scopes of scope.ts; calls resolve to a function of the package, a `data.`/import path
 * function, or a builtin (dotted name), an unknown name being "undefined function" and a wrong
 * argument count an arity error; infix operators are always the builtins; bodies are put in a
 * safe order by order.ts (reorderBodyForSafety).
 */

import type { Expr, Term } from "./ast.js";
import type { Loc } from "./errors.js";
import type { Builtin, CExpr, CT, RuleSet } from "./ir.js";
import { orderBody, checkHeadSafe } from "./order.js";
import { INFIX } from "./parse-terms.js";
import { collect, declare, err, implicit, Scope, type Env } from "./scope.js";
import { checkLiteralArgs } from "./signatures.js";
import { ObjectBuilder, type Value } from "./value.js";

function constOf(t: CT): Value | undefined {
  return t.k === "const" ? t.v : undefined;
}

export function compileTerm(t: Term, sc: Scope, env: Env): CT {
  switch (t.t) {
    case "scalar":
      return { k: "const", v: t.v };
    case "var": {
      if (t.name === "_") return { k: "var", slot: sc.newSlot(), name: "_", loc: t.loc };
      const slot = sc.lookup(t.name);
      if (slot !== undefined) return { k: "var", slot, name: t.name, loc: t.loc };
      const g = globalRef(t.name, [], t.loc, env);
      if (g) return g;
      return err("rego_unsafe_var_error", `var ${t.name} is unsafe`, t.loc);
    }
    case "array": {
      const items = t.items.map((x) => compileTerm(x, sc, env));
      if (items.every((x) => x.k === "const")) return { k: "const", v: Object.freeze(items.map((x) => constOf(x) as Value)) };
      return { k: "array", items };
    }
    case "object": {
      const entries = t.entries.map(([k, v]) => [compileTerm(k, sc, env), compileTerm(v, sc, env)] as const);
      if (entries.every(([k, v]) => k.k === "const" && v.k === "const")) {
        const b = new ObjectBuilder();
        for (const [k, v] of entries) b.set(constOf(k) as Value, constOf(v) as Value);
        return { k: "const", v: b.build() };
      }
      return { k: "object", entries };
    }
    case "ref": {
      const path = t.path.map((p) => compileTerm(p, sc, env));
      if (t.head.t === "var" && t.head.name !== "_" && sc.lookup(t.head.name) === undefined) {
        const g = globalRef(t.head.name, path, t.loc, env);
        if (g) return g;
      }
      return { k: "ref", base: { b: "term", t: compileTerm(t.head, sc, env) }, path, loc: t.loc };
    }
    case "call": {
      const c = compileCall(t, sc, env, false);
      return c.call;
    }
    case "arraycomp": {
      const inner = new Scope(sc.frame, sc);
      collect(t.body, inner, env);
      const body = compileBody(t.body, inner, env);
      implicit(t.head, inner, env);
      const head = compileTerm(t.head, inner, env);
      const ordered = orderBody(body, inner, new Set());
      checkHeadSafe(head, inner, ordered, t.loc);
      return { k: "comp", head, body: ordered, loc: t.loc };
    }
  }
}

function str(v: string): CT {
  return { k: "const", v };
}

function globalRef(name: string, path: CT[], loc: Loc, env: Env): CT | undefined {
  if (name === "input") return { k: "ref", base: { b: "input" }, path, loc };
  if (name === "data") return dataRef(path, loc, env);
  if (env.local.has(name)) return dataRef([...env.pkg.map(str), str(name), ...path], loc, env);
  const imp = env.imports.get(name);
  if (imp === undefined) return undefined;
  if (imp.root === "input") return { k: "ref", base: { b: "input" }, path: [...imp.path.map(str), ...path], loc };
  return dataRef([...imp.path.map(str), ...path], loc, env);
}

function dataRef(path: CT[], loc: Loc, env: Env): CT {
  const prefix: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const p = path[i] as CT;
    if (p.k !== "const" || typeof p.v !== "string") break;
    prefix.push(p.v);
    const rs = env.ruleSetAt(prefix);
    if (rs) {
      if (rs.kind === "func") err("rego_type_error", `function data.${prefix.join(".")} must be called`, loc);
      env.deps.add(rs);
      return { k: "ref", base: { b: "rule", rs }, path: path.slice(i + 1), loc };
    }
  }
  // A ground path names one document (no rule there: no dependency); a dynamic one may reach
  // any rule under its constant prefix.
  for (const rs of env.ruleSetsUnder(prefix)) env.deps.add(rs);
  return { k: "ref", base: { b: "data" }, path, loc };
}

function callName(fn: Term): string[] | undefined {
  if (fn.t === "var") return [fn.name];
  if (fn.t !== "ref" || fn.head.t !== "var") return undefined;
  const out = [fn.head.name];
  for (const p of fn.path) {
    if (p.t !== "scalar" || typeof p.v !== "string") return undefined;
    out.push(p.v);
  }
  return out;
}

export function compileCall(t: Term & { t: "call" }, sc: Scope, env: Env, allowOutput: boolean): { call: CT; out?: CT } {
  if (t.fn.t === "var" && INFIX[t.fn.name] !== undefined) {
    const name = INFIX[t.fn.name] as string;
    const bi = env.builtin(name);
    if (bi === undefined) return err("rego_unsupported_error", `unsupported by the test interpreter: operator ${t.fn.name}`, t.loc);
    const args = t.args.map((a) => compileTerm(a, sc, env));
    checkLiteralArgs(bi.name, args, t.loc);
    return { call: { k: "call", target: { kind: "builtin", bi }, args, loc: t.loc } };
  }
  const segs = callName(t.fn);
  if (segs === undefined) return err("rego_type_error", "illegal call", t.loc);
  const head = segs[0] as string;
  if (sc.lookup(head) !== undefined) err("rego_type_error", `illegal call: ${segs.join(".")} is a local variable`, t.loc);
  let rs: RuleSet | undefined;
  let shown = segs.join(".");
  if (segs.length === 1 && env.local.has(head)) rs = env.local.get(head);
  else if (head === "data") rs = env.ruleSetAt(segs.slice(1));
  else if (env.imports.get(head)?.root === "data") {
    const imp = env.imports.get(head) as { path: readonly string[] };
    shown = ["data", ...imp.path, ...segs.slice(1)].join(".");
    rs = env.ruleSetAt([...imp.path, ...segs.slice(1)]);
  }
  let arity: number;
  let target: { kind: "builtin"; bi: Builtin } | { kind: "func"; rs: RuleSet };
  if (rs) {
    if (rs.kind !== "func") err("rego_type_error", `${shown} is not a function`, t.loc);
    env.deps.add(rs);
    target = { kind: "func", rs };
    arity = rs.arity;
  } else {
    const bi = head === "data" || env.imports.has(head) || env.local.has(head) ? undefined : env.builtin(shown);
    if (bi === undefined) return err("rego_type_error", `undefined function ${shown}`, t.loc);
    target = { kind: "builtin", bi };
    arity = bi.arity;
  }
  const args = t.args.map((a) => compileTerm(a, sc, env));
  if (target.kind === "builtin") checkLiteralArgs(target.bi.name, args, t.loc);
  if (args.length === arity) return { call: { k: "call", target, args, loc: t.loc } };
  if (args.length === arity + 1 && allowOutput) {
    return { call: { k: "call", target, args: args.slice(0, arity), loc: t.loc }, out: args[arity] as CT };
  }
  return err("rego_type_error", `${shown}: arity mismatch: ${arity} argument(s) expected, got ${args.length}`, t.loc);
}

export function compileBody(body: readonly Expr[], sc: Scope, env: Env): CExpr[] {
  const out: CExpr[] = [];
  for (const e of body) {
    switch (e.e) {
      case "term": {
        if (e.term.t === "call") {
          const c = compileCall(e.term, sc, env, true);
          if (c.out) out.push({ k: "unify", a: c.out, b: c.call, neg: e.negated, loc: e.loc });
          else out.push({ k: "term", t: c.call, neg: e.negated, loc: e.loc });
        } else out.push({ k: "term", t: compileTerm(e.term, sc, env), neg: e.negated, loc: e.loc });
        break;
      }
      case "assign":
      case "unify":
        out.push({ k: "unify", a: compileTerm(e.lhs, sc, env), b: compileTerm(e.rhs, sc, env), neg: e.negated, loc: e.loc });
        break;
      case "some":
        break;
      case "somein": {
        const domain = compileTerm(e.domain, sc, env);
        const key = e.key ? compileTerm(e.key, sc, env) : undefined;
        out.push({ k: "somein", ...(key ? { key } : {}), value: compileTerm(e.value, sc, env), domain, loc: e.loc });
        break;
      }
      case "every": {
        const domain = compileTerm(e.domain, sc, env);
        const inner = new Scope(sc.frame, sc);
        if (e.key) declare(e.key, inner, env, true);
        declare(e.value, inner, env, true);
        const key = e.key ? compileTerm(e.key, inner, env) : undefined;
        const value = compileTerm(e.value, inner, env);
        collect(e.body, inner, env);
        const ebody = orderBody(compileBody(e.body, inner, env), inner, new Set(key && key.k === "var" ? [key.slot] : []).add((value as { slot: number }).slot));
        out.push({ k: "every", ...(key ? { key } : {}), value, domain, body: ebody, loc: e.loc });
        break;
      }
    }
  }
  return out;
}

