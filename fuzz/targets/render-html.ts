/**
 * Fuzz target `render-html`: the HTML audit report (`renderHtml`) of exports full of payloads,
 * parsed by parse5 as a browser parses it.
 *
 * Oracles: the document holds only elements and attributes the template makes of the seeds
 * (no `<script>`, `<img>`, `<iframe>`, no event handler attribute), links only to the
 * policies' documentation or within the page, no `javascript:` URL, and exactly one
 * `<style>` (a payload cannot close it). Coverage keys: the elements rendered.
 */

import { renderHtml } from "../../src/report/render-html.js";
import { htmlTree, outside, vocabulary, type Vocabulary } from "../html-tree.js";
import { cleanRuns, rendererTarget } from "../report-input.js";

let vocab: Vocabulary | undefined;

function known(): Vocabulary {
  return (vocab ??= vocabulary(cleanRuns().map((b) => htmlTree(renderHtml(b.runs, b.info), false))));
}

export const renderHtmlTarget = rendererTarget({
  name: "render-html",
  about: "HTML audit report for exports whose strings hold payloads (parse5)",
  prepare: known,
  judge(_input, b) {
    const v = known();
    const tree = htmlTree(renderHtml(b.runs, b.info), false);
    const wrong = outside(tree, v, { references: false });
    if (wrong !== undefined) throw new Error(wrong);
    const styles = tree.elements.filter((e) => e.tag === "style").length;
    if (styles !== 1) throw new Error(`${styles} <style> elements`);
    return tree.elements.map((e) => `element:${e.tag}`);
  },
});
