// A generator of random, syntactically valid Perimeter files for the formatter's property
// tests: every declaration kind, control items, ingress/egress statements, waivers, tests and
// nested expressions of every precedence level, written as tokens separated by random
// whitespace: spaces, line breaks, blank lines, and comments on their own line or at the end
// of a line, between any two tokens.
import fc from "fast-check";

type Draw = fc.GeneratorValue;

const NAMES = ["a", "b", "ws", "xs", "item", "corp_ranges", "x1"];
const FIELDS = ["apps", "name", "for", "in", "where", "enableIpAccessLists", "egress", "network_access"];
const STRINGS = [
  '"text"',
  '""',
  '"quote \\" and \\\\ backslash"',
  '"tab\\t newline\\n braces \\{ \\}"',
  '"# not a comment"',
  '"*.example.com"',
  '"{ws.name} is {lower(x ?? "none")}"',
  '"interpolated {a} and {b.c}"',
];
const NETS = ["10.0.0.0/8", "192.168.1.1", "2001:db8::/32", "::1", "fe80::1", "::ffff:10.0.0.1", "1:2:3:4:5:6:7:8", "0.0.0.0/0"];
const COMPARE = ["==", "!=", "<", "<=", ">", ">=", "in", "not in", "within", "overlaps", "matches"];

const pick = <T>(g: Draw, xs: readonly T[]): T => xs[g(fc.integer, { min: 0, max: xs.length - 1 })]!;
const chance = (g: Draw, percent: number): boolean => g(fc.integer, { min: 0, max: 99 }) < percent;
const count = (g: Draw, min: number, max: number): number => g(fc.integer, { min, max });

interface Ctx {
  /** The lowest precedence allowed without parentheses. */
  readonly min: number;
  /** A quantifier may stand here (operand of and/or/not). */
  readonly quantifier: boolean;
  /** Nothing an operator could extend follows (so `all …:`/`first … where` need no parentheses). */
  readonly tail: boolean;
}

const TOP: Ctx = { min: 0, quantifier: true, tail: true };
const inner = (min: number, tail: boolean, quantifier = false): Ctx => ({ min, quantifier, tail });

function wrap(tokens: string[], prec: number, greedy: boolean, ctx: Ctx, g: Draw): string[] {
  const allowed = prec >= ctx.min || (prec === 1 && ctx.quantifier);
  if (!allowed || (greedy && !ctx.tail) || chance(g, 5)) return ["(", ...tokens, ")"];
  return tokens;
}

function list(g: Draw, depth: number, min: number, max: number): string[] {
  const out: string[] = [];
  const n = count(g, min, max);
  for (let i = 0; i < n; i++) {
    if (i > 0) out.push(",");
    out.push(...expr(g, depth, TOP));
  }
  return out;
}

function primary(g: Draw): string[] {
  switch (count(g, 0, 5)) {
    case 0:
      return [pick(g, NAMES)];
    case 1:
      return [pick(g, ["0", "42", "1.5", "2718281828459045"])];
    case 2:
      return [pick(g, STRINGS)];
    case 3:
      return [pick(g, NETS)];
    case 4:
      return [pick(g, ["2027-01-31", "true", "false"])];
    default:
      return [pick(g, NAMES)];
  }
}

/** Something a `.field` or `[index]` may follow. */
function object(g: Draw, depth: number): string[] {
  if (depth <= 0 || chance(g, 50)) return [pick(g, NAMES)];
  return expr(g, depth - 1, inner(8, false));
}

export function expr(g: Draw, depth: number, ctx: Ctx): string[] {
  if (depth <= 0) return primary(g);
  const d = depth - 1;
  switch (count(g, 0, 17)) {
    case 0:
    case 1:
      return primary(g);
    case 2:
      return wrap([pick(g, NAMES), "(", ...list(g, d, 0, 3), ")"], 9, false, ctx, g);
    case 3:
      return wrap(["dbx", ".", pick(g, NAMES), "(", ...list(g, d, 0, 2), ")"], 9, false, ctx, g);
    case 4:
      return wrap([...object(g, d), ".", pick(g, FIELDS)], 8, false, ctx, g);
    case 5:
      return wrap([...object(g, d), "[", ...expr(g, d, TOP), "]"], 8, false, ctx, g);
    case 6: {
      const items = list(g, d, 0, 6);
      return ["[", ...items, ...(items.length > 0 && chance(g, 30) ? [","] : []), "]"];
    }
    case 7: {
      const where = chance(g, 50) ? ["where", ...expr(g, d, TOP)] : [];
      return ["[", ...expr(g, d, TOP), "for", pick(g, NAMES), "in", ...expr(g, d, inner(0, where.length === 0)), ...where, "]"];
    }
    case 8:
      return wrap(["first", pick(g, NAMES), "in", ...expr(g, d, inner(0, false)), "where", ...expr(g, d, inner(0, ctx.tail))], 9, true, ctx, g);
    case 9:
      return ["(", ...expr(g, d, TOP), ")"];
    case 10:
      return wrap(["not", ...expr(g, d, inner(4, ctx.tail, true))], 4, false, ctx, g);
    case 11:
      return wrap([pick(g, ["any", "all", "none"]), pick(g, NAMES), "in", ...expr(g, d, inner(2, false)), ":", ...expr(g, d, inner(0, ctx.tail, true))], 1, true, ctx, g);
    case 12:
      return wrap([...expr(g, d, inner(6, false)), "is", ...(chance(g, 50) ? ["not"] : []), pick(g, ["missing", "present"])], 5, false, ctx, g);
    case 13:
      return wrap([...expr(g, d, inner(6, false)), pick(g, COMPARE), ...expr(g, d, inner(6, ctx.tail))], 5, false, ctx, g);
    case 14:
      return wrap([...expr(g, d, inner(6, false)), "??", ...expr(g, d, inner(7, ctx.tail))], 6, false, ctx, g);
    case 15:
      return wrap([...expr(g, d, inner(7, false)), pick(g, ["+", "-"]), ...expr(g, d, inner(8, ctx.tail))], 7, false, ctx, g);
    case 16:
      return wrap([...expr(g, d, inner(3, false, true)), "and", ...expr(g, d, inner(4, ctx.tail, true))], 3, false, ctx, g);
    default:
      return wrap([...expr(g, d, inner(2, false, true)), "or", ...expr(g, d, inner(3, ctx.tail, true))], 2, false, ctx, g);
  }
}

const controlId = (g: Draw) => pick(g, ["APPS-ING-001", "NS-5", "A-1"]);
const subjectKey = (g: Draw) => pick(g, ["3141592653589793", '"sales-dashboard"', "7"]);

function statement(g: Draw, egress: boolean, depth: number): string[] {
  if (!egress) {
    switch (count(g, 0, 4)) {
      case 0:
        return ["ip", "access", "lists", "enforced"];
      case 1:
        return ["allow", "only", "from", ...list(g, depth, 1, 5)];
      case 2:
        return ["deny", "from", ...list(g, depth, 1, 5)];
      case 3:
        return ["private", "link", "required"];
      default:
        return ["dns", "forwarding", "for", ...list(g, depth, 1, 4)];
    }
  }
  switch (count(g, 0, 3)) {
    case 0:
      return ["restricted"];
    case 1:
      return chance(g, 50) ? ["enforced"] : ["enforced", "for", ...expr(g, depth, TOP)];
    case 2:
      return ["must", "allow", ...(chance(g, 30) ? ["storage"] : []), ...list(g, depth, 1, 4), ...(chance(g, 50) ? ["when", ...expr(g, depth, TOP)] : [])];
    default:
      return ["allow", "only", ...list(g, depth, 1, 5)];
  }
}

function controlItem(g: Draw, depth: number): string[] {
  switch (count(g, 0, 9)) {
    case 0:
      return ["severity", pick(g, ["critical", "high", "low"])];
    case 1: {
      const out = ["frameworks"];
      const n = count(g, 1, 6);
      for (let i = 0; i < n; i++) out.push(...(i > 0 ? [","] : []), pick(g, ['"SAT:NS-5"', '"NIST-800-53:SC-7"', '"CIS:1.2"']));
      return out;
    }
    case 2:
      return [pick(g, ["remediation", "description", "docs"]), pick(g, STRINGS)];
    case 3:
      return ["for", pick(g, NAMES), "in", ...expr(g, depth, inner(0, false)), ...(chance(g, 50) ? ["where", ...expr(g, depth, TOP)] : [])];
    case 4:
      return ["let", pick(g, NAMES), "=", ...expr(g, depth, TOP)];
    case 5:
    case 6:
      return ["require", ...expr(g, depth, TOP), ...(chance(g, 50) ? ["else", pick(g, STRINGS)] : [])];
    default: {
      const egress = chance(g, 50);
      const out = [egress ? "egress" : "ingress", ...expr(g, 1, TOP), "{"];
      const n = count(g, 0, 4);
      for (let i = 0; i < n; i++) out.push(...statement(g, egress, depth));
      return [...out, "}"];
    }
  }
}

function declaration(g: Draw, depth: number): string[] {
  switch (count(g, 0, 6)) {
    case 0:
      return ["param", pick(g, NAMES), "=", ...expr(g, depth, TOP)];
    case 1:
      return ["let", pick(g, NAMES), "=", ...expr(g, depth, TOP)];
    case 2: {
      const params: string[] = [];
      const n = count(g, 0, 3);
      for (let i = 0; i < n; i++) params.push(...(i > 0 ? [","] : []), pick(g, NAMES));
      return ["def", pick(g, NAMES), "(", ...params, ")", "=", ...expr(g, depth, TOP)];
    }
    case 3: {
      const out = ["control", controlId(g), pick(g, STRINGS), "{"];
      const n = count(g, 0, 6);
      for (let i = 0; i < n; i++) out.push(...controlItem(g, depth));
      return [...out, "}"];
    }
    case 4:
      return ["waive", controlId(g), "for", subjectKey(g), "until", "2027-01-31", "reason", pick(g, STRINGS), ...(chance(g, 50) ? ["approved_by", '"ciso@contoso.com"'] : [])];
    default: {
      const out = ["test", pick(g, STRINGS), "{", "given", '"fixtures/x.json"'];
      const n = count(g, 0, 3);
      for (let i = 0; i < n; i++) out.push("expect", controlId(g), pick(g, ["pass", "fail"]), ...(chance(g, 50) ? ["for", subjectKey(g)] : []));
      return [...out, "}"];
    }
  }
}

/** The tokens of a whole file: package, imports, then declarations. */
function fileTokens(g: Draw): string[] {
  const out: string[] = [];
  if (chance(g, 50)) out.push("package", "acme", ".", "net");
  const imports = count(g, 0, 2);
  for (let i = 0; i < imports; i++) out.push("import", "std", ".", "databricks", ...(chance(g, 50) ? ["as", "dbx"] : []));
  const decls = count(g, 0, 5);
  for (let i = 0; i < decls; i++) out.push(...declaration(g, count(g, 1, 4)));
  return out;
}

/** Joins tokens with random whitespace and comments; every comment ends its line. */
function layout(g: Draw, tokens: readonly string[]): string {
  let out = "";
  let n = 0;
  // Now and then `# prettier-ignore`, or trailing blanks (which are not part of a comment).
  const comment = () => (chance(g, 8) ? "# prettier-ignore" : chance(g, 5) ? `# c${n++}  ` : `# c${n++}`);
  // Most files have a comment here and there; some have one after almost every token.
  const dense = chance(g, 25);
  for (const [i, t] of tokens.entries()) {
    if (i > 0) {
      const r = dense ? count(g, 60, 99) : count(g, 0, 99);
      if (r < 70) out += " ";
      else if (r < 82) out += "\n  ";
      else if (r < 85) out += "\n\n";
      else if (r < 93) out += ` ${comment()}\n`;
      else if (r < 98) out += `\n${comment()}\n`;
      else out += `\n\n${comment()}\n\n`;
    }
    out += t;
  }
  if (chance(g, 20)) out += ` # c${n++}`;
  if (chance(g, 20)) out = `# c${n++}\n${out}`;
  return `${out}\n`;
}

/** A random valid Perimeter file and a random print width, drawn inside a property from `fc.gen()`. */
export function randomFile(g: Draw): { text: string; printWidth: number } {
  return { text: layout(g, fileTokens(g)), printWidth: pick(g, [20, 40, 60, 80, 100, 120]) };
}
