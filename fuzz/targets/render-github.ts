/**
 * Fuzz target `render-github`: the GitHub Actions output (`renderGithub`) of exports full of
 * payloads, read as the runner reads it: line by line, a line starting with `::` (after
 * whitespace) being a workflow command.
 *
 * Oracles: every command line is one of the renderer's annotations, `::error|warning|notice
 * file=…,line=N,title=…::message`, with no unescaped `:` or `,` in its properties; no other
 * line starts with `::`; no carriage return, ESC or C1 control anywhere (a log shows escape
 * sequences); one annotation per failing or unknown subject that is not waived, plus the
 * waiver warnings. Coverage keys: the command kinds emitted.
 */

import { renderGithub } from "../../src/report/render-github.js";
import { prepareReports, rendererTarget } from "../report-input.js";

// `[^\n]*`, not `.*`: the runner splits lines at LF only (U+2028 in a message is no line break).
const COMMAND = /^::(error|warning|notice) file=([^:,\r\n]*),line=(\d+),title=([^:,\r\n]*)::([^\n]*)$/;
const CONTROL = /[\r\u001b\u0080-\u009f]/;

export const renderGithubTarget = rendererTarget({
  name: "render-github",
  about: "GitHub Actions workflow commands for exports whose strings hold payloads (renderGithub)",
  prepare: prepareReports,
  judge(_input, b) {
    const out = renderGithub(b.runs, { base: "/work", params: b.info.params });
    const c = CONTROL.exec(out);
    if (c !== null) throw new Error(`control character U+${c[0].charCodeAt(0).toString(16).padStart(4, "0")} in the GitHub output: ${JSON.stringify(out.slice(Math.max(0, c.index - 60), c.index + 20))}`);
    const keys: string[] = [];
    let commands = 0;
    for (const line of out.split("\n")) {
      if (!line.trimStart().startsWith("::")) continue;
      const m = COMMAND.exec(line);
      if (m === null) throw new Error(`a workflow command the renderer did not make: ${JSON.stringify(line.slice(0, 200))}`);
      commands++;
      keys.push(`command:${m[1]}`);
    }
    let expected = 0;
    for (const run of b.runs) for (const ctl of run.report.controls) for (const r of ctl.results) if (r.status === "fail" || r.status === "unknown") expected++;
    if (commands < expected) throw new Error(`${commands} commands for ${expected} failing or unknown subjects`);
    return keys;
  },
});
