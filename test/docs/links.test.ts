// Every relative link of README.md and docs/ leads somewhere: the file or folder exists, and an
// anchor (`page.md#section`, `#section`) is a heading of that page as GitHub slugs it
// (github-slugger, the library github.com's own slugs are reproduced by, duplicates numbered).
// External links (https:, mailto:) are not fetched: the tests run without a network.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import GithubSlugger from "github-slugger";
import { describe, expect, it } from "vitest";
import { packagePath } from "../../src/paths.js";
import { docPages, parsePage } from "./markdown.js";

const pages = docPages();

const anchorCache = new Map<string, Set<string>>();

/** The anchors GitHub gives a Markdown file's headings. */
function anchors(file: string): Set<string> {
  const cached = anchorCache.get(file);
  if (cached) return cached;
  const page = parsePage(file, readFileSync(packagePath(file), "utf8"));
  const slugger = new GithubSlugger();
  const set = new Set(page.headings.map((h) => slugger.slug(h)));
  anchorCache.set(file, set);
  return set;
}

/** Problems with one link of a page: "" when it resolves. */
export function brokenLink(page: string, url: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return "";
  const [path, anchor] = url.split("#", 2) as [string, string | undefined];
  const target = path === "" ? page : normalize(join(dirname(page), decodeURI(path)));
  if (relative(packagePath(), packagePath(target)).startsWith("..")) return `${url}: outside the repository`;
  if (!existsSync(packagePath(target))) return `${url}: ${target} does not exist`;
  if (anchor !== undefined) {
    if (statSync(packagePath(target)).isDirectory() || !target.endsWith(".md")) return `${url}: an anchor into ${target}, which is not a Markdown page`;
    if (!anchors(target).has(anchor)) return `${url}: ${target} has no heading #${anchor}`;
  }
  return "";
}

describe("links in README.md and docs/", () => {
  it("there are links to check", () => expect(pages.flatMap((p) => p.links).length).toBeGreaterThan(50));

  it.each(pages.map((p) => [p.page, p] as const))("%s: every relative link and anchor resolves", (_name, page) => {
    const broken = page.links.map((l) => [l.line, brokenLink(page.page, l.url)] as const).filter(([, e]) => e !== "");
    expect(broken.map(([line, e]) => `${page.page}:${line}: ${e}`)).toEqual([]);
  });

  it("a broken path or anchor is reported (the check can fail)", () => {
    expect(brokenLink("docs/ci.md", "cli.md#configuration-file")).toBe("");
    expect(brokenLink("docs/ci.md", "cli.md#no-such-heading")).toMatch(/has no heading/);
    expect(brokenLink("docs/ci.md", "nowhere.md")).toMatch(/does not exist/);
    expect(brokenLink("README.md", "docs/language.md#8-canonical-layout")).toBe("");
  });
});

describe("the README", () => {
  it("fits in 8 KB", () => expect(readFileSync(packagePath("README.md")).length).toBeLessThan(8 * 1024));
});
