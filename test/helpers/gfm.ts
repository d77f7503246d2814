// GitHub's rendering of Markdown as far as Markdown goes, for the report tests: micromark with
// its GFM extension (tables, autolink literals, strikethrough, task lists, footnotes), raw HTML
// passed through (GitHub then filters it; the reports must contain none of their own making).
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";

export function gfmRender(markdown: string): string {
  return micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true });
}
