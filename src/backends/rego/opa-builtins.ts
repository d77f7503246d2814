/**
 * The names an emitted Rego rule, function or import alias must not take: every OPA builtin
 * function's name, and the first segment of every dotted one (`net`, `time`, …), as
 * `opa capabilities --current` lists them for OPA v1.22.4 — infix operators included, since OPA
 * resolves `!=` to `neq`, `<` to `lt`, `+` to `plus` and so on, and then to a rule of that name in
 * the package when there is one. test/rego/opa.test.ts fails when a newer OPA adds a name
 * missing here.
 */

export const OPA_BUILTIN_NAMES: ReadonlySet<string> = new Set([
  "abs", "all", "and", "any", "array", "assign", "base64", "base64url", "bits", "cast_array", "cast_boolean",
  "cast_null", "cast_object", "cast_set", "cast_string", "ceil", "concat", "contains", "count", "crypto",
  "div", "endswith", "eq", "equal", "floor", "format_int", "glob", "graph", "graphql", "gt", "gte", "hex",
  "http", "indexof", "indexof_n", "internal", "intersection", "io", "is_array", "is_boolean", "is_null",
  "is_number", "is_object", "is_set", "is_string", "json", "lower", "lt", "lte", "max", "min", "minus",
  "mul", "neq", "net", "numbers", "object", "opa", "or", "plus", "print", "product", "providers", "rand",
  "re_match", "regex", "rego", "rem", "replace", "round", "semver", "set_diff", "sort", "split", "sprintf",
  "startswith", "strings", "substring", "sum", "time", "to_number", "trace", "trim", "trim_left",
  "trim_prefix", "trim_right", "trim_space", "trim_suffix", "type_name", "union", "units", "upper", "uri",
  "urlquery", "uuid", "walk", "yaml",
]);
