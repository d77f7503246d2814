// `explain` by value (src/eval/explain.ts, src/eval/explain-text.ts): the exact text for small
// controls on in-memory exports (a failing, an excluded, a passing, a waived, an undecided and a
// malformed subject; lets, def calls, quantifiers, comprehensions, `first`, posture statements),
// and renderTrace's cuts and options on hand-made traces. The CLI tests (outside the mutation
// set) check a few lines of the same text through `perimeter explain`.
import { describe, expect, it } from "vitest";
import { explainControl, renderTrace, type SubjectExplanation, type TraceNode } from "../../src/eval/explain.js";
import { explainText } from "../../src/eval/explain-text.js";
import { defaultParams } from "../../src/eval/params.js";
import { buildPointerIndex } from "../../src/export/pointers.js";
import type { IrControl, IrExpr } from "../../src/ir/ir.js";
import { lowerProgram } from "../../src/ir/lower.js";
import { SourceFile } from "../../src/source/source.js";
import { lint } from "../helpers/front.js";

type Doc = Record<string, unknown>;
type Errors = { slot: string; steps: (string | number)[] }[];

/** Compiles `src` and explains its first control on `doc`. */
function explained(src: string, doc: Doc, errors: Errors = [], now = "2026-11-28") {
  const fe = lint(src);
  expect(fe.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  const ir = lowerProgram(fe.program!);
  const control = ir.controls[0]!;
  const pointers = buildPointerIndex(doc, new WeakMap());
  const pointerOf = (v: object) => pointers.get(v);
  const subjects = explainControl(ir, control, { document: doc, errors, pointerOf }, { now, params: defaultParams(ir) });
  return { control, subjects, files: fe.files, ...explainText(control, subjects, { files: fe.files, pointerOf }) };
}

const apps = (...ids: number[]) => ids.map((service_principal_id) => ({ service_principal_id }));
const tags = () => ({ azure_resource: { tags: { "a/b~c": "v" } } });
const ipLists = (...ips: string[]) => ({ workspace_conf: { enableIpAccessLists: "true" }, ip_access_lists: [{ list_id: "l0", label: "l0", list_type: "ALLOW", ip_addresses: ips, enabled: true }] });

describe("explainText of explainControl", () => {
  const things = `import std.databricks
def big(x) = x > 2
control T-1 "Things" {
  severity high
  for ws in workspaces where ws.workspace_id != 2
  let n = count(ws.apps)
  require n > 0 and all a in ws.apps: big(a.service_principal_id)
    else "{ws.account_workspace.workspace_name} has small apps"
  require ws.azure_resource.tags["a/b~c"] == "v" and [a.service_principal_id for a in ws.apps where a.service_principal_id > 1] == [3]
}
`;

  it("shows each condition, its sub-expressions with their values and pointers, and the failure; a subject excluded by `where` too", () => {
    const x = explained(things, {
      workspaces: [
        { workspace_id: 1, account_workspace: { workspace_id: 1, workspace_name: "one" }, apps: apps(3, 1, 5, 7, 9), ...tags() },
        { workspace_id: 2 },
        { workspace_id: 3, apps: apps(3, 0, 5), ...tags() },
      ],
    });
    expect(x.failed).toBe(true);
    expect(x.subjects.map((s) => s.result?.status)).toEqual(["fail", undefined, "fail"]);
    expect(x.subjects.map((s) => s.conditions.map((c) => `${c.kind} ${c.index} ${c.value}`))).toEqual([
      ["where 1 true", "let 1 true", "requirement 1 false", "requirement 2 false"],
      ["where 1 false"],
      ["where 1 true", "let 1 true", "requirement 1 false", "requirement 2 false"],
    ]);
    expect(x.lines).toEqual([
      "T-1 — Things (high) @test.perimeter:3",
      "",
      "one (1) at /workspaces/0: fail",
      "  where #1: true",
      "    ws.workspace_id != 2 = true",
      "      ws.workspace_id = 1  (/workspaces/0/workspace_id)",
      "  let n",
      "    count(ws.apps) = 5",
      "      ws.apps = [{…}, {…}, {…}, {…}, {…}]  (/workspaces/0/apps)",
      "  requirement 1 (require): false",
      "    n > 0 and all a in ws.apps: big(a.service_principal_id) = false",
      "      n > 0 = true",
      "      all a in ws.apps: big(a.service_principal_id) = false",
      "        ws.apps = [{…}, {…}, {…}, {…}, {…}]  (/workspaces/0/apps)",
      "        big(a.service_principal_id) = true",
      "          a.service_principal_id = 3  (/workspaces/0/apps/0/service_principal_id)",
      "          x > 2 = true",
      "        big(a.service_principal_id) = false",
      "          a.service_principal_id = 1  (/workspaces/0/apps/1/service_principal_id)",
      "          x > 2 = false",
      "    → one has small apps",
      "  requirement 2 (require): false",
      '    ws.azure_resource.tags["a/b~c"] == "v" and [a.service_principal_id for a in ws.apps where… = false',
      '      ws.azure_resource.tags["a/b~c"] == "v" = true',
      '        ws.azure_resource.tags["a/b~c"] = "v"  (/workspaces/0/azure_resource/tags/a~1b~0c)',
      "      [a.service_principal_id for a in ws.apps where a.service_principal_id > 1] == [3] = false",
      "        [a.service_principal_id for a in ws.apps where a.service_principal_id > 1] = [3, 5, 7, 9]",
      "          ws.apps = [{…}, {…}, {…}, {…}, {…}]  (/workspaces/0/apps)",
      "          a.service_principal_id > 1 = true",
      "            a.service_principal_id = 3  (/workspaces/0/apps/0/service_principal_id)",
      "          a.service_principal_id = 3  (/workspaces/0/apps/0/service_principal_id)",
      "          a.service_principal_id > 1 = false",
      "            a.service_principal_id = 1  (/workspaces/0/apps/1/service_principal_id)",
      "          a.service_principal_id > 1 = true",
      "            a.service_principal_id = 5  (/workspaces/0/apps/2/service_principal_id)",
      "          a.service_principal_id = 5  (/workspaces/0/apps/2/service_principal_id)",
      "          a.service_principal_id > 1 = true",
      "            a.service_principal_id = 7  (/workspaces/0/apps/3/service_principal_id)",
      "          … 3 more",
      '    → `ws.azure_resource.tags["a/b~c"] == "v" and [a.service_principal_id for a in ws.apps where a.service…` does not hold',
      "",
      "subject excluded by `where`",
      "  where #1: false",
      "    ws.workspace_id != 2 = false",
      "      ws.workspace_id = 2  (/workspaces/1/workspace_id)",
      "",
      "3 at /workspaces/2: fail",
      "  where #1: true",
      "    ws.workspace_id != 2 = true",
      "      ws.workspace_id = 3  (/workspaces/2/workspace_id)",
      "  let n",
      "    count(ws.apps) = 3",
      "      ws.apps = [{…}, {…}, {…}]  (/workspaces/2/apps)",
      "  requirement 1 (require): false",
      "    n > 0 and all a in ws.apps: big(a.service_principal_id) = false",
      "      n > 0 = true",
      "      all a in ws.apps: big(a.service_principal_id) = false",
      "        ws.apps = [{…}, {…}, {…}]  (/workspaces/2/apps)",
      "        big(a.service_principal_id) = true",
      "          a.service_principal_id = 3  (/workspaces/2/apps/0/service_principal_id)",
      "          x > 2 = true",
      "        big(a.service_principal_id) = false",
      "          a.service_principal_id = 0  (/workspaces/2/apps/1/service_principal_id)",
      "          x > 2 = false",
      "    → missing has small apps",
      "  requirement 2 (require): false",
      '    ws.azure_resource.tags["a/b~c"] == "v" and [a.service_principal_id for a in ws.apps where… = false',
      '      ws.azure_resource.tags["a/b~c"] == "v" = true',
      '        ws.azure_resource.tags["a/b~c"] = "v"  (/workspaces/2/azure_resource/tags/a~1b~0c)',
      "      [a.service_principal_id for a in ws.apps where a.service_principal_id > 1] == [3] = false",
      "        [a.service_principal_id for a in ws.apps where a.service_principal_id > 1] = [3, 5]",
      "          ws.apps = [{…}, {…}, {…}]  (/workspaces/2/apps)",
      "          a.service_principal_id > 1 = true",
      "            a.service_principal_id = 3  (/workspaces/2/apps/0/service_principal_id)",
      "          a.service_principal_id = 3  (/workspaces/2/apps/0/service_principal_id)",
      "          a.service_principal_id > 1 = false",
      "            a.service_principal_id = 0  (/workspaces/2/apps/1/service_principal_id)",
      "          a.service_principal_id > 1 = true",
      "            a.service_principal_id = 5  (/workspaces/2/apps/2/service_principal_id)",
      "          a.service_principal_id = 5  (/workspaces/2/apps/2/service_principal_id)",
      '    → `ws.azure_resource.tags["a/b~c"] == "v" and [a.service_principal_id for a in ws.apps where a.service…` does not hold',
    ]);
  });

  it("a control whose subjects all pass did not fail, and one without subjects says so", () => {
    const pass = explained(things, { workspaces: [{ workspace_id: 3, apps: apps(3), ...tags() }] });
    expect(pass.failed).toBe(false);
    expect(pass.lines.slice(0, 3)).toEqual(["T-1 — Things (high) @test.perimeter:3", "", "3 at /workspaces/0: pass"]);
    const none = explained(things, { workspaces: [] });
    expect(none).toMatchObject({ failed: false, subjects: [], lines: ["T-1 — Things (high) @test.perimeter:3", "", "no subjects: the collection is empty"] });
    expect(explained(things, { workspaces: [{ workspace_id: 2 }] }).failed).toBe(false);
  });

  it("names posture statements, marks malformed reads, stops at depth 6 and shows the waiver", () => {
    const src = `import std.databricks
control T-2 "Posture" {
  severity low
  for ws in workspaces
  ingress ws {
    ip access lists enforced
    allow only from 10.0.0.0/8
  }
}
waive T-2 for 1 until 2026-12-31 reason "migrating" approved_by "ciso"
`;
    const x = explained(src, { workspaces: [{ workspace_id: 1, ...ipLists("10.0.0.0/8", "10.0.0.300") }, { workspace_id: 2, workspace_conf: { enableIpAccessLists: "true" } }] });
    expect(x.failed).toBe(true);
    expect(x.lines).toEqual([
      "T-2 — Posture (low) @test.perimeter:2",
      "",
      "1 at /workspaces/0: waived",
      "  requirement 1 (ingress: ip access lists enforced): true",
      "    ip_access_lists_enforced(ws) = true",
      '      ws.workspace_conf.enableIpAccessLists == "true" and any l in ws.ip_access_lists: l.list_t… = true',
      '        ws.workspace_conf.enableIpAccessLists == "true" = true',
      '          ws.workspace_conf.enableIpAccessLists = "true"  (/workspaces/0/workspace_conf/enableIpAccessLists)',
      '        any l in ws.ip_access_lists: l.list_type == "ALLOW" and l.enabled = true',
      "          ws.ip_access_lists = [{…}]  (/workspaces/0/ip_access_lists)",
      '          l.list_type == "ALLOW" and l.enabled = true',
      '            l.list_type == "ALLOW" = true',
      '              l.list_type = "ALLOW"  (/workspaces/0/ip_access_lists/0/list_type)',
      "            l.enabled = true  (/workspaces/0/ip_access_lists/0/enabled)",
      "  requirement 2 (ingress: allow only from 10.0.0.0/8): false — read malformed network values, so it fails",
      "    ingress_allows_only(ws, allow only from 10.0.0.0/8) = false",
      '      allow only from 10.0.0.0/8 = ["10.0.0.0/8"]',
      "      allowed_ranges(ws) within ranges = false",
      "        allowed_ranges(ws) = missing",
      "          exclude(allow_entries(ws), block_entries(ws)) = missing",
      '            allow_entries(ws) = ["10.0.0.0/8", "10.0.0.300"]',
      '              flatten([l.ip_addresses for l in enabled_lists(ws, "ALLOW")]) = ["10.0.0.0/8", "10.0.0.300"]',
      '                [l.ip_addresses for l in enabled_lists(ws, "ALLOW")] = [[…]]',
      "            block_entries(ws) = []",
      '              flatten([l.ip_addresses for l in enabled_lists(ws, "BLOCK")]) = []',
      '                [l.ip_addresses for l in enabled_lists(ws, "BLOCK")] = []',
      '    malformed: "10.0.0.300" at /workspaces/0/ip_access_lists/0/ip_addresses/1',
      "    → `10.0.0.300` at /workspaces/0/ip_access_lists/0/ip_addresses/1 is not an address or CIDR range",
      "  waived until 2026-12-31: migrating",
      "",
      "2 at /workspaces/1: fail",
      "  requirement 1 (ingress: ip access lists enforced): false",
      "    ip_access_lists_enforced(ws) = false",
      '      ws.workspace_conf.enableIpAccessLists == "true" and any l in ws.ip_access_lists: l.list_t… = false',
      '        ws.workspace_conf.enableIpAccessLists == "true" = true',
      '          ws.workspace_conf.enableIpAccessLists = "true"  (/workspaces/1/workspace_conf/enableIpAccessLists)',
      '        any l in ws.ip_access_lists: l.list_type == "ALLOW" and l.enabled = false',
      "          ws.ip_access_lists = missing  (/workspaces/1/ip_access_lists)",
      "    → IP access lists are enabled but there is no enabled ALLOW list",
      "  requirement 2 (ingress: allow only from 10.0.0.0/8): true",
      "    ingress_allows_only(ws, allow only from 10.0.0.0/8) = true",
      '      allow only from 10.0.0.0/8 = ["10.0.0.0/8"]',
      "      allowed_ranges(ws) within ranges = true",
      "        allowed_ranges(ws) = {…}",
      "          exclude(allow_entries(ws), block_entries(ws)) = {…}",
      "            allow_entries(ws) = []",
      '              flatten([l.ip_addresses for l in enabled_lists(ws, "ALLOW")]) = []',
      '                [l.ip_addresses for l in enabled_lists(ws, "ALLOW")] = []',
      "            block_entries(ws) = []",
      '              flatten([l.ip_addresses for l in enabled_lists(ws, "BLOCK")]) = []',
      '                [l.ip_addresses for l in enabled_lists(ws, "BLOCK")] = []',
    ]);
    // Only the waived subject: nothing shown fails.
    expect(explained(src, { workspaces: [{ workspace_id: 1, ...ipLists("10.0.0.300") }] }).failed).toBe(false);
  });

  it("marks conditions that read uncollected data, expands the object of a computed read, and cuts a chain at depth 6", () => {
    const src = `import std.databricks
control T-3 "Gaps" {
  severity low
  for ws in workspaces where count(ws.apps) > 0
  require (first a in ws.apps where a.service_principal_id > 4).name == "x"
  require ws.workspace_id + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 > 0
}
`;
    const doc = { collection: { errors: [{ slot: "workspaces[0].apps" }] }, workspaces: [{ workspace_id: 1, apps: [{ name: "a", service_principal_id: 1 }, { name: "x", service_principal_id: 5 }] }] };
    const x = explained(src, doc, [{ slot: "workspaces[0].apps", steps: ["workspaces", 0, "apps"] }]);
    expect(x.failed).toBe(false);
    expect(x.lines).toEqual([
      "T-3 — Gaps (low) @test.perimeter:2",
      "",
      "1 at /workspaces/0: unknown",
      "  where #1: true — not collected: workspaces[0].apps",
      "    count(ws.apps) > 0 = true",
      "      count(ws.apps) = 2",
      "        ws.apps = [{…}, {…}]  (/workspaces/0/apps)",
      "  requirement 1 (require): true — not collected: workspaces[0].apps",
      '    (first a in ws.apps where a.service_principal_id > 4).name == "x" = true',
      '      (first a in ws.apps where a.service_principal_id > 4).name = "x"  (/workspaces/0/apps/1/name)',
      "        first a in ws.apps where a.service_principal_id > 4 = {…}",
      "          ws.apps = [{…}, {…}]  (/workspaces/0/apps)",
      "          a.service_principal_id > 4 = false",
      "            a.service_principal_id = 1  (/workspaces/0/apps/0/service_principal_id)",
      "          a.service_principal_id > 4 = true",
      "            a.service_principal_id = 5  (/workspaces/0/apps/1/service_principal_id)",
      "  requirement 2 (require): true",
      "    ws.workspace_id + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 > 0 = true",
      "      ws.workspace_id + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 = 9",
      "        ws.workspace_id + 1 + 1 + 1 + 1 + 1 + 1 + 1 = 8",
      "          ws.workspace_id + 1 + 1 + 1 + 1 + 1 + 1 = 7",
      "            ws.workspace_id + 1 + 1 + 1 + 1 + 1 = 6",
      "              ws.workspace_id + 1 + 1 + 1 + 1 = 5",
      "                ws.workspace_id + 1 + 1 + 1 = 4",
    ]);
  });

  it("a `where` conjunct that read a malformed value selects the subject, which fails with the values under it", () => {
    const src = `import std.databricks as std
control T-5 "Malformed where" {
  severity low
  for ws in workspaces where std.allowed_ranges(ws) within 10.0.0.0/8
  require ws.workspace_id > 0
}
`;
    const x = explained(src, { workspaces: [{ workspace_id: 1, ...ipLists("10.0.0.0/8", "10.0.0.300") }] });
    expect(x.failed).toBe(true);
    expect(x.lines).toEqual([
      "T-5 — Malformed where (low) @test.perimeter:2",
      "",
      "1 at /workspaces/0: fail",
      "  where #1: false — read malformed network values, so it fails",
      "    std.allowed_ranges(ws) within 10.0.0.0/8 = false",
      "      allowed_ranges(ws) = missing",
      "        exclude(allow_entries(ws), block_entries(ws)) = missing",
      '          allow_entries(ws) = ["10.0.0.0/8", "10.0.0.300"]',
      '            flatten([l.ip_addresses for l in enabled_lists(ws, "ALLOW")]) = ["10.0.0.0/8", "10.0.0.300"]',
      '              [l.ip_addresses for l in enabled_lists(ws, "ALLOW")] = [[…]]',
      '                enabled_lists(ws, "ALLOW") = [{…}]',
      '                l.ip_addresses = ["10.0.0.0/8", "10.0.0.300"]  (/workspaces/0/ip_access_lists/0/ip_addresses)',
      "          block_entries(ws) = []",
      '            flatten([l.ip_addresses for l in enabled_lists(ws, "BLOCK")]) = []',
      '              [l.ip_addresses for l in enabled_lists(ws, "BLOCK")] = []',
      '                enabled_lists(ws, "BLOCK") = []',
      '    malformed: "10.0.0.300" at /workspaces/0/ip_access_lists/0/ip_addresses/1',
      "    → `10.0.0.300` at /workspaces/0/ip_access_lists/0/ip_addresses/1 is not an address or CIDR range",
      "  requirement 1 (require): true",
      "    ws.workspace_id > 0 = true",
      "      ws.workspace_id = 1  (/workspaces/0/workspace_id)",
    ]);
  });
});

describe("renderTrace on hand-made traces", () => {
  // The source text the nodes point into: each node's label is its span's text.
  const text = ["ws.apps", "  count(\n    ws.apps )  ", "x".repeat(90), "y".repeat(91), "xs", "f(a, b)"].join("|");
  const files = new Map<string, SourceFile>([["f.perimeter", new SourceFile("f.perimeter", text)]]);
  const at = (s: string, file = "f.perimeter") => {
    const start = text.indexOf(s);
    return { file, span: { start, end: start + s.length }, line: 1 };
  };
  const local = { k: "local", v: { name: "ws", id: 1 }, origin: at("ws.apps") } as const;
  const get = (field: string, origin = at("ws.apps")): IrExpr => ({ k: "get", obj: local, field, origin });
  const node = (expr: IrExpr, value: TraceNode["value"], children: TraceNode[] = []): TraceNode => ({ expr, value, children });
  const render = (nodes: TraceNode[], pointerOf: (v: object) => string | undefined = () => "/w", more: { maxDepth?: number; maxIterations?: number } = {}) =>
    renderTrace(nodes, { files, pointerOf, ...more }, "> ");

  it("labels a node by its source text, spaces collapsed, cut after 89 characters; by its kind without the file", () => {
    const obj = { apps: [] };
    expect(render([node(get("apps", at("  count(\n    ws.apps )  ")), [], [node(local, obj)])])).toEqual(["> count( ws.apps ) = []  (/w/apps)"]);
    expect(render([node(get("a", at("x".repeat(90))), 1, [node(local, "not an object")])])).toEqual([`> ${"x".repeat(90)} = 1`]);
    expect(render([node(get("a", at("y".repeat(91))), 1, [node(local, obj)])], () => undefined)).toEqual([`> ${"y".repeat(89)}… = 1`]);
    expect(render([node(get("a", at("ws.apps", "other.perimeter")), true, [node(local, obj)])])).toEqual(["> get = true  (/w/a)"]);
  });

  it("prints a value one level deep, a long list's first six elements, and cuts the text after 99 characters; ? when it has none", () => {
    const value = (v: TraceNode["value"]) => render([node(get("apps"), v)])[0];
    expect(value([1, 2, 3, 4, 5, 6])).toBe("> ws.apps = [1, 2, 3, 4, 5, 6]");
    expect(value([1, 2, 3, 4, 5, 6, 7])).toBe('> ws.apps = [1, 2, 3, 4, 5, 6, "…"]');
    expect(value("z".repeat(98))).toBe(`> ws.apps = "${"z".repeat(98)}"`);
    expect(value("z".repeat(99))).toBe(`> ws.apps = "${"z".repeat(98)}…`);
    expect(value(undefined)).toBe("> ws.apps = ?");
  });

  it("gives a read of a field or an index the pointer of what it read, escaped, when the object has one", () => {
    const list = [0, 1, 2];
    const obj = { "a/b~c": 1 };
    const index = (i: IrExpr): IrExpr => ({ k: "index", obj: local, index: i, origin: at("xs") });
    const lit = (value: string | number | boolean): IrExpr => ({ k: "lit", value, origin: at("xs") });
    expect(render([node(index(lit(2)), 2, [node(local, list), node(lit(2), 2)])])).toEqual(["> xs = 2  (/w/2)"]);
    expect(render([node(index(lit("a/b~c")), 1, [node(local, obj), node(lit("a/b~c"), "a/b~c")])])).toEqual(["> xs = 1  (/w/a~1b~0c)"]);
    expect(render([node(get("a/b~c"), 1, [node(local, obj)])])).toEqual(["> ws.apps = 1  (/w/a~1b~0c)"]);
    // An index that is neither a number nor a string, a missing index, an object that is not one, or no pointer for it: none.
    expect(render([node(index(lit(true)), 1, [node(local, list), node(lit(true), true)])])).toEqual(["> xs = 1"]);
    expect(render([node(index(lit(1)), 1, [node(local, list)])])).toEqual(["> xs = 1"]);
    expect(render([node(index(lit(1)), 1, [node(local, 5)])])).toEqual(["> xs = 1"]);
    expect(render([node(get("a"), 1, [])])).toEqual(["> ws.apps = 1"]);
    expect(render([node(get("a"), 1, [node(local, obj)])], (o) => (o === obj ? undefined : "/x"))).toEqual(["> ws.apps = 1"]);
    // Nodes other than reads have no pointer, whatever their first child.
    const call: IrExpr = { k: "call", pkg: "p", name: "f", args: [local, get("apps")], origin: at("f(a, b)") };
    expect(render([node(call, 1, [node(local, obj)])])).toEqual(["> f(ws, ws.apps) = 1"]);
  });

  it("passes through constants, variables, lists, messages and `show`/`text`, and a child labelled as its parent", () => {
    const leaf = node(get("apps"), 1, [node(local, { apps: 1 })]);
    const wrap = (k: IrExpr["k"] | "show" | "text", child: TraceNode): TraceNode => {
      const origin = at("xs");
      const expr: IrExpr =
        k === "show" || k === "text"
          ? { k: "builtin", name: k, args: [], origin }
          : k === "lit"
            ? { k: "lit", value: 1, origin }
            : k === "root"
              ? { k: "root", origin }
              : k === "param"
                ? { k: "param", pkg: "p", name: "q", origin }
                : k === "concat"
                  ? { k: "concat", parts: [], origin }
                  : k === "list"
                    ? { k: "list", items: [], origin }
                    : { k: "local", v: { name: "v", id: 9 }, origin };
      return node(expr, 1, [child]);
    };
    for (const k of ["lit", "local", "root", "param", "concat", "list", "show", "text"] as const) {
      expect(render([wrap(k, leaf)]), k).toEqual(["> ws.apps = 1  (/w/apps)"]);
    }
    const count: IrExpr = { k: "builtin", name: "count", args: [], origin: at("xs") };
    expect(render([node(count, 1, [leaf])])).toEqual(["> xs = 1", ">   ws.apps = 1  (/w/apps)"]);
    // A child with its parent's text (as the nodes of a posture statement have) is shown once.
    const same: IrExpr = { k: "not", e: local, origin: at("xs") };
    expect(render([node(count, 1, [node(same, false, [leaf])])])).toEqual(["> xs = 1", ">   ws.apps = 1  (/w/apps)"]);
  });

  it("expands the object of a read only when it is computed", () => {
    const obj = { apps: 1 };
    const count: IrExpr = { k: "builtin", name: "count", args: [], origin: at("f(a, b)") };
    const ofCall: IrExpr = { k: "get", obj: count, field: "apps", origin: at("ws.apps") };
    expect(render([node(ofCall, 1, [node(count, obj)])])).toEqual(["> ws.apps = 1  (/w/apps)", ">   f(a, b) = {…}"]);
    const ofGet: IrExpr = { k: "get", obj: get("x"), field: "apps", origin: at("xs") };
    expect(render([node(ofGet, 1, [node(get("x"), obj)])])).toEqual(["> xs = 1  (/w/apps)"]);
    const ofRoot: IrExpr = { k: "get", obj: { k: "root", origin: at("f(a, b)") }, field: "apps", origin: at("xs") };
    expect(render([node(ofRoot, 1, [node({ k: "root", origin: at("f(a, b)") }, obj)])])).toEqual(["> xs = 1  (/w/apps)"]);
    const ofIndex: IrExpr = { k: "index", obj: count, index: local, origin: at("xs") };
    expect(render([node(ofIndex, 1, [node(count, [1]), node(local, 0)])])).toEqual(["> xs = 1  (/w/0)", ">   f(a, b) = [1]"]);
    expect(render([node(ofCall, 1, [])])).toEqual(["> ws.apps = 1"]);
  });

  it("shows the collection and the first iterations of a quantifier or comprehension, to the depth and count asked", () => {
    const v = { name: "a", id: 2 };
    const coll = get("apps");
    const body: IrExpr = { k: "builtin", name: "count", args: [], origin: at("f(a, b)") };
    const quant: IrExpr = { k: "quant", q: "any", v, coll, body, origin: at("xs") };
    const iterations = (n: number) => Array.from({ length: n }, (_, i) => node(body, i));
    const trace = (n: number, e: IrExpr = quant) => [node(e, true, [node(coll, [], [node(local, { apps: [] })]), ...iterations(n)])];
    expect(render(trace(3))).toEqual(["> xs = true", ">   ws.apps = []  (/w/apps)", ">   f(a, b) = 0", ">   f(a, b) = 1", ">   f(a, b) = 2"]);
    expect(render(trace(5))).toEqual(["> xs = true", ">   ws.apps = []  (/w/apps)", ">   f(a, b) = 0", ">   f(a, b) = 1", ">   f(a, b) = 2", ">   … 2 more"]);
    expect(render(trace(3), undefined, { maxIterations: 1 })).toEqual(["> xs = true", ">   ws.apps = []  (/w/apps)", ">   f(a, b) = 0", ">   … 2 more"]);
    expect(render(trace(3), undefined, { maxDepth: 0 })).toEqual(["> xs = true"]);
    expect(render([node(quant, true, [])])).toEqual(["> xs = true"]);
    // A comprehension with `where` shows two sub-expressions per iteration, `first` and one without `where` one.
    const comp: IrExpr = { k: "comp", elem: body, v, coll, where: body, origin: at("xs") };
    expect(render(trace(7, comp)).slice(2)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `>   f(a, b) = ${i}`).concat([">   … 1 more"]));
    expect(render(trace(6, comp))).toHaveLength(8);
    const plain: IrExpr = { k: "comp", elem: body, v, coll, origin: at("xs") };
    expect(render(trace(4, plain)).slice(2)).toEqual([">   f(a, b) = 0", ">   f(a, b) = 1", ">   f(a, b) = 2", ">   … 1 more"]);
    const first: IrExpr = { k: "first", v, coll, where: body, origin: at("xs") };
    expect(render(trace(4, first)).slice(2)).toEqual([">   f(a, b) = 0", ">   f(a, b) = 1", ">   f(a, b) = 2", ">   … 1 more"]);
  });

  it("stops at depth 6 unless told otherwise", () => {
    const chain = (n: number): TraceNode => (n === 0 ? node(get("apps"), 0) : node({ k: "not", e: local, origin: at(["ws.apps", "xs", "f(a, b)"][n % 3]!) }, n, [chain(n - 1)]));
    expect(render([chain(8)])).toHaveLength(7);
    expect(render([chain(8)], undefined, { maxDepth: 2 })).toEqual(["> f(a, b) = 8", ">   xs = 7", ">     ws.apps = 6"]);
  });
});

describe("explainText on hand-made explanations", () => {
  const fe = lint(`import std.databricks
control T-1 "t" {
  severity medium
  for ws in workspaces
  let a = 1
  require ws.workspace_id > 0
}
`);
  const control: IrControl = lowerProgram(fe.program!).controls[0]!;
  const opts = { files: fe.files, pointerOf: () => undefined };
  const subject = { kind: "workspace", key: "k", label: "k", pointer: "" };
  const result = (more: Partial<NonNullable<SubjectExplanation["result"]>> = {}): SubjectExplanation["result"] => ({ subject, status: "pass", failures: [], unknown: [], waiver: null, ...more });
  const cond = (kind: "where" | "let" | "requirement", index: number, more: object = {}) => ({ kind, index, value: false, uncollected: [], malformed: [], nodes: [], ...more });
  const bad = [{ value: "x", pointer: null }];

  it("a subject at the root, conditions beyond the control's own, malformed values without a place, failures matched to their condition", () => {
    const x: SubjectExplanation = {
      result: result({
        status: "fail",
        failures: [
          { requirement: 0, statement: "where", message: "where fails", line: 4, malformed: bad },
          { requirement: 1, statement: "require", message: "req fails", line: 6 },
          { requirement: 3, statement: "require", message: "other fails", line: 6 },
        ],
      }),
      conditions: [
        cond("where", 1, { malformed: [{ value: "y", pointer: null }] }),
        cond("where", 2, { malformed: bad, uncollected: ["a", "b"] }),
        cond("where", 3),
        cond("let", 1, { value: true }),
        cond("let", 2, { value: true }),
        cond("requirement", 1, { value: true }),
        cond("requirement", 2),
      ],
    };
    expect(explainText(control, [x], opts)).toEqual({
      failed: true,
      lines: [
        "T-1 — t (medium) @test.perimeter:2",
        "",
        "k at /: fail",
        "  where #1: false — read malformed network values, so it fails",
        '    malformed: "y" at (not in the export it read)',
        "  where #2: false — not collected: a, b — read malformed network values, so it fails",
        '    malformed: "x" at (not in the export it read)',
        "    → where fails",
        "  where #3: false",
        "  let a",
        "  let ",
        "  requirement 1 (require): true",
        "    → req fails",
        "  requirement 2 (): false",
      ],
    });
  });

  it("shows the key after a label that differs, and the waiver of a waived subject", () => {
    const waived = result({ subject: { ...subject, label: "name", pointer: "/workspaces/3" }, status: "waived", waiver: { until: "2026-12-31", reason: "why", approved_by: null } });
    expect(explainText(control, [{ result: waived, conditions: [] }, { result: undefined, conditions: [] }], opts)).toEqual({
      failed: false,
      lines: ["T-1 — t (medium) @test.perimeter:2", "", "name (k) at /workspaces/3: waived", "  waived until 2026-12-31: why", "", "subject excluded by `where`"],
    });
    expect(explainText(control, [{ result: result({ status: "unknown" }), conditions: [] }], opts).failed).toBe(false);
  });
});
