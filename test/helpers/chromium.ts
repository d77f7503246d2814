// Debian's Chromium and poppler's pdftotext for the HTML report test (apt: chromium,
// poppler-utils; `npm run tools` installs them where apt-get is available). Playwright drives
// the system browser through playwright-core: no Playwright browser download, ever. As for OPA
// (test/helpers/opa.ts): in CI a missing tool is an error; elsewhere the test is skipped with a notice.
import { existsSync } from "node:fs";

function systemTool(name: string, env: string, path: string, pkg: string): string | undefined {
  const p = process.env[env] ?? path;
  if (existsSync(p)) return p;
  if (process.env["CI"]) throw new Error(`${name} is not installed at ${p}: run \`npm run tools\` (or apt-get install ${pkg}); CI must run the browser tests`);
  console.warn(`${name} not found at ${p}: the tests that need it are skipped (apt-get install ${pkg})`);
  return undefined;
}

/** Debian's Chromium, or undefined (tests skipped) outside CI when it is not installed. */
export const CHROMIUM: string | undefined = systemTool("chromium", "PERIMETER_CHROMIUM", "/usr/bin/chromium", "chromium");
/** poppler's pdftotext, or undefined outside CI when it is not installed. */
export const PDFTOTEXT: string | undefined = systemTool("pdftotext", "PERIMETER_PDFTOTEXT", "/usr/bin/pdftotext", "poppler-utils");

/**
 * Chromium's flags for this machine: headless, no sandbox (tests run as root), and nothing
 * that reaches out on its own (the network is closed; a request would be the report's).
 */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
