/**
 * SARIF 2.1.0: one run, one rule per control, one result per failing subject.
 *
 * What goes in, and why:
 * - `fail` results are `kind: "fail"` with the control's level (critical/high → error,
 *   medium → warning, low/info → note); `unknown` results are `kind: "review"` with level
 *   `none` (SARIF requires `none` for any kind but `fail`): the data was not collected, so a
 *   person has to look.
 * - Passes and waived results are left out. GitHub code scanning, the main consumer, ignores
 *   `result.kind` and `result.suppressions` and opens an alert for every result it is given
 *   (microsoft/PSRule#955, and the code-scanning SARIF subset does not list either property),
 *   so a pass or a waived finding would show up as an open alert. The evidence of passes is in
 *   the JSON, JUnit, Markdown and HTML reports; `run.properties.summary` counts them here.
 * - The primary location is the policy line that failed (the first failed requirement; the
 *   control's line for unknowns), relative to `%SRCROOT%`, so annotations land on the policy
 *   in the repository. The subject is a logical location (its label, JSON pointer and kind);
 *   the export file and the other failed requirements are related locations.
 * - `fingerprints["perimeter/v1"]` identifies a finding by (account, control, subject key), not
 *   by line, and `baselineState` is `new`/`unchanged` when `check --baseline` was used.
 *
 * Deterministic: no timestamps, no absolute paths for files under the working directory.
 */

import { isAbsolute, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { ControlReport, Severity, SubjectResult } from "./report.js";
import { sha256, totalSummary, type ExportRun, type RunInfo } from "./run.js";

export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
export const SRCROOT = "%SRCROOT%";

type Level = "error" | "warning" | "note" | "none";

export const SARIF_LEVEL: Readonly<Record<Severity, Level>> = { critical: "error", high: "error", medium: "warning", low: "note", info: "note" };
/** GitHub's `security-severity` (0–10): critical ≥ 9, high ≥ 7, medium ≥ 4, low > 0. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string | undefined>> = { critical: "9.5", high: "8.0", medium: "5.5", low: "2.0", info: undefined };

export interface SarifOptions {
  /** Directory that relative URIs are relative to (`%SRCROOT%`); the CLI passes its cwd. */
  readonly base: string;
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** A file as a SARIF artifact location: relative to the base when inside it, else a file: URI. */
export function artifactLocation(file: string, base: string): ArtifactLocation {
  const rel = isAbsolute(file) ? relative(base, file) : file;
  if (isAbsolute(rel) || rel.startsWith("..")) return { uri: pathToFileURL(isAbsolute(file) ? file : `${base}${sep}${file}`).href };
  return { uri: rel.split(sep).join("/").split("/").map(encodeURIComponent).join("/"), uriBaseId: SRCROOT };
}

/** `IP access lists are enforced` → `IpAccessListsAreEnforced` (SARIF wants an identifier-like name). */
export function ruleName(title: string): string {
  const words = title.match(/[A-Za-z0-9]+/g) ?? [];
  return words.map((w) => (w === w.toUpperCase() ? w.charAt(0) + w.slice(1).toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1))).join("") || "Control";
}

function isUri(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i.test(s);
}

function rule(c: ControlReport) {
  const text = [c.description, c.remediation ? `Remediation: ${c.remediation}` : null, c.docs ? `Documentation: ${c.docs}` : null, `Defined in ${c.source.file}:${c.source.line} (package ${c.package}).`]
    .filter((x): x is string => x !== null && x !== "")
    .join("\n\n");
  const markdown = [
    `**${c.id}** — ${c.title} (severity: ${c.severity})`,
    c.description,
    c.remediation ? `**Remediation:** ${c.remediation}` : null,
    c.frameworks.length > 0 ? `**Frameworks:** ${c.frameworks.join(", ")}` : null,
    c.docs ? (isUri(c.docs) ? `[Documentation](${c.docs})` : `**Documentation:** ${c.docs}`) : null,
    `Defined in \`${c.source.file}:${c.source.line}\` (package \`${c.package}\`).`,
  ]
    .filter((x): x is string => x !== null && x !== "")
    .join("\n\n");
  const securitySeverity = SECURITY_SEVERITY[c.severity];
  return {
    id: c.id,
    name: ruleName(c.title),
    shortDescription: { text: c.title },
    fullDescription: { text: c.description ?? c.title },
    ...(c.docs && isUri(c.docs) ? { helpUri: c.docs } : {}),
    help: { text, markdown },
    defaultConfiguration: { level: SARIF_LEVEL[c.severity] },
    properties: {
      severity: c.severity,
      package: c.package,
      frameworks: [...c.frameworks],
      tags: [...new Set(["security", ...c.frameworks])],
      ...(securitySeverity ? { "security-severity": securitySeverity } : {}),
    },
  };
}

function subjectText(r: SubjectResult): string {
  return r.subject.label === r.subject.key ? r.subject.label : `${r.subject.label} (${r.subject.key})`;
}

function result(run: ExportRun, c: ControlReport, ruleIndex: number, r: SubjectResult, base: string) {
  const failing = r.status === "fail";
  const first = r.failures[0];
  const message = failing
    ? `${subjectText(r)}: ${r.failures.map((f) => f.message).join("; ")}`
    : `${subjectText(r)}: could not be decided, the export did not collect ${[...new Set(r.unknown.flatMap((u) => u.slots))].join(", ")}`;
  const logical = [{ name: r.subject.label, ...(r.subject.pointer !== "" ? { fullyQualifiedName: r.subject.pointer } : {}), kind: r.subject.kind }];
  const account = run.report.export.account_id;
  const related = [
    { id: 1, physicalLocation: { artifactLocation: artifactLocation(run.file, base) }, logicalLocations: logical, message: { text: `${r.subject.kind} ${subjectText(r)} in the export${r.subject.pointer ? ` at ${r.subject.pointer}` : ""}` } },
    ...r.failures.slice(1).map((f, i) => ({
      id: i + 2,
      physicalLocation: { artifactLocation: artifactLocation(c.source.file, base), region: { startLine: f.line } },
      message: { text: `requirement ${f.requirement} (${f.statement}): ${f.message}` },
    })),
  ];
  return {
    ruleId: c.id,
    ruleIndex,
    kind: failing ? "fail" : "review",
    level: failing ? SARIF_LEVEL[c.severity] : "none",
    message: { text: message },
    locations: [
      {
        physicalLocation: { artifactLocation: artifactLocation(c.source.file, base), region: { startLine: first?.line ?? c.source.line } },
        logicalLocations: logical,
      },
    ],
    relatedLocations: related,
    fingerprints: { "perimeter/v1": sha256(JSON.stringify([account ?? "", c.id, r.subject.key])) },
    ...(r.baseline ? { baselineState: r.baseline === "new" ? "new" : "unchanged" } : {}),
    properties: {
      status: r.status,
      severity: c.severity,
      subject_key: r.subject.key,
      subject_kind: r.subject.kind,
      pointer: r.subject.pointer,
      export_file: run.file,
      account_id: account,
      ...(failing ? { requirements: r.failures.map((f) => f.requirement) } : {}),
      ...(r.unknown.length > 0 ? { uncollected: r.unknown.map((u) => ({ requirement: u.requirement, statement: u.statement, slots: [...u.slots] })) } : {}),
    },
  };
}

export function renderSarif(runs: readonly ExportRun[], info: RunInfo, opts: SarifOptions): string {
  const controls: ControlReport[] = [];
  const index = new Map<string, number>();
  for (const run of runs) {
    for (const c of run.report.controls) {
      if (index.has(c.id)) continue;
      index.set(c.id, controls.length);
      controls.push(c);
    }
  }
  const results = runs.flatMap((run) =>
    run.report.controls.flatMap((c) => c.results.filter((r) => r.status === "fail" || r.status === "unknown").map((r) => result(run, c, index.get(c.id)!, r, opts.base))),
  );
  // One artifact per file (SARIF wants them unique): the policies read, then the exports.
  const artifacts = new Map<string, object>();
  for (const p of info.policies) artifacts.set(artifactLocation(p.path, opts.base).uri, { location: artifactLocation(p.path, opts.base), hashes: { "sha-256": p.sha256 } });
  for (const r of runs) artifacts.set(artifactLocation(r.file, opts.base).uri, { location: artifactLocation(r.file, opts.base), roles: ["analysisTarget"], ...(r.sha256 ? { hashes: { "sha-256": r.sha256 } } : {}) });
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: info.tool.name,
            version: info.tool.version,
            semanticVersion: info.tool.version,
            informationUri: info.tool.uri,
            rules: controls.map(rule),
          },
        },
        artifacts: [...artifacts.values()],
        results,
        properties: {
          now: info.now,
          summary: totalSummary(runs.map((r) => r.report)),
          exports: runs.map((r) => ({ file: r.file, account_id: r.report.export.account_id, summary: r.report.summary, ...(r.report.baseline ? { baseline: r.report.baseline } : {}) })),
          ...(info.baseline ? { baseline: info.baseline } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
