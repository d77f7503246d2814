// Every Mermaid diagram of README.md and docs/ is one GitHub can draw: each ```mermaid block is
// parsed and rendered to SVG by Mermaid itself (its browser bundle, node_modules/mermaid, the
// library GitHub renders them with), in Debian's headless Chromium through playwright-core, as
// the HTML report test does. `@mermaid-js/parser` alone does not cover flowcharts, and Mermaid's
// renderer needs a DOM, hence the browser. A syntax error fails with Mermaid's own message.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS } from "../helpers/chromium.js";
import { docPages } from "./markdown.js";

const diagrams = docPages().flatMap((p) => p.blocks.filter((b) => b.lang === "mermaid"));
const MERMAID = join(dirname(createRequire(import.meta.url).resolve("mermaid/package.json")), "dist", "mermaid.min.js");

describe("the documentation has the diagrams the issue asks for", () => {
  it("the pipeline, the verdict order and the ALLOW/BLOCK algebra", () => {
    const pages = (word: RegExp) => diagrams.filter((d) => word.test(d.text)).map((d) => d.page);
    expect(pages(/lower/)).toContain("docs/architecture.md");
    expect(pages(/unknown/)).toContain("docs/auditors.md");
    expect(pages(/BLOCK/)).toContain("docs/writing-policies.md");
  });
});

describe.skipIf(CHROMIUM === undefined)("Mermaid diagrams in headless Chromium", () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM!, args: CHROMIUM_ARGS, headless: true });
    page = await browser.newPage();
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ path: MERMAID });
    await page.evaluate(() => (globalThis as unknown as { mermaid: { initialize(o: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: "strict" }));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it.each(diagrams.map((d) => [`${d.page}:${d.line}`, d.text] as const))("%s parses and renders", async (_where, text) => {
    const result = await page.evaluate(async (source) => {
      const m = (globalThis as unknown as { mermaid: { parse(t: string): Promise<unknown>; render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
      try {
        await m.parse(source);
        const { svg } = await m.render(`d${Math.random().toString(36).slice(2)}`, source);
        return { svg };
      } catch (e) {
        return { error: String((e as Error).message ?? e) };
      }
    }, text);
    expect(result.error).toBeUndefined();
    expect(result.svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
  }, 60_000);

  it("a broken diagram is refused (the check can fail)", async () => {
    const error = await page.evaluate(async () => {
      const m = (globalThis as unknown as { mermaid: { parse(t: string): Promise<unknown> } }).mermaid;
      try {
        await m.parse("flowchart LR\n  A -->|unclosed B");
        return undefined;
      } catch (e) {
        return String((e as Error).message ?? e);
      }
    });
    expect(error).toMatch(/Parse error|Expecting/);
  });
});
