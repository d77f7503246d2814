/**
 * Line layout of emitted Rego, as `opa fmt` would leave it (so `opa fmt --list` finds nothing):
 * - `opa fmt` keeps a call, array or object on one line when all its elements start on the
 *   line of its opening bracket, and otherwise puts each element on a line of its own; so a
 *   group in which any element but the last spans lines gets one element a line (`regroup`);
 * - a line inside brackets is indented one tab more than the line that opened them;
 * - lines longer than Regal's limit (120 columns, tabs counted as 4) are broken at the
 *   outermost bracket group opened on the line, one element a line with a trailing comma, and
 *   the pieces are broken again if still too long. Strings and comments are never split.
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

type Node = string | GroupNode;

interface GroupNode {
  readonly open: string;
  close: string;
  readonly items: Node[];
}

const NL = "\n";

/** The bracket tree of Rego text: strings, comments and runs of other text are leaves. */
function parse(text: string): Node[] {
  const root: GroupNode = { open: "", close: "", items: [] };
  const stack: GroupNode[] = [root];
  const top = () => stack.at(-1)!;
  const token = /"(?:[^"\\\n]|\\.)*"|`[^`]*`|#[^\n]*|\n[ \t]*|[([{]|[)\]}]|,|[^"`#\n()[\]{},]+/g;
  for (const m of text.matchAll(token)) {
    const t = m[0];
    if (t === "(" || t === "[" || t === "{") {
      const g: GroupNode = { open: t, close: "", items: [] };
      top().items.push(g);
      stack.push(g);
    } else if ((t === ")" || t === "]" || t === "}") && stack.length > 1) stack.pop()!.close = t;
    else top().items.push(t.startsWith(NL) ? NL : t);
  }
  return root.items;
}

/** Separated by top-level commas (a list), or statements/comprehension (a block)? */
function elements(g: GroupNode): Node[][] | undefined {
  const code = (n: Node) => typeof n === "string" && !n.startsWith('"') && !n.startsWith("`");
  const first = g.items.find((n) => typeof n !== "string" || n.trim() !== "");
  // Braces: an object (its keys are string literals) or a body of statements.
  if (g.open === "{" && !(typeof first === "string" && first.startsWith('"'))) return undefined;
  if (!g.items.includes(",") || g.items.some((n) => code(n) && (n as string).includes("|"))) return undefined;
  const out: Node[][] = [[]];
  for (const n of g.items) if (n === ",") out.push([]);
    else out.at(-1)!.push(n);
  const trimmed = out.map((e) => trim(e));
  return trimmed.at(-1)!.length === 0 ? trimmed.slice(0, -1) : trimmed;
}

function trim(nodes: Node[]): Node[] {
  let a = 0;
  let b = nodes.length;
  const blank = (n: Node | undefined) => typeof n === "string" && n.trim() === "";
  while (a < b && blank(nodes[a])) a++;
  while (b > a && blank(nodes[b - 1])) b--;
  return nodes.slice(a, b).map((n, i, all) => (typeof n !== "string" ? n : i === 0 ? n.trimStart() : i === all.length - 1 ? n.trimEnd() : n));
}

function multiline(nodes: readonly Node[]): boolean {
  return nodes.some((n) => (typeof n === "string" ? n === NL : n.items.length > 0 && multiline(n.items)));
}

/** Prints the tree, one element a line where `opa fmt` would put them so (see the header). */
function print(nodes: readonly Node[]): string {
  // The output as parts; a line starts with a part "\n" + its indentation. `fresh`: nothing
  // written yet on the current line (so leading blanks are dropped).
  const out: string[] = [];
  let fresh = true;
  let lineIndent = 0;
  const write = (t: string) => {
    const x = fresh ? t.trimStart() : t;
    if (x === "") return;
    out.push(x);
    fresh = false;
  };
  const newline = (depth: number) => {
    if (fresh && out.length > 0) out[out.length - 1] = "\n"; // an empty line keeps no indentation
    else
      while (out.length > 0 && /[ \t]$/.test(out[out.length - 1]!)) {
        const t = out.pop()!.trimEnd();
        if (t !== "") {
          out.push(t);
          break;
        }
      }
    out.push(`\n${"\t".repeat(depth)}`);
    fresh = true;
    lineIndent = depth;
  };
  const walk = (ns: readonly Node[], inner: number): void => {
    for (const n of ns) {
      if (n === NL) newline(inner);
      else if (typeof n === "string") write(n);
      else group(n);
    }
  };
  const group = (g: GroupNode): void => {
    const base = lineIndent;
    write(g.open);
    const elems = elements(g);
    if (elems === undefined) {
      walk(g.items, base + 1);
      if (fresh && out.length > 0) {
        out[out.length - 1] = `\n${"\t".repeat(base)}`;
        lineIndent = base;
      }
    } else if (g.items.includes(NL) || elems.slice(0, -1).some(multiline)) {
      for (const e of elems) {
        newline(base + 1);
        walk(e, base + 1);
        write(",");
      }
      newline(base);
    } else
      elems.forEach((e, i) => {
        if (i > 0) write(", ");
        walk(e, base + 1);
      });
    write(g.close);
  };
  walk(nodes, 0);
  return out.join("");
}

/** Re-lays out multi-line groups the way `opa fmt` keeps them (see the header). */
export function regroup(text: string): string {
  return print(parse(text));
}

export function layout(text: string): string {
  const wrapped = regroup(text)
    .split("\n")
    .flatMap((l) => wrapLine(l))
    .join("\n");
  return regroup(wrapped);
}
