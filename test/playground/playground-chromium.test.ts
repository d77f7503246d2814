// The browser playground end to end, in Debian's Chromium driven by playwright-core (as the
// HTML report test does, test/report/html-chromium.test.ts). The playground is built once for
// this file (Vite, a few seconds) into a temporary folder, served by a tiny static server on
// 127.0.0.1, and used as a person would: the library loads clean; an error typed into a
// policy shows its diagnostic, and goes when fixed; the noncompliant example fails as many
// controls as `perimeter check` says; a failure clicked is explained as `perimeter explain`
// explains it; the page's report is the CLI's, byte for byte, on every bundled example; the
// policies survive in the URL fragment while the export does not; and no request leaves the
// page's origin. A screenshot is kept in test-artifacts/ (git-ignored).
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";
import { decompressFromEncodedURIComponent } from "lz-string";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS } from "../helpers/chromium.js";
import { runCli, tempDir } from "../helpers/cli.js";

const NOW = "2026-12-07";
const NONCOMPLIANT = "examples/exports/contoso-dev-azure-noncompliant.json";
const EXAMPLES = readdirSync("examples/exports").filter((f) => f.endsWith(".json")).sort().map((f) => `examples/exports/${f}`);
const ARTIFACTS = resolve("test-artifacts");
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm" };

interface Run {
  json: string;
  html: string;
  failing: number;
}
function cliRun(exp: string, params?: string): Run {
  const args = ["check", "policies", "--input", exp, "--now", NOW, ...(params ? ["--params", params] : [])];
  const json = runCli([...args, "--format", "json"]);
  const html = runCli([...args, "--format", "html"]);
  expect(json.stderr).not.toMatch(/^error/m);
  const report = JSON.parse(json.stdout) as { controls: { results: { status: string }[] }[] };
  return { json: json.stdout, html: html.stdout, failing: report.controls.filter((c) => c.results.some((r) => r.status === "fail")).length };
}

describe.skipIf(CHROMIUM === undefined)("the playground in headless Chromium", () => {
  const out = tempDir();
  let server: Server;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const refused: string[] = [];

  beforeAll(async () => {
    const started = Date.now();
    execFileSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--config", "playground/vite.config.ts", "--outDir", out, "--emptyOutDir", "--logLevel", "warn"], { stdio: "pipe" });
    console.log(`playground built in ${Date.now() - started} ms into ${out}`);
    // The compiler runs in the page through seams that take contents, not through stubs of Node's modules.
    const bundles = readdirSync(join(out, "assets")).filter((f) => f.endsWith(".js"));
    expect(bundles.length).toBeGreaterThanOrEqual(2);
    for (const f of bundles) expect(readFileSync(join(out, "assets", f), "utf8"), f).not.toMatch(/__vite-browser-external|node:(fs|path|crypto|buffer|url)/);
    server = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
      const file = join(out, path === "/" ? "index.html" : path);
      try {
        const body = readFileSync(file);
        res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM!, args: CHROMIUM_ARGS, headless: true });
    context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    // Every request of the page, its worker and the report's iframe.
    context.on("request", (r) => requests.push(r.url()));
    page = await context.newPage();
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to|Failed to load/i.test(m.text())) refused.push(m.text());
    });
    page.on("pageerror", (e) => refused.push(String(e)));
    await page.goto(`${origin}/index.html`, { waitUntil: "load" });
    await page.fill("#now", NOW);
    await page.locator("#now").dispatchEvent("change");
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
  });

  const status = () => page.locator("#status");

  it("loads the library clean, shows a typed error as a diagnostic, and clears it when fixed", async () => {
    await expect.poll(() => status().textContent(), { timeout: 30_000 }).toBe("checked: load an export to evaluate");
    expect(await page.locator("#diagnostics li.error").count()).toBe(0);
    const broken = "\nlet oops = no_such_name\n";
    await page.locator("#policy-editor .cm-content").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(broken);
    await expect.poll(() => page.locator("#diagnostics li.error").allTextContents(), { timeout: 30_000 }).toEqual([expect.stringMatching(/policies\/databricks\/apps\/ingress\.perimeter:\d+:\d+: error\[E\d+\]: .*no_such_name/)]);
    // The editor marks it too, and the tab names the file with an error.
    await expect.poll(() => page.locator("#policy-editor .cm-lintRange-error").count()).toBeGreaterThan(0);
    expect(await status().textContent()).toBe("the policies have errors: nothing was evaluated");
    for (let i = 0; i < broken.length; i++) await page.keyboard.press("Backspace");
    await expect.poll(() => page.locator("#diagnostics li.error").count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => status().textContent(), { timeout: 30_000 }).toBe("checked: load an export to evaluate");
    // A new file is checked with the others, and removed.
    await page.click("#file-new");
    await expect.poll(() => page.locator("#file-tabs .tab[aria-selected=true]").textContent()).toBe("untitled-1.perimeter");
    await page.locator("#policy-editor .cm-content").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("let x = undefined_here");
    await expect.poll(() => page.locator("#diagnostics li.error").allTextContents(), { timeout: 30_000 }).toEqual([expect.stringMatching(/^policies\/untitled-1\.perimeter:3:9: error.*undefined_here/)]);
    await page.click("#file-remove");
    await expect.poll(() => page.locator("#diagnostics li.error").count(), { timeout: 30_000 }).toBe(0);
    expect(await page.locator("#file-tabs .tab").allTextContents()).not.toContain("untitled-1.perimeter");
    await expect.poll(() => status().textContent(), { timeout: 30_000 }).toBe("checked: load an export to evaluate");
  }, 120_000);

  it("completes field names from the schema after `.`", async () => {
    const line = 'control ZZ-001 "t" { severity low for ws in workspaces require ws.ap }';
    await page.locator("#policy-editor .cm-content").click();
    await page.keyboard.press("Control+End");
    let t = Date.now();
    await page.keyboard.type(`\n${line}`);
    console.log(`typed ${line.length + 1} characters in ${Date.now() - t} ms`);
    for (let i = 0; i < 2; i++) await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Control+Space");
    await expect.poll(() => page.locator(".cm-tooltip-autocomplete li").allTextContents(), { timeout: 30_000 }).toEqual(expect.arrayContaining([expect.stringMatching(/^apps/)]));
    await page.keyboard.press("Escape");
    await page.keyboard.press("End");
    t = Date.now();
    for (let i = 0; i < line.length + 1; i++) await page.keyboard.press("Backspace");
    console.log(`deleted them in ${Date.now() - t} ms`);
    await expect.poll(() => status().textContent(), { timeout: 30_000 }).toBe("checked: load an export to evaluate");
    expect(await page.locator("#diagnostics li").count()).toBe(0);
  }, 120_000);

  it("fails the noncompliant example on as many controls as `perimeter check`, and explains a failure as `perimeter explain` does", async () => {
    const cli = cliRun(NONCOMPLIANT);
    expect(cli.failing).toBeGreaterThan(0);
    await page.click(`button.example[data-path="${NONCOMPLIANT}"]`);
    await page.waitForSelector(`#result[data-export="${NONCOMPLIANT}"]`, { timeout: 30_000 });
    expect(Number(await page.locator("#failing-count").textContent())).toBe(cli.failing);
    expect(await page.locator("#failures > li.control").count()).toBe(cli.failing);
    // The iframe shows the CLI's HTML report.
    expect(await page.locator("#report").getAttribute("srcdoc")).toBe(cli.html);
    await expect.poll(() => page.frameLocator("#report").locator("h1").textContent()).toBe("Perimeter compliance report");

    const first = page.locator("button.subject").first();
    const control = (await first.getAttribute("data-control"))!;
    const subject = (await first.getAttribute("data-subject"))!;
    await first.click();
    await expect.poll(() => page.locator("#explain").textContent(), { timeout: 30_000 }).not.toBe("");
    const explained = runCli(["explain", control, "policies", "--input", NONCOMPLIANT, "--subject", subject, "--now", NOW]);
    expect(explained.code).toBe(1);
    expect(await page.locator("#explain").textContent()).toBe(explained.stdout.replace(/\n$/, ""));
    expect(await page.locator("#explain").textContent()).toContain(": fail");

    mkdirSync(ARTIFACTS, { recursive: true });
    const shot = join(ARTIFACTS, "playground.png");
    // The viewport, not fullPage: Chromium leaves a srcdoc iframe blank in full-page captures.
    await page.locator("#report").scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot });
    console.log(`screenshot: ${shot}`);
  }, 120_000);

  it("gives the CLI's report, byte for byte, on every bundled example (defaults and the example params)", async () => {
    for (const exp of EXAMPLES) {
      await page.click(`button.example[data-path="${exp}"]`);
      await page.waitForSelector(`#result[data-export="${exp}"]`, { timeout: 30_000 });
      const cli = cliRun(exp);
      await expect.poll(() => page.locator("#report-json").textContent(), { timeout: 30_000 }).toBe(cli.json);
      expect(await page.locator("#report").getAttribute("srcdoc"), exp).toBe(cli.html);
    }
    // With the example params, named as the CLI names them.
    await page.getByRole("button", { name: "site.yaml" }).click();
    const cli = cliRun(EXAMPLES.at(-1)!, "examples/params/site.yaml");
    await expect.poll(() => page.locator("#report-json").textContent(), { timeout: 30_000 }).toBe(cli.json);
    expect(await page.locator("#report").getAttribute("srcdoc")).toBe(cli.html);
  }, 300_000);

  it("keeps the policies and params in the URL fragment, never the export", async () => {
    const marker = "# shared-by-url-7f3a";
    // The file a page opens on.
    await page.click('#file-tabs .tab[title="policies/databricks/apps/ingress.perimeter"]');
    await page.locator("#policy-editor .cm-content").click();
    await page.keyboard.press("Control+Home");
    await page.keyboard.type(`${marker}\n`);
    // Written with the debounced run: the fragment already held the params, so wait for the edit.
    const fragment = (): string => decompressFromEncodedURIComponent(new URL(page.url()).hash.replace(/^#s=/, "")) ?? "";
    await expect.poll(fragment, { timeout: 30_000 }).toContain(marker);
    expect(new URL(page.url()).hash).toMatch(/^#s=/);
    const state = fragment();
    expect(state).toContain("examples/params/site.yaml");
    // Only the policies and the params: nothing of the export loaded (its values: ids, names, addresses).
    expect(Object.keys(JSON.parse(state!) as object)).toEqual(["v", "changed", "removed", "params"]);
    const policies = [...readdirSync("policies", { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".perimeter")).map((f) => readFileSync(join("policies", f), "utf8")), readFileSync("examples/params/site.yaml", "utf8")].join("\n");
    const values: string[] = [];
    const leaves = (v: unknown): void => {
      if (typeof v === "string" && v.length >= 8 && !policies.includes(v)) values.push(v);
      else if (v !== null && typeof v === "object") Object.values(v).forEach(leaves);
    };
    leaves(JSON.parse(readFileSync(EXAMPLES.at(-1)!, "utf8")));
    expect(values.length).toBeGreaterThan(10);
    expect(values.filter((v) => state!.includes(v))).toEqual([]);
    const other = await context.newPage();
    await other.goto(page.url(), { waitUntil: "load" });
    await expect.poll(() => other.locator("#policy-editor .cm-content").textContent(), { timeout: 30_000 }).toContain(marker);
    expect(await other.locator("#export-name").textContent()).toBe("none");
    expect(await other.locator("#params-name").textContent()).toBe("examples/params/site.yaml");
    await other.close();
  }, 120_000);

  it("requested nothing beyond its own origin, and the CSP refused nothing", () => {
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((u) => !u.startsWith(`${origin}/`) && u !== "about:srcdoc")).toEqual([]);
    expect(refused).toEqual([]);
  });
});
