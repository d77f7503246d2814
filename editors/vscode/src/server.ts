/**
 * Which `perimeter` the extension starts, and how: the language server is `perimeter lsp
 * --stdio`. Free of the `vscode` module, so a test can load it (and the bundle built from it).
 *
 * The executable, first found wins:
 * 1. the `perimeter.path` setting (relative paths from the first workspace folder);
 * 2. in a trusted workspace, a workspace folder's `node_modules/.bin/perimeter` (the version
 *    the project pins, as `npx perimeter` would run);
 * 3. `perimeter` on PATH.
 */

import { existsSync } from "node:fs";
import { isAbsolute, join } from "node:path";

/** The arguments that make `perimeter` a language server on stdin/stdout. */
export const SERVER_ARGS: readonly string[] = ["lsp", "--stdio"];

export interface ServerContext {
  /** The `perimeter.path` setting; empty when unset. */
  readonly configuredPath: string;
  /** The workspace folders' file-system paths, in order. */
  readonly workspaceFolders: readonly string[];
  /** Whether the workspace is trusted: only then may its own `node_modules` run. */
  readonly trusted: boolean;
  readonly platform: NodeJS.Platform;
  readonly exists?: (path: string) => boolean;
}

export interface ServerCommand {
  readonly command: string;
  readonly args: string[];
  /** Where the command came from, for the output channel. */
  readonly source: "setting" | "workspace" | "PATH";
  /** Windows runs `.cmd` shims only through a shell. */
  readonly shell: boolean;
}

export function resolveServerCommand(context: ServerContext): ServerCommand {
  const exists = context.exists ?? existsSync;
  const windows = context.platform === "win32";
  const make = (command: string, source: ServerCommand["source"]): ServerCommand => ({
    command,
    args: [...SERVER_ARGS],
    source,
    shell: windows && /\.(?:cmd|bat)$/i.test(command),
  });
  const configured = context.configuredPath.trim();
  if (configured !== "") {
    const base = context.workspaceFolders[0];
    const command = isAbsolute(configured) || base === undefined || !/[\\/]/.test(configured) ? configured : join(base, configured);
    return make(command, "setting");
  }
  if (context.trusted) {
    for (const folder of context.workspaceFolders) {
      const local = join(folder, "node_modules", ".bin", windows ? "perimeter.cmd" : "perimeter");
      if (exists(local)) return make(local, "workspace");
    }
  }
  return make(windows ? "perimeter.cmd" : "perimeter", "PATH");
}
