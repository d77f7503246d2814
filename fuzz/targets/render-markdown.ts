/**
 * Fuzz target `render-markdown`: the Markdown report (full and compact, as `check --format
 * markdown` and the step summary write it) of exports full of payloads, rendered as GitHub
 * renders it as far as Markdown goes (micromark with GFM: tables, autolink literals,
 * strikethrough, task lists, footnotes; raw HTML let through), then parsed by parse5.
 *
 * Oracles: the rendering holds only elements and attributes the template makes of the seeds,
 * links only to the policies' documentation (no autolink, no image, no `javascript:`), and
 * no mention, issue reference, e-mail link or emoji that GitHub would find in its text.
 * Coverage keys: the elements rendered.
 */

import { markdownReport } from "../../src/report/render-markdown.js";
import { gfmRender } from "../../test/helpers/gfm.js";
import { htmlTree, outside, vocabulary, type Vocabulary } from "../html-tree.js";
import { cleanRuns, rendererTarget, type BuiltRuns } from "../report-input.js";

let vocab: Vocabulary | undefined;

function render(b: BuiltRuns, compact: boolean) {
  return htmlTree(gfmRender(markdownReport(b.runs, b.info, { compact }).text), true);
}

/** The seeds' renderings, plus `<br>`: the template writes a newline inside a value as one (render-markdown.ts `md`). */
function known(): Vocabulary {
  if (vocab !== undefined) return vocab;
  vocab = vocabulary(cleanRuns().flatMap((b) => [render(b, false), render(b, true)]));
  vocab.tags.add("br");
  return vocab;
}

export const renderMarkdownTarget = rendererTarget({
  name: "render-markdown",
  about: "Markdown report (full and compact) for exports whose strings hold payloads (micromark + GFM, parse5)",
  prepare: known,
  judge(input, b) {
    const v = known();
    const tree = render(b, (input.flags & 4) === 4);
    const wrong = outside(tree, v, { references: true });
    if (wrong !== undefined) throw new Error(wrong);
    return tree.elements.map((e) => `element:${e.tag}`);
  },
});
