/**
 * Line layout of emitted Rego: lines longer than Regal's limit (120 columns, tabs counted
 * as 4) are broken the way `opa fmt` keeps multi-line calls and literals — the outermost
 * bracket group opened on the line gets one element a line, indented one more tab, with a
 * trailing comma — and the pieces are broken again if still too long. Strings and comments
 * are never split.
 */

export const MAX_WIDTH = 120;

function width(line: string): number {
  let w = 0;
  for (const c of line) w += c === "\t" ? 4 : 1;
  return w;
}

interface Group {
  readonly open: number;
  readonly close: number;
  /** Offsets of the commas directly inside the group. */
  readonly commas: number[];
  /** A comprehension (`[x | …]`): a `|` directly inside. */
  readonly bar: boolean;
}

/** Bracket groups of a line (outermost first), skipping string literals. */
function groups(line: string): Group[] {
  const out: Group[] = [];
  const stack: { open: number; commas: number[]; bar: boolean }[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') {
      for (i++; i < line.length && line[i] !== '"'; i++) if (line[i] === "\\") i++;
      continue;
    }
    if (c === "`") {
      for (i++; i < line.length && line[i] !== "`"; i++);
      continue;
    }
    if (c === "#") break;
    if (c === "(" || c === "[" || c === "{") stack.push({ open: i, commas: [], bar: false });
    else if (c === ")" || c === "]" || c === "}") {
      const g = stack.pop();
      if (g) out.push({ open: g.open, close: i, commas: g.commas, bar: g.bar });
    } else if (c === "," && stack.length > 0) stack.at(-1)!.commas.push(i);
    else if (c === "|" && stack.length > 0) stack.at(-1)!.bar = true;
  }
  return out.sort((a, b) => a.open - b.open);
}

export function wrapLine(line: string): string[] {
  if (width(line) <= MAX_WIDTH || /^\s*#/.test(line)) return [line];
  const indent = /^\t*/.exec(line)![0];
  // The widest group that has commas to break at (a comprehension's `|` is left alone).
  const candidates = groups(line).filter((g) => g.commas.length > 0 && !g.bar);
  const g = candidates.sort((a, b) => b.close - b.open - (a.close - a.open) || a.open - b.open)[0];
  if (g === undefined) return [line];
  const items: string[] = [];
  let start = g.open + 1;
  for (const c of [...g.commas, g.close]) {
    const item = line.slice(start, c).trim();
    if (item !== "") items.push(item);
    start = c + 1;
  }
  const head = line.slice(0, g.open + 1);
  const tail = line.slice(g.close);
  const inner = `${indent}\t`;
  return [head, ...items.flatMap((it) => wrapLine(`${inner}${it},`)), ...wrapLine(`${indent}${tail}`)];
}

export function layout(text: string): string {
  return text
    .split("\n")
    .flatMap((l) => wrapLine(l))
    .join("\n");
}
