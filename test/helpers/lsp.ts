// A Language Server Protocol client for tests and the benchmark: spawns the built binary as an
// editor does (`perimeter lsp --stdio`) and talks JSON-RPC to it over its stdin and stdout with
// vscode-languageserver-protocol, the client side of the library the server is built on.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from "vscode-languageserver-protocol/node.js";
import { pathToFileURL } from "node:url";
import { CLI_BIN, testCacheHome } from "./cli.js";

export const uri = (path: string): string => pathToFileURL(path).href;

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly stderr: string[] = [];
  /** Every publishDiagnostics, in order of arrival. */
  readonly published: PublishDiagnosticsParams[] = [];
  private waiters: { test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private readonly versions = new Map<string, number>();
  initializeResult: InitializeResult | undefined;

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    child.stderr.on("data", (b: Buffer) => this.stderr.push(b.toString("utf8")));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      const ready = this.waiters.filter((w) => w.test(p));
      this.waiters = this.waiters.filter((w) => !w.test(p));
      for (const w of ready) w.resolve(p);
    });
    this.connection.listen();
  }

  /**
   * Starts the server with `root` as the one workspace folder and initialises it; `server` is
   * the command that starts it (default: the built binary, `perimeter lsp --stdio`).
   */
  static async start(root: string, initializationOptions: Record<string, unknown> = {}, server: { command: string; args: readonly string[] } = { command: process.execPath, args: [CLI_BIN, "lsp", "--stdio"] }): Promise<LspClient> {
    const child = spawn(server.command, server.args, { stdio: "pipe", env: { ...process.env, XDG_CACHE_HOME: testCacheHome() } });
    const client = new LspClient(child);
    client.initializeResult = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uri(root),
      workspaceFolders: [{ uri: uri(root), name: "policies" }],
      capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true }, completion: { completionItem: { snippetSupport: false } } } },
      initializationOptions,
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** The next diagnostics published for `docUri` that satisfy `test` (registered before the action that causes them). */
  nextDiagnostics(docUri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 20_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${docUri} within ${timeoutMs} ms; stderr: ${this.stderr.join("")}`)), timeoutMs);
      this.waiters.push({
        test: (p) => p.uri === docUri && test(p),
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  async open(path: string, text: string): Promise<void> {
    this.versions.set(uri(path), 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(path), languageId: "perimeter", version: 1, text } });
  }

  /** The version of an open document. */
  version(path: string): number {
    return this.versions.get(uri(path)) ?? 0;
  }

  /** Sends an edit; returns the document's new version. */
  async change(path: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri(path)) ?? 1) + 1;
    this.versions.set(uri(path), version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(path), version }, contentChanges: changes });
    return version;
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once("exit", (code) => resolve(code)));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

/** Line and character of the first occurrence of `needle` in `text` (plus `delta` characters). */
export function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`\`${needle}\` not in the text`);
  const before = text.slice(0, at + delta);
  const line = before.split("\n").length - 1;
  return { line, character: before.length - (before.lastIndexOf("\n") + 1) };
}
