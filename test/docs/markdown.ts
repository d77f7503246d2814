// The documentation as data for its tests: README.md and every docs/**/*.md parsed as GitHub
// reads them (CommonMark + GFM, through mdast-util-from-markdown and micromark's GFM extension),
// giving each fenced block with its language, its info-string attributes and its line, each
// link and each heading. The attributes are this project's convention, written after the
// language, which GitHub ignores for highlighting (it reads the first word):
//
//   sh exit=1                         a command block whose commands each exit 1 (default 0)
//   sh skip-doctest reason="…"        not run (network, credentials, installs, long runs): listed
//   console needs=opa                 run only where OPA is installed (CI requires it)
//   perimeter file=dir/x.perimeter    written into the page's scratch folder (also yaml, json, js)
//   perimeter fragment                cannot stand alone: parsed only, not checked
//   yaml ci=gitlab                    a CI pipeline: parsed, and its perimeter commands must be tested ones
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Code, Heading, Link, Nodes, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { packagePath } from "../../src/paths.js";

export interface Block {
  /** The page, relative to the repository root (`docs/ci.md`). */
  readonly page: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lang: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly text: string;
}

export interface Page {
  readonly page: string;
  readonly markdown: string;
  readonly tree: Root;
  readonly blocks: readonly Block[];
  readonly links: readonly { readonly url: string; readonly line: number }[];
  readonly headings: readonly string[];
}

/** `exit=1 skip-doctest reason="a b"` → { exit: "1", "skip-doctest": "", reason: "a b" }. */
export function parseAttrs(meta: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (meta ?? "").matchAll(/([\w-]+)(?:=(?:"([^"]*)"|(\S+)))?/g)) out[m[1]!] = m[2] ?? m[3] ?? "";
  return out;
}

/** The plain text of a node (a heading's words, as GitHub slugs them). */
export function textOf(node: Nodes): string {
  if ("value" in node && typeof node.value === "string") return node.value;
  if ("children" in node) return (node.children as Nodes[]).map(textOf).join("");
  return "";
}

function walk(node: Nodes, visit: (n: Nodes) => void): void {
  visit(node);
  if ("children" in node) for (const c of node.children as Nodes[]) walk(c, visit);
}

export function parsePage(page: string, markdown: string): Page {
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const blocks: Block[] = [];
  const links: { url: string; line: number }[] = [];
  const headings: string[] = [];
  walk(tree, (n) => {
    if (n.type === "code") {
      const c = n as Code;
      blocks.push({ page, line: c.position!.start.line, lang: c.lang ?? "", attrs: parseAttrs(c.meta), text: c.value });
    } else if (n.type === "link") {
      links.push({ url: (n as Link).url, line: n.position!.start.line });
    } else if (n.type === "heading") {
      headings.push(textOf(n as Heading));
    }
  });
  return { page, markdown, tree, blocks, links, headings };
}

/** README.md and every Markdown file under docs/, README first, then by path. */
export function docPages(): Page[] {
  const root = packagePath();
  const files = ["README.md"];
  const docs = packagePath("docs");
  for (const e of readdirSync(docs, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && e.name.endsWith(".md")) files.push(relative(root, join(e.parentPath, e.name)));
  }
  files.sort((a, b) => (a === "README.md" ? -1 : b === "README.md" ? 1 : a.localeCompare(b)));
  return files.map((f) => parsePage(f, readFileSync(packagePath(f), "utf8")));
}

/**
 * The commands of a `sh` block: lines joined at a trailing backslash, blank and comment-only
 * lines dropped. Each is run on its own, so each has the block's exit status.
 */
export function shCommands(text: string): string[] {
  const out: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    if (current === "" && (line.trim() === "" || line.trim().startsWith("#"))) continue;
    if (line.endsWith("\\")) current += line.slice(0, -1) + " ";
    else {
      out.push(current + line);
      current = "";
    }
  }
  if (current.trim() !== "") out.push(current);
  return out;
}

/** The `$ command` lines of a `console` block, each with the output shown under it. */
export function consoleCommands(text: string): { command: string; output: string }[] {
  const out: { command: string; output: string[] }[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("$ ")) out.push({ command: line.slice(2), output: [] });
    else if (out.length === 0) throw new Error(`console block: output before the first \`$ \` command: ${line}`);
    else out[out.length - 1]!.output.push(line);
  }
  return out.map((c) => ({ command: c.command, output: c.output.join("\n") }));
}

/**
 * Whether output matches what a console block shows: lines compared after trimming trailing
 * spaces, SHA-256 digests compared as digests (any 64 hex digits), a line that is only `…`
 * standing for any number of lines, and `…` inside a line for any text on it.
 */
export function outputMatches(actual: string, shown: string): boolean {
  const norm = (s: string) =>
    s
      .split("\n")
      .map((l) => l.replace(/\s+$/, "").replace(/\b[0-9a-f]{64}\b/g, "<sha256>"))
      .join("\n")
      .replace(/^\n+|\n+$/g, "");
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = norm(shown)
    .split("\n")
    .map((l) => (l === "…" ? "(?:[^\\n]*\\n)*?" : esc(l).split("…").join("[^\\n]*?") + "\\n"))
    .join("");
  return new RegExp(`^${pattern}$`).test(norm(actual) + "\n");
}
