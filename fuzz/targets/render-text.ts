/**
 * Fuzz target `render-text`: the terminal report (`renderText`, with and without colour,
 * quiet or not) of exports full of payloads.
 *
 * Oracles: no control character reaches the terminal but the newline (no ESC, no C1 such as
 * CSI U+009B, no BEL, no carriage return); with colour, every ESC starts one of the renderer's
 * own SGR sequences; no bidirectional override or isolate (they reorder what the terminal
 * shows). Coverage keys: the control and subject statuses rendered.
 */

import { renderText } from "../../src/report/render-text.js";
import { prepareReports, rendererTarget } from "../report-input.js";

const SGR = /\u001b\[(?:0|1|2|31|32|33|36)m/g;
const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export const renderTextTarget = rendererTarget({
  name: "render-text",
  about: "terminal report of exports whose strings hold payloads (renderText, colour on and off)",
  prepare: prepareReports,
  judge(input, b) {
    const keys: string[] = [];
    const color = (input.flags & 1) === 1;
    for (const run of b.runs) {
      const out = renderText(run.report, { color, quiet: (input.flags & 2) === 2, title: run.file, params: b.info.params });
      const bare = color ? out.replace(SGR, "") : out;
      const m = FORBIDDEN.exec(bare);
      if (m !== null) throw new Error(`control character U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")} in the text output at ${m.index}: ${JSON.stringify(bare.slice(Math.max(0, m.index - 60), m.index + 20))}`);
      for (const c of run.report.controls) keys.push(`control:${c.status}`, ...c.results.map((r) => `subject:${r.status}`));
    }
    return keys;
  },
});
