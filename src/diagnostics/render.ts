/**
 * The one diagnostic renderer.
 *
 *   error[E0301]: unknown field `enableIpAcessLists` on `workspace_conf`
 *     --> policies/apps.perimeter:12:29
 *      |
 *   12 |   require ws.workspace_conf.enableIpAcessLists == "true"
 *      |                             ^^^^^^^^^^^^^^^^^^
 *      = help: did you mean `enableIpAccessLists`?
 *
 * Multi-line spans underline the first line to its end. Colour is opt-in (the CLI enables it
 * only on a TTY). Related spans are rendered as `note:` entries beneath.
 */

import type { SourceFile } from "../source/source.js";
import type { Diagnostic } from "./diagnostic.js";

export interface RenderOptions {
  readonly color?: boolean;
}

const ansi = (code: string, on: boolean) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

export function renderDiagnostic(d: Diagnostic, files: ReadonlyMap<string, SourceFile>, opts: RenderOptions = {}): string {
  const color = opts.color ?? false;
  const bold = ansi("1", color);
  const sev = d.severity === "error" ? ansi("1;31", color) : ansi("1;33", color);
  const blue = ansi("1;34", color);
  const out: string[] = [`${sev(`${d.severity}[${d.code}]`)}${bold(`: ${d.message}`)}`];
  const file = files.get(d.file);
  out.push(...snippet(d.file, file, d.span.start, d.span.end, "^", sev, blue));
  if (d.help !== undefined) out.push(`${blue("   =")} ${bold("help")}: ${d.help}`);
  if (d.fix !== undefined) out.push(`${blue("   =")} ${bold("fix")}: replace with \`${d.fix.replacement}\``);
  for (const r of d.related ?? []) {
    out.push(`${blue("   =")} ${bold("note")}: ${r.message}`);
    out.push(...snippet(r.file, files.get(r.file), r.span.start, r.span.end, "-", blue, blue));
  }
  return out.join("\n");
}

function snippet(
  path: string,
  file: SourceFile | undefined,
  start: number,
  end: number,
  mark: string,
  markColor: (s: string) => string,
  blue: (s: string) => string,
): string[] {
  if (file === undefined) return [`${blue("  -->")} ${path}`];
  const pos = file.position(start);
  const lineNo = String(pos.line);
  const gutter = " ".repeat(lineNo.length);
  const text = expandTabs(file.lineText(pos.line));
  const rawLine = file.lineText(pos.line);
  const lineEndOffset = file.lineStart(pos.line) + rawLine.length;
  const underlineEnd = Math.min(Math.max(end, start + 1), lineEndOffset === start ? start + 1 : lineEndOffset);
  let col = visualColumn(rawLine, pos.column - 1);
  const width = Math.max(1, visualColumn(rawLine, underlineEnd - file.lineStart(pos.line)) - col);
  let shown = text;
  if (col > 200) {
    // Very long lines (minified or generated input): show a window around the span.
    const from = col - 60;
    shown = `…${text.slice(from)}`;
    col = col - from + 1;
  }
  return [
    `${blue(`${gutter}-->`)} ${path}:${pos.line}:${pos.column}`,
    `${gutter} ${blue("|")}`,
    `${blue(lineNo)} ${blue("|")} ${truncate(shown)}`,
    `${gutter} ${blue("|")} ${" ".repeat(col)}${markColor(mark.repeat(Math.min(width, 200)))}`,
  ];
}

/** Column on screen of a code-unit index, with tabs expanded to 4 spaces. */
function visualColumn(line: string, index: number): number {
  let col = 0;
  for (let i = 0; i < Math.min(index, line.length); i++) col += line[i] === "\t" ? 4 : 1;
  return col + Math.max(0, index - line.length);
}

function expandTabs(s: string): string {
  return s.replace(/\t/g, "    ");
}

function truncate(s: string): string {
  return s.length > 400 ? `${s.slice(0, 400)}…` : s;
}

export function renderDiagnostics(diags: readonly Diagnostic[], files: ReadonlyMap<string, SourceFile>, opts: RenderOptions = {}): string {
  return diags.map((d) => renderDiagnostic(d, files, opts)).join("\n\n");
}

export function summarize(diags: readonly Diagnostic[]): string {
  const errors = diags.filter((d) => d.severity === "error").length;
  const warnings = diags.length - errors;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}
