// docs/catalogue.md is the control catalogue as `perimeter catalogue policies` prints it today
// (scripts/gen-docs-catalogue.mjs writes it; run it after changing a control's metadata).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { packagePath } from "../../src/paths.js";
import { runCli } from "../helpers/cli.js";
// @ts-expect-error -- a plain .mjs build script, without type declarations
import { cataloguePage } from "../../scripts/gen-docs-catalogue.mjs";

describe("docs/catalogue.md", () => {
  it("is generated from the library and up to date (node scripts/gen-docs-catalogue.mjs)", () => {
    const r = runCli(["catalogue", "policies"]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(packagePath("docs", "catalogue.md"), "utf8")).toBe((cataloguePage as (s: string) => string)(r.stdout));
  });

  it("lists every control of the library", () => {
    const page = readFileSync(packagePath("docs", "catalogue.md"), "utf8");
    const ids = [...page.matchAll(/^\| (APPS-[A-Z]+-\d{3}) \|/gm)].map((m) => m[1]);
    expect(ids.length).toBe(25);
  });
});
