/**
 * The Perimeter extension for VS Code: starts the language server (`perimeter lsp --stdio`,
 * see server.ts for which executable) through vscode-languageclient for every `.perimeter`
 * file, and restarts it when `perimeter.path` changes, when the workspace becomes trusted,
 * or on the "Perimeter: Restart Language Server" command. Highlighting and the language
 * configuration are declarative (package.json) and work without the server.
 */

import * as vscode from "vscode";
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { resolveServerCommand, type ServerCommand } from "./server.js";

export { resolveServerCommand };

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

/** The server command for the current settings, workspace and trust. */
export function currentServerCommand(): ServerCommand {
  return resolveServerCommand({
    configuredPath: vscode.workspace.getConfiguration("perimeter").get<string>("path", ""),
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === "file").map((f) => f.uri.fsPath),
    trusted: vscode.workspace.isTrusted,
    platform: process.platform,
  });
}

/** The server options vscode-languageclient spawns: the same command for run and debug. */
export function serverOptions(command: ServerCommand): ServerOptions {
  const executable = { command: command.command, args: command.args, options: { shell: command.shell } };
  return { run: executable, debug: executable };
}

async function start(): Promise<void> {
  output ??= vscode.window.createOutputChannel("Perimeter", { log: true });
  const command = currentServerCommand();
  output.info(`starting ${command.command} ${command.args.join(" ")} (from ${command.source})`);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "perimeter" },
      { scheme: "untitled", language: "perimeter" },
    ],
    outputChannel: output,
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.perimeter") },
  };
  // The id `perimeter` makes the client read its trace level from `perimeter.trace.server`.
  client = new LanguageClient("perimeter", "Perimeter", serverOptions(command), clientOptions);
  try {
    await client.start();
  } catch (e) {
    const hint =
      command.source === "PATH"
        ? "Install Perimeter in the workspace (npm install -D perimeter) or set perimeter.path."
        : "Check the perimeter.path setting.";
    void vscode.window.showErrorMessage(`Perimeter: cannot start the language server \`${command.command} lsp --stdio\`: ${String(e)}. ${hint}`);
  }
}

async function restart(): Promise<void> {
  const old = client;
  client = undefined;
  if (old !== undefined) await old.stop().catch(() => undefined);
  await start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("perimeter.restartServer", restart),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("perimeter.path")) void restart();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  const old = client;
  client = undefined;
  if (old !== undefined) await old.stop();
}
