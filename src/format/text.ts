/**
 * Questions about the original text that the AST does not answer: where the author put
 * blank lines, and whether a comment stood on a line of its own. The formatter keeps a
 * single blank line where the author left one or more, so these are the only layout facts it
 * reads from the source. Prettier has normalised line endings to `\n` before parsing.
 */

const HORIZONTAL = /[ \t\f\v\u00a0\ufeff]/;

function skipHorizontal(text: string, i: number): number {
  while (i < text.length && HORIZONTAL.test(text[i]!)) i++;
  return i;
}

function skipHorizontalBack(text: string, i: number): number {
  while (i > 0 && HORIZONTAL.test(text[i - 1]!)) i--;
  return i;
}

/** Whether only whitespace precedes `offset` on its line. */
export function isOwnLine(text: string, offset: number): boolean {
  const i = skipHorizontalBack(text, offset);
  return i === 0 || text[i - 1] === "\n";
}

/**
 * Whether the line after the one where `end` lies is blank. A list comma and a comment
 * may follow `end` on its line: `10.0.0.0/8, # office`.
 */
export function isNextLineEmpty(text: string, end: number): boolean {
  let i = skipHorizontal(text, end);
  if (text[i] === ",") i = skipHorizontal(text, i + 1);
  if (text[i] === "#") while (i < text.length && text[i] !== "\n") i++;
  if (text[i] !== "\n") return false;
  i = skipHorizontal(text, i + 1);
  return text[i] === "\n";
}

/** Whether the line before the one where `start` lies is blank. */
export function isPreviousLineEmpty(text: string, start: number): boolean {
  let i = skipHorizontalBack(text, start);
  if (i === 0 || text[i - 1] !== "\n") return false;
  i = skipHorizontalBack(text, i - 1);
  return i > 0 && text[i - 1] === "\n";
}
