// `perimeter lsp` driven through the Language Server Protocol, as an editor drives it: the
// built binary over stdio, a JSON-RPC client (vscode-languageserver-protocol). Diagnostics are
// compared with what `perimeter lint --format json` reports for the same files.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  HoverRequest,
  ReferencesRequest,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Location,
  type MarkupContent,
  type TextEdit,
} from "vscode-languageserver-protocol/node.js";
import { runCli, tempDir, writeTemp } from "../helpers/cli.js";
import { LspClient, positionOf, uri } from "../helpers/lsp.js";

const HELPERS = `package site.helpers

def has_apps(ws) = count(ws.apps) > 0
`;

const SITE = `package site

import site.helpers

param sizes = ["MEDIUM"]

control SITE-001 "Apps are small" {
  severity high
  description "Checks app sizes."
  for ws in workspaces where has_apps(ws)
  require all a in ws.apps: a.compute_sise in sizes
}

control SITE-002 "Apps are not medium" {
  severity low
  for ws in workspaces where has_apps(ws)
  require all a in ws.apps: not (a.compute_size == "MEDIUM")
}

waive SITE-001 for 42 until 2099-01-01 reason "testing"
`;

/** A second package whose error has a related note (the first declaration). */
const DUP = `package dup

param limit = 1
param limit = 2
`;

let dir: string;
let site: string;
let helpers: string;
let client: LspClient;

const labels = (r: CompletionItem[] | CompletionList | null) => (Array.isArray(r) ? r : (r?.items ?? [])).map((i) => i.label);
const markdown = (h: { contents: unknown } | null) => (h?.contents as MarkupContent | undefined)?.value ?? "";

beforeAll(async () => {
  dir = tempDir();
  helpers = writeTemp(dir, "helpers.perimeter", HELPERS);
  site = writeTemp(dir, "site.perimeter", SITE);
  writeTemp(dir, "dup.perimeter", DUP);
  client = await LspClient.start(dir);
});

afterAll(async () => {
  expect(await client.stop()).toBe(0);
});

describe("perimeter lsp", () => {
  it("answers initialize with its capabilities", () => {
    const caps = client.initializeResult!.capabilities;
    expect(caps.hoverProvider).toBe(true);
    expect(caps.definitionProvider).toBe(true);
    expect(caps.referencesProvider).toBe(true);
    expect(caps.documentSymbolProvider).toBe(true);
    expect(caps.documentFormattingProvider).toBe(true);
    expect(caps.completionProvider?.triggerCharacters).toContain(".");
    expect(client.initializeResult!.serverInfo?.name).toBe("perimeter");
  });

  it("publishes on open the diagnostics `perimeter lint` reports for every file of the set, on the right lines", async () => {
    const next = client.nextDiagnostics(uri(site));
    const dup = client.nextDiagnostics(uri(join(dir, "dup.perimeter")));
    await client.open(site, SITE);
    const published = new Map([await next, await dup].map((p) => [p.uri, p.diagnostics] as const));
    const lint = JSON.parse(runCli(["lint", "--no-cache", "--format", "json", dir]).stdout) as {
      diagnostics: { code: string; file: string; message: string; help?: string; start: { line: number; column: number }; end: { line: number; column: number }; related?: { file: string; span: { start: number; end: number }; message: string }[] }[];
    };
    const position = (file: string, offset: number) => {
      const before = readFileSync(file, "utf8").slice(0, offset);
      return { line: before.split("\n").length - 1, character: before.length - (before.lastIndexOf("\n") + 1) };
    };
    const expected = (file: string) =>
      lint.diagnostics
        .filter((d) => d.file === file)
        .map((d) => ({
          code: d.code,
          message: d.help ? `${d.message}\nhelp: ${d.help}` : d.message,
          range: { start: { line: d.start.line - 1, character: d.start.column - 1 }, end: { line: d.end.line - 1, character: d.end.column - 1 } },
          related: (d.related ?? []).map((r) => ({ uri: uri(r.file), range: { start: position(r.file, r.span.start), end: position(r.file, r.span.end) }, message: r.message })),
        }));
    const actual = (file: string) =>
      (published.get(uri(file)) ?? []).map((d) => ({ code: d.code, message: d.message, range: d.range, related: (d.relatedInformation ?? []).map((r) => ({ uri: r.location.uri, range: r.location.range, message: r.message })) }));
    expect(expected(site).map((d) => d.code)).toEqual(["W0104", "E0301", "W0104", "W0103"]);
    expect(actual(site)).toEqual(expected(site));
    const dupFile = join(dir, "dup.perimeter");
    expect(expected(dupFile).map((d) => d.code)).toContain("E0202");
    expect(expected(dupFile).find((d) => d.code === "E0202")!.related).toHaveLength(1);
    expect(actual(dupFile)).toEqual(expected(dupFile));
    const siteDiags = published.get(uri(site))!;
    const e = siteDiags.find((d) => d.code === "E0301")!;
    expect(e.range.start.line).toBe(10); // `a.compute_sise`, line 11
    expect(e.message).toContain("did you mean `compute_size`?");
    expect(e.severity).toBe(1);
    expect(siteDiags.find((d) => d.code === "W0103")!.severity).toBe(2);
  });

  it("hovers a field with its type, enum values and schema description", async () => {
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(site) }, position: positionOf(SITE, "compute_size ==", 3) });
    const text = markdown(h);
    expect(text).toContain("app.compute_size");
    expect(text).toContain('"MEDIUM" | "LARGE" | "XLARGE"');
    expect(h?.range?.start).toEqual(positionOf(SITE, "compute_size =="));
  });

  it("hovers a def, a param, a built-in function and a control id", async () => {
    const at = async (needle: string, delta = 1, doc = site, text = SITE) => markdown(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(doc) }, position: positionOf(text, needle, delta) }));
    expect(await at("has_apps(ws)")).toContain("def has_apps(ws) = count(ws.apps) > 0");
    expect(await at("sizes\n")).toContain('param sizes = ["MEDIUM"]');
    expect(await at("count(", 1, helpers, HELPERS)).toContain("number of elements of a list");
    const control = await at("SITE-001 for");
    expect(control).toContain("Apps are small");
    expect(control).toContain("severity: high");
    expect(control).toContain("description: Checks app sizes.");
  });

  it("completes fields after `.`, enum values after `==`, keywords in a control and control ids after `waive`", async () => {
    const complete = async (text: string, needle: string, delta: number) => {
      const v = await client.change(site, [{ text }]);
      expect(v).toBeGreaterThan(1);
      return labels(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri(site) }, position: positionOf(text, needle, delta) }));
    };
    const dot = SITE.replace("a.compute_sise in sizes", "a.");
    const fields = await complete(dot, "a.\n", 2);
    expect(fields).toContain("compute_size");
    expect(fields).toContain("name");
    expect(fields).not.toContain("workspace_url");
    const partial = await complete(SITE.replace("a.compute_sise in sizes", "a.comp"), "a.comp\n", 6);
    expect(partial).toContain("compute_status");
    const eq = SITE.replace('a.compute_size == "MEDIUM"', "a.compute_size == ");
    expect(await complete(eq, "== )", 3)).toEqual(['"MEDIUM"', '"LARGE"', '"XLARGE"']);
    const item = SITE.replace('  severity low\n', "  \n");
    const inControl = await complete(item, "  \n  for ws in workspaces where has_apps(ws)\n  require all a in ws.apps: not", 2);
    expect(inControl).toEqual(["severity", "frameworks", "remediation", "description", "docs", "for", "let", "require", "ingress", "egress"]);
    const expr = SITE.replace("not (a.compute_size", "not (a.compute_size == \"LARGE\" or ");
    const names = await complete(expr, 'or  ==', 3);
    expect(names).toEqual(expect.arrayContaining(["a", "ws", "sizes", "has_apps", "count", "workspaces", "any", "not"]));
    expect(names.indexOf("a")).toBe(0); // the innermost local first
    expect(names).not.toContain("severity");
    const ingress = SITE.replace("  require all a in ws.apps: not", "  ingress ws {\n    \n  }\n  require all a in ws.apps: not");
    expect(await complete(ingress, "ws {\n    \n", 9)).toEqual(["ip access lists enforced", "allow only from", "deny from", "private link required", "dns forwarding for"]);
    const waive = SITE.replace("waive SITE-001", "waive S");
    expect(await complete(waive, "waive S", 7)).toEqual(["SITE-001", "SITE-002"]);
    // A partly typed id (with its hyphen) is replaced whole.
    const partial2 = SITE.replace("waive SITE-001", "waive SITE-0");
    await client.change(site, [{ text: partial2 }]);
    const ids = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri(site) }, position: positionOf(partial2, "waive SITE-0", 12) });
    const items = Array.isArray(ids) ? ids : (ids?.items ?? []);
    expect(items.map((i) => i.label)).toEqual(["SITE-001", "SITE-002"]);
    expect((items[0]!.textEdit as TextEdit).range.start).toEqual(positionOf(partial2, "SITE-0 for"));
    expect(items[0]!.detail).toBe("Apps are small");
    await client.change(site, [{ text: SITE }]);
  });

  it("goes to the definition of a def in another file, and finds its references", async () => {
    const pos = positionOf(SITE, "has_apps(ws)", 2);
    const def = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri(site) }, position: pos })) as Location[];
    expect(def).toEqual([{ uri: uri(helpers), range: { start: { line: 2, character: 4 }, end: { line: 2, character: 12 } } }]);
    const refs = await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: uri(site) }, position: pos, context: { includeDeclaration: true } });
    expect(refs?.map((r) => `${r.uri === uri(helpers) ? "helpers" : "site"}:${r.range.start.line}`)).toEqual(["helpers:2", "site:9", "site:15"]);
  });

  it("goes from an import to the package, and from a param's use to the param", async () => {
    const pkg = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri(site) }, position: positionOf(SITE, "site.helpers", 6) })) as Location[];
    expect(pkg.map((l) => [l.uri, l.range.start.line])).toEqual([[uri(helpers), 0]]);
    const param = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri(site) }, position: positionOf(SITE, "in sizes", 4) })) as Location[];
    expect(param.map((l) => [l.uri, l.range.start.line, l.range.start.character])).toEqual([[uri(site), 4, 6]]);
    const imports = await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: uri(helpers) }, position: { line: 0, character: 10 }, context: { includeDeclaration: false } });
    expect(imports?.map((l) => [l.uri, l.range.start.line])).toEqual([[uri(site), 2]]);
  });

  it("lists the document's symbols", async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri(site) } })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual(["site", "site.helpers", "sizes", "SITE-001", "SITE-002", "waive SITE-001"]);
    expect(symbols[3]!.detail).toBe("Apps are small");
    expect(symbols[3]!.children?.map((c) => c.name)).toEqual(["ws"]);
  });

  it("formats a document as `perimeter fmt` does", async () => {
    const messy = 'package   site.helpers\n\n\n\ndef has_apps( ws )=count(ws.apps)>0\n';
    const copy = writeTemp(tempDir(), "helpers.perimeter", messy);
    expect(runCli(["fmt", copy]).code).toBe(0);
    await client.open(helpers, messy);
    const edits = (await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: uri(helpers) }, options: { tabSize: 2, insertSpaces: true } })) as TextEdit[];
    expect(edits).toHaveLength(1);
    expect(edits[0]!.newText).toBe(readFileSync(copy, "utf8"));
    expect(edits[0]!.range.start).toEqual({ line: 0, character: 0 });
    await client.change(helpers, [{ text: HELPERS }]);
  });

  it("offers the checker's fix-it as a quick fix", async () => {
    const next = client.nextDiagnostics(uri(site), (p) => p.diagnostics.some((d) => d.code === "W0103"));
    await client.change(site, [{ text: `${SITE} ` }]);
    const w = (await next).diagnostics.find((d) => d.code === "W0103") as Diagnostic;
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri(site) }, range: w.range, context: { diagnostics: [w] } });
    expect(actions).toHaveLength(1);
    const action = actions![0] as { title: string; kind: string; edit: { changes: Record<string, TextEdit[]> } };
    expect(action.kind).toBe("quickfix");
    expect(action.edit.changes[uri(site)]).toEqual([{ range: w.range, newText: 'a.compute_size != "MEDIUM"' }]);
  });

  it("clears the error when an edit fixes it", async () => {
    const fixedText = SITE.replace("compute_sise", "compute_size");
    const line = 10;
    const character = SITE.split("\n")[line]!.indexOf("compute_sise");
    const next = client.nextDiagnostics(uri(site), (p) => !p.diagnostics.some((d) => d.code === "E0301"));
    await client.change(site, [{ text: SITE }]);
    await client.change(site, [{ range: { start: { line, character: character + 10 }, end: { line, character: character + 11 } }, text: "z" }]);
    const published = await next;
    expect(published.diagnostics.map((d) => d.code)).toEqual(["W0104", "W0104", "W0103"]);
    writeFileSync(join(dir, "fixed.txt"), fixedText); // not a policy file: must not join the set
  });

  it("re-checks the other files of the policy set when one changes (an unsaved buffer counts)", async () => {
    const broken = client.nextDiagnostics(uri(site), (p) => p.diagnostics.some((d) => d.code === "E0204"));
    await client.change(helpers, [{ text: HELPERS.replace("has_apps", "has_app") }]);
    const d = (await broken).diagnostics.find((x) => x.code === "E0204")!;
    expect(d.range.start.line).toBe(9);
    expect(d.message).toContain("has_apps");
    const repaired = client.nextDiagnostics(uri(site), (p) => !p.diagnostics.some((x) => x.code === "E0204"));
    await client.change(helpers, [{ text: HELPERS }]);
    await repaired;
  });

  it("analyses a burst of edits together (debounced) and publishes the last one's diagnostics", async () => {
    const before = client.published.length;
    const version = client.version(site) + 6;
    const next = client.nextDiagnostics(uri(site), (p) => p.version === version);
    for (let i = 1; i <= 6; i++) await client.change(site, [{ text: `${SITE}${" ".repeat(i)}` }]);
    const last = await next;
    expect(last.diagnostics.map((d) => d.code)).toContain("E0301");
    const burst = client.published.slice(before).filter((p) => p.uri === uri(site));
    expect(burst.length).toBeLessThanOrEqual(3);
    await client.change(site, [{ text: SITE }]);
  });

  it("keeps the other controls' diagnostics and completes while a control is half-written", async () => {
    const half = SITE.replace("control SITE-002", 'control SITE-003 "half" {\n  severity high\n  for ws in workspaces\n  require ws.\n\ncontrol SITE-002');
    const next = client.nextDiagnostics(uri(site), (p) => p.diagnostics.some((d) => d.code === "E0104"));
    await client.change(site, [{ text: half }]);
    const published = await next;
    const codes = published.diagnostics.map((d) => d.code);
    expect(codes).toContain("E0301"); // SITE-001, before the broken control
    expect(codes).toContain("W0103"); // SITE-002, after it
    const fields = labels(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri(site) }, position: positionOf(half, "require ws.", 11) }));
    expect(fields).toContain("workspace_url");
    expect(fields).toContain("apps");
    await client.change(site, [{ text: SITE }]);
  });
});
