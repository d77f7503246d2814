/**
 * Every fuzz target by name (the `--target` of `npm run fuzz`), in the order `all` runs them.
 */

import type { Target } from "./driver.js";
import { exportLoaderTarget } from "./targets/export-loader.js";
import { frontEndTarget } from "./targets/front-end.js";
import { paramsLoaderTarget } from "./targets/params-loader.js";
import { renderGithubTarget } from "./targets/render-github.js";
import { renderHtmlTarget } from "./targets/render-html.js";
import { renderJunitTarget } from "./targets/render-junit.js";
import { renderMarkdownTarget } from "./targets/render-markdown.js";
import { renderSarifTarget } from "./targets/render-sarif.js";
import { renderTextTarget } from "./targets/render-text.js";
import { wasmJsonTarget } from "./targets/wasm-json.js";

export const TARGETS: readonly Target<never>[] = [
  frontEndTarget,
  exportLoaderTarget,
  wasmJsonTarget,
  paramsLoaderTarget,
  renderTextTarget,
  renderSarifTarget,
  renderJunitTarget,
  renderGithubTarget,
  renderMarkdownTarget,
  renderHtmlTarget,
] as unknown as Target<never>[];

export function targetNamed(name: string): Target<unknown> | undefined {
  return TARGETS.find((t) => t.name === name) as Target<unknown> | undefined;
}
