/**
 * Names in emitted Rego: identifiers that are neither Rego keywords nor built-in function
 * names (src/backends/rego/opa-builtins.ts; Regal's `var-shadows-builtin`, `rule-shadows-builtin`), package paths (quoted where
 * a segment is not an identifier), and fresh local names that never repeat inside one rule,
 * so no `:=` can collide with a variable of an enclosing scope.
 */

import { OPA_BUILTIN_NAMES } from "./opa-builtins.js";

const KEYWORDS = new Set(["as", "contains", "data", "default", "else", "every", "false", "if", "import", "in", "input", "not", "null", "package", "some", "true", "with", "future", "rego"]);

/** Taken besides the builtins: `lib`, the alias under which every module imports the library. */
const TAKEN = new Set(["lib"]);

/** A Rego identifier for a name the policy author chose. */
export function ident(name: string): string {
  return KEYWORDS.has(name) || OPA_BUILTIN_NAMES.has(name) || TAKEN.has(name) ? `${name}_` : name;
}

const SIMPLE = /^[a-z_][a-z0-9_]*$/;

/** The first segment of a package path: a keyword or a name that is not an identifier gets a `_`. */
function rootSegment(seg: string): string {
  return SIMPLE.test(seg) && !KEYWORDS.has(seg) ? seg : `_${seg.replace(/[^a-z0-9_]/g, "_")}`;
}

/** `package a.b` or `package a["if"]`. */
export function packagePath(name: string): string {
  return name
    .split(".")
    .map((seg, i) => (i === 0 ? rootSegment(seg) : `${refKey(seg)}`))
    .join("");
}

/** `.key` where the key is a plain identifier, else `["key"]` (as `opa fmt` writes refs). */
export function refKey(key: string): string {
  return SIMPLE.test(key) && !KEYWORDS.has(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** The directory of a package's files, its data path (Regal: directory-package-mismatch). */
export function packageDir(name: string): string {
  const [root, ...rest] = name.split(".");
  return [rootSegment(root!), ...rest].join("/");
}

/** Fresh local names within one rule or function. */
export class Locals {
  private readonly used = new Set<string>();

  constructor(taken: Iterable<string> = []) {
    for (const t of taken) this.used.add(t);
  }

  fresh(base: string): string {
    const b = ident(base);
    if (!this.used.has(b)) {
      this.used.add(b);
      return b;
    }
    for (let i = 2; ; i++) {
      const n = `${b}${i}`;
      if (!this.used.has(n)) {
        this.used.add(n);
        return n;
      }
    }
  }

  /** Marks a name as taken (a parameter, an imported alias). */
  take(name: string): void {
    this.used.add(name);
  }
}

/** A call of a rule or function: with no arguments, the rule itself (Rego has no `f()`). */
export function call(name: string, args: readonly string[]): string {
  return args.length === 0 ? name : `${name}(${args.join(", ")})`;
}

/** A Rego string literal. */
export function str(s: string): string {
  return JSON.stringify(s);
}

/** A Rego term for JSON data. */
export function json(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(json).join(", ")}]`;
  if (v !== null && typeof v === "object") return `{${Object.entries(v).map(([k, x]) => `${str(k)}: ${json(x)}`).join(", ")}}`;
  return JSON.stringify(v);
}

/** Rego text with string literals and comments blanked out (for looking up identifiers). */
function code(text: string): string {
  return text.replace(/"(?:[^"\\\n]|\\.)*"|`[^`]*`|#[^\n]*/g, (m) => " ".repeat(m.length));
}

/** Does Rego text refer to `name` as a variable or rule (not as a field, not inside a string)? */
export function refersTo(text: string, name: string): boolean {
  return new RegExp(`(?<![\\w.])${name}(?!\\w)`).test(code(text));
}

/**
 * A rule with every function argument its body does not use written `_` (`opa check --strict`
 * rejects unused arguments). `rule` is one rule's text, METADATA comments allowed before it.
 */
export function wildcardUnused(rule: string): string {
  const lines = rule.split("\n");
  const at = lines.findIndex((l) => !l.startsWith("#"));
  if (at < 0) return rule;
  const start = lines.slice(0, at).join("\n").length + (at > 0 ? 1 : 0);
  const head = /^[a-z_][a-z0-9_]*\(/.exec(rule.slice(start));
  if (!head) return rule;
  const open = start + head[0].length - 1;
  const blank = code(rule);
  let depth = 0;
  let close = open;
  for (let i = open; i < blank.length; i++) {
    const c = blank[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if ((c === ")" || c === "]" || c === "}") && --depth === 0) {
      close = i;
      break;
    }
  }
  const rest = blank.slice(close + 1);
  const used = (name: string) => refersTo(rest, name);
  const names = [...blank.slice(open + 1, close).matchAll(/(?<![\w.])[a-z_][a-z0-9_]*(?![\w(])/g)];
  // A name repeated in the head is a pattern (`f(x, x)`), used even when the body is not.
  const repeated = (name: string) => names.filter((n) => n[0] === name).length > 1;
  let out = rule.slice(0, open + 1);
  let from = open + 1;
  for (const m of names) {
    const name = m[0];
    if (name === "_" || KEYWORDS.has(name) || repeated(name) || used(name)) continue;
    const at = open + 1 + m.index;
    out += `${rule.slice(from, at)}_`;
    from = at + name.length;
  }
  return out + rule.slice(from);
}
