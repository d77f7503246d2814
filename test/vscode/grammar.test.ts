// The VS Code extension's TextMate grammar: generated from the lexer and up to date; run by
// vscode-textmate (the engine VS Code runs) over the library and the examples into golden
// tokenisations (test/golden/vscode), with the same scope as src/syntax/highlight.ts gives
// every token of the lexer, and the intended scopes on the constructs that matter.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { grammarText } from "../../grammar/textmate.js";
import { packagePath, packageRoot } from "../../src/paths.js";
import { highlightText, SCOPES, tokenRole, UNHIGHLIGHTED } from "../../src/syntax/highlight.js";
import { allTokens } from "../../src/syntax/tokens.js";
import { expectGolden } from "../helpers/golden.js";
import { GRAMMAR_FILE, tokenize, type LineToken } from "../helpers/textmate.js";

function perimeterFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".perimeter"))
    .map((f) => join(dir, f))
    .sort();
}

const library = [...perimeterFiles(packagePath("policies")), ...perimeterFiles(packagePath("examples", "policies"))];
const constructs = perimeterFiles(packagePath("test", "golden", "parse"));

/** One line per token: line:start-end, the text, the scopes below `source.perimeter`. */
function render(tokens: readonly LineToken[]): string {
  return tokens
    .filter((tok) => tok.text.trim() !== "" || tok.scopes.length > 1)
    .map((tok) => `${tok.line + 1}:${tok.start}-${tok.end} ${JSON.stringify(tok.text)} ${tok.scopes.slice(1).join(" ")}`)
    .join("\n") + "\n";
}

/** The TextMate token holding a character of the text (by offset) and the character's column. */
function scopesAt(text: string, tokens: readonly LineToken[]): (offset: number) => (LineToken & { col: number }) | undefined {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const byLine = new Map<number, LineToken[]>();
  for (const tok of tokens) (byLine.get(tok.line) ?? byLine.set(tok.line, []).get(tok.line)!).push(tok);
  return (offset) => {
    let line = lineStarts.length - 1;
    while (lineStarts[line]! > offset) line--;
    const col = offset - lineStarts[line]!;
    const tok = byLine.get(line)?.find((tok) => tok.start <= col && col < tok.end);
    return tok === undefined ? undefined : { ...tok, col };
  };
}

async function scopesOf(text: string, fragment: string, nth = 0): Promise<readonly string[]> {
  const tokens = await tokenize(text);
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(fragment, offset + 1);
  if (offset < 0) throw new Error(`no ${fragment} in the text`);
  const tok = scopesAt(text, tokens)(offset);
  if (tok === undefined) throw new Error(`no token at ${fragment}`);
  expect(tok.text, `the token at ${fragment}`).toBe(fragment);
  return tok.scopes;
}

describe("the VS Code grammar", () => {
  it("is up to date with the lexer (npm run build && npm run gen:vscode-grammar)", () => {
    expect(readFileSync(GRAMMAR_FILE, "utf8")).toBe(grammarText());
  });

  it("gives every token of the lexer a scope", () => {
    for (const type of allTokens) if (!UNHIGHLIGHTED.has(type)) expect(tokenRole(type), type.name).toBeDefined();
  });

  it.each(library.map((f) => relative(packageRoot(), f)))("tokenises %s as its golden file", async (file) => {
    const text = readFileSync(packagePath(file), "utf8");
    expectGolden(packagePath("test", "golden", "vscode", file.replace(/\.perimeter$/, ".tokens.txt")), render(await tokenize(text)));
  });

  it.each([...library, ...constructs].map((f) => relative(packageRoot(), f)))(
    "scopes every token of %s as highlight.ts does, and leaves no character unscoped",
    async (file) => {
      const text = readFileSync(packagePath(file), "utf8");
      const tokens = await tokenize(text);
      const at = scopesAt(text, tokens);
      const highlights = highlightText(text);
      expect(highlights.length).toBeGreaterThan(0);
      for (const h of highlights) {
        const where = `${file} at offset ${h.start} (${JSON.stringify(text.slice(h.start, h.end))})`;
        const first = at(h.start);
        const last = at(h.end - 1);
        expect(first?.scopes, where).toContain(h.scope);
        // TextMate's tokens start and end where the lexer's do, and all between have the scope.
        expect(first!.start, `${where}: TextMate's token starts at column ${first!.start}`).toBe(first!.col);
        expect(last!.end, `${where}: TextMate's token ends at column ${last!.end}`).toBe(last!.col + 1);
        for (let o = h.start; o < h.end; o++) expect(at(o)?.scopes, where).toContain(h.scope);
      }
      const covered = new Set<number>();
      for (const h of highlights) for (let o = h.start; o < h.end; o++) covered.add(o);
      for (let o = 0; o < text.length; o++) {
        if (/\s/u.test(text[o]!)) continue;
        expect(covered.has(o), `${file}: the lexer highlights offset ${o}`).toBe(true);
        expect(at(o)?.scopes.length ?? 0, `${file}: offset ${o} (${JSON.stringify(text[o])}) has a scope`).toBeGreaterThan(1);
      }
    },
  );
});

describe("the VS Code grammar on the constructs that matter", () => {
  const example = [
    "# Network baseline.",
    "package contoso.apps",
    "import std.databricks as dbx",
    "param corporate = [10.0.0.0/8, 2001:db8::/32, ::1]   # each site overrides this",
    "let allow = [\"pypi.org\"]",
    "control APPS-ING-001 \"Apps are reachable only from corporate ranges\" {",
    "  severity high",
    "  for ws in workspaces where count(ws.apps) > 0 and dbx.uses_python(ws.apps[0])",
    "  require ws.workspace_conf.enableIpAccessLists == \"true\"",
    "    else \"IP access lists are off on {ws.workspace_name ?? lower(ws.workspace_url ?? \"none\")} \\{sic\\}\"",
    "  egress ws {",
    "    restricted",
    "    must allow allow when policy.egress.network_access is present",
    "  }",
    "}",
    "waive APPS-ING-001 for 3141592653589793",
    "  until 2027-01-31",
    "  reason \"unterminated",
    "  approved_by \"ciso@contoso.com\"",
  ].join("\n");

  it("scopes keywords by role", async () => {
    expect(await scopesOf(example, "control")).toContain(SCOPES.declarationKeyword);
    expect(await scopesOf(example, "package")).toContain(SCOPES.importKeyword);
    expect(await scopesOf(example, "for")).toContain(SCOPES.controlKeyword);
    expect(await scopesOf(example, "severity")).toContain(SCOPES.metadataKeyword);
    expect(await scopesOf(example, "and")).toContain(SCOPES.wordOperator);
    expect(await scopesOf(example, "egress")).toContain(SCOPES.blockKeyword);
    expect(await scopesOf(example, "APPS-ING-001")).toContain(SCOPES.controlId);
  });

  it("scopes comments, also after code", async () => {
    expect(await scopesOf(example, "# Network baseline.")).toContain(SCOPES.comment);
    expect(await scopesOf(example, "# each site overrides this")).toContain(SCOPES.comment);
  });

  it("scopes network literals, dates and numbers", async () => {
    expect(await scopesOf(example, "10.0.0.0/8")).toContain(SCOPES.ipv4);
    expect(await scopesOf(example, "2001:db8::/32")).toContain(SCOPES.ipv6);
    expect(await scopesOf(example, "::1")).toContain(SCOPES.ipv6);
    expect(await scopesOf(example, "2027-01-31")).toContain(SCOPES.date);
    expect(await scopesOf(example, "3141592653589793")).toContain(SCOPES.number);
  });

  it("scopes a string's interpolation as code, with nested strings and escapes", async () => {
    const scopes = await scopesOf(example, "{", 1);
    expect(scopes).toEqual(["source.perimeter", SCOPES.string, SCOPES.interpolation, SCOPES.interpolationBegin]);
    expect(await scopesOf(example, "workspace_name")).toEqual(["source.perimeter", SCOPES.string, SCOPES.interpolation, SCOPES.property]);
    expect(await scopesOf(example, "??")).toContain(SCOPES.coalesce);
    expect(await scopesOf(example, "lower")).toContain(SCOPES.builtin);
    const inner = await scopesOf(example, "none");
    expect(inner.filter((s) => s === SCOPES.string)).toHaveLength(2);
    expect(await scopesOf(example, "\\{")).toContain(SCOPES.escape);
    expect(await scopesOf(example, "sic")).toEqual(["source.perimeter", SCOPES.string]);
  });

  it("scopes soft keywords as statement words only inside ingress and egress blocks", async () => {
    expect(await scopesOf(example, "allow")).toContain(SCOPES.identifier);
    expect(await scopesOf(example, "restricted")).toContain(SCOPES.statementKeyword);
    expect(await scopesOf(example, "allow", 1)).toContain(SCOPES.statementKeyword);
    expect(await scopesOf(example, "when")).toContain(SCOPES.statementKeyword);
    // After the block, the same words are names again.
    expect(await scopesOf(`${example}\nlet must = 1`, "must", 1)).toContain(SCOPES.identifier);
  });

  it("scopes any word after a dot as a field, or a function when called", async () => {
    expect(await scopesOf(example, "egress", 1)).toEqual(["source.perimeter", SCOPES.property]);
    expect(await scopesOf(example, "uses_python")).toContain(SCOPES.function);
    expect(await scopesOf(example, "enableIpAccessLists")).toContain(SCOPES.property);
  });

  it("ends an unterminated string at the end of its line", async () => {
    expect(await scopesOf(example, "\"unterminated")).toContain(SCOPES.unterminatedString);
    expect(await scopesOf(example, "approved_by")).toContain(SCOPES.metadataKeyword);
  });

  it("scopes the example as highlight.ts does", async () => {
    const tokens = await tokenize(example);
    const at = scopesAt(example, tokens);
    for (const h of highlightText(example)) expect(at(h.start)?.scopes, `offset ${h.start}`).toContain(h.scope);
  });
});
