/**
 * Evaluating a compiled program on one export: the Report, following LANGUAGE.md §5.
 *
 * For each control: its subjects are the elements of the `for` collection; a `where`
 * conjunct that read only collected data and is false excludes a subject. Each requirement
 * is evaluated; a false requirement whose reads are all collected is a failure; a
 * requirement (or a `where` conjunct) that read a slot named in `collection.errors` makes the
 * subject `unknown` unless it already fails, whatever its value, because data that was not
 * collected proves nothing. A waiver in force turns `fail` into `waived`. When the `for`
 * collection itself reads an uncollected slot, a result with key `*` says so. A requirement or
 * `where` conjunct that read a malformed network value (its `malformed` expression, see
 * src/ir/malformed.ts) fails with those values and their pointers, whatever it evaluated to and
 * whatever uncollected slots it read; such a `where` conjunct selects the subject (requirement 0).
 */

import { assertNever } from "../util/assert-never.js";
import type { IrCondition, IrControl, IrLocated, IrProgram, IrWaiver, SlotRead } from "../ir/ir.js";
import {
  REPORT_VERSION,
  type ControlReport,
  type Failure,
  type Report,
  type Status,
  type SubjectResult,
  type UnknownEntry,
  type WaiverReport,
} from "../report/report.js";
import { verdicts, type Verdict } from "../report/verdicts.js";
import { locateMalformed, malformedMessage, type MalformedRead } from "../report/malformed.js";
import { slotDepth } from "../schema/index.js";
import { Interpreter, type ParamValues, type Tracer } from "./interp.js";
import { elements, fromJson, isList, isNumber, isObject, MISSING, show, text, type Value } from "./value.js";

export interface EvalExport {
  readonly document: unknown;
  /** Collection errors: the slot as written and its parsed steps (`"*"` for any index). */
  readonly errors: readonly { readonly slot: string; readonly steps: readonly (string | number)[] }[];
  /** Not used by the evaluation (subjects are located statically); kept for callers' convenience. */
  pointerOf?(v: object): string | undefined;
}

export interface EvalOptions {
  /** The evaluation date, YYYY-MM-DD; null means no waiver applies. */
  readonly now: string | null;
  readonly params: ParamValues;
}

type Steps = readonly (string | number)[];

/** The RFC 6901 pointer of a path. */
export function pointerOf(steps: readonly (string | number)[]): string {
  return steps.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

export function pointerSteps(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/** Do the first `n` steps of `a` and `b` agree (`"*"` on either side matches any index)? */
function samePrefix(a: Steps, b: Steps, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y || (x === "*" && typeof y !== "string") || (y === "*" && typeof x !== "string")) continue;
    return false;
  }
  return true;
}

/**
 * Does a collection error make a read undecidable? The read `p` is cut at its deepest slot.
 * Either the error is at or above what was read (`workspaces` for `workspaces[3].apps`), or
 * it is beneath it within the same slot (`workspaces[3].apps[0]` for `workspaces[3].apps`: one
 * app missing makes the list incomplete) — but not inside a nested slot of its own
 * (`workspaces[3].apps` does not affect a read of the `workspaces` list itself).
 */
export function conflicts(err: { readonly steps: Steps; readonly depth: number }, p: Steps, beneath = true): boolean {
  if (err.steps.length <= p.length) return samePrefix(err.steps, p, err.steps.length);
  return beneath && p.length >= err.depth && samePrefix(err.steps, p, p.length);
}

/** Sees each condition of a subject as it is decided (for `explain`). */
export interface ConditionObserver {
  begin(kind: "where" | "let" | "requirement", index: number): void;
  end(value: boolean, uncollected: readonly string[], malformed?: readonly MalformedRead[]): void;
}

export class Evaluation {
  private readonly interp: Interpreter;

  constructor(
    private readonly program: IrProgram,
    private readonly input: EvalExport,
    private readonly options: EvalOptions,
    tracer?: Tracer,
    private readonly observer?: ConditionObserver,
  ) {
    this.interp = new Interpreter(program, options.params, input.document, tracer);
    this.errors = input.errors.map((e) => ({ ...e, depth: slotDepth(e.steps) }));
  }

  private readonly errors: readonly { readonly slot: string; readonly steps: Steps; readonly depth: number }[];

  /** The malformed network values a condition read, located in the export (none when it cannot read any). */
  malformed(cond: IrCondition, subject: Steps): MalformedRead[] {
    if (cond.malformed === undefined) return [];
    const values = elements(this.interp.evalUntraced(cond.malformed)).filter((v): v is string => typeof v === "string");
    return values.length === 0 ? [] : locateMalformed(this.input.document, values, cond.reads, subject);
  }

  /** The collection errors covering any of `reads`, for a subject at `subject` steps. */
  uncollected(reads: readonly SlotRead[], subject: Steps, beneath = true): string[] {
    if (this.errors.length === 0) return [];
    const out: string[] = [];
    for (const err of this.errors) {
      if (reads.some((r) => conflicts(err, r.root === "subject" ? [...subject, ...r.steps] : r.steps, beneath))) out.push(err.slot);
    }
    return out;
  }

  report(): Report {
    const doc = isObject(this.input.document) ? this.input.document : {};
    const str = (v: unknown) => (typeof v === "string" ? v : null);
    const collection = isObject(doc["collection"]) ? doc["collection"] : {};
    const account = isObject(doc["account"]) ? doc["account"] : {};
    const controls = this.program.controls.map((c) => this.control(c));
    const summary = { pass: 0, fail: 0, unknown: 0, waived: 0 };
    for (const c of controls) for (const r of c.results) summary[r.status]++;
    return {
      perimeter: REPORT_VERSION,
      now: this.options.now,
      export: { schema: str(doc["schema"]), exported_at: str(doc["exported_at"]), cloud: str(collection["cloud"]), account_id: str(account["account_id"]) },
      controls,
      waivers: this.waivers(controls),
      summary,
    };
  }

  control(c: IrControl): ControlReport {
    const results: SubjectResult[] = [];
    // Membership of the collection: only an error at or above it hides subjects (an error in
    // one element's data is that subject's business).
    const collectionGaps = this.uncollected(c.subject.collection.reads, [], false);
    if (collectionGaps.length > 0) {
      results.push({
        subject: { kind: c.subject.kind, key: "*", label: "subjects that were not collected", pointer: "" },
        status: "unknown",
        failures: [],
        unknown: [{ requirement: 0, statement: "for", slots: collectionGaps }],
        waiver: null,
      });
    }
    for (const { steps, value } of this.subjects(c)) {
      const r = this.subject(c, value, steps);
      if (r !== undefined) results.push(r);
    }
    const statuses = new Set(results.map((r) => r.status));
    const status = results.length === 0 ? "not_applicable" : statuses.has("fail") ? "fail" : statuses.has("unknown") ? "unknown" : statuses.has("waived") ? "waived" : "pass";
    const remediation = c.remediation === undefined ? null : text(this.interp.eval(c.remediation));
    return {
      id: c.id,
      title: c.title,
      severity: c.severity,
      frameworks: c.frameworks,
      remediation,
      description: c.description ?? null,
      docs: c.docs ?? null,
      package: c.package,
      source: { file: c.origin.file, line: c.origin.line },
      status,
      results,
    };
  }

  /** The subjects of a control: the values of its located collection, with their paths. */
  subjects(c: IrControl): { steps: (string | number)[]; value: Value }[] {
    const out: { steps: (string | number)[]; value: Value }[] = [];
    const walk = (l: IrLocated, emit: (steps: (string | number)[], v: Value) => void): void => {
      switch (l.k) {
        case "root":
          return emit([], fromJson(this.input.document));
        case "field":
          return walk(l.of, (s, v) => {
            if (isObject(v) && Object.prototype.hasOwnProperty.call(v, l.field)) {
              const x = fromJson(v[l.field]);
              if (x !== MISSING) emit([...s, l.field], x);
            }
          });
        case "nth":
          return walk(l.of, (s, v) => {
            const x = isList(v) ? fromJson(v[l.index]) : MISSING;
            if (x !== MISSING) emit([...s, l.index], x);
          });
        case "each":
          return walk(l.of, (s, v) => elements(v).forEach((x, i) => {
            const y = fromJson(x);
            if (y !== MISSING) emit([...s, i], y);
          }));
        case "filter":
          return walk(l.of, (s, v) => {
            if (this.interp.withVar(l.v, v, () => this.interp.truth(l.where))) emit(s, v);
          });
        case "join":
          for (const p of l.parts) walk(p, emit);
          return;
        default:
          assertNever(l, "located collection");
      }
    };
    walk(c.subject.source, (steps, value) => out.push({ steps, value }));
    return out;
  }

  /** The result of one subject (at `steps` in the export), or undefined when its `where` excludes it. */
  subject(c: IrControl, value: Value, steps: readonly (string | number)[]): SubjectResult | undefined {
    const pointer = pointerOf(steps);
    return this.interp.withVar(c.subject.v, value, () => {
      const unknown: UnknownEntry[] = [];
      const failures: Failure[] = [];
      const gaps = (cond: IrCondition) => this.uncollected(cond.reads, steps);
      const malformedFailure = (requirement: number, statement: string, line: number, bad: readonly MalformedRead[]): Failure => ({ requirement, statement, message: malformedMessage(bad), line, malformed: bad });
      // where: excluded by a collected conjunct that is false; a conjunct reading uncollected
      // data cannot exclude, and makes the subject unknown at best; a conjunct that read a
      // malformed value selects the subject, which fails.
      for (const [i, w] of c.subject.where.entries()) {
        const g = gaps(w);
        this.observer?.begin("where", i + 1);
        const holds = this.interp.truth(w.expr);
        const bad = this.malformed(w, steps);
        this.observer?.end(holds, g, bad);
        if (bad.length > 0) failures.push(malformedFailure(0, "where", w.expr.origin.line, bad));
        else if (g.length === 0 && !holds) return undefined;
        else if (g.length > 0) unknown.push({ requirement: 0, statement: "where", slots: g });
      }
      for (const [i, l] of c.lets.entries()) {
        this.observer?.begin("let", i + 1);
        this.interp.bind(l.v, this.interp.eval(l.value));
        this.observer?.end(true, []);
      }
      for (const r of c.requirements) {
        const g = gaps(r);
        this.observer?.begin("requirement", r.index);
        const holds = this.interp.truth(r.expr);
        const bad = this.malformed(r, steps);
        this.observer?.end(holds, g, bad);
        if (bad.length > 0) failures.push(malformedFailure(r.index, r.statement, r.origin.line, bad));
        else if (g.length > 0) unknown.push({ requirement: r.index, statement: r.statement, slots: g });
        else if (!holds) failures.push({ requirement: r.index, statement: r.statement, message: text(this.interp.eval(r.message)), line: r.origin.line });
      }
      const key = this.key(c, value, pointer);
      let status: Status = failures.length > 0 ? "fail" : unknown.length > 0 ? "unknown" : "pass";
      const waiver = status === "fail" ? this.activeWaiver(c.id, key) : undefined;
      if (waiver !== undefined) status = "waived";
      return {
        subject: { kind: c.subject.kind, key, label: this.label(c, value, key), pointer },
        status,
        failures,
        unknown,
        waiver: waiver === undefined ? null : { until: waiver.until, reason: waiver.reason, approved_by: waiver.approvedBy ?? null },
      };
    });
  }

  private path(value: Value, path: readonly string[]): Value {
    let cur: Value = value;
    for (const f of path) cur = isObject(cur) && Object.prototype.hasOwnProperty.call(cur, f) ? fromJson(cur[f]) : fromJson(undefined);
    return cur;
  }

  private key(c: IrControl, value: Value, pointer: string): string {
    const k = this.path(value, c.subject.key);
    if (typeof k === "string") return k;
    if (isNumber(k)) return show(k);
    return pointer;
  }

  private label(c: IrControl, value: Value, key: string): string {
    for (const p of c.subject.label) {
      const v = this.path(value, p);
      if ((typeof v === "string" && v !== "") || isNumber(v)) return text(v);
    }
    return key;
  }

  private activeWaiver(control: string, key: string): IrWaiver | undefined {
    const now = this.options.now;
    if (now === null) return undefined;
    return this.program.waivers.find((w) => w.control === control && w.key === key && w.until >= now);
  }

  private waivers(controls: readonly ControlReport[]): WaiverReport[] {
    const now = this.options.now;
    return this.program.waivers.map((w) => {
      const used = controls.some((c) => c.id === w.control && c.results.some((r) => r.status === "waived" && r.subject.key === w.key && r.waiver?.until === w.until));
      return waiverReport(w, now, used);
    });
  }
}

/** A waiver as the Report lists it: `expired` after its date, else `active` when a result used it. */
export function waiverReport(w: IrWaiver, now: string | null, used: boolean): WaiverReport {
  return {
    control: w.control,
    key: w.key,
    until: w.until,
    reason: w.reason,
    approved_by: w.approvedBy ?? null,
    state: now !== null && w.until < now ? "expired" : used ? "active" : "unused",
    source: { file: w.origin.file, line: w.origin.line },
  };
}

export function evaluate(program: IrProgram, input: EvalExport, options: EvalOptions): Report {
  return new Evaluation(program, input, options).report();
}

/** The verdicts of the program on one export: those of its Report (src/report/verdicts.ts). */
export function evaluateVerdicts(program: IrProgram, input: EvalExport, options: EvalOptions): Verdict[] {
  return verdicts(evaluate(program, input, options));
}

