// The VS Code extension (editors/vscode): its language configuration, its manifest, and
// `npm run package:vscode`, whose .vsix is opened with a zip reader and whose bundled client
// is loaded (under a stand-in for the `vscode` module, which only the editor provides) to
// test the choice of the server executable and its options on the code that ships. (The
// extension's sources are CommonJS TypeScript with their own tsconfig, type-checked by the
// packaging, so the tests do not import them.)
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packagePath } from "../../src/paths.js";
import { CLI_BIN } from "../helpers/cli.js";
import { LspClient, uri } from "../helpers/lsp.js";
import * as t from "../../src/syntax/tokens.js";

const extensionDir = packagePath("editors", "vscode");
const readJson = (...parts: string[]) => JSON.parse(readFileSync(join(extensionDir, ...parts), "utf8")) as Record<string, any>;

describe("the language configuration", () => {
  const config = readJson("language-configuration.json");
  const indent = (pattern: string) => new RegExp(config["indentationRules"][pattern]);

  it("comments lines with the lexer's comment character", () => {
    expect(config["comments"]).toEqual({ lineComment: "#" });
    expect(t.Comment.PATTERN).toEqual(/#[^\n\r]*/);
  });

  it("pairs the lexer's brackets and closes strings", () => {
    const pairs = [[t.LCurly, t.RCurly], [t.LBracket, t.RBracket], [t.LParen, t.RParen]].map((p) => p.map((k) => String(k.LABEL).slice(1, -1)));
    expect(config["brackets"]).toEqual(pairs);
    expect(config["autoClosingPairs"]).toEqual([...pairs.map(([open, close]) => ({ open, close })), { open: '"', close: '"', notIn: ["string", "comment"] }]);
    expect(config["surroundingPairs"]).toEqual([...pairs, ['"', '"']]);
  });

  it("takes control ids and identifiers as words, as the lexer does", () => {
    expect(config["wordPattern"]).toBe(`${(t.ControlId.PATTERN as RegExp).source}|${(t.Identifier.PATTERN as RegExp).source}`);
    const words = (s: string) => s.match(new RegExp(config["wordPattern"], "g"));
    expect(words("waive APPS-EGR-001 for ws.workspace_conf")).toEqual(["waive", "APPS-EGR-001", "for", "ws", "workspace_conf"]);
  });

  it("indents after an opening bracket that ends a line, outside strings and comments", () => {
    for (const line of ['control APPS-1 "Apps {x}" {', "  ingress ws {   # the workspace", "let xs = [", "def f(", '  require f("a")  and ('])
      expect(line, line).toMatch(indent("increaseIndentPattern"));
    for (const line of ["# {", 'let x = "{"', "}", "  allow only from corporate", 'let x = "a" # (']) expect(line, line).not.toMatch(indent("increaseIndentPattern"));
    for (const line of ["}", "  ]", ")"]) expect(line).toMatch(indent("decreaseIndentPattern"));
    expect("  allow only from x").not.toMatch(indent("decreaseIndentPattern"));
  });

  it("folds # region … # endregion", () => {
    expect("  # region params").toMatch(new RegExp(config["folding"]["markers"]["start"]));
    expect("# endregion").toMatch(new RegExp(config["folding"]["markers"]["end"]));
  });
});

describe("the extension's manifest", () => {
  const manifest = readJson("package.json");
  const root = JSON.parse(readFileSync(packagePath("package.json"), "utf8")) as Record<string, any>;

  it("contributes the perimeter language for the files the project uses, with its grammar and configuration", () => {
    const [language] = manifest["contributes"]["languages"];
    expect(language).toMatchObject({ id: "perimeter", extensions: [".perimeter"], configuration: "./language-configuration.json" });
    const grammarEntry = manifest["contributes"]["grammars"][0];
    const grammar = readJson(grammarEntry["path"]);
    expect(grammarEntry).toMatchObject({ language: "perimeter", scopeName: grammar["scopeName"] });
    expect(grammar["fileTypes"]).toEqual(["perimeter"]);
    const library = readdirSync(packagePath("policies"), { recursive: true, encoding: "utf8" });
    expect(library.filter((f) => f.endsWith(".perimeter")).length).toBeGreaterThan(5);
  });

  it("declares the settings perimeter.path and perimeter.trace.server", () => {
    const props = manifest["contributes"]["configuration"]["properties"];
    expect(props["perimeter.path"]).toMatchObject({ type: "string", default: "" });
    expect(props["perimeter.trace.server"]).toMatchObject({ enum: ["off", "messages", "verbose"], default: "off" });
    expect(manifest["capabilities"]["untrustedWorkspaces"]["restrictedConfigurations"]).toEqual(["perimeter.path"]);
  });

  it("has the tool's version, and needs a VS Code no newer than its type definitions and client", () => {
    expect(manifest["version"]).toBe(root["version"]);
    expect(manifest["main"]).toBe("./dist/extension.js");
    const minimum = (range: string) => range.replace(/^[~^]/, "").split(".").slice(0, 2).map(Number);
    const engine = minimum(manifest["engines"]["vscode"]);
    expect(minimum(root["devDependencies"]["@types/vscode"])).toEqual(engine);
    const client = JSON.parse(readFileSync(packagePath("node_modules", "vscode-languageclient", "package.json"), "utf8"));
    expect(engine).toEqual(minimum(client["engines"]["vscode"]));
  });
});

/** The entries of a zip file, by name. */
function unzip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err || zip === undefined) return reject(err);
      const entries = new Map<string, Buffer>();
      zip.on("error", reject);
      zip.on("end", () => resolve(entries));
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || stream === undefined) return reject(e);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

describe("npm run package:vscode", () => {
  let dir: string;
  let vsix: string;
  let entries: Map<string, Buffer>;
  let ext: Record<string, (...args: any[]) => any>;
  let vscode: ReturnType<typeof stubVscode>;
  const settings = { path: "" };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "perimeter-vsix-"));
    vsix = join(dir, "perimeter.vsix");
    execFileSync("npm", ["run", "-s", "package:vscode", "--", vsix], { cwd: packagePath(), stdio: ["ignore", "pipe", "pipe"] });
    entries = await unzip(vsix);
    const bundle = join(dir, "extension.js");
    writeFileSync(bundle, entries.get("extension/dist/extension.js")!);
    mkdirSync(join(dir, "workspace"));
    vscode = stubVscode({ settings, folders: [join(dir, "workspace")], trusted: true });
    ext = loadWithVscode(bundle, vscode) as typeof ext;
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("builds a .vsix holding the manifest, the grammar, the configuration and the bundled client, and no sources", () => {
    expect([...entries.keys()].sort()).toEqual([
      "[Content_Types].xml",
      "extension.vsixmanifest",
      "extension/dist/THIRD_PARTY_NOTICES.txt",
      "extension/dist/extension.js",
      "extension/language-configuration.json",
      "extension/package.json",
      "extension/readme.md",
      "extension/syntaxes/perimeter.tmLanguage.json",
    ]);
    for (const file of ["package.json", "language-configuration.json", "syntaxes/perimeter.tmLanguage.json"])
      expect(entries.get(`extension/${file}`)!.toString("utf8"), file).toBe(readFileSync(join(extensionDir, file), "utf8"));
    const notices = entries.get("extension/dist/THIRD_PARTY_NOTICES.txt")!.toString("utf8");
    for (const pkg of ["vscode-languageclient", "vscode-languageserver-protocol", "vscode-jsonrpc"]) expect(notices).toContain(`\n${pkg} `);
    expect(entries.get("extension.vsixmanifest")!.toString("utf8")).toContain('<Identity Language="en-US" Id="perimeter" Version="0.1.0" Publisher="perimeter"');
  });

  it("bundles a client that loads with only `vscode` external, and starts `perimeter lsp --stdio`", () => {
    expect(typeof ext["activate"]).toBe("function");
    expect(typeof ext["deactivate"]).toBe("function");
    const workspace = join(dir, "workspace");
    mkdirSync(join(workspace, "node_modules", ".bin"), { recursive: true });
    const local = join(workspace, "node_modules", ".bin", "perimeter");
    writeFileSync(local, "#!/bin/sh\n");
    chmodSync(local, 0o755);
    const command = ext["currentServerCommand"]!();
    expect(command).toMatchObject({ command: local, args: ["lsp", "--stdio"], source: "workspace" });
    const executable = { command: local, args: ["lsp", "--stdio"], options: { shell: false } };
    expect(ext["serverOptions"]!(command)).toEqual({ run: executable, debug: executable });
    vscode["workspace"].isTrusted = false;
    expect(ext["currentServerCommand"]!()).toMatchObject({ command: "perimeter", source: "PATH" });
    settings.path = "/opt/perimeter";
    expect(ext["currentServerCommand"]!()).toMatchObject({ command: "/opt/perimeter", source: "setting" });
  });

  it("starts a server that answers: the command it resolves, spawned, speaks the protocol and publishes diagnostics", async () => {
    // The workspace's node_modules/.bin/perimeter, as npm would link it, runs the built binary.
    const workspace = join(dir, "served");
    mkdirSync(join(workspace, "node_modules", ".bin"), { recursive: true });
    const local = join(workspace, "node_modules", ".bin", "perimeter");
    writeFileSync(local, `#!/bin/sh\nexec "${process.execPath}" "${CLI_BIN}" "$@"\n`);
    chmodSync(local, 0o755);
    const policy = join(workspace, "site.perimeter");
    const text = 'package site\n\ncontrol SITE-001 "x" {\n  severity high\n  for ws in workspaces\n  require ws.no_such_field\n}\n';
    writeFileSync(policy, text);
    const served = stubVscode({ settings: { path: "" }, folders: [workspace], trusted: true });
    const fresh = join(dir, "extension-served.js"); // a module instance of its own (require caches by path)
    writeFileSync(fresh, entries.get("extension/dist/extension.js")!);
    const client = loadWithVscode(fresh, served) as typeof ext;
    const { run } = client["serverOptions"]!(client["currentServerCommand"]!()) as { run: { command: string; args: string[] } };
    expect(run).toMatchObject({ command: local, args: ["lsp", "--stdio"] });
    const lsp = await LspClient.start(workspace, {}, run);
    try {
      expect(lsp.initializeResult?.capabilities.hoverProvider).toBeTruthy();
      const published = lsp.nextDiagnostics(uri(policy), (p) => p.diagnostics.length > 0);
      await lsp.open(policy, text);
      const diagnostics = (await published).diagnostics;
      expect(diagnostics.map((d) => [d.code, d.range.start.line])).toContainEqual(["E0301", 5]);
    } finally {
      expect(await lsp.stop()).toBe(0);
    }
  });

  describe("the server the bundled client starts", () => {
    const posix = { workspaceFolders: ["/w/one", "/w/two"], trusted: true, platform: "linux" as const };
    const only = (path: string) => (p: string) => p === path;

    it("is the workspace's node_modules/.bin/perimeter, with `lsp --stdio`", () => {
      expect(ext["resolveServerCommand"]!({ ...posix, configuredPath: "", exists: only("/w/two/node_modules/.bin/perimeter") })).toEqual({
        command: "/w/two/node_modules/.bin/perimeter",
        args: ["lsp", "--stdio"],
        source: "workspace",
        shell: false,
      });
    });

    it("is perimeter on PATH without one, or in an untrusted workspace", () => {
      expect(ext["resolveServerCommand"]!({ ...posix, configuredPath: "", exists: () => false })).toMatchObject({ command: "perimeter", source: "PATH" });
      expect(ext["resolveServerCommand"]!({ ...posix, trusted: false, configuredPath: "", exists: () => true })).toMatchObject({ command: "perimeter", source: "PATH" });
    });

    it("is perimeter.path when set, relative paths from the first folder", () => {
      expect(ext["resolveServerCommand"]!({ ...posix, configuredPath: "/opt/perimeter/bin/perimeter", exists: () => true })).toMatchObject({
        command: "/opt/perimeter/bin/perimeter",
        source: "setting",
      });
      expect(ext["resolveServerCommand"]!({ ...posix, configuredPath: "tools/perimeter", exists: () => true }).command).toBe(join("/w/one", "tools/perimeter"));
      expect(ext["resolveServerCommand"]!({ ...posix, configuredPath: "perimeter-dev", exists: () => true }).command).toBe("perimeter-dev");
    });

    it("runs Windows .cmd shims through a shell", () => {
      const win = { workspaceFolders: ["C:\\w"], trusted: true, platform: "win32" as const, configuredPath: "" };
      const found = ext["resolveServerCommand"]!({ ...win, exists: (p: string) => p.endsWith("perimeter.cmd") });
      expect(found).toMatchObject({ source: "workspace", shell: true });
      expect(found.command).toMatch(/node_modules.\.bin.perimeter\.cmd$/);
      expect(ext["resolveServerCommand"]!({ ...win, exists: () => false })).toMatchObject({ command: "perimeter.cmd", shell: true });
    });
  });
});

/** A stand-in for the editor's `vscode` module: the workspace API the extension reads, and inert values for the rest. */
function stubVscode(options: { settings: { path: string }; folders: string[]; trusted: boolean }) {
  const inert: any = new Proxy(function () {}, { get: (_t, p) => (p === Symbol.toPrimitive ? () => "" : inert), construct: () => inert, apply: () => inert });
  const workspace = {
    getConfiguration: (section: string) => ({ get: (key: string, fallback: unknown) => (section === "perimeter" && key === "path" ? options.settings.path : fallback) }),
    workspaceFolders: options.folders.map((fsPath) => ({ uri: { scheme: "file", fsPath } })),
    isTrusted: options.trusted,
  };
  return new Proxy({ workspace } as Record<string, any>, { get: (target, p: string) => (p in target ? target[p] : inert) });
}

/** Requires a CommonJS bundle with `vscode` resolved to the given object. */
function loadWithVscode(bundle: string, vscode: unknown): unknown {
  const require = createRequire(bundle);
  const M = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const original = M._load;
  M._load = function (request, parent, isMain) {
    return request === "vscode" ? vscode : original.call(this, request, parent, isMain);
  };
  try {
    return require(bundle);
  } finally {
    M._load = original;
  }
}
