/**
 * JUnit XML, as GitLab, Jenkins and Azure DevOps read it, valid against Jenkins' strict JUnit
 * schema (`junit-4.xsd` of the xUnit plugin's model, vendored in test/report/junit-schema/ and
 * checked with libxml2 in the tests) and so against its later `junit-10.xsd` too.
 *
 * Mapping: one `<testsuite>` per control (per export when several were checked), named
 * `ID title`; one `<testcase>` per subject, `classname` = control id, `name` = subject label
 * with its key. A pass is a plain testcase (the evidence counts as a passed test); a failure
 * has `<failure message type>` with every failed requirement's message; an unknown (data not
 * collected) is `<skipped>` whose text says what was not collected (the schema allows no
 * attribute on it); a waived failure passes, with a `<system-out>` note naming the waiver —
 * CI tools would otherwise fail the build on a finding the organisation has accepted. A
 * control that selected no subject has no suite: the schema allows an empty one, but CI views
 * show it as a suite of nothing (the text, JSON, Markdown and HTML reports list it as not
 * applicable). The schema has no `file` or `line` on a testcase: the policy line of a subject
 * that is not a plain pass is the first line of its `<system-out>` (`policy: FILE:LINE`), and
 * every suite has the control's `source` property. Counts are attributes of every suite
 * (`tests`, `failures`, `errors`, `skipped`) and of `<testsuites>` (`tests`, `failures`,
 * `errors`: it has no `skipped`); `time` is always 0 (per-subject time is not measured, and
 * the output must be deterministic). Children come in the schema's order: `<properties>`
 * then the testcases; in a testcase `<skipped>`, `<failure>`, then `<system-out>`.
 *
 * Escaping: `& < > " '` as entities; in attributes also tab, CR and LF as character
 * references (attribute-value normalisation would turn them into spaces); characters XML 1.0
 * cannot carry at all (C0 controls, lone surrogates, U+FFFE/U+FFFF) as the visible text
 * `\uXXXX`.
 */

import { baselineText } from "./baseline.js";
import type { ControlReport, SubjectResult } from "./report.js";
import type { ExportRun, ParamsUsed } from "./run.js";

const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function visible(s: string): string {
  return s.replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}

export function xmlText(s: string): string {
  return visible(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join("");
}

function caseName(r: SubjectResult): string {
  return r.subject.label === r.subject.key ? r.subject.label : `${r.subject.label} (${r.subject.key})`;
}

function testcase(run: ExportRun, c: ControlReport, r: SubjectResult, pad: string): string[] {
  const head = `${pad}<testcase${attrs({ classname: c.id, name: caseName(r), time: 0 })}`;
  const policy = `policy: ${c.source.file}:${r.failures[0]?.line ?? c.source.line}`;
  const where = `${r.subject.kind} at ${r.subject.pointer || "(not collected)"} in ${run.file}`;
  const out = (lines: readonly string[]) => `${pad}  <system-out>${xmlText([policy, ...lines].join("\n"))}</system-out>`;
  switch (r.status) {
    case "pass":
      return [`${head}/>`];
    case "fail": {
      const mark = r.baseline ? ` [${baselineText(r.baseline)}]` : "";
      const body = [
        ...r.failures.map((f) => `requirement ${f.requirement} (${f.statement}), ${c.source.file}:${f.line}: ${f.message}`),
        ...r.unknown.map((u) => `also not decided, ${u.requirement === 0 ? `\`${u.statement}\`` : `requirement ${u.requirement} (${u.statement})`}: not collected: ${u.slots.join(", ")}`),
        where,
      ].join("\n");
      return [`${head}>`, `${pad}  <failure${attrs({ message: `${r.failures.map((f) => f.message).join("; ")}${mark}`, type: c.severity })}>${xmlText(body)}</failure>`, out([]), `${pad}</testcase>`];
    }
    case "unknown": {
      const slots = [...new Set(r.unknown.flatMap((u) => u.slots))].join(", ");
      const body = [...r.unknown.map((u) => `${u.requirement === 0 ? `\`${u.statement}\`` : `requirement ${u.requirement} (${u.statement})`}: not collected: ${u.slots.join(", ")}`), where];
      return [`${head}>`, `${pad}  <skipped>${xmlText(`not collected: ${slots}`)}</skipped>`, out(body), `${pad}</testcase>`];
    }
    case "waived": {
      const w = r.waiver!;
      const note = [
        `waived until ${w.until}${w.approved_by ? `, approved by ${w.approved_by}` : ""}: ${w.reason}${expiring(run, c, r)}`,
        ...r.failures.map((f) => `waived failure: requirement ${f.requirement} (${f.statement}): ${f.message}`),
        where,
      ];
      return [`${head}>`, out(note), `${pad}</testcase>`];
    }
  }
}

/** ` (the waiver expires in 12 days)` when the waiver applied here is expiring. */
function expiring(run: ExportRun, c: ControlReport, r: SubjectResult): string {
  const w = run.report.waivers.find((x) => x.control === c.id && x.key === r.subject.key && x.until === r.waiver?.until);
  return w?.expiring ? ` (the waiver expires ${w.days_left === 0 ? "today" : `in ${w.days_left} day${w.days_left === 1 ? "" : "s"}`})` : "";
}

function counts(results: readonly SubjectResult[]) {
  return { tests: results.length, failures: results.filter((r) => r.status === "fail").length, errors: 0, skipped: results.filter((r) => r.status === "unknown").length };
}

export function renderJunit(runs: readonly ExportRun[], params?: ParamsUsed): string {
  // The params of the run, in every suite (`<testsuites>` has no properties in the JUnit schemas).
  const paramProps: [string, string][] =
    params === undefined ? [] : params.file === null ? [["params", "defaults"]] : [["params", params.file], ...(params.sha256 ? ([["params_sha256", params.sha256]] as [string, string][]) : [])];
  const suites: string[] = [];
  const all: SubjectResult[] = [];
  for (const run of runs) {
    for (const c of run.report.controls) {
      if (c.results.length === 0) continue;
      all.push(...c.results);
      const name = `${c.id} ${c.title}${runs.length > 1 ? ` [${run.file}]` : ""}`;
      const props: [string, string][] = [
        ["severity", c.severity],
        ["status", c.status],
        ["package", c.package],
        ["source", `${c.source.file}:${c.source.line}`],
        ["export", run.file],
        ...(c.frameworks.length > 0 ? ([["frameworks", c.frameworks.join(", ")]] as [string, string][]) : []),
        ...(run.report.export.account_id ? ([["account_id", run.report.export.account_id]] as [string, string][]) : []),
        ...(run.report.now ? ([["evaluated", run.report.now]] as [string, string][]) : []),
        ...paramProps,
      ];
      suites.push(
        `  <testsuite${attrs({ name, ...counts(c.results), time: 0 })}>`,
        "    <properties>",
        ...props.map(([k, v]) => `      <property${attrs({ name: k, value: v })}/>`),
        "    </properties>",
        ...c.results.flatMap((r) => testcase(run, c, r, "    ")),
        "  </testsuite>",
      );
    }
  }
  const { skipped: _s, ...total } = counts(all);
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attrs({ name: "perimeter", ...total, time: 0 })}>`, ...suites, "</testsuites>", ""].join("\n");
}
