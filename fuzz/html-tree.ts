/**
 * HTML as a browser parses it (parse5), for the Markdown and HTML renderer targets: the
 * elements in document order with their attributes, the text outside `<code>` (where GitHub
 * finds mentions and references), and the template's own vocabulary (what the renderers make
 * of the unmutated seeds), against which a payload's rendering is judged.
 */

import { parse, parseFragment } from "parse5";

export interface Element {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
}

type P5 = { nodeName: string; tagName?: string; value?: string; attrs?: { name: string; value: string }[]; childNodes?: P5[]; content?: P5 };

/** The elements of an HTML document (or fragment), in document order, and the prose text. */
export function htmlTree(html: string, fragment: boolean): { elements: Element[]; prose: string } {
  const elements: Element[] = [];
  const prose: string[] = [];
  const todo: { n: P5; inCode: boolean }[] = [{ n: (fragment ? parseFragment(html) : parse(html)) as unknown as P5, inCode: false }];
  while (todo.length > 0) {
    const { n, inCode } = todo.pop()!;
    if (n.nodeName === "#text") {
      if (!inCode) prose.push(n.value ?? "");
      continue;
    }
    if (n.tagName !== undefined) elements.push({ tag: n.tagName, attrs: Object.fromEntries((n.attrs ?? []).map((a) => [a.name, a.value])) });
    if (n.tagName === "br") prose.push("\n");
    const kids = [...(n.childNodes ?? []), ...(n.content?.childNodes ?? [])];
    const code = inCode || n.tagName === "code";
    for (let i = kids.length - 1; i >= 0; i--) todo.push({ n: kids[i]!, inCode: code });
    if (code && !inCode) prose.push(" ");
  }
  return { elements, prose: prose.join("") };
}

/** What GitHub turns into mentions, issue references, e-mail links and emoji in rendered text (as test/report/markdown-gfm.test.ts). */
export const GITHUB_REFERENCES: readonly [string, RegExp][] = [
  ["mention", /(^|[^A-Za-z0-9`])@[A-Za-z0-9]/],
  ["issue reference", /#[0-9]/],
  ["GH- reference", /\bGH-[0-9]/i],
  ["e-mail autolink", /[A-Za-z0-9._+-]@[A-Za-z0-9-]+\.[A-Za-z]/],
  ["emoji", /:[a-z0-9_+-]*[a-z+][a-z0-9_+-]*:/i],
];

export function githubReferences(text: string): string[] {
  return GITHUB_REFERENCES.filter(([, re]) => re.test(text)).map(([name]) => name);
}

/** The elements, attributes (per element), links and references that renders of the seeds hold. */
export interface Vocabulary {
  readonly tags: Set<string>;
  readonly attrs: Set<string>;
  readonly links: Set<string>;
  readonly references: Set<string>;
}

export function vocabulary(trees: readonly { elements: Element[]; prose: string }[]): Vocabulary {
  const v: Vocabulary = { tags: new Set(), attrs: new Set(), links: new Set(), references: new Set() };
  for (const t of trees) {
    for (const e of t.elements) {
      v.tags.add(e.tag);
      for (const [k, x] of Object.entries(e.attrs)) {
        v.attrs.add(`${e.tag}[${k}]`);
        if (k === "href" || k === "src") v.links.add(x);
      }
    }
    for (const r of githubReferences(t.prose)) v.references.add(r);
  }
  return v;
}

/** The first way a rendering steps outside the vocabulary: an element, attribute, link or reference the template does not make. */
export function outside(tree: { elements: Element[]; prose: string }, v: Vocabulary, options: { references: boolean }): string | undefined {
  for (const e of tree.elements) {
    if (!v.tags.has(e.tag)) return `an element the template does not make: <${e.tag}>`;
    for (const [k, x] of Object.entries(e.attrs)) {
      if (!v.attrs.has(`${e.tag}[${k}]`)) return `an attribute the template does not make: <${e.tag} ${k}=${JSON.stringify(x)}>`;
      if (/^\s*(javascript|vbscript|data):/i.test(x)) return `a script URL: <${e.tag} ${k}=${JSON.stringify(x)}>`;
      if ((k === "href" || k === "src") && !v.links.has(x) && !x.startsWith("#")) return `a link the template does not make: <${e.tag} ${k}=${JSON.stringify(x)}>`;
    }
  }
  if (options.references) for (const r of githubReferences(tree.prose)) if (!v.references.has(r)) return `GitHub would find a ${r} in the rendered text: ${JSON.stringify(tree.prose.slice(0, 300))}`;
  return undefined;
}
