/**
 * Every fuzz target by name (the `--target` of `npm run fuzz`), in the order `all` runs them,
 * and the groups of targets that run on one stream of inputs (group.ts): `renderers`, the six
 * renderer targets, whose draw, load and evaluation of an export are done once per input.
 */

import type { Target } from "./driver.js";
import type { TargetGroup } from "./group.js";
import { reportBytes, reportInputArbitrary, reportRuns } from "./report-input.js";
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

const RENDERERS = [renderTextTarget, renderSarifTarget, renderJunitTarget, renderGithubTarget, renderMarkdownTarget, renderHtmlTarget];

export const TARGETS: readonly Target<never>[] = [
  frontEndTarget,
  exportLoaderTarget,
  wasmJsonTarget,
  paramsLoaderTarget,
  ...RENDERERS,
] as unknown as Target<never>[];

export const GROUPS: readonly TargetGroup<never, never>[] = [
  {
    name: "renderers",
    about: `the six renderer targets on one stream of payload exports, each drawn, loaded and evaluated once (${RENDERERS.map((t) => t.name).join(", ")})`,
    arbitrary: reportInputArbitrary,
    build: reportRuns,
    bytes: reportBytes,
    members: RENDERERS,
  },
] as unknown as TargetGroup<never, never>[];

export function targetNamed(name: string): Target<unknown> | undefined {
  return TARGETS.find((t) => t.name === name) as Target<unknown> | undefined;
}

export function groupNamed(name: string): TargetGroup<unknown, unknown> | undefined {
  return GROUPS.find((g) => g.name === name) as TargetGroup<unknown, unknown> | undefined;
}

/** What `--target all` and the soak run: each group, and each target in no group. */
export function units(): (Target<unknown> | TargetGroup<unknown, unknown>)[] {
  const grouped = new Set(GROUPS.flatMap((g) => g.members.map((m) => m.name)));
  return [...(TARGETS.filter((t) => !grouped.has(t.name)) as Target<unknown>[]), ...(GROUPS as unknown as TargetGroup<unknown, unknown>[])];
}
