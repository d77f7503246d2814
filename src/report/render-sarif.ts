/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one run per account, one rule per control,
 * one result per failing or undecided subject.
 *
 * What goes in, and why:
 * - One run per account (exports of one account share it), with
 *   `automationDetails.id = "perimeter/<account_id>/"`: code scanning keeps one analysis per
 *   (tool, category) and takes the category from that id, so the accounts' alerts do not
 *   replace each other. Exports without an account id share `perimeter/unknown-account/`.
 * - `fail` results are `kind: "fail"` with the control's level (critical/high → error,
 *   medium → warning, low/info → note), under the control's rule, which carries GitHub's
 *   `security-severity`. `unknown` results (the export did not collect the data) are
 *   `kind: "review"`, level `none` (SARIF requires `none` for any kind but `fail`), under a
 *   companion rule `<id>/not-collected` with no `security-severity`: GitHub reads the
 *   severity from the rule only, and a gap in the data is not a critical finding.
 * - Passes and waived results are left out. GitHub code scanning ignores `result.kind` and
 *   `result.suppressions` and opens an alert for every result it is given (microsoft/PSRule#955,
 *   and the code-scanning SARIF subset does not list either property), so a pass or a waived
 *   finding would show up as an open alert. The evidence of passes is in the JSON, JUnit,
 *   Markdown and HTML reports; `run.properties.summary` counts them here.
 * - The primary location is the policy line that failed (the first failed requirement; the
 *   control's line for unknowns), relative to `%SRCROOT%`, so annotations land on the policy
 *   in the repository; files of the policies shipped with perimeter (its npm package's
 *   `policies/`) are relative to `PERIMETER_LIBRARY` instead, never a `node_modules/…` path.
 *   The subject is a logical location (its label, JSON pointer and kind); the export file and
 *   the other failed requirements are related locations.
 * - `partialFingerprints["perimeter/v1"]` (and `fingerprints`, same value) is the SHA-256 of
 *   the JSON array `[account_id or "", control id, subject key]`: an alert follows the
 *   subject, not the policy line, and two subjects failing on one line stay two alerts.
 *   `baselineState` is `new`/`unchanged` when `check --baseline` was used.
 * - Rule names are Pascal identifiers made from the control's title (`NccInWorkspaceRegionIsAttached`).
 * - `run.properties` holds the evaluation date, the params in effect and the counts.
 *
 * Deterministic: no timestamps, no absolute paths for files under the working directory or
 * in the bundled library.
 */

import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { ControlReport, Severity, SubjectResult } from "./report.js";
import { sha256, totalSummary, type ExportRun, type RunInfo } from "./run.js";

export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
export const SRCROOT = "%SRCROOT%";
/** The base of locations in the policies shipped with perimeter (`<package>/policies/`). */
export const LIBRARY_BASE = "PERIMETER_LIBRARY";
/** The key of `partialFingerprints` (and `fingerprints`): versioned, so a change of recipe is a new key. */
export const FINGERPRINT_KEY = "perimeter/v1";
/** The suffix of the companion rule that carries a control's undecided (not collected) results. */
export const NOT_COLLECTED = "/not-collected";

type Level = "error" | "warning" | "note" | "none";

export const SARIF_LEVEL: Readonly<Record<Severity, Level>> = { critical: "error", high: "error", medium: "warning", low: "note", info: "note" };
/** GitHub's `security-severity` (0–10): critical ≥ 9, high ≥ 7, medium ≥ 4, low > 0. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string | undefined>> = { critical: "9.5", high: "8.0", medium: "5.5", low: "2.0", info: undefined };

export interface SarifOptions {
  /** Directory that relative URIs are relative to (`%SRCROOT%`); the CLI passes its cwd. */
  readonly base: string;
  /**
   * The directory of the policies shipped with perimeter (`<package>/policies`): files in it
   * are relative to `PERIMETER_LIBRARY`. The CLI leaves it out when run inside perimeter's
   * own repository, whose policies are the repository's files.
   */
  readonly library?: string;
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

const LIBRARY_DISPLAY = "<perimeter>/policies/";

function uriPath(rel: string): string {
  return rel.split(sep).join("/").split("/").map(encodeURIComponent).join("/");
}

/** The path of `file` inside `dir`, or undefined when it is not inside. */
function inside(dir: string, file: string): string | undefined {
  const rel = relative(dir, file);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? undefined : rel;
}

/**
 * A file as a SARIF artifact location: in the bundled library (when `library` is given, also
 * the `<perimeter>/policies/…` form the reports display), relative to `PERIMETER_LIBRARY`;
 * relative to the base when inside it; else a file: URI.
 */
export function artifactLocation(file: string, base: string, library?: string): ArtifactLocation {
  if (library !== undefined) {
    const lib = file.startsWith(LIBRARY_DISPLAY) ? file.slice(LIBRARY_DISPLAY.length) : inside(library, resolve(base, file));
    if (lib !== undefined) return { uri: uriPath(lib), uriBaseId: LIBRARY_BASE };
  }
  const abs = resolve(base, file);
  const rel = inside(base, abs);
  if (rel === undefined) return { uri: pathToFileURL(abs).href };
  return { uri: uriPath(rel), uriBaseId: SRCROOT };
}

/** How a location is written in help text: `<perimeter>/policies/std/x.perimeter`, or the path as given. */
function shownPath(file: string, opts: SarifOptions): string {
  const loc = artifactLocation(file, opts.base, opts.library);
  if (loc.uriBaseId === LIBRARY_BASE) return `${LIBRARY_DISPLAY}${decodeURIComponent(loc.uri)}`;
  return loc.uriBaseId === SRCROOT ? decodeURIComponent(loc.uri) : file;
}

const MINOR_WORDS = new Set(["a", "an", "the"]);

/**
 * A rule's friendly name, a Pascal identifier (SARIF's convention, and what the multitool's
 * SARIF2012 checks: `^(\p{Lu}[\p{Ll}\p{Nd}]+)*$`) made from the control's title: possessives
 * and articles dropped, acronyms capitalised as words (`An NCC in the workspace's region is
 * attached` → `NccInWorkspaceRegionIsAttached`). A title that gives no such name (digits
 * first, single letters) falls back to the control id (`APPS-EGR-007` → `AppsEgr007`).
 */
export function ruleName(title: string, id = "Control"): string {
  const words = (title.replace(/['\u2019]s\b/giu, "").replace(/['\u2019]/gu, "").match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !MINOR_WORDS.has(w.toLowerCase()));
  const pascal = (ws: readonly string[]) => ws.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join("");
  const name = pascal(words);
  if (/^(\p{Lu}[\p{Ll}\p{Nd}]+)+$/u.test(name)) return name;
  const fromId = pascal(id.match(/[\p{L}\p{N}]+/gu) ?? []);
  return /^(\p{Lu}[\p{Ll}\p{Nd}]+)+$/u.test(fromId) ? fromId : "Control";
}

function isUri(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i.test(s);
}

function helpTexts(c: ControlReport, opts: SarifOptions, preamble: string | null) {
  const defined = `${shownPath(c.source.file, opts)}:${c.source.line}`;
  const text = [preamble, c.description, c.remediation ? `Remediation: ${c.remediation}` : null, c.docs ? `Documentation: ${c.docs}` : null, `Defined in ${defined} (package ${c.package}).`]
    .filter((x): x is string => x !== null && x !== "")
    .join("\n\n");
  const markdown = [
    `**${c.id}** — ${c.title} (severity: ${c.severity})`,
    preamble,
    c.description,
    c.remediation ? `**Remediation:** ${c.remediation}` : null,
    c.frameworks.length > 0 ? `**Frameworks:** ${c.frameworks.join(", ")}` : null,
    c.docs ? (isUri(c.docs) ? `[Documentation](${c.docs})` : `**Documentation:** ${c.docs}`) : null,
    `Defined in \`${defined}\` (package \`${c.package}\`).`,
  ]
    .filter((x): x is string => x !== null && x !== "")
    .join("\n\n");
  return { text, markdown };
}

/** The rule of a control's failures: its level, and GitHub's `security-severity`. */
function failRule(c: ControlReport, opts: SarifOptions) {
  const securitySeverity = SECURITY_SEVERITY[c.severity];
  return {
    id: c.id,
    name: ruleName(c.title, c.id),
    shortDescription: { text: c.title },
    fullDescription: { text: c.description || c.title },
    ...(c.docs && isUri(c.docs) ? { helpUri: c.docs } : {}),
    help: helpTexts(c, opts, null),
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

/** The companion rule of a control's undecided results: level note, no `security-severity`. */
function notCollectedRule(c: ControlReport, opts: SarifOptions) {
  const why = `The export did not collect the data ${c.id} reads, so it could not decide these subjects: a person has to check them, or the export has to be run again with the missing permissions or sources.`;
  return {
    id: `${c.id}${NOT_COLLECTED}`,
    name: `${ruleName(c.title, c.id)}NotCollected`,
    shortDescription: { text: `${c.title} (not decided: data not collected)` },
    fullDescription: { text: why },
    ...(c.docs && isUri(c.docs) ? { helpUri: c.docs } : {}),
    help: helpTexts(c, opts, why),
    defaultConfiguration: { level: "note" as Level },
    properties: { severity: c.severity, package: c.package, frameworks: [...c.frameworks], tags: [...new Set(["security", "not-collected", ...c.frameworks])] },
  };
}

function subjectText(r: SubjectResult): string {
  return r.subject.label === r.subject.key ? r.subject.label : `${r.subject.label} (${r.subject.key})`;
}

/** The identity of a finding across runs: account, control and subject, never a line. */
export function fingerprint(account: string | null, control: string, key: string): string {
  return sha256(JSON.stringify([account ?? "", control, key]));
}

function result(run: ExportRun, c: ControlReport, ruleIndex: number, r: SubjectResult, opts: SarifOptions) {
  const failing = r.status === "fail";
  const first = r.failures[0];
  const message = failing
    ? `${subjectText(r)}: ${r.failures.map((f) => f.message).join("; ")}`
    : `${subjectText(r)}: could not be decided, the export did not collect ${[...new Set(r.unknown.flatMap((u) => u.slots))].join(", ")}`;
  const logical = [{ name: r.subject.label, ...(r.subject.pointer !== "" ? { fullyQualifiedName: r.subject.pointer } : {}), kind: r.subject.kind }];
  const account = run.report.export.account_id;
  const policy = artifactLocation(c.source.file, opts.base, opts.library);
  const related = [
    { id: 1, physicalLocation: { artifactLocation: artifactLocation(run.file, opts.base, opts.library) }, logicalLocations: logical, message: { text: `${r.subject.kind} ${subjectText(r)} in the export${r.subject.pointer ? ` at ${r.subject.pointer}` : ""}` } },
    ...r.failures.slice(1).map((f, i) => ({
      id: i + 2,
      physicalLocation: { artifactLocation: policy, region: { startLine: f.line } },
      message: { text: `requirement ${f.requirement} (${f.statement}): ${f.message}` },
    })),
  ];
  const print = { [FINGERPRINT_KEY]: fingerprint(account, c.id, r.subject.key) };
  return {
    ruleId: failing ? c.id : `${c.id}${NOT_COLLECTED}`,
    ruleIndex,
    kind: failing ? "fail" : "review",
    level: failing ? SARIF_LEVEL[c.severity] : "none",
    message: { text: message },
    locations: [{ physicalLocation: { artifactLocation: policy, region: { startLine: first?.line ?? c.source.line } }, logicalLocations: logical }],
    relatedLocations: related,
    partialFingerprints: print,
    fingerprints: print,
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

/** The exports grouped by account, in the order their accounts first appear. */
function byAccount(runs: readonly ExportRun[]): ExportRun[][] {
  const groups = new Map<string, ExportRun[]>();
  for (const r of runs) {
    const key = r.report.export.account_id ?? "";
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()];
}

/** `perimeter/<account_id>/`: GitHub's category is the id up to its last `/`. */
export function automationId(account: string | null): string {
  return `perimeter/${account === null || account === "" ? "unknown-account" : account}/`;
}

function sarifRun(runs: readonly ExportRun[], info: RunInfo, opts: SarifOptions) {
  // One rule per control, and a not-collected companion for the controls with undecided results.
  const rules: object[] = [];
  const index = new Map<string, number>();
  const add = (id: string, make: () => object) => {
    if (!index.has(id)) index.set(id, rules.push(make()) - 1);
  };
  for (const run of runs) for (const c of run.report.controls) add(c.id, () => failRule(c, opts));
  for (const run of runs) for (const c of run.report.controls) if (c.results.some((r) => r.status === "unknown")) add(`${c.id}${NOT_COLLECTED}`, () => notCollectedRule(c, opts));
  const results = runs.flatMap((run) =>
    run.report.controls.flatMap((c) =>
      c.results.filter((r) => r.status === "fail" || r.status === "unknown").map((r) => result(run, c, index.get(r.status === "fail" ? c.id : `${c.id}${NOT_COLLECTED}`)!, r, opts)),
    ),
  );
  // One artifact per file (SARIF wants them unique): the policies read, the params, then the exports.
  const artifacts = new Map<string, object>();
  const put = (file: string, extra: object) => {
    const location = artifactLocation(file, opts.base, opts.library);
    artifacts.set(`${location.uriBaseId ?? ""}:${location.uri}`, { location, ...extra });
  };
  for (const p of info.policies) put(p.path, { hashes: { "sha-256": p.sha256 } });
  if (info.params.file !== null) put(info.params.file, { roles: ["userSpecifiedConfiguration"], ...(info.params.sha256 ? { hashes: { "sha-256": info.params.sha256 } } : {}) });
  for (const r of runs) put(r.file, { roles: ["analysisTarget"], ...(r.sha256 ? { hashes: { "sha-256": r.sha256 } } : {}) });
  const account = runs[0]!.report.export.account_id;
  return {
    tool: { driver: { name: info.tool.name, version: info.tool.version, semanticVersion: info.tool.version, informationUri: info.tool.uri, rules } },
    automationDetails: { id: automationId(account), description: { text: `Perimeter controls checked on account ${account || "(unknown)"}.` } },
    originalUriBaseIds: {
      [SRCROOT]: { description: { text: "The directory perimeter check ran in: the repository root in CI." } },
      ...(opts.library !== undefined ? { [LIBRARY_BASE]: { description: { text: `The policies/ directory of the perimeter ${info.tool.version} package: the policies shipped with perimeter.` } } } : {}),
    },
    artifacts: [...artifacts.values()],
    results,
    properties: {
      now: info.now,
      params: info.params,
      summary: totalSummary(runs.map((r) => r.report)),
      exports: runs.map((r) => ({ file: r.file, account_id: r.report.export.account_id, summary: r.report.summary, ...(r.report.baseline ? { baseline: r.report.baseline } : {}) })),
      ...(info.baseline ? { baseline: info.baseline } : {}),
    },
  };
}

export function renderSarif(runs: readonly ExportRun[], info: RunInfo, opts: SarifOptions): string {
  const log = { $schema: SARIF_SCHEMA, version: "2.1.0", runs: byAccount(runs).map((group) => sarifRun(group, info, opts)) };
  return `${JSON.stringify(log, null, 2)}\n`;
}
