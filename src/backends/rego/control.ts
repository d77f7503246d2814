/**
 * One control as Rego rules, mirroring the evaluator's verdict rules (src/eval/run.ts):
 *
 *   <c>_subjects       the located subjects: [{"steps": […], "value": …}] in export order
 *   <c>_where(i, s)    the i-th conjunct of `where` holds for subject s
 *   <c>_excluded(…)    a collected conjunct is false
 *   <c>_conditions     every where-conjunct and requirement with the slots it reads
 *   <c>_holds(i, s)    requirement i holds;  <c>_message(i, s): its failure message
 *   <c>_let_<name>(s)  a control let
 *   <c>_failures, <c>_unknown, <c>_result, and the control rule <c> itself (with METADATA)
 */

import type { IrControl, IrLocated, IrVar, SlotRead } from "../../ir/ir.js";
import { assertNever } from "../../util/assert-never.js";
import { body, comprehension, indent, RegoExpr, type ExprContext, type RegoScope } from "./expr.js";
import { predicate, RuleSink } from "./rules.js";
import { json, Locals, refersTo, str } from "./names.js";

function reads(rs: readonly SlotRead[]): string {
  return json(rs.map((r) => ({ root: r.root, steps: r.steps })));
}

/** YAML for a METADATA block: JSON scalars are YAML scalars; long text is folded (`>-`). */
function yaml(v: unknown, indent = "#   "): string {
  const s = JSON.stringify(v);
  if (typeof v !== "string" || s.length <= 90 || /[\n"\\]/.test(v)) return s;
  const words = v.split(" ");
  const lines: string[] = [];
  let cur = "";
  for (const w of words) {
    if (cur !== "" && cur.length + w.length + 1 > 90) {
      lines.push(cur);
      cur = w;
    } else cur = cur === "" ? w : `${cur} ${w}`;
  }
  if (cur !== "") lines.push(cur);
  return `>-\n${lines.map((l) => `${indent}${l}`).join("\n")}`;
}

function metadata(c: IrControl, remediationText: string | undefined): string {
  const lines = ["# METADATA", `# title: ${yaml(c.title)}`];
  if (c.description !== undefined) lines.push(`# description: ${yaml(c.description, "#   ")}`);
  lines.push("# custom:", `#   id: ${yaml(c.id)}`, `#   severity: ${c.severity}`);
  if (c.frameworks.length > 0) lines.push("#   frameworks:", ...c.frameworks.map((f) => `#     - ${yaml(f)}`));
  if (remediationText !== undefined) lines.push(`#   remediation: ${yaml(remediationText, "#     ")}`);
  if (c.docs !== undefined) lines.push(`#   docs: ${yaml(c.docs, "#     ")}`);
  return lines.join("\n");
}

/** The subjects as a comprehension (or an array.concat of several, for `join`). */
function subjects(rx: RegoExpr, l: IrLocated, scope: RegoScope): string {
  const parts: string[] = [];
  const walk = (x: IrLocated, k: (value: string, steps: string[], stmts: string[]) => void): void => {
    switch (x.k) {
      case "root":
        return k("input", [], []);
      case "field":
        return walk(x.of, (v, steps, stmts) => {
          const n = scope.locals.fresh("value");
          k(n, [...steps, str(x.field)], [...stmts, `${n} := lib.field(${v}, ${str(x.field)})`, `${n} != null`]);
        });
      case "nth":
        return walk(x.of, (v, steps, stmts) => {
          const n = scope.locals.fresh("value");
          k(n, [...steps, String(x.index)], [...stmts, `${n} := lib.nth(${v}, ${x.index})`, `${n} != null`]);
        });
      case "each":
        return walk(x.of, (v, steps, stmts) => {
          const i = scope.locals.fresh("i");
          const n = scope.locals.fresh("item");
          k(n, [...steps, i], [...stmts, `some ${i}, ${n} in lib.elems(${v})`, `${n} != null`]);
        });
      case "filter":
        return walk(x.of, (v, steps, stmts) => {
          scope.names.set(x.v.id, v);
          k(v, steps, [...stmts, ...rx.cond(x.where, scope)]);
        });
      case "join":
        for (const p of x.parts) walk(p, k);
        return;
      default:
        return assertNever(x, "located collection");
    }
  };
  walk(l, (v, steps, stmts) => parts.push(comprehension(`{"steps": [${steps.join(", ")}], "value": ${v}}`, stmts)));
  if (parts.length === 0) return "[]";
  return parts.reduce((acc, p) => `array.concat(${acc}, ${p})`);
}

/** A numbered rule family's caller: `<c>_<name>(i[, subject])`. */
type Caller = (i: number | string) => string;

const SUBJECT = "subject";

/** The rules of one control, section by section, in the order they are emitted. */
/** What the control emitter needs of its package's emitter (module.ts `PackageEmitter`). */
export interface PackageContext {
  context(sink: RuleSink, letCall?: ExprContext["letCall"], letDeps?: ExprContext["letDeps"], memoise?: boolean): ExprContext;
}

export function controlRules(pe: PackageContext, c: IrControl, prefix: string): string[] {
  const ce = new ControlEmitter(pe, c, prefix);
  ce.subjectsRule();
  ce.letRules();
  const where = ce.whereRules();
  ce.malformedRules();
  ce.exclusionRules(where);
  ce.conditionsRule();
  const failuresTakeSubject = ce.failuresRule(ce.holdsRules(), ce.messageRules());
  ce.unknownRule();
  ce.resultRule(failuresTakeSubject);
  ce.controlRule();
  return ce.rules;
}

class ControlEmitter {
  readonly rules: string[] = [];
  private readonly sink: RuleSink;
  private readonly rx: RegoExpr;
  private readonly letNames: Map<number, string>;
  /** Some condition can read malformed network values (src/ir/malformed.ts). */
  private readonly anyMalformed: boolean;

  constructor(
    private readonly pe: PackageContext,
    private readonly c: IrControl,
    private readonly prefix: string,
  ) {
    this.sink = new RuleSink(prefix);
    const subjectVar = c.subject.v;
    const letNames = new Map<number, string>(c.lets.map((l) => [l.v.id, `${prefix}_let_${l.v.name}`]));
    this.letNames = letNames;
    const ctx = pe.context(
      this.sink,
      (v: IrVar, scope: RegoScope) => {
        const fn = letNames.get(v.id);
        return fn === undefined ? undefined : `${fn}(${scope.names.get(subjectVar.id) ?? SUBJECT})`;
      },
      (v: IrVar) => (letNames.has(v.id) ? [subjectVar.id] : []),
    );
    this.rx = new RegoExpr(ctx);
    this.anyMalformed = c.subject.where.some((w) => w.malformed !== undefined) || c.requirements.some((r) => r.malformed !== undefined);
  }

  /** Appends rules, then the auxiliary rules their translation needed. */
  private emit(...r: string[]): void {
    this.rules.push(...r, ...this.sink.flush());
  }

  /** A fresh scope with the subject bound to `subject`. */
  private subjectScope(): RegoScope {
    return { names: new Map([[this.c.subject.v.id, SUBJECT]]), locals: new Locals([SUBJECT]) };
  }

  /**
   * A family of numbered rules (`where`, `holds`, `message`): it takes the subject only when
   * one of them reads it (Regal: argument-always-wildcard); the caller is how the others call it.
   */
  private family(name: string, rules: readonly [number, string, string][]): Caller {
    const takes = rules.some(([, , text]) => refersTo(text, SUBJECT)) || rules.length === 0;
    const args = (i: number | string) => (takes ? `${i}, ${SUBJECT}` : `${i}`);
    for (const [i, op, text] of rules) this.emit(`${this.prefix}_${name}(${args(i)}) ${op} ${text}`);
    return (i: number | string) => `${this.prefix}_${name}(${args(i)})`;
  }

  /** The key of a condition in `<c>_malformed` and `<c>_conditions`. */
  private static malformedKey(inWhere: boolean, i: number): string {
    return inWhere ? `w${i}` : `r${i}`;
  }

  /** The malformed values the condition `cond` read, located (defined only when there are some). */
  private bad(cond: string): string {
    return `${this.prefix}_bad(${cond}, ${SUBJECT}, steps)`;
  }

  /** `<c>_subjects`: the located subjects. */
  subjectsRule(): void {
    this.emit(`${this.prefix}_subjects := ${subjects(this.rx, this.c.subject.source, { names: new Map(), locals: new Locals() })}`);
  }

  /** `<c>_let_<name>(subject)`: the control's lets, functions of the subject. */
  letRules(): void {
    for (const l of this.c.lets) this.emit(`${this.letNames.get(l.v.id)}(${SUBJECT}) := ${this.rx.value(l.value, this.subjectScope())}`);
  }

  /** `<c>_where(i[, subject])`: the conjuncts of `where`. */
  whereRules(): Caller {
    return this.family(
      "where",
      this.c.subject.where.map((w, i) => [i + 1, ...predicate(this.rx.cond(w.expr, this.subjectScope()))]),
    );
  }

  /**
   * Malformed network values (src/ir/malformed.ts): `<c>_malformed(key, s)` lists those a
   * condition read, for the conditions that can read any; `<c>_bad(c, s, steps)` locates them,
   * defined only when there are some. Controls without such conditions have neither.
   */
  malformedRules(): void {
    if (!this.anyMalformed) return;
    const { c, prefix } = this;
    const rulesOf: [string, string, string][] = [
      ...c.subject.where.flatMap((w, i): [string, string, string][] => (w.malformed === undefined ? [] : [[str(ControlEmitter.malformedKey(true, i + 1)), ":=", this.rx.value(w.malformed, this.subjectScope())]])),
      ...c.requirements.flatMap((r): [string, string, string][] => (r.malformed === undefined ? [] : [[str(ControlEmitter.malformedKey(false, r.index)), ":=", this.rx.value(r.malformed, this.subjectScope())]])),
    ];
    // Each takes the subject: the family helper's wildcard rule does not apply to string keys.
    for (const [k, op, text] of rulesOf) this.emit(`${prefix}_malformed(${k}, ${SUBJECT}) ${op} ${text}`);
    this.emit(`${prefix}_bad(c, ${SUBJECT}, steps) := bad if ${body([`bad := lib.malformed_at(${prefix}_malformed(c.malformed, ${SUBJECT}), c.reads, ${SUBJECT}, steps)`, "count(bad) > 0"])}`);
  }

  /** `<c>_excluded(subject, steps)`: a conjunct of `where` that read all its slots is false. */
  exclusionRules(where: Caller): void {
    const { prefix } = this;
    this.c.subject.where.forEach((w, i) =>
      this.emit(
        `${prefix}_excluded(${SUBJECT}, steps) if ${body([
          `count(lib.gaps(${reads(w.reads)}, steps, true)) == 0`,
          `not ${where(i + 1)}`,
          ...(w.malformed === undefined ? [] : [`not ${this.bad(`${prefix}_conditions[${i}]`)}`]),
        ])}`,
      ),
    );
  }

  /** `<c>_conditions`: every where-conjunct and requirement with what it reads (for unknown). */
  conditionsRule(): void {
    const { c } = this;
    const conditions = [
      ...c.subject.where.map((w, i) =>
        json({
          requirement: 0,
          statement: "where",
          ...(w.malformed === undefined ? {} : { line: w.expr.origin.line, malformed: ControlEmitter.malformedKey(true, i + 1) }),
          reads: w.reads.map((r) => ({ root: r.root, steps: r.steps })),
        }),
      ),
      ...c.requirements.map((r) =>
        json({
          requirement: r.index,
          statement: r.statement,
          line: r.origin.line,
          ...(r.malformed === undefined ? {} : { malformed: ControlEmitter.malformedKey(false, r.index) }),
          reads: r.reads.map((x) => ({ root: x.root, steps: x.steps })),
        }),
      ),
    ];
    this.emit(`${this.prefix}_conditions := ${conditions.length === 0 ? "[]" : `[\n${conditions.map((x) => `\t${x},`).join("\n")}\n]`}`);
  }

  /** `<c>_holds(i[, subject])`: requirement i holds. */
  holdsRules(): Caller {
    return this.family(
      "holds",
      this.c.requirements.map((r) => [r.index, ...predicate(this.rx.cond(r.expr, this.subjectScope()))]),
    );
  }

  /** `<c>_message(i[, subject])`: requirement i's failure message. */
  messageRules(): Caller {
    return this.family(
      "message",
      this.c.requirements.map((r) => [r.index, ":=", this.rx.value(r.message, this.subjectScope())]),
    );
  }

  /** `<c>_failures([subject, ]steps)` (and `<c>_failure` with malformed reads); whether it takes the subject. */
  failuresRule(holds: Caller, message: Caller): boolean {
    const { prefix } = this;
    const failed = [
      "c.requirement > 0",
      "count(lib.gaps(c.reads, steps, true)) == 0",
      `not ${holds("c.requirement")}`,
    ];
    const failure = `{"requirement": c.requirement, "statement": c.statement, "message": ${message("c.requirement")}, "line": c.line}`;
    let failures: string;
    if (this.anyMalformed) {
      // A condition that read malformed values fails with them, whatever it evaluated to.
      this.emit(`${prefix}_failure(c, ${SUBJECT}, steps) := lib.malformed_failure(c, bad) if ${body([`bad := ${this.bad("c")}`])} else := ${failure} if ${body(failed)}`);
      failures = comprehension("f", [`some c in ${prefix}_conditions`, `f := ${prefix}_failure(c, ${SUBJECT}, steps)`]);
    } else {
      failures = comprehension("f", [`some c in ${prefix}_conditions`, ...failed, `f := ${failure}`]);
    }
    const takesSubject = refersTo(failures, SUBJECT);
    this.emit(`${prefix}_failures(${takesSubject ? `${SUBJECT}, ` : ""}steps) := ${failures}`);
    return takesSubject;
  }

  /** `<c>_unknown([subject, ]steps)`: the conditions that could not be decided, with the slots they lack. */
  unknownRule(): void {
    const { prefix, anyMalformed } = this;
    this.emit(
      `${prefix}_unknown(${anyMalformed ? `${SUBJECT}, ` : ""}steps) := ${comprehension("u", [
        `some c in ${prefix}_conditions`,
        "slots := lib.gaps(c.reads, steps, true)",
        "count(slots) > 0",
        ...(anyMalformed ? [`not ${this.bad("c")}`] : []),
        `u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}`,
      ])}`,
    );
  }

  /** `<c>_result(s)`: the result of a located subject (none when `where` excludes it). */
  resultRule(failuresTakeSubject: boolean): void {
    const { prefix, anyMalformed } = this;
    const s = this.c.subject;
    const path = (steps: readonly string[]) => steps.reduce((acc, f) => `lib.field(${acc}, ${str(f)})`, SUBJECT);
    const resultBody = [
      "subject := s.value",
      ...(s.where.length > 0 ? [`not ${prefix}_excluded(subject, s.steps)`] : []),
      `failures := ${prefix}_failures(${failuresTakeSubject ? "subject, " : ""}s.steps)`,
      `key := lib.subject_key(${path(s.key)}, s.steps)`,
    ];
    const subjectRef = `{"kind": ${str(s.kind)}, "key": key, "label": lib.subject_label([${s.label.map(path).join(", ")}], key), "pointer": lib.pointer(s.steps)}`;
    this.emit(
      `${prefix}_result(s) := lib.result(\n${indent(subjectRef)},\n\tfailures,\n\t${prefix}_unknown(${anyMalformed ? "subject, " : ""}s.steps),\n\tlib.waiver(perimeter_waivers, ${str(this.c.id)}, key, failures),\n) if ${body(resultBody)}`,
    );
  }

  /** The control rule `<c>` itself, with its METADATA, put first. */
  controlRule(): void {
    const { c, prefix } = this;
    const s = c.subject;
    // The remediation is part of the control rule, evaluated once: written inline.
    const inline = new RegoExpr(this.pe.context(this.sink, undefined, undefined, false));
    const remediation = c.remediation === undefined ? "null" : inline.value(c.remediation, { names: new Map(), locals: new Locals() });
    this.rules.push(...this.sink.flush());
    const remediationText = c.remediation === undefined ? undefined : c.remediation.k === "lit" ? String(c.remediation.value) : undefined;
    const meta = [
      `"id": ${str(c.id)}`,
      `"title": ${str(c.title)}`,
      `"severity": ${str(c.severity)}`,
      `"frameworks": ${json(c.frameworks)}`,
      `"remediation": ${remediation}`,
      `"description": ${json(c.description ?? null)}`,
      `"docs": ${json(c.docs ?? null)}`,
      `"package": ${str(c.package)}`,
      `"source": {"file": ${str(c.origin.file)}, "line": ${c.origin.line}}`,
    ];
    const gap = comprehension(`lib.collection_gap(${str(s.kind)}, slots)`, [`slots := lib.gaps(${reads(s.collection.reads)}, [], false)`, "count(slots) > 0"]);
    const results = comprehension("r", [`some s in ${prefix}_subjects`, `r := ${prefix}_result(s)`]);
    this.rules.unshift(
      `${metadata(c, remediationText)}\n${prefix} := lib.control(\n\t{\n${meta.map((m) => `\t\t${m},`).join("\n")}\n\t},\n\tarray.concat(\n${indent(indent(gap))},\n${indent(indent(results))},\n\t),\n)`,
    );
  }
}
