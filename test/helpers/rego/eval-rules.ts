/**
 * Rule and function values, memoised per evaluation (OPA's virtual cache), and the data tree.
 *
 * A complete rule or function (evalVirtualComplete.evalValue / evalFunc.evalValue):
 * - each definition is tried; when its body has no solution (a head value that is undefined is
 *   part of the body: rewriteRefsInHead appends it), its `else` branches are tried in order and
 *   the first one with a solution counts;
 * - every solution of every definition must produce the same value, otherwise
 *   eval_conflict_error ("complete rules must not produce multiple outputs", "functions must
 *   not produce multiple outputs for same inputs"); when all definitions have one and the same
 *   constant value, evaluation stops at the first solution (IndexResult.EarlyExit);
 * - without any value, the `default` value applies.
 * Recursion is rejected when the program is built (program.ts), so values never depend on themselves.
 */

import { RegoError } from "./errors.js";
import type { Branch, CT, RuleSet } from "./ir.js";
import { PkgNode } from "./program.js";
import { RNum } from "./number.js";
import { TermEval, type Frame, type K } from "./eval.js";
import { getKey } from "./builtins-core.js";
import { equal, ObjectBuilder, RObject, type Value } from "./value.js";

const UNDEF: unique symbol = Symbol("undefined");

/**
 * Memoised function results per argument list: a trie keyed by the arguments themselves
 * (scalars by value, numbers that are RNums by their text, arrays and objects by identity).
 */
interface Memo {
  next?: Map<unknown, Memo>;
  texts?: Map<string, Memo>;
  val?: Value | typeof UNDEF;
}

function memoNode(root: Memo, args: readonly Value[]): Memo {
  let node = root;
  for (const a of args) {
    const map = a instanceof RNum ? (node.texts ??= new Map()) : (node.next ??= new Map());
    const key = a instanceof RNum ? a.text : a;
    let child = map.get(key);
    if (child === undefined) map.set(key, (child = {}));
    node = child;
  }
  return node;
}

export class Evaluator extends TermEval {
  private readonly ruleCache = new Map<RuleSet, Value | typeof UNDEF>();
  private readonly funcCache = new Map<RuleSet, Memo>();

  constructor(
    private readonly root: PkgNode,
    private readonly base: Value,
    input: Value | undefined,
    strict: boolean,
  ) {
    super(input, strict);
  }

  protected ruleValue(rs: RuleSet): Value | undefined {
    const c = this.ruleCache.get(rs);
    if (c !== undefined) return c === UNDEF ? undefined : c;
    const v = this.evalDefs(rs, []);
    this.ruleCache.set(rs, v === undefined ? UNDEF : v);
    return v;
  }

  protected funcValue(rs: RuleSet, args: readonly Value[]): Value | undefined {
    let memo = this.funcCache.get(rs);
    if (memo === undefined) this.funcCache.set(rs, (memo = {}));
    const node = memoNode(memo, args);
    const c = node.val;
    if (c !== undefined) return c === UNDEF ? undefined : c;
    const v = this.evalDefs(rs, args);
    node.val = v === undefined ? UNDEF : v;
    return v;
  }

  private evalDefs(rs: RuleSet, args: readonly Value[]): Value | undefined {
    let result: Value | undefined;
    let produced = false;
    let loc = rs.loc;
    const emit: K = (v) => {
      produced = true;
      if (result === undefined) result = v;
      else if (!equal(result, v)) {
        const what = rs.kind === "func" ? "functions must not produce multiple outputs for same inputs" : "complete rules must not produce multiple outputs";
        throw new RegoError("eval_conflict_error", what, loc);
      }
      return rs.earlyExit;
    };
    for (const def of rs.defs) {
      produced = false;
      for (const br of def) {
        loc = br.loc;
        this.branch(br, args, emit);
        if (produced) break;
      }
      if (produced && rs.earlyExit) break;
    }
    return result === undefined ? rs.dflt : result;
  }

  private branch(br: Branch, args: readonly Value[], emit: K): boolean {
    const f: Frame = new Array(br.nslots);
    // Head args that are vars or constants bind directly (the frame is new); others unify.
    let i = 0;
    for (; i < args.length; i++) {
      const p = br.args[i] as CT;
      const a = args[i] as Value;
      if (p.k === "var") {
        const cur = f[p.slot];
        if (cur === undefined) f[p.slot] = a;
        else if (!equal(cur, a)) return false;
      } else if (p.k === "const") {
        if (!equal(p.v, a)) return false;
      } else break;
    }
    const run = (): boolean => this.body(br.body, 0, f, () => this.term(br.value, f, emit));
    const step = (j: number): boolean => (j === args.length ? run() : this.unifyValue(br.args[j] as CT, args[j] as Value, f, () => step(j + 1)));
    return step(i);
  }

  queryPath(path: readonly CT[], k: K): boolean {
    return this.dataRef(path, [], k);
  }

  /** A ref rooted at `data`: rules where the tree has them, base documents otherwise. */
  protected dataRef(path: readonly CT[], f: Frame, k: K): boolean {
    return this.dataPath(this.root, this.base, path, 0, f, k);
  }

  private dataPath(node: PkgNode, base: Value | undefined, path: readonly CT[], i: number, f: Frame, k: K): boolean {
    if (i === path.length) return k(this.extent(node, base));
    const p = path[i] as CT;
    if (!(p.k === "const" || (p.k === "var" && f[p.slot] !== undefined))) {
      return this.path(this.extent(node, base), path, i, f, k);
    }
    return this.term(p, f, (key) => {
      const child = typeof key === "string" ? node.children.get(key) : undefined;
      const b = base === undefined ? undefined : getKey(base, key);
      if (child === undefined) return b === undefined ? false : this.path(b, path, i + 1, f, k);
      if (child instanceof PkgNode) return this.dataPath(child, b, path, i + 1, f, k);
      if (child.kind === "func") return false;
      const v = this.ruleValue(child);
      return v === undefined ? false : this.path(v, path, i + 1, f, k);
    });
  }

  /** The document at a package node: its rules' values (functions skipped) over base data. */
  extent(node: PkgNode, base: Value | undefined): Value {
    const b = new ObjectBuilder();
    if (base instanceof RObject) for (const [key, v] of base.entries()) b.set(key, v);
    for (const [name, child] of node.children) {
      if (child instanceof PkgNode) b.set(name, this.extent(child, base === undefined ? undefined : getKey(base, name)));
      else if (child.kind === "rule") {
        const v = this.ruleValue(child);
        if (v !== undefined) b.set(name, v);
      }
    }
    return b.build();
  }
}

/** Evaluates `data.<path>` (constant segments) to its value, or undefined. */
export function query(ev: Evaluator, path: readonly string[]): Value | undefined {
  let result: Value | undefined;
  ev.queryPath(path.map((s) => ({ k: "const", v: s }) as CT), (v) => {
    result = v;
    return true;
  });
  return result;
}
