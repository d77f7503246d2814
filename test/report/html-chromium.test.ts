// The HTML audit report in a real browser: Debian's Chromium driven by playwright-core. The
// report of the examples renders with its overview visible, makes no request (the page itself
// only: no font, script, stylesheet or image by URL, nothing blocked by its CSP either), and
// printed to PDF has the overview on its first page (text extracted with poppler's pdftotext).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS, PDFTOTEXT } from "../helpers/chromium.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { benignName, hostileName, libraryProgram, mutatedRun } from "../helpers/hostile.js";
import { renderHtml } from "../../src/report/render-html.js";
import { INFO } from "./fixtures.js";

const EXPORTS = ["examples/exports/contoso-dev-azure-noncompliant.json", "examples/exports/contoso-partial-collection-errors.json", "examples/exports/acme-aws-prod.json"];

describe.skipIf(CHROMIUM === undefined || PDFTOTEXT === undefined)("HTML report in headless Chromium", () => {
  let browser: Browser;
  const dir = tempDir();
  const file = join(dir, "report.html");

  beforeAll(async () => {
    const r = runCli(["check", "policies", ...EXPORTS.flatMap((e) => ["--input", e]), "--format", "html", "--now", "2026-12-07"]);
    expect(r.code).toBe(1);
    writeFileSync(file, r.stdout);
    browser = await chromium.launch({ executablePath: CHROMIUM!, args: CHROMIUM_ARGS, headless: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** A page whose requests and refused loads (CSP violations, errors) are recorded. */
  async function watched(): Promise<{ page: Page; requests: string[]; refused: string[] }> {
    const page = await browser.newPage();
    const requests: string[] = [];
    const refused: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to|Failed to load/i.test(m.text())) refused.push(m.text());
    });
    page.on("pageerror", (e) => refused.push(String(e)));
    return { page, requests, refused };
  }

  it("the recorder sees a request, and a load the CSP refuses (the control for the test below)", async () => {
    const html = readFileSync(file, "utf8");
    const probe = '<img alt="" src="https://example.invalid/probe.png">';
    for (const [name, text, seen] of [
      ["with-csp.html", html.replace("<main>", `<main>${probe}`), "refused"],
      ["without-csp.html", html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, "").replace("<main>", `<main>${probe}`), "requests"],
    ] as const) {
      writeFileSync(join(dir, name), text);
      const w = await watched();
      await w.page.goto(pathToFileURL(join(dir, name)).href, { waitUntil: "load" });
      await w.page.waitForLoadState("networkidle");
      if (seen === "refused") expect(w.refused.join("\n")).toContain("example.invalid");
      else expect(w.requests).toContain("https://example.invalid/probe.png");
      await w.page.close();
    }
  }, 60_000);

  it("renders the overview, and requests nothing but the page", async () => {
    const { page, requests, refused } = await watched();
    const url = pathToFileURL(file).href;
    await page.goto(url, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
    expect(await page.title()).toBe("Perimeter compliance report");
    for (const selector of ["h1", "#overview", ".attention", "table.matrix", "#overview-frameworks", 'section[aria-labelledby="summary"] svg']) {
      await expect(page.locator(selector).first().isVisible(), selector).resolves.toBe(true);
    }
    // The overview is on the first screen, right under the stamp.
    const top = await page.locator("#overview").boundingBox();
    expect(top!.y).toBeLessThan(800);
    // The matrix has a row per control of the library and a column per export.
    const header = await page.locator("table.matrix thead th").allTextContents();
    expect(header.slice(-EXPORTS.length)).toEqual(EXPORTS.map((_, i) => String(i + 1)));
    expect(await page.locator("table.matrix tbody tr").count()).toBeGreaterThan(20);
    await expect(page.locator(".attention").innerText()).resolves.toContain("Stale export");
    expect(requests.filter((u) => u !== url && !u.startsWith("data:"))).toEqual([]);
    expect(refused).toEqual([]);
    await page.close();
  }, 60_000);

  it("shows hostile export names as text: the same elements as a report of benign names, nothing run", async () => {
    const file = "examples/exports/contoso-dev-azure-noncompliant.json";
    const dom = async (html: string, name: string) => {
      writeFileSync(join(dir, name), html);
      const w = await watched();
      await w.page.goto(pathToFileURL(join(dir, name)).href, { waitUntil: "load" });
      // In the page (a string: the tests are type-checked without the DOM library).
      const shape = (await w.page.evaluate(`({
        elements: [...document.querySelectorAll("*")].map((e) => e.tagName + (e.getAttribute("href") ? "[" + e.getAttribute("href") + "]" : "")),
        text: document.body.innerText,
        ran: Object.keys(window).filter((k) => k.startsWith("pwned")),
      })`)) as { elements: string[]; text: string; ran: string[] };
      await w.page.close();
      return { ...shape, requests: w.requests.length, refused: w.refused };
    };
    const hostile = await dom(renderHtml([mutatedRun(file, libraryProgram(), (i) => `${hostileName(i)}<img src=x onerror="window.pwned${i}=1">`, "html-hostile")], INFO), "hostile.html");
    const benign = await dom(renderHtml([mutatedRun(file, libraryProgram(), benignName, "html-benign")], INFO), "benign.html");
    expect(hostile.elements).toEqual(benign.elements);
    expect(hostile.ran).toEqual([]);
    expect(hostile.refused).toEqual([]);
    expect(hostile.requests).toBe(1);
    expect(hostile.text).toMatch(/<img src=x onerror="window\.pwned\d+=1">/);
    expect(hostile.text).toContain("https://evil.example/x?y=1#frag");
  }, 60_000);

  it("prints to PDF with the overview on page 1", async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    const pdf = join(dir, "report.pdf");
    await page.pdf({ path: pdf, format: "A4", printBackground: true });
    await page.close();
    const first = execFileSync(PDFTOTEXT!, ["-f", "1", "-l", "1", "-layout", pdf, "-"], { encoding: "utf8" });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync(PDFTOTEXT!.replace(/pdftotext$/, "pdfinfo"), [pdf], { encoding: "utf8" }))?.[1]);
    expect(pages).toBeGreaterThan(1);
    for (const text of ["Perimeter compliance report", "Overview", "Stale export", "Collection gap", "Controls by status", "Failures by severity"]) expect(first).toContain(text);
    // The results themselves start later: page 1 is the stamp and the overview.
    expect(first).not.toContain("Export 1:");
  }, 60_000);
});
