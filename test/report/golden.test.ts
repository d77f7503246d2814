// Goldens for every report format, on the fixture policy and export (every status, every
// waiver state), without and with a baseline. `npm run test:update` rewrites them.
import { describe, it } from "vitest";
import { renderGithub } from "../../src/report/render-github.js";
import { renderHtml } from "../../src/report/render-html.js";
import { renderJunit } from "../../src/report/render-junit.js";
import { renderMarkdown } from "../../src/report/render-markdown.js";
import { renderSarif } from "../../src/report/render-sarif.js";
import { renderJson, renderText } from "../../src/report/render-text.js";
import type { ExportRun, RunInfo } from "../../src/report/run.js";
import { expectGolden } from "../helpers/golden.js";
import { baselineRuns, golden, INFO, NOW, NOW_EXPORT, reportOf, root, runOf } from "./fixtures.js";

const formats: Record<string, { ext: string; render: (runs: ExportRun[], info: RunInfo) => string }> = {
  text: { ext: "txt", render: (runs, info) => runs.map((r) => renderText(r.report, { title: r.file, params: info.params })).join("\n") },
  json: { ext: "json", render: (runs, info) => renderJson(runs.map((r) => r.report), info.params) },
  sarif: { ext: "sarif", render: (runs, info) => renderSarif(runs, info, { base: root }) },
  junit: { ext: "junit.xml", render: (runs, info) => renderJunit(runs, info.params) },
  github: { ext: "github.txt", render: (runs, info) => renderGithub(runs, { base: root, params: info.params }) },
  markdown: { ext: "md", render: (runs, info) => renderMarkdown(runs, info) },
  html: { ext: "html", render: (runs, info) => renderHtml(runs, info) },
};

describe("report goldens", () => {
  const plain = { runs: [runOf(NOW_EXPORT, reportOf(NOW_EXPORT, NOW))], info: INFO };
  const compared = baselineRuns();
  for (const [name, f] of Object.entries(formats)) {
    it(`${name}`, () => expectGolden(golden(`acme.${f.ext}`), f.render(plain.runs, plain.info)));
    it(`${name} with a baseline`, () => expectGolden(golden(`acme-baseline.${f.ext}`), f.render(compared.runs, compared.info)));
    it(`${name} is deterministic`, () => {
      const again = baselineRuns();
      if (f.render(again.runs, again.info) !== f.render(compared.runs, compared.info)) throw new Error(`${name} differs between two renderings`);
    });
  }
});
