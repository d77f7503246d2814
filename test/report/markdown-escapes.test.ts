// Fixed cases of the Markdown escapes, one for each rule of md(), code() and docLink(), at the
// edges a random draw may miss: what is escaped and, next to it, what is left alone (a colon
// that starts no emoji, `@` before a space, a tenth digit before a list marker, `www.` inside
// a word). Each escaped text is also rendered by micromark with GFM (the real consumer): one
// paragraph or one code element, holding the string as written.
import { parseFragment } from "parse5";
import { describe, expect, it } from "vitest";
import { code, docLink, md, ZWSP as Z } from "../../src/report/render-markdown.js";
import { gfmRender } from "../helpers/gfm.js";

type P5 = { nodeName: string; value?: string; childNodes?: P5[] };
const nodes = (html: string) => (parseFragment(html) as unknown as P5).childNodes ?? [];
const tags = (ns: readonly P5[]): string[] => ns.flatMap((n) => (n.nodeName.startsWith("#") ? [] : [n.nodeName, ...tags(n.childNodes ?? [])]));
const text = (ns: readonly P5[]): string => ns.map((n) => (n.nodeName === "#text" ? (n.value ?? "") : n.nodeName === "br" ? "\n" : text(n.childNodes ?? []))).join("");
/** The children of the first element named `name`, depth first. */
const inside = (ns: readonly P5[], name: string): P5[] => {
  for (const n of ns) {
    if (n.nodeName === name) return n.childNodes ?? [];
    const found = inside(n.childNodes ?? [], name);
    if (found.length > 0) return found;
  }
  return [];
};

describe("md(): each escape, and what it leaves alone", () => {
  it.each([
    // GitHub's emoji, mentions, issue and GH- references: a zero-width space.
    [":tada: :+1:", `:${Z}tada: :${Z}+1:`],
    [":12: a:b c:", ":12: a:b c:"],
    ["@ @x a@b", `@ @${Z}x a@${Z}b`],
    ["x @", "x @"],
    ["#a a#1 # x", `\\#${Z}a a\\#${Z}1 \\# x`],
    ["GH-1 gh-12 XGH-1 GH-x", `GH-${Z}1 gh-${Z}12 XGH-1 GH-x`],
    // Markdown's active characters: a backslash, or an entity for < > &.
    ["\\`*_[]<>|#~!&", "\\\\\\`\\*\\_\\[\\]&lt;&gt;\\|\\#\\~\\!&amp;"],
    // Autolink literals: the scheme's colon and `www.` broken, `www.` inside a word left.
    ["a://b https://c", "a\\://b https\\://c"],
    ["www.x WWW.y awww.z 1www.z -www.w", "www\\.x WWW\\.y awww.z 1www.z -www\\.w"],
    // A block marker at the start: list, heading setext, ordered list up to nine digits.
    ["-a", "\\-a"],
    ["+a", "\\+a"],
    ["=a", "\\=a"],
    ["a-b +c =d", "a-b +c =d"],
    ["1. x", "1\\. x"],
    ["1) x", "1\\) x"],
    ["123456789. x", "123456789\\. x"],
    ["1234567890. x", "1234567890. x"],
    ["a1. x", "a1. x"],
    // Leading blanks as character references (an indented code block otherwise), only leading.
    ["  a b", "&#32;&#32;a b"],
    ["\t\ta\tb", "&#9;&#9;a\tb"],
    [" \t a", "&#32;&#9;&#32;a"],
    // Line breaks of every kind, and control characters as visible text.
    ["a\r\nb\rc\nd", "a<br>b<br>c<br>d"],
    ["\u0000\u0008\u0009\u000b\u000c\u000e\u001f\u007f\u0080", "\\\\u0000\\\\u0008\u0009\\\\u000B\\\\u000C\\\\u000E\\\\u001F\\\\u007F\u0080"],
  ])("%j → %j", (s, written) => {
    expect(md(s)).toBe(written);
    const rendered = nodes(gfmRender(`${md(s)}\n`));
    expect(tags(rendered).filter((t) => t !== "br")).toEqual(["p"]);
    const shown = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`).replace(/\r\n|\r|\n/g, "\n");
    expect(text(inside(rendered, "p")).replaceAll(Z, "")).toBe(shown.trimEnd());
  });
});

describe("code(): fences, padding and pipes", () => {
  it.each([
    ["a", "`a`", "`a`"],
    [" a", "`  a `", "`  a `"],
    ["a ", "` a  `", "` a  `"],
    ["`a", "`` `a ``", "`` `a ``"],
    ["a`", "`` a` ``", "`` a` ``"],
    [" ", "` `", "` `"],
    ["``", "``` `` ```", "``` `` ```"],
    ["x``y`", "``` x``y` ```", "``` x``y` ```"],
    ["a\nb\r\nc\rd", "`a b c d`", "`a b c d`"],
    ["a|b", "`a\\|b`", "`a|b`"],
    ["a\\|b", "<code>a&#92;&#124;b</code>", "`a\\|b`"],
    ["<é>&\u0001", "`<é>&\\u0001`", "`<é>&\\u0001`"],
    ["", "", ""],
  ])("%j → %j in a cell, %j elsewhere", (s, cell, prose) => {
    expect(code(s)).toBe(cell);
    expect(code(s, false)).toBe(prose);
    if (s === "") return;
    const shown = s.replace(/\u0001/g, "\\u0001").replace(/\r\n|\r|\n/g, " ");
    const inCell = nodes(gfmRender(`| h |\n|---|\n| ${code(s)} |\n`));
    expect(tags(inCell)).toEqual(["table", "thead", "tr", "th", "tbody", "tr", "td", "code"]);
    expect(text(inside(inCell, "code"))).toBe(shown);
    const inProse = nodes(gfmRender(`x ${code(s, false)}\n`));
    expect(tags(inProse)).toEqual(["p", "code"]);
    expect(text(inside(inProse, "code"))).toBe(shown);
  });
});

describe("docLink(): an autolink only for a plain http(s) URL", () => {
  it.each([
    ["https://a.example/x#y", "<https://a.example/x#y>", ["p", "a"]],
    ["http://a", "<http://a>", ["p", "a"]],
    ["https://a b", "https\\://a b", ["p"]],
    ["https://a<b", "https\\://a&lt;b", ["p"]],
    ["https://a\u0001", "https\\://a\\\\u0001", ["p"]],
    ["https://a\u001f", "https\\://a\\\\u001F", ["p"]],
    ["https://a\u007f", "https\\://a\\\\u007F", ["p"]],
    ["ftp://a", "ftp\\://a", ["p"]],
    ["xhttps://a", "xhttps\\://a", ["p"]],
    ["https://", "https\\://", ["p"]],
  ])("%j → %j", (url, written, elements) => {
    expect(docLink(url)).toBe(written);
    expect(tags(nodes(gfmRender(`x ${docLink(url)}\n`)))).toEqual(elements);
  });
});
