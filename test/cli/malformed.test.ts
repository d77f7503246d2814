// Malformed network data in the export, through the command line (LANGUAGE.md §5): every output
// format names the value and its JSON pointer, the three engines print the same JSON, `explain`
// shows the malformed read, and a malformed address in a params file stays a load error.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OPA } from "../helpers/opa.js";
import { hasStackTrace, runCli, tempDir, writeTemp } from "../helpers/cli.js";

const dir = tempDir();
const doc = JSON.parse(readFileSync("examples/exports/contoso-prod-azure-compliant.json", "utf8")) as { workspaces: { ip_access_lists: { ip_addresses: string[]; enabled?: boolean }[] }[] };
doc.workspaces[0]!.ip_access_lists[0]!.ip_addresses.push("10.5.0.0/33");
// The same typo in a disabled list of the second workspace: nothing reads it.
doc.workspaces[1]!.ip_access_lists.push({ ...doc.workspaces[1]!.ip_access_lists[0]!, ip_addresses: ["not-an-ip"], enabled: false });
const input = writeTemp(dir, "typo.json", JSON.stringify(doc));
const POINTER = "/workspaces/0/ip_access_lists/0/ip_addresses/5";
const check = (...args: string[]) => runCli(["check", "policies", "--input", input, "--now", "2026-12-01", ...args]);

describe("a malformed address in an enabled IP access list", () => {
  it.each([
    ["text", "`10.5.0.0/33` at " + POINTER],
    ["json", "`10.5.0.0/33` at " + POINTER],
    ["sarif", "`10.5.0.0/33` at " + POINTER],
    ["junit", "`10.5.0.0/33` at " + POINTER],
    ["github", "`10.5.0.0/33` at " + POINTER],
    ["html", "`10.5.0.0/33` at " + POINTER],
    ["markdown", "\\`10.5.0.0/33\\` at " + POINTER.replaceAll("_", "\\_")],
  ])("--format %s names the value and its pointer", (format, text) => {
    const r = check("--format", format);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain(text);
    expect(r.stdout).not.toContain("not-an-ip");
  });

  it("fails the network requirements that read it, in the JSON Report's `malformed` too", () => {
    const report = JSON.parse(check("--format", "json").stdout) as { controls: { id: string; results: { subject: { key: string }; status: string; failures: { requirement: number; malformed?: unknown }[] }[] }[] };
    const ws = (id: string) => report.controls.find((c) => c.id === id)!.results.find((r) => r.subject.key === "3141592653589793")!;
    for (const [id, reqs] of [["APPS-ING-002", [1]], ["APPS-ING-003", [1, 2]]] as const) {
      expect(ws(id).status).toBe("fail");
      expect(ws(id).failures.filter((f) => f.malformed !== undefined).map((f) => f.requirement)).toEqual(reqs);
      for (const f of ws(id).failures.filter((x) => x.malformed !== undefined)) expect(f.malformed).toEqual([{ value: "10.5.0.0/33", pointer: POINTER }]);
    }
  });

  it.each(["js", ...(OPA === undefined ? [] : ["opa"])])("--engine %s prints the Wasm engine's JSON", (engine) => {
    const wasm = check("--format", "json").stdout;
    expect(check("--format", "json", "--engine", engine, ...(engine === "opa" ? ["--opa", OPA!] : [])).stdout).toBe(wasm);
  });

  it("explain shows the malformed read", () => {
    const r = runCli(["explain", "APPS-ING-003", "policies", "--input", input, "--subject", "3141592653589793"]);
    expect(r.stdout).toContain("requirement 1 (require): true — read malformed network values, so it fails");
    expect(r.stdout).toContain(`malformed: "10.5.0.0/33" at ${POINTER}`);
    expect(r.stdout).toContain(`→ \`10.5.0.0/33\` at ${POINTER} is not an address or CIDR range`);
  });

  it("a malformed address in a params file is a load error: exit 2, the pointer, no stack trace", () => {
    const params = writeTemp(dir, "site.yaml", "databricks.apps:\n  corporate:\n    - 10.0.0.0/8\n    - 10.5.0.0/33\n");
    const r = runCli(["check", "policies", "--input", "examples/exports/contoso-prod-azure-compliant.json", "--params", params]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("/databricks.apps/corporate/1");
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});
