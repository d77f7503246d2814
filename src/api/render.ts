/**
 * A check's reports in one of the seven formats (text, JSON, SARIF, JUnit, GitHub annotations,
 * Markdown, HTML), as `perimeter check --format` writes them.
 */

import { readFileSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { packagePath, packageRoot } from "../paths.js";
import { renderGithub } from "../report/render-github.js";
import { renderHtml } from "../report/render-html.js";
import { renderJunit } from "../report/render-junit.js";
import { markdownReport } from "../report/render-markdown.js";
import { renderSarif } from "../report/render-sarif.js";
import { renderJson, renderText } from "../report/render-text.js";
import type { ExportRun, RunInfo } from "../report/run.js";

export const FORMATS = ["text", "json", "sarif", "junit", "github", "markdown", "html"] as const;
export type Format = (typeof FORMATS)[number];

/** The version of this package (`0.0.0` when its package.json cannot be read). */
export function toolVersion(): string {
  try {
    return (JSON.parse(readFileSync(packagePath("package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

/**
 * A report in one format; `color` and `quiet` apply to text, `compact` to Markdown; `note`
 * hears why the Markdown report was made compact. Paths are shown relative to the working
 * directory.
 */
export function render(
  format: Format,
  runs: readonly ExportRun[],
  info: RunInfo,
  opts: { color?: boolean; quiet?: boolean; compact?: boolean; note?: (line: string) => void } = {},
): string {
  const reports = runs.map((r) => r.report);
  const base = process.cwd();
  // Inside perimeter's own repository its policies are the repository's files, not a library.
  const fromRoot = relative(packageRoot(), base);
  const library = fromRoot.startsWith("..") || isAbsolute(fromRoot) ? packagePath("policies") : undefined;
  switch (format) {
    case "text":
      return runs.map((r) => renderText(r.report, { color: opts.color === true, title: r.file, quiet: opts.quiet === true, params: info.params })).join("\n");
    case "json":
      return renderJson(reports, info.params);
    case "sarif":
      return renderSarif(runs, info, { base, ...(library !== undefined ? { library } : {}) });
    case "junit":
      return renderJunit(runs, info.params);
    case "github":
      return renderGithub(runs, { base, params: info.params });
    case "markdown": {
      const m = markdownReport(runs, info, { compact: opts.compact === true });
      if (m.fullBytes !== undefined) opts.note?.(`note: the Markdown report would be ${m.fullBytes} bytes, over GitHub's 1 MiB step-summary limit: the compact summary was written instead (--compact)`);
      return m.text;
    }
    case "html":
      return renderHtml(runs, info);
  }
}
