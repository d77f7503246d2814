// The catalogue of user errors: each case asserts the code, the message and the underlined text.
import { describe, it } from "vitest";
import { expectDiagnostic, lint, type Expected } from "../helpers/front.js";

/** A control over workspaces with the given body lines. */
const ctl = (...lines: string[]) =>
  `import std.databricks\ncontrol T-1 "t" {\n  severity low\n  for ws in workspaces\n${lines.map((l) => `  ${l}`).join("\n")}\n}\n`;

interface Case extends Expected {
  readonly name: string;
  readonly source: string;
}

const cases: Case[] = [
  // --- lexical and syntax -------------------------------------------------------------------
  { name: "unexpected character", source: "let x = 1 & 2", code: "E0101", message: "unexpected character `&`", underline: "&", help: "write `and`" },
  { name: "single quotes", source: "let x = 'a'", code: "E0101", message: "unexpected character `'`", underline: "'" },
  { name: "unterminated string", source: 'let x = "abc\nlet y = 1', code: "E0102", message: "unterminated string", underline: '"abc' },
  { name: "invalid escape", source: 'let x = "a\\qb"', code: "E0103", message: "invalid escape `\\q` in string", underline: "\\q" },
  { name: "missing closing brace", source: 'control A-1 "t" {\n  for ws in workspaces\n  require true\n', code: "E0104", message: "expected `}`, found end of file" },
  { name: "missing expression", source: "let x = ", code: "E0104", message: "expected an expression, found end of file" },
  { name: "keyword as a name", source: "let where = 1", code: "E0108", message: "`where` is a reserved word and cannot be a name", underline: "where" },
  { name: "chained comparison", source: "let x = 1 < 2 < 3", code: "E0104", message: "comparisons cannot be chained: `<` follows another comparison", underline: "<" },
  // Found by the front-end fuzz target: a `first … where` condition ending in a comparison let a
  // second one through, as `(first … where a == b) == c` (and the formatter added the parentheses).
  { name: "chained after a first's condition", source: ctl('require (first p in account.network_policies where p.network_policy_id == "a" == "b") is present'), code: "E0104", message: "comparisons cannot be chained: `==` follows another comparison", underline: "==", help: "join two comparisons with `and`, or group one with parentheses" },
  { name: "`is` after a first's condition", source: 'import std.databricks\nlet x = first p in account.network_policies where p.network_policy_id == "a" is present', code: "E0104", message: "comparisons cannot be chained: `is` follows another comparison", underline: "is" },
  { name: "`not in` after a first's condition", source: 'import std.databricks\nlet x = first p in account.network_policies where p.network_policy_id == "a" not in ["b"]', code: "E0104", message: "comparisons cannot be chained: `not in` follows another comparison", underline: "not" },
  { name: "unclosed brace in a string", source: 'let x = "a { b"', code: "E0106", message: "unterminated interpolation: `{` without its `}`", underline: "{" },
  { name: "unknown control item", source: 'control A-1 "t" {\n  requires true\n}', code: "E0104", message: /^expected a control item/, underline: "requires" },
  { name: "unknown ingress statement", source: ctl("ingress ws {", "  allow from 10.0.0.0/8", "}"), code: "E0104", message: "expected `only`, found `from`", underline: "from" },
  { name: "import after declarations", source: "let x = 1\nimport std.databricks", code: "E0105", message: "`import` must come before the declarations", underline: "import std.databricks" },
  { name: "package not first", source: "import std.databricks\npackage a.b", code: "E0105", message: "`package` must come first in the file", underline: "package a.b" },
  { name: "empty interpolation", source: ctl('require true else "x {} y"'), code: "E0106", message: "empty interpolation `{}`", underline: "{}" },
  { name: "deep nesting", source: `let x = ${"(".repeat(150)}1${")".repeat(150)}`, code: "E0107", message: "brackets nested more than 100 deep", underline: "(" },
  { name: "method call", source: ctl("require ws.name.lower() == \"x\""), code: "E0104", message: "`lower(…)` cannot be called on a value", underline: "lower()" },
  // --- names ----------------------------------------------------------------------------------
  { name: "unknown name", source: ctl("require wss.workspace_id > 0"), code: "E0201", message: "unknown name `wss`", underline: "wss", help: "did you mean `ws`?" },
  { name: "duplicate let", source: "let a = 1\nlet a = 2\nlet b = a", code: "E0202", message: "`a` is declared twice in package `test`", underline: "a" },
  { name: "unknown module", source: "import std.databrick", code: "E0203", message: "no package `std.databrick` to import", underline: "std.databrick", help: "did you mean `std.databricks`?" },
  { name: "unknown function", source: ctl("require uses_pyton(ws)"), code: "E0204", message: "unknown function `uses_pyton`", underline: "uses_pyton", help: "did you mean `uses_python`?" },
  { name: "wrong arity", source: ctl("require effective_policy(ws, 1) is present"), code: "E0205", message: "`effective_policy` takes 1 argument, but 2 were given", underline: "effective_policy(ws, 1)" },
  { name: "builtin arity", source: ctl("require count() > 0"), code: "E0205", message: "`count` takes 1 argument, but 0 were given", underline: "count()" },
  { name: "recursive def", source: "def f(x) = f(x)\nlet y = f(1)", code: "E0206", message: "`f` calls itself", underline: "f" },
  { name: "mutually recursive lets", source: "let a = b\nlet b = a", code: "E0206", message: /depends on itself/ },
  { name: "camel case name", source: "let allowList = 1\nlet x = allowList", code: "E0207", message: "`allowList` is not a valid name: names are lower snake case", underline: "allowList", help: "did you mean `allow_list`?" },
  // --- types ----------------------------------------------------------------------------------
  { name: "misspelt field", source: ctl('require ws.workspace_conf.enableIpAcessLists == "true"'), code: "E0301", message: "unknown field `enableIpAcessLists` on `workspace_conf`", underline: "enableIpAcessLists", help: "did you mean `enableIpAccessLists`?" },
  { name: "wrong-case field", source: ctl("require ws.Workspace_ID > 0"), code: "E0301", underline: "Workspace_ID", help: "did you mean `workspace_id`?" },
  { name: "field of a list", source: ctl('require ws.apps.name == "x"'), code: "E0302", message: "`ws.apps` is a list, so it has no field `name`", underline: "name" },
  { name: "field of a string", source: ctl("require ws.workspace_url.host == 1"), code: "E0302", underline: "host" },
  { name: "number compared with string", source: ctl('require ws.workspace_id == "3141"'), code: "E0303", message: 'cannot compare `ws.workspace_id` (number) with `"3141"` (string)', underline: 'ws.workspace_id == "3141"', help: "the other side is a number: write `3141` without quotes" },
  { name: "within on a boolean", source: ctl("require true within 10.0.0.0/8"), code: "E0303", message: "`within` compares addresses and ranges, but `true` (boolean) is not one", underline: "true within 10.0.0.0/8" },
  { name: "matches on a number", source: ctl('require ws.workspace_id matches "*.x.com"'), code: "E0303", message: /^`matches` compares DNS names/ },
  { name: "in on a string", source: ctl('require "a" in ws.workspace_url'), code: "E0303", help: "to look for text inside a string, use `contains(text, part)`" },
  { name: "subtracting ranges", source: ctl("require (10.0.0.0/8 - 10.1.0.0/16) within 10.0.0.0/8"), code: "E0303", help: "to remove addresses from ranges, use `exclude(ranges, removed)`" },
  { name: "misspelt enum value", source: ctl('require restriction_mode(ws) == "RESTRICTED"'), code: "E0304", message: '`"RESTRICTED"` is not a possible value of `restriction_mode(…)`', underline: '"RESTRICTED"', help: 'did you mean `"RESTRICTED_ACCESS"`?' },
  { name: "enum value in a list", source: ctl('require any l in ws.ip_access_lists: l.list_type in ["ALLOW", "DENY"]'), code: "E0304", underline: '"DENY"' },
  { name: "enum default", source: ctl('require (egress_access(ws).policy_enforcement.enforcement_mode ?? "ENFORCE") == "ENFORCED"'), code: "E0304", underline: '"ENFORCE"', help: 'did you mean `"ENFORCED"`?' },
  { name: "quantifier over an object", source: ctl("require any x in ws.workspace_conf: true"), code: "E0305", underline: "ws.workspace_conf" },
  { name: "condition that is a string", source: ctl("require ws.workspace_conf.enableIpAccessLists"), code: "E0306", underline: "ws.workspace_conf.enableIpAccessLists", help: 'compare it with a value, e.g. `x == "true"`' },
  { name: "count of an object", source: ctl("require count(ws) > 0"), code: "E0307", message: "`count` takes a list, but `ws` is a `workspace` object", underline: "ws" },
  { name: "computed subjects", source: 'import std.databricks\ncontrol A-1 "t" {\n  for p in [effective_policy(w) for w in workspaces]\n  require true\n}', code: "E0308", message: /must be objects of the export/, underline: "[effective_policy(w) for w in workspaces]" },
  { name: "subjects without keys", source: 'control A-1 "t" {\n  for n in [1, 2]\n  require n > 0\n}', code: "E0308", underline: "[1, 2]" },
  { name: "interpolation in a title", source: 'control A-{1} "t {x}" {\n}', code: "E0104" },
  { name: "interpolation in a value", source: ctl('require ws.workspace_url == "https://{ws.workspace_id}"'), code: "E0309", underline: "ws.workspace_id" },
  { name: "egress on an app", source: 'control A-1 "t" {\n  for a in workspaces[0].apps\n  egress a {\n    restricted\n  }\n}', code: "E0310", underline: "a" },
  { name: "param from the export", source: "param p = workspaces\nlet q = p", code: "E0311", message: "the default of param `p` must be a literal value", underline: "workspaces" },
  { name: "def used as a value", source: ctl("require uses_python == true"), code: "E0311", underline: "uses_python" },
  // --- literals -------------------------------------------------------------------------------
  { name: "octet out of range", source: "let r = 10.0.0.300/8\nlet s = r", code: "E0401", underline: "10.0.0.300/8" },
  { name: "three-part address", source: "let r = 10.0.1\nlet s = r", code: "E0401", message: /has 3$/ },
  { name: "prefix too long", source: "let r = 10.0.0.0/33\nlet s = r", code: "E0402", message: "the prefix length `/33` must be a number from 0 to 32 for IPv4", underline: "10.0.0.0/33" },
  { name: "host bits", source: "let r = 10.0.0.1/8\nlet s = r", code: "E0403", message: "`10.0.0.1/8` has host bits set beyond its /8 prefix", underline: "10.0.0.1/8", help: "did you mean `10.0.0.0/8`?" },
  { name: "IPv6 host bits", source: "let r = 2001:db8::1/32\nlet s = r", code: "E0403", help: "did you mean `2001:db8::/32`?" },
  { name: "bad IPv6 group", source: "let r = 2001:db8::12345\nlet s = r", code: "E0404", underline: "2001:db8::12345" },
  { name: "double ::", source: "let r = 1::2::3\nlet s = r", code: "E0404", message: /may appear only once/ },
  { name: "bad wildcard", source: ctl("egress ws {", '  allow only "pypi.*.org"', "}"), code: "E0405", underline: '"pypi.*.org"' },
  { name: "address as domain", source: ctl("egress ws {", '  must allow "10.0.0.1"', "}"), code: "E0405", message: "`10.0.0.1` is an address, not a domain name" },
  { name: "domain through a let", source: ctl("egress ws {", "  must allow hosts", "}") + 'let hosts = ["pypi.org", "bad..org"]\n', code: "E0405", underline: '"bad..org"' },
  { name: "impossible date", source: 'control A-1 "t" {\n  for ws in workspaces\n  require true\n}\nwaive A-1 for 1 until 2027-02-29 reason "r"', code: "E0406", message: "`2027-02-29` is not a valid date: February 2027 has 28 days", underline: "2027-02-29" },
  { name: "huge integer", source: "let n = 12345678901234567890\nlet m = n", code: "E0407", underline: "12345678901234567890" },
  { name: "string that is not an address", source: ctl('require "10.0.0.0/8x" within 10.0.0.0/8'), code: "E0408", underline: '"10.0.0.0/8x"' },
  // --- controls, waivers, tests ---------------------------------------------------------------
  { name: "duplicate control id", source: 'control A-1 "a" {\n  for ws in workspaces\n  require true\n}\ncontrol A-1 "b" {\n  for ws in workspaces\n  require true\n}', code: "E0501", message: "control id `A-1` is already used" },
  { name: "no for", source: 'control A-1 "t" {\n  require true\n}', code: "E0502", message: "control `A-1` has no `for` clause", underline: "A-1" },
  { name: "two fors", source: 'control A-1 "t" {\n  for ws in workspaces\n  for w in workspaces\n  require true\n}', code: "E0503", underline: "for w in workspaces" },
  { name: "misspelt severity", source: 'control A-1 "t" {\n  severity hgih\n  for ws in workspaces\n  require true\n}', code: "E0504", underline: "hgih", help: "did you mean `high`?" },
  { name: "severity twice", source: 'control A-1 "t" {\n  severity high\n  severity low\n  for ws in workspaces\n  require true\n}', code: "E0505", underline: "severity low" },
  { name: "waiver for an unknown control", source: 'control APPS-ING-001 "t" {\n  for ws in workspaces\n  require true\n}\nwaive APPS-ING-01 for 1 until 2027-01-01 reason "r"', code: "E0506", underline: "APPS-ING-01", help: "did you mean `APPS-ING-001`?" },
  { name: "misspelt expect status", source: 'control A-1 "t" {\n  for ws in workspaces\n  require true\n}\ntest "x" {\n  given "f.json"\n  expect A-1 failed\n}', code: "E0507", underline: "failed", help: "did you mean `fail`?" },
  { name: "decimal subject key", source: 'control A-1 "t" {\n  for ws in workspaces\n  require true\n}\nwaive A-1 for 1.5 until 2027-01-01 reason "r"', code: "E0508", underline: "1.5" },
  { name: "control without requirements", source: 'control A-1 "t" {\n  severity low\n  for ws in workspaces\n}', code: "E0509", underline: "A-1" },
  { name: "require before for", source: 'control A-1 "t" {\n  require true\n  for ws in workspaces\n}', code: "E0510", underline: "require true" },
];

describe("user errors", () => {
  it("covers at least 30 distinct codes", () => {
    const distinct = new Set(cases.map((c) => c.code));
    if (distinct.size < 30) throw new Error(`only ${distinct.size} distinct codes`);
  });
  it.each(cases)("$code: $name", (c) => {
    expectDiagnostic(lint(c.source), c);
  });
});
