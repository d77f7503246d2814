// The plugin's surface: what Prettier sees (language, parser, printer), refusal of files with
// syntax errors, the exhaustive printer map, options, and line endings.
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import plugin, { languages, parsers, printers } from "../../src/format/index.js";
import { PRINTERS, type Printers } from "../../src/format/printer.js";
import { format, formatTwice } from "./helpers.js";

describe("the perimeter/prettier plugin", () => {
  it("declares the Perimeter language, its parser and its printer", async () => {
    expect(languages).toEqual([expect.objectContaining({ name: "Perimeter", extensions: [".perimeter"], parsers: ["perimeter"] })]);
    expect(parsers.perimeter.astFormat).toBe("perimeter-ast");
    expect(Object.keys(printers)).toEqual(["perimeter-ast"]);
    const info = await prettier.getFileInfo("policies/apps.perimeter", { plugins: [plugin] });
    expect(info.inferredParser).toBe("perimeter");
  });

  it("has a printer for every node kind", () => {
    const { Binary: _binary, ...incomplete } = PRINTERS;
    // @ts-expect-error a printer map without one kind (`Binary`) does not type-check
    const broken: Printers = incomplete;
    expect(Object.keys(broken)).not.toContain("Binary");
    expect(Object.values(PRINTERS).every((p) => typeof p === "function")).toBe(true);
  });

  it.each([
    ["let ok = 1\nlet broken = (1 +\nlet fine = 2\n", "E0104", 2, 18],
    ['control A-1 "t" {\n  for ws in workspaces\n  require ws.x ==\n}\n', "E0104", 3, 18],
    ['let s = "unterminated\n', "E0102", 1, 9],
    ["let x = 1 ; let y = 2\n", "E0101", 1, 11],
  ])("refuses a file with syntax errors, naming the line and column: %j", async (text, code, line, column) => {
    const error = await format(text).then(
      () => undefined,
      (e: unknown) => e as Error & { loc?: { start: { line: number; column: number } } },
    );
    expect(error).toBeInstanceOf(SyntaxError);
    expect(error!.message).toContain(`${code}: `);
    expect(error!.message).toContain(`at line ${line}, column ${column}`);
    expect(error!.loc).toEqual({ start: { line, column } });
  });

  it("counts the further syntax errors in the message", async () => {
    await expect(format("let a = (1 +\nlet b = [2\nlet c = 3 ==\n")).rejects.toThrow(/\(and 2 more syntax errors\)/);
  });

  it("formats an empty file and a file of comments", async () => {
    expect(await format("")).toBe("");
    expect(await format("\n\n")).toBe("");
    expect(await format("#a\n\n\n#b  \n")).toBe("#a\n\n#b\n");
  });

  it("prints with 100 columns by default, and honours printWidth, tabWidth and useTabs", async () => {
    const text = 'let zones = ["privatelink.azuredatabricks.net", "privatelink.blob.core.windows.net"]\n';
    expect(text.length).toBeLessThan(100);
    expect(await format(text)).toBe(text);
    expect(await format(text, { printWidth: 80 })).toBe('let zones = [\n  "privatelink.azuredatabricks.net",\n  "privatelink.blob.core.windows.net",\n]\n');
    expect(await format(text, { printWidth: 80, tabWidth: 4 })).toContain('\n    "privatelink.azuredatabricks.net",\n');
    expect(await format(text, { printWidth: 80, useTabs: true })).toContain('\n\t"privatelink.azuredatabricks.net",\n');
  });

  it("keeps every line within the print width unless a single token is longer", async () => {
    const text = [
      "def f(ws) = ws.account_workspace.pricing_tier in [\"PREMIUM\", \"ENTERPRISE\"] or lower(ws.azure_resource.sku.name) == \"premium\" and count(ws.apps) > 0",
      'control W-1 "widths" {',
      '  frameworks "SAT:NS-5", "SAT:NS-11", "NIST-800-53:SC-7", "NIST-800-53:AC-3", "CIS-Databricks:1.2.3"',
      "  for ws in workspaces where count(ws.apps) > 0 and ws.azure_resource is present",
      '  require contains(ws.account_workspace.workspace_name, "production") else "not a production workspace"',
      "  ingress ws {",
      "    allow only from 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 203.0.113.0/24, 198.51.100.0/24",
      "  }",
      "}",
      "",
    ].join("\n");
    for (const printWidth of [40, 60, 80]) {
      const out = await format(text, { printWidth });
      for (const line of out.split("\n")) {
        if (line.length > printWidth) expect(line.trim(), `width ${printWidth}`).toMatch(/^(?:[\w.]+ )?"[^"]*"[,)]?$/);
      }
    }
  });

  it("normalises CRLF line endings and stays stable", async () => {
    const { once, twice } = await formatTwice("let a = 1\r\n\r\n\r\nlet b = 2 # note\r\n");
    expect(once).toBe("let a = 1\n\nlet b = 2 # note\n");
    expect(twice).toBe(once);
  });
});
