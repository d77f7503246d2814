/**
 * What the renderers of a whole run share besides the Reports: which tool produced them, the
 * files that went in (with SHA-256 digests of their bytes, computed by the CLI, so an auditor
 * can tie a report to exact policy and export files), and each report's export file.
 *
 * Nothing here is a clock reading: the only date is the evaluation date (`--now`), so the same
 * inputs always render byte-identical reports.
 */

import { sha256 as sha256Bytes } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { Report } from "./report.js";

export const TOOL_NAME = "perimeter";
/** Where the tool is described (SARIF `informationUri`); the project's own domain. */
export const TOOL_URI = "https://perimeter.dev/";

export interface FileDigest {
  /** As displayed: relative to the working directory when inside it. */
  readonly path: string;
  readonly sha256: string;
  /**
   * `policy` for a file that defines controls (or that one imports), `library` for the
   * bundled std policies an input imported, `test` for a test file (`test` blocks only), which
   * is listed but left out of the policy-set digest.
   */
  readonly role?: "policy" | "library" | "test";
}

/**
 * The site parameters a run evaluated with (`check --params`), so an audit can reproduce it:
 * the file and the digest of its bytes, and the effective value of every param per package.
 */
export interface ParamsUsed {
  /** The params file as given on the command line; null when none was given. */
  readonly file: string | null;
  readonly sha256: string | null;
  readonly values: readonly ParamUse[];
}

export interface ParamUse {
  readonly package: string;
  readonly name: string;
  /** The effective value as JSON (addresses and CIDRs as strings). */
  readonly value: unknown;
  /** The same value written in policy syntax, e.g. `[10.0.0.0/8, 192.0.2.0/24]`. */
  readonly display: string;
  /** `override` when the params file set it, `default` when the policy's default applies. */
  readonly source: "default" | "override";
}

export interface RunInfo {
  readonly tool: { readonly name: string; readonly version: string; readonly uri: string };
  /** The evaluation date. */
  readonly now: string | null;
  readonly policies: readonly FileDigest[];
  /** The baseline report file, when one was given. */
  readonly baseline?: string;
  /** The params in effect (the defaults when no `--params` was given). */
  readonly params: ParamsUsed;
  /** Exports older than this many days before `now` are flagged stale (`check --max-export-age`; default 30). */
  readonly maxExportAge?: number;
}

export interface ExportRun {
  /** The export file as given on the command line. */
  readonly file: string;
  readonly sha256?: string;
  readonly report: Report;
}

/**
 * SHA-256 hex digest of bytes or of a string's UTF-8 (the same digest as Node's `createHash`),
 * in plain JavaScript (@noble/hashes) so the reports render in a browser too. The CLI hashes
 * whole files with Node's native hash instead (src/api/digest.ts).
 */
export function sha256(bytes: Uint8Array | string): string {
  return bytesToHex(sha256Bytes(typeof bytes === "string" ? utf8ToBytes(bytes) : bytes));
}

/**
 * One digest for the policy set, independent of where the files are: the SHA-256 of the
 * SHA-256 hex digests of the files that define controls and what they import (test files
 * left out), sorted, one per line (`sha256sum FILES | cut -d' ' -f1 | sort | sha256sum`).
 */
export function policySetDigest(files: readonly FileDigest[]): string {
  return sha256(
    files
      .filter((f) => f.role !== "test")
      .map((f) => f.sha256)
      .sort()
      .map((h) => `${h}\n`)
      .join(""),
  );
}

/** The sum of every report's summary. */
export function totalSummary(reports: readonly Report[]): Report["summary"] {
  const t = { pass: 0, fail: 0, unknown: 0, waived: 0 };
  for (const r of reports) {
    t.pass += r.summary.pass;
    t.fail += r.summary.fail;
    t.unknown += r.summary.unknown;
    t.waived += r.summary.waived;
  }
  return t;
}

/** One line naming the params: `site.yaml (SHA-256 …)`, or the defaults when no file was given. */
export function paramsText(p: ParamsUsed): string {
  return p.file === null ? "defaults (no --params file)" : `${p.file} (SHA-256 ${p.sha256 ?? "unreadable"})`;
}

/** `1 result`, `3 results`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
