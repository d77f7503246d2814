// Judging one case: each engine's Report against the case's expectation, and against the
// reference evaluator's Report (so that engines agree on everything a Report says, not only on
// what the case names). Returns each engine's problems, in words a reader can act on.
import { show } from "../../src/eval/value.js";
import { canonical } from "../helpers/opa-server.js";
import type { Case, EngineName } from "./corpus.js";
import type { Outcome } from "./engines.js";

interface ReportLike {
  readonly controls: readonly {
    readonly id: string;
    readonly status: string;
    readonly results: readonly { readonly subject: { readonly key: string }; readonly status: string; readonly failures: readonly { readonly message: string }[] }[];
  }[];
  readonly waivers: readonly { readonly state: string }[];
}

/** What the Report says about the case, in the terms of its expectation; undefined when it says it. */
export function expectationProblem(c: Case, report: unknown): string | undefined {
  const r = report as ReportLike;
  const e = c.expect;
  if (e.form === "value" || e.form === "require") {
    const ctl = r.controls[0];
    const res = ctl?.results;
    if (ctl === undefined || res === undefined || res.length !== 1) return `expected one subject, got ${res?.length ?? "no"} results`;
    const only = res[0]!;
    if (e.form === "value") {
      const want = show(e.shown);
      const got = only.status === "fail" && only.failures.length === 1 ? only.failures[0]!.message : `status ${only.status} (${only.failures.map((f) => f.message).join("; ")})`;
      return got === want ? undefined : `expected the value ${want}, got ${got}`;
    }
    if (only.status !== e.status) return `expected ${e.status}, got ${only.status}${only.failures.length > 0 ? ` (${only.failures.map((f) => f.message).join("; ")})` : ""}`;
    if (e.messages !== undefined) {
      const got = only.failures.map((f) => f.message);
      if (JSON.stringify(got) !== JSON.stringify(e.messages)) return `expected the messages ${JSON.stringify(e.messages)}, got ${JSON.stringify(got)}`;
    }
    return undefined;
  }
  for (const [id, want] of Object.entries(e.controls)) {
    const ctl = r.controls.find((x) => x.id === id);
    if (ctl === undefined) return `no control ${id} in the report`;
    if (typeof want === "string") {
      if (ctl.status !== want) return `expected ${id} ${want}, got ${ctl.status}`;
      continue;
    }
    const got = Object.fromEntries(ctl.results.map((x) => [x.subject.key, x.status]));
    if (JSON.stringify(got) !== JSON.stringify(want)) return `expected ${id} ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
  }
  for (const [id, want] of Object.entries(e.messages ?? {})) {
    const got = r.controls.find((x) => x.id === id)?.results.flatMap((x) => x.failures.map((f) => f.message)) ?? [];
    if (JSON.stringify(got) !== JSON.stringify(want)) return `expected the messages of ${id} ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
  }
  if (e.waivers !== undefined) {
    const got = r.waivers.map((w) => w.state);
    if (JSON.stringify(got) !== JSON.stringify(e.waivers)) return `expected the waivers ${JSON.stringify(e.waivers)}, got ${JSON.stringify(got)}`;
  }
  return undefined;
}

/** Where two texts first differ, with a little context. */
function difference(want: string, got: string): string {
  let at = 0;
  while (at < want.length && want[at] === got[at]) at++;
  const around = (t: string) => `…${t.slice(Math.max(0, at - 80), at + 120)}…`;
  return `the Report differs from the reference's at character ${at}:\n      reference: ${around(want)}\n      this:      ${around(got)}`;
}

export interface EngineProblem {
  readonly engine: EngineName;
  readonly problem: string;
}

/**
 * Each engine's problems with a case: an error, a Report that misses the expectation, or one
 * that differs from the reference evaluator's.
 */
export function judge(c: Case, outcomes: ReadonlyMap<EngineName, Outcome>): EngineProblem[] {
  const out: EngineProblem[] = [];
  const ref = outcomes.get("reference");
  const refText = ref !== undefined && "report" in ref ? canonical(ref.report) : undefined;
  for (const [engine, o] of outcomes) {
    if ("error" in o) {
      out.push({ engine, problem: `error: ${o.error}` });
      continue;
    }
    const p = expectationProblem(c, o.report);
    if (p !== undefined) {
      out.push({ engine, problem: p });
      continue;
    }
    if (engine !== "reference" && refText !== undefined) {
      const text = canonical(o.report);
      if (text !== refText) out.push({ engine, problem: difference(refText, text) });
    }
  }
  return out;
}

/** The verdict on a case: what fails it (problems not recorded as known, known failures that no longer fail). */
export function verdict(c: Case, problems: readonly EngineProblem[], ran: readonly EngineName[]): string[] {
  const out: string[] = [];
  for (const p of problems) if (c.knownFailure[p.engine] === undefined) out.push(`${p.engine}: ${p.problem}`);
  for (const [engine, reason] of Object.entries(c.knownFailure)) {
    if (ran.includes(engine as EngineName) && !problems.some((p) => p.engine === engine)) out.push(`${engine}: recorded as a known failure (${reason}) but it now passes: remove the \`known_failure\` entry`);
  }
  return out;
}
