/**
 * One Perimeter package as Rego files in one directory (Regal: directory-package-mismatch):
 * `declarations.rego` (params, lets, defs), one `control_<id>.rego` per control, and
 * `report.rego` with the `report` and `verdicts` entrypoints. Files stay well under Regal's 500-line limit.
 *
 * Params read `data.perimeter.params["<package>"].<name>` and fall back to their default;
 * defs whose body is a condition become partial predicates (a top-level `or` gives one
 * body per alternative), other defs total functions; lets are rules.
 */

import type { IrControl, IrDef, IrPackage, IrProgram, IrVar } from "../../ir/ir.js";
import { controlRules } from "./control.js";
import { predicate, RuleSink } from "./rules.js";
import { alternatives, body, isCondition, RegoExpr, type ExprContext, type RegoScope } from "./expr.js";
import { call, ident, json, Locals, packageDir, packagePath, refersTo, refKey, str, wildcardUnused } from "./names.js";

export interface RegoFile {
  readonly path: string;
  readonly text: string;
}

/**
 * A predicate that is true or false, never undefined: `head if {…} else if {…} … else := false`,
 * one branch per alternative. OPA memoises the calls of a function only when
 * their result is defined, so a partial predicate that fails is evaluated again at every call
 * (a def failing for every subject, or with the same arguments for many, would be re-derived
 * each time); `f(x)` and `not f(x)` read a false value as they read an undefined one.
 */
export function totalPredicateRules(name: string, params: readonly string[], bodies: readonly (readonly string[])[]): string[] {
  // A false alternative adds nothing (a `:= false` beside a true one would be a conflict).
  const live = bodies.filter((b) => !(b.length === 1 && b[0] === "false"));
  // A rule without arguments is evaluated once per query anyway (and Regal prefers `default`):
  // one partial rule per alternative, or `:= false` when all are false.
  if (params.length === 0) return (live.length > 0 ? live : [["false"]]).map((b) => `${name} ${predicate(b).join(" ")}`);
  const head = call(name, params);
  const always = live.findIndex((b) => b.length === 0 || (b.length === 1 && b[0] === "true"));
  const branches = always < 0 ? live : live.slice(0, always);
  if (branches.length === 0) return [`${head} := ${always < 0 ? "false" : "true"}`];
  return [`${head} if ${branches.map(body).join(" else if ")} else := ${always < 0 ? "false" : "true"}`];
}

/** Names of the rules a package declares in Rego (user names, renamed around reserved ones). */
export function declaredName(name: string): string {
  const reserved = new Set(["report", "verdicts", "perimeter_controls", "perimeter_waivers"]);
  const n = ident(name);
  return reserved.has(n) || n.startsWith("control_") ? `${n}_` : n;
}

export class PackageEmitter {
  readonly imports = new Map<string, string>();
  private readonly predicates: Set<string>;

  constructor(
    readonly program: IrProgram,
    readonly pkg: IrPackage,
    predicates: Set<string>,
  ) {
    this.predicates = predicates;
  }

  /** The alias under which another package is imported into this one. */
  alias(other: string): string {
    const known = this.imports.get(other);
    if (known !== undefined) return known;
    const last = other.split(".").at(-1)!;
    const taken = new Set([...this.imports.values(), "lib"]);
    const a = taken.has(ident(last)) ? ident(other.replace(/\./g, "_")) : ident(last);
    this.imports.set(other, a);
    return a;
  }

  /**
   * How expressions refer to this package's names and add rules. With `memoise` (functions),
   * iterations become memoised helper functions and constants rules without arguments; the
   * package's lets, rules without arguments themselves, are written inline.
   */
  context(sink: RuleSink, letCall: ExprContext["letCall"] = () => undefined, letDeps: ExprContext["letDeps"] = () => [], memoise = true): ExprContext {
    return {
      ref: (pkg, name) => (pkg === this.pkg.name ? declaredName(name) : `${this.alias(pkg)}.${declaredName(name)}`),
      isPredicate: (pkg, name) => this.predicates.has(`${pkg}.${name}`),
      letCall,
      letDeps,
      auxiliary: (base, params, bodies) => {
        const name = sink.name(base);
        sink.pending.push(...totalPredicateRules(name, params, bodies));
        return name;
      },
      ...(memoise
        ? {
            helper: (base: string, params: readonly string[], rules: (head: string) => string[]) => {
              // Equal definitions (`[d.destination for d in …]` twice) share a helper, and so its memo.
              const key = rules(call("\u0000", params)).join("\n\n");
              const known = sink.helpers.get(key);
              if (known !== undefined) return known;
              const name = sink.name(base);
              sink.helpers.set(key, name);
              sink.pending.push(...rules(call(name, params)));
              return name;
            },
          }
        : {}),
    };
  }

  private header(usesLib: boolean): string {
    const imports = [...this.imports.entries()]
      .map(([pkg, alias]) => `import data.${packagePath(pkg)}${alias === ident(pkg.split(".").at(-1)!) ? "" : ` as ${alias}`}`)
      .sort();
    const all = [...(usesLib ? ["import data.perimeter.lib"] : []), ...imports].sort();
    return [`package ${packagePath(this.pkg.name)}`, "", "import rego.v1", ...(all.length > 0 ? ["", ...all] : [])].join("\n");
  }

  /** A complete file: package, imports (as used by the rules), rules separated by blank lines. */
  file(name: string, rules: readonly string[], comment?: string): RegoFile {
    const head = comment ? `${comment.split("\n").map((l) => (l ? `# ${l}` : "#")).join("\n")}\n` : "";
    const text = rules.map(wildcardUnused).join("\n\n");
    return { path: `${packageDir(this.pkg.name)}/${name}.rego`, text: `${head}${this.header(refersTo(text, "lib"))}\n\n${text}\n` };
  }

  declarations(): RegoFile | undefined {
    const { params, lets, defs } = this.pkg;
    if (params.length + lets.length + defs.length === 0) return undefined;
    this.imports.clear();
    const sink = new RuleSink("decl");
    const ctx = this.context(sink);
    const rx = new RegoExpr(ctx);
    const letRx = new RegoExpr(this.context(sink, undefined, undefined, false));
    const rules: string[] = [];
    for (const p of params) {
      const n = declaredName(p.name);
      rules.push(`# Site parameter; overridden by data.perimeter.params[${str(this.pkg.name)}].${p.name}.\ndefault ${n} := ${json(p.value)}`);
      rules.push(`${n} := value if ${body([`value := data.perimeter.params${refKey(this.pkg.name)}${refKey(p.name)}`])}`);
    }
    for (const l of lets) {
      const scope: RegoScope = { names: new Map(), locals: new Locals() };
      rules.push(`${declaredName(l.name)} := ${letRx.value(l.value, scope)}`, ...sink.flush());
    }
    for (const d of defs) rules.push(...this.def(d, rx, sink));
    return this.file("declarations", rules);
  }

  private def(d: IrDef, rx: RegoExpr, sink: RuleSink): string[] {
    const names = new Map<number, string>();
    const locals = new Locals();
    const params = d.params.map((p: IrVar) => {
      const n = locals.fresh(p.name);
      names.set(p.id, n);
      return n;
    });
    const head = call(declaredName(d.name), params);
    const out: string[] = [];
    if (this.predicates.has(`${this.pkg.name}.${d.name}`)) {
      const bodies = alternatives(d.body).map((alt) => rx.cond(alt, { names: new Map(names), locals: new Locals(params) }));
      out.push(...totalPredicateRules(declaredName(d.name), params, bodies));
    } else {
      const scope: RegoScope = { names, locals };
      out.push(`${head} := ${rx.value(d.body, scope)}`);
    }
    return [...out, ...sink.flush()];
  }

  controls(): RegoFile[] {
    return this.program.controls.filter((c: IrControl) => c.package === this.pkg.name).map((c) => {
      this.imports.clear();
      const prefix = `control_${c.id.toLowerCase().replace(/[^a-z0-9]+/g, "_")}`;
      return this.file(prefix, controlRules(this, c, prefix));
    });
  }

  report(): RegoFile | undefined {
    const controls = this.program.controls.filter((c) => c.package === this.pkg.name);
    if (controls.length === 0) return undefined;
    this.imports.clear();
    const ids = new Set(controls.map((c) => c.id));
    const waivers = this.program.waivers.filter((w) => ids.has(w.control));
    const names = controls.map((c) => `control_${c.id.toLowerCase().replace(/[^a-z0-9]+/g, "_")}`);
    const waiverTerms = waivers.map((w) =>
      json({ control: w.control, key: w.key, until: w.until, reason: w.reason, approved_by: w.approvedBy ?? null, source: { file: w.origin.file, line: w.origin.line } }),
    );
    const list = (items: readonly string[]) => (items.length === 0 ? "[]" : `[\n${items.map((i) => `\t${i},`).join("\n")}\n]`);
    return this.file("report", [
      `# METADATA\n# title: Perimeter report of package ${this.pkg.name}\n# description: Every control of the package, with every subject it selected, on the export given as input.\n# entrypoint: true\nreport := lib.report(perimeter_controls, perimeter_waivers)`,
      `# METADATA\n# title: Perimeter verdicts of package ${this.pkg.name}\n# description: The report reduced to each result's control, subject key, status and failed requirement numbers.\n# entrypoint: true\nverdicts := lib.verdicts(report)`,
      `perimeter_controls := ${list(names)}`,
      `perimeter_waivers := ${list(waiverTerms)}`,
    ]);
  }
}

/** Defs whose body is a condition: compiled as partial predicates (a fixed point over calls). */
export function predicateDefs(program: IrProgram): Set<string> {
  const out = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const p of program.packages) {
      for (const d of p.defs) {
        const key = `${p.name}.${d.name}`;
        if (!out.has(key) && isCondition(d.body, { isPredicate: (pkg, name) => out.has(`${pkg}.${name}`) })) {
          out.add(key);
          changed = true;
        }
      }
    }
  }
  return out;
}
