// Name resolution and typing: what the checker accepts, and errors that depend on scope or call site.
import { describe, expect, it } from "vitest";
import { codes, expectClean, expectDiagnostic, lint } from "../helpers/front.js";

const ctl = (...lines: string[]) => `control T-1 "t" {\n  severity low\n  for ws in workspaces\n${lines.map((l) => `  ${l}`).join("\n")}\n}\n`;

describe("name resolution", () => {
  it("resolves unaliased imports, aliased qualified calls and module members", () => {
    expectClean(lint(`import std.databricks\nimport std.databricks as dbx\n${ctl("require dbx.egress_restricted(ws) and egress_enforced(ws)")}`));
    expectClean(lint(`import shared as s\n${ctl("require ws.workspace_id > s.minimum")}`, { extra: { "shared.perimeter": "package shared\nparam minimum = 0" } }));
  });
  it("lets a local declaration shadow an imported one", () => {
    // The import is then unused: the local def won.
    expect(codes(lint(`import std.databricks\ndef uses_python(app) = true\n${ctl("require any a in ws.apps: uses_python(a)")}`))).toEqual(["W0109"]);
  });
  it("reports a name two imports provide", () => {
    const fe = lint(`import a\nimport b\n${ctl("require f(ws)")}`, { extra: { "a.perimeter": "package a\ndef f(x) = true", "b.perimeter": "package b\ndef f(x) = false" } });
    expectDiagnostic(fe, { code: "E0208", underline: "f", message: "`f` is declared in more than one imported package: `a`, `b`" });
  });
  it("scopes the for variable and control lets to the items after them", () => {
    expectClean(lint(ctl("let n = count(ws.apps)", "require n >= 0")));
    expectDiagnostic(lint('control T-1 "t" {\n  severity low\n  let n = count(ws.apps)\n  for ws in workspaces\n  require n >= 0\n}'), { code: "E0201", underline: "ws" });
  });
  it("scopes quantifier, comprehension and first variables to their bodies", () => {
    expectDiagnostic(lint(ctl("require (any a in ws.apps: true) and a.name == \"x\"")), { code: "E0201", underline: "a" });
  });
  it("reports an unknown module member with the closest name", () => {
    expectDiagnostic(lint(`import shared as s\n${ctl("require ws.workspace_id > s.minimun")}`, { extra: { "shared.perimeter": "package shared\nparam minimum = 0" } }), {
      code: "E0201",
      underline: "minimun",
      help: "did you mean `minimum`?",
    });
  });
});

describe("typing", () => {
  it("types fields through defs per call, pointing at the call", () => {
    const fe = lint(`def conf(w) = w.workspace_conf.enableIpAcessLists\n${ctl('require conf(ws) == "true"')}`);
    const d = expectDiagnostic(fe, { code: "E0301", underline: "enableIpAcessLists" });
    expect(d.related?.[0]?.message).toBe("in this call of `conf`");
  });
  it("accepts sentinels as enum defaults but reports near misses", () => {
    expectClean(lint(`import std.databricks\n${ctl('require (egress_access(ws).policy_enforcement.enforcement_mode ?? "NONE") != "NONE"')}`));
    expect(codes(lint(`import std.databricks\n${ctl('require (egress_access(ws).policy_enforcement.enforcement_mode ?? "DRYRUN") != "NONE"')}`))).toContain("E0304");
  });
  it("accepts strings where addresses are expected and validates them", () => {
    expectClean(lint(ctl('require "10.1.0.0/16" within [10.0.0.0/8, "192.168.0.0/16"]')));
    expectDiagnostic(lint(ctl('require "10.1.0.1/16" within 10.0.0.0/8')), { code: "E0403", help: 'did you mean `"10.1.0.0/16"`?' });
  });
  it("types list operations", () => {
    expectClean(lint(ctl("require count([a.name for a in ws.apps] + [\"x\"]) > 0 and \"x\" in flatten([[\"x\"], [\"y\"]])")));
    expectDiagnostic(lint(ctl("require count(1 + \"a\") > 0")), { code: "E0303" });
  });
  it("lets the account be the only subject", () => {
    expectClean(lint('control A-1 "t" {\n  severity low\n  for a in [account]\n  require any l in a.ip_access_lists: l.enabled\n}'));
  });
  it("accepts an ingress/egress block only on workspaces", () => {
    expectClean(lint(ctl("ingress ws {", "  ip access lists enforced", "}", "egress ws {", "  restricted", "}")));
    expectDiagnostic(lint('control A-1 "t" {\n  severity low\n  for p in account.network_policies\n  egress p {\n    restricted\n  }\n}'), { code: "E0310", underline: "p" });
  });
  it("checks the operands of posture statements", () => {
    expectDiagnostic(lint(ctl("ingress ws {", "  allow only from true", "}")), { code: "E0311", underline: "true" });
    expectDiagnostic(lint(ctl("egress ws {", "  must allow 42", "}")), { code: "E0311", underline: "42" });
    expectDiagnostic(lint(ctl("ingress ws {", '  dns forwarding for "*.databricks_apps.com"', "}")), { code: "E0405" });
  });
});

describe("messages", () => {
  it("accepts any fallback text with ?? inside an interpolation", () => {
    expectClean(lint(ctl('require true else "tier {ws.account_workspace.pricing_tier ?? "unknown"}, npip {ws.azure_resource.properties.parameters.enableNoPublicIp.value ?? "not set"}"')));
  });
});
