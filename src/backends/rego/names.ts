/**
 * Names in emitted Rego: identifiers that are neither Rego keywords nor built-in function
 * names (Regal's `var-shadows-builtin`, `rule-shadows-builtin`), package paths (quoted where
 * a segment is not an identifier), and fresh local names that never repeat inside one rule,
 * so no `:=` can collide with a variable of an enclosing scope.
 */

const KEYWORDS = new Set(["as", "contains", "data", "default", "else", "every", "false", "if", "import", "in", "input", "not", "null", "package", "some", "true", "with", "future", "rego"]);

const BUILTINS = new Set([
  "abs", "all", "any", "array", "base64", "bits", "cast_array", "ceil", "concat", "count", "crypto", "div", "endswith", "floor", "format_int",
  "glob", "graph", "hex", "http", "indexof", "intersection", "io", "is_array", "is_boolean", "is_null", "is_number", "is_object", "is_set",
  "is_string", "json", "lower", "max", "min", "minus", "mul", "net", "numbers", "object", "opa", "plus", "print", "product", "rand", "regex",
  "rem", "replace", "round", "semver", "sort", "split", "sprintf", "startswith", "strings", "substring", "sum", "time", "to_number", "trace",
  "trim", "trim_left", "trim_prefix", "trim_right", "trim_space", "trim_suffix", "type_name", "union", "units", "upper", "urlquery", "uuid",
  "walk", "yaml", "lib",
]);

/** A Rego identifier for a name the policy author chose. */
export function ident(name: string): string {
  return KEYWORDS.has(name) || BUILTINS.has(name) ? `${name}_` : name;
}

const SIMPLE = /^[a-z_][a-z0-9_]*$/;

/** `package a.b` or `package a["if"]`. */
export function packagePath(name: string): string {
  return name
    .split(".")
    .map((seg, i) => (SIMPLE.test(seg) && !KEYWORDS.has(seg) ? (i === 0 ? seg : `.${seg}`) : i === 0 ? `_${seg.replace(/[^a-z0-9_]/g, "_")}` : `[${JSON.stringify(seg)}]`))
    .join("");
}

/** The directory of a package's files (Regal: directory-package-mismatch). */
export function packageDir(name: string): string {
  return name.split(".").join("/");
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
