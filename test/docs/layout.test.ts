// The folder maps of the documentation match the tree: docs/architecture.md has one line per
// folder at the top of the repository ("Repository layout") and per folder of src/ ("Inside
// `src/`"), and README.md one per top-level folder ("Layout"). A folder added without its line,
// or a line left for a folder that is gone, fails here. The tree is what git tracks plus
// untracked files that are not ignored (`git ls-files --cached --others --exclude-standard`),
// so node_modules/, dist/ and other build output do not count, and a new folder counts before
// its first commit.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { packagePath } from "../../src/paths.js";

/** The folders directly under `prefix` ("" for the root) that hold files git sees. */
function treeFolders(prefix: string): string[] {
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", prefix || "."], { cwd: packagePath(), encoding: "utf8", maxBuffer: 256 * 1024 * 1024 })
    .split("\0")
    .filter((f) => f !== "" && existsSync(packagePath(f)));
  const out = new Set<string>();
  for (const f of files) {
    const rest = f.slice(prefix.length).split("/");
    if (rest.length > 1) out.add(prefix + rest[0] + "/");
  }
  return [...out].sort();
}

/** The `- \`folder/\` — …` lines of a Markdown section (from its heading to the next one). */
export function listedFolders(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const body = markdown.slice(start + heading.length + 2);
  const end = body.search(/\n#{1,6} /);
  const section = end < 0 ? body : body.slice(0, end);
  return [...section.matchAll(/^- `([^`]+\/)` — \S/gm)].map((m) => m[1]!);
}

const architecture = readFileSync(packagePath("docs", "architecture.md"), "utf8");
const readme = readFileSync(packagePath("README.md"), "utf8");

describe.each([
  ["docs/architecture.md, Repository layout", () => listedFolders(architecture, "## Repository layout"), ""],
  ["docs/architecture.md, Inside src/", () => listedFolders(architecture, "## Inside `src/`"), "src/"],
  ["README.md, Layout", () => listedFolders(readme, "## Layout"), ""],
] as const)("%s", (_name, listed, prefix) => {
  it("lists every folder of the tree, in order", () => {
    expect(listed()).toEqual(treeFolders(prefix));
  });
  it("lists only folders that exist", () => {
    for (const f of listed()) expect(existsSync(packagePath(f)) && statSync(packagePath(f)).isDirectory(), f).toBe(true);
  });
});

describe("the folder-list reader", () => {
  it("reads only the lines of its section, so a missing line is noticed", () => {
    const md = "# x\n\n## Layout\n\n- `a/` — one\n- `b/` — two\n\n## Next\n\n- `c/` — not here\n";
    expect(listedFolders(md, "## Layout")).toEqual(["a/", "b/"]);
    expect(listedFolders(md, "## Layout")).not.toEqual(["a/", "b/", "new/"]);
  });
});
