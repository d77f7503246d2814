/**
 * `perimeter lsp`: the language server, over stdio (vscode-languageserver). Wiring only: the
 * protocol's requests are answered by the small modules beside this one (workspace.ts for the
 * policy sets and their analysis, diagnostics.ts, hover.ts, completion.ts, navigation.ts,
 * symbols.ts, format.ts, actions.ts).
 *
 * Diagnostics are published on open and on change, debounced on both edges
 * (`initializationOptions.debounceMs`, default 25 ms): a change after a quiet spell is analysed at
 * once, changes that follow within the window are analysed together when it closes,
 * for every file of the changed document's policy set (its packages and imports), so a
 * change in one file updates what it breaks in another. Requests (hover, completion, …) use
 * the latest analysis of the document's set, re-analysing first when something changed.
 */

import { createConnection, StreamMessageReader, StreamMessageWriter, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from "vscode-languageserver/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { CodeActionKind } from "vscode-languageserver";
import { EXIT, type ExitCode } from "../cli/errors.js";
import type { Output } from "../cli/io.js";
import { parseCommand } from "../cli/options.js";
import { Workspace, type Analysis } from "./workspace.js";
import { toLspDiagnostic, toOffset } from "./diagnostics.js";
import { hover } from "./hover.js";
import { complete } from "./completion.js";
import { definition, references, targetAt } from "./navigation.js";
import { documentSymbols } from "./symbols.js";
import { formatDocument } from "./format.js";
import { codeActions } from "./actions.js";
import { unitOf } from "./nodes.js";
import { pathToUri, uriToPath } from "./uri.js";

export const lspUsage = `usage: perimeter lsp [--stdio]

Runs the Perimeter language server on standard input and output (the Language Server
Protocol; stdio is the only transport, and --stdio, which clients add, is accepted). An editor
starts it; see docs/editors.md. A workspace folder is a policy set: the policies of its
perimeter.yaml, else every *.perimeter file under it.`;

export async function lspCommand(argv: readonly string[], io: Output): Promise<ExitCode> {
  const { values } = parseCommand(argv, { stdio: { type: "boolean" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    io.out(lspUsage);
    return EXIT.ok;
  }
  const connection = createConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  new LanguageServer(connection).listen();
  // The connection ends the process on `exit` or when the client's stream closes.
  return new Promise<ExitCode>(() => {});
}

interface Window {
  path: string;
  dirty: boolean;
  timer: NodeJS.Timeout | undefined;
}

export class LanguageServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly ws = new Workspace();
  private debounceMs = 25;
  /** Bumped on every change of a text the analyses read. */
  private generation = 0;
  private readonly analyses = new Map<string, { generation: number; analysis: Analysis }>();
  /** Sets with a debounce window open: changes in it are analysed when it ends. */
  private readonly windows = new Map<string, Window>();
  /** URIs that were given diagnostics, per policy set, to clear them when they go away. */
  private readonly published = new Map<string, Set<string>>();

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((params): InitializeResult => {
      const folders = params.workspaceFolders?.map((f) => uriToPath(f.uri)) ?? [params.rootUri ? uriToPath(params.rootUri) : (params.rootPath ?? undefined)];
      this.ws.setFolders(folders.filter((f): f is string => typeof f === "string"));
      const opts = params.initializationOptions as { debounceMs?: unknown } | undefined;
      if (typeof opts?.debounceMs === "number" && opts.debounceMs >= 0) this.debounceMs = opts.debounceMs;
      return {
        capabilities: {
          textDocumentSync: TextDocumentSyncKind.Incremental,
          hoverProvider: true,
          completionProvider: { triggerCharacters: [".", " ", '"'] },
          definitionProvider: true,
          referencesProvider: true,
          documentSymbolProvider: true,
          documentFormattingProvider: true,
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        },
        serverInfo: { name: "perimeter" },
      };
    });
    this.documents.onDidChangeContent((e) => {
      const path = uriToPath(e.document.uri);
      if (path === undefined) return;
      this.ws.open(path, e.document.getText());
      this.generation++;
      this.schedule(path);
    });
    this.documents.onDidClose((e) => {
      const path = uriToPath(e.document.uri);
      if (path === undefined) return;
      this.ws.close(path);
      this.generation++;
      this.schedule(path);
    });
    c.onDidChangeWatchedFiles(() => {
      this.generation++;
      for (const d of this.documents.all()) {
        const p = uriToPath(d.uri);
        if (p !== undefined) this.schedule(p);
      }
    });
    c.onHover((p) => this.guard(() => this.at(p, (a, path, offset) => hover(a, path, offset)), null));
    c.onCompletion((p) =>
      this.guard(() => {
        const path = uriToPath(p.textDocument.uri);
        const doc = this.documents.get(p.textDocument.uri);
        if (path === undefined || doc === undefined) return [];
        const text = doc.getText();
        return complete(this.ws, this.ws.policySet(path), path, text, doc.offsetAt(p.position));
      }, []),
    );
    c.onDefinition((p) => this.guard(() => this.at(p, (a, path, offset) => {
      const t = targetAt(a, path, offset);
      return t === undefined ? null : definition(a, t);
    }), null));
    c.onReferences((p) => this.guard(() => this.at(p, (a, path, offset) => {
      const t = targetAt(a, path, offset);
      return t === undefined ? [] : references(a, t, p.context.includeDeclaration);
    }) ?? [], []));
    c.onDocumentSymbol((p) =>
      this.guard(() => {
        const path = uriToPath(p.textDocument.uri);
        if (path === undefined) return [];
        const unit = unitOf(this.analysis(path).units, path);
        return unit === undefined ? [] : documentSymbols(unit.file, unit.source);
      }, []),
    );
    c.onDocumentFormatting(async (p) => {
      const path = uriToPath(p.textDocument.uri);
      const doc = this.documents.get(p.textDocument.uri);
      if (path === undefined || doc === undefined) return [];
      try {
        return await formatDocument(path, doc.getText(), p.options);
      } catch (e) {
        this.connection.console.error(`perimeter: formatting failed: ${(e as Error).message}`);
        return [];
      }
    });
    c.onCodeAction((p) => this.guard(() => codeActions(p), []));
    this.documents.listen(c);
    c.listen();
  }

  /** A request's answer, or `fallback` (and a log line) when answering it threw: a bug must not end the session. */
  private guard<T>(run: () => T, fallback: T): T {
    try {
      return run();
    } catch (e) {
      this.connection.console.error(`perimeter: internal error: ${(e as Error).stack ?? String(e)}`);
      return fallback;
    }
  }

  private at<T>(p: { textDocument: { uri: string }; position: { line: number; character: number } }, fn: (a: Analysis, path: string, offset: number) => T): T | null {
    const path = uriToPath(p.textDocument.uri);
    if (path === undefined) return null;
    const a = this.analysis(path);
    const source = a.files.get(path);
    if (source === undefined) return null;
    return fn(a, path, toOffset(source, p.position));
  }

  /** The current analysis of the set `path` belongs to. */
  analysis(path: string): Analysis {
    const set = this.ws.policySet(path);
    const key = set.join("\n");
    const hit = this.analyses.get(key);
    if (hit !== undefined && hit.generation === this.generation) return hit.analysis;
    const analysis = this.ws.analyze(set);
    this.analyses.set(key, { generation: this.generation, analysis });
    return analysis;
  }

  /**
   * Publishes the diagnostics of `path`'s set: at once when the set has been quiet (the
   * leading edge: an isolated keystroke waits for nothing but the analysis), else once the
   * changes have paused for `debounceMs` (the trailing edge: a burst is analysed once, with
   * its last text).
   */
  private schedule(path: string): void {
    const key = this.ws.policySet(path).join("\n");
    const open = this.windows.get(key);
    if (open !== undefined) {
      open.dirty = true;
      open.path = path;
      clearTimeout(open.timer);
      open.timer = setTimeout(() => this.windowEnd(key), this.debounceMs);
      return;
    }
    const w: Window = { path, dirty: false, timer: undefined };
    this.windows.set(key, w);
    setImmediate(() => {
      this.guard(() => this.publish(w.path), undefined);
      w.dirty = false;
      clearTimeout(w.timer);
      w.timer = setTimeout(() => this.windowEnd(key), this.debounceMs);
    });
  }

  private windowEnd(key: string): void {
    const w = this.windows.get(key);
    if (w === undefined) return;
    if (!w.dirty) {
      this.windows.delete(key);
      return;
    }
    this.guard(() => this.publish(w.path), undefined);
    w.dirty = false;
    w.timer = setTimeout(() => this.windowEnd(key), this.debounceMs);
  }

  private publish(path: string): void {
    const analysis = this.analysis(path);
    const key = analysis.paths.join("\n");
    const byUri = new Map<string, ReturnType<typeof toLspDiagnostic>[]>();
    const uriOf = new Map<string, string>();
    for (const d of this.documents.all()) {
      const p = uriToPath(d.uri);
      if (p !== undefined) uriOf.set(p, d.uri);
    }
    for (const p of analysis.paths) byUri.set(uriOf.get(p) ?? pathToUri(p), []);
    for (const d of analysis.diagnostics) {
      if (!analysis.files.has(d.file)) continue;
      const uri = uriOf.get(d.file) ?? pathToUri(d.file);
      if (!byUri.has(uri)) byUri.set(uri, []);
      byUri.get(uri)!.push(toLspDiagnostic(d, analysis.files));
    }
    const before = this.published.get(key) ?? new Set<string>();
    const now = new Set<string>();
    for (const [uri, diagnostics] of byUri) {
      if (diagnostics.length === 0 && !before.has(uri) && !this.documents.get(uri)) continue;
      const doc = this.documents.get(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics, ...(doc ? { version: doc.version } : {}) });
      if (diagnostics.length > 0) now.add(uri);
    }
    this.published.set(key, now);
  }
}
