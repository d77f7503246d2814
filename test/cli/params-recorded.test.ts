// Every output records the params a run used (issue 16): the file and the SHA-256 of its
// bytes, or the defaults; in JSON and SARIF every param with its effective value, its policy
// syntax and whether the file set it. The policy-set digest leaves test files out.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { paramDisplay } from "../../src/eval/params.js";
import { policySetDigest, type FileDigest } from "../../src/report/run.js";
import { runCli, tempDir, writeTemp } from "../helpers/cli.js";

const EXPORT = "examples/exports/contoso-prod-azure-compliant.json";
const SITE = "examples/params/site.yaml";
const siteSha = createHash("sha256").update(readFileSync(SITE)).digest("hex");

function check(format: string, ...extra: string[]): string {
  const r = runCli(["check", "policies", "--input", EXPORT, "--format", format, "--now", "2026-12-07", "--max-export-age", "36500", ...extra]);
  expect(r.stderr).toBe("");
  return r.stdout;
}

describe("the params in every output", () => {
  it("JSON: the file, its digest, and every param's value, policy syntax and source", () => {
    const withFile = JSON.parse(check("json", "--params", SITE));
    expect(Object.keys(withFile).slice(0, 3)).toEqual(["perimeter", "now", "params"]);
    expect(withFile.params.file).toBe(SITE);
    expect(withFile.params.sha256).toBe(siteSha);
    const corporate = withFile.params.values.find((p: { name: string }) => p.name === "corporate");
    expect(corporate).toEqual({
      package: "databricks.apps",
      name: "corporate",
      value: ["10.40.0.0/16", "10.64.128.0/20", "172.20.8.0/22", "203.0.113.0/24", "198.51.100.0/24", "192.0.2.32/27", "2001:db8:4a00::/40"],
      display: "[10.40.0.0/16, 10.64.128.0/20, 172.20.8.0/22, 203.0.113.0/24, 198.51.100.0/24, 192.0.2.32/27, 2001:db8:4a00::/40]",
      source: "override",
    });
    const defaults = JSON.parse(check("json"));
    expect(defaults.params.file).toBeNull();
    expect(defaults.params.sha256).toBeNull();
    expect(defaults.params.values.map((p: { name: string; source: string }) => `${p.name}:${p.source}`)).toEqual(["corporate:default", "max_public_ingress_addresses:default", "max_public_ingress_ipv6_block:default", "approved_destinations:default"]);
    expect(defaults.params.values[0].display).toBe("[10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7]");
    // The params explain why the same export gives different results.
    expect(withFile.summary).not.toEqual(defaults.summary);
  });

  it("a param the file does not set stays marked default", () => {
    const dir = tempDir();
    const partial = writeTemp(dir, "partial.yaml", "databricks.apps:\n  approved_destinations: [pypi.org]\n");
    const doc = JSON.parse(check("json", "--params", partial));
    expect(doc.params.values.map((p: { name: string; source: string; display: string }) => `${p.name}:${p.source}:${p.display}`)).toEqual([
      "corporate:default:[10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7]",
      "max_public_ingress_addresses:default:16777216",
      "max_public_ingress_ipv6_block:default:::/32",
      'approved_destinations:override:["pypi.org"]',
    ]);
  });

  it("text, SARIF, JUnit and GitHub name the params file and its digest, or the defaults", () => {
    expect(check("text", "--params", SITE).split("\n")[1]).toBe(`params: ${SITE} (SHA-256 ${siteSha})`);
    expect(check("text").split("\n")[1]).toBe("params: defaults (no --params file)");
    const sarif = JSON.parse(check("sarif", "--params", SITE));
    expect(sarif.runs[0].properties.params).toMatchObject({ file: SITE, sha256: siteSha });
    expect(sarif.runs[0].artifacts).toContainEqual({ location: { uri: SITE, uriBaseId: "%SRCROOT%" }, roles: ["userSpecifiedConfiguration"], hashes: { "sha-256": siteSha } });
    const junit = check("junit", "--params", SITE);
    expect(junit).toContain(`<property name="params" value="${SITE}"/>`);
    expect(junit).toContain(`<property name="params_sha256" value="${siteSha}"/>`);
    expect(check("junit")).toContain('<property name="params" value="defaults"/>');
    expect(check("github", "--params", SITE).trimEnd().split("\n").at(-1)).toMatch(new RegExp(`; params: ${SITE} \\(SHA-256 ${siteSha}\\)$`));
  });

  it("writes values as in a policy", () => {
    expect(paramDisplay(["10.0.0.0/8", "2001:db8::/32"], { list: "net" })).toBe("[10.0.0.0/8, 2001:db8::/32]");
    expect(paramDisplay(['a "b" {c}\\', "x\ny"], { list: "string" })).toBe('["a \\"b\\" \\{c\\}\\\\", "x\\ny"]');
    expect(paramDisplay("2026-12-07", "date")).toBe("2026-12-07");
    expect(paramDisplay(3.5, "number")).toBe("3.5");
    expect(paramDisplay(true, "bool")).toBe("true");
    expect(paramDisplay({ a: 1 }, "any")).toBe('{"a":1}');
  });
});

describe("the policy-set digest", () => {
  it("covers the files that define controls and what they import, not the test files", () => {
    const files: FileDigest[] = [
      { path: "a.perimeter", sha256: "a".repeat(64), role: "policy" },
      { path: "<perimeter>/policies/std/x.perimeter", sha256: "b".repeat(64), role: "library" },
    ];
    const withTests = [...files, { path: "tests_a.perimeter", sha256: "c".repeat(64), role: "test" as const }];
    expect(policySetDigest(withTests)).toBe(policySetDigest(files));
    expect(policySetDigest(files.slice(0, 1))).not.toBe(policySetDigest(files));
  });

  it("the audit report lists the test files apart, and adding a test leaves the digest alone", () => {
    const md = runCli(["check", "policies", "--input", EXPORT, "--format", "markdown", "--now", "2026-12-07", "--max-export-age", "36500"]).stdout;
    expect(md).toMatch(/`policies\/databricks\/apps\/tests_egress\.perimeter` \| tests \(not in the policy-set digest\) \|/);
    expect(md).toMatch(/`policies\/databricks\/apps\/egress\.perimeter` \| policy \|/);
    const digest = (text: string) => /Policy set SHA-256\W+([0-9a-f]{64})/.exec(text)?.[1];
    const dir = tempDir();
    const policy = 'import std.databricks\ncontrol OK-1 "restricted egress" {\n  severity high\n  for ws in workspaces\n  egress ws {\n    restricted\n  }\n}\n';
    const test = `test "ok" {\n  given "${process.cwd()}/${EXPORT}"\n  expect OK-1 pass for 3141592653589793\n}\n`;
    const one = writeTemp(dir, "p.perimeter", policy);
    const before = runCli(["check", one, "--input", EXPORT, "--format", "markdown", "--max-export-age", "36500"]).stdout;
    const t = writeTemp(dir, "tests_p.perimeter", test);
    const after = runCli(["check", one, t, "--input", EXPORT, "--format", "markdown", "--max-export-age", "36500"]);
    expect(after.stderr).toBe("");
    expect(digest(before)).toMatch(/^[0-9a-f]{64}$/);
    expect(digest(after.stdout)).toBe(digest(before));
    expect(after.stdout).toContain("tests (not in the policy-set digest)");
  });
});
