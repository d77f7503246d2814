// Running `perimeter export` in-process against the fake server: captured output, the
// dependencies pointed at the server (workspace hosts under /ws/<id>, ARM under /arm, Entra ID
// under /aad), recorded sleeps instead of real ones, and the recorded fixture bodies.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Output } from "../../src/cli/io.js";
import type { ExportProblem } from "../../src/export/load.js";
import { defaultExportDeps, type ExportDeps } from "../../src/cli/export.js";
import { defaultBackoff } from "../../src/collect/http.js";
import { integerText } from "../../src/collect/json.js";
import { proxyFetch } from "../../src/collect/proxy.js";
import { SCENARIOS, type FakeServer } from "./server.js";

export const ACCOUNT = "0d5c3a8e-2f6b-4f3e-9a51-1c2b3d4e5f60";
export const A = `/api/2.0/accounts/${ACCOUNT}`;

export interface Captured extends Output {
  readonly stdout: string[];
  readonly stderr: string[];
  all(): string;
}

export function captureIo(): Captured {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => void stdout.push(t),
    err: (t) => void stderr.push(t),
    colorOut: false,
    colorErr: false,
    all: () => [...stdout, ...stderr].join("\n"),
  };
}

export interface TestDeps extends ExportDeps {
  readonly slept: number[];
}

export function depsFor(server: FakeServer, env: Record<string, string>, overrides: Partial<ExportDeps> = {}): TestDeps {
  const slept: number[] = [];
  return {
    ...defaultExportDeps(),
    env,
    // Through the proxies `env` names (none unless a test sets them), never the test process's.
    fetch: proxyFetch(env),
    home: mkdtempSync(join(tmpdir(), "perimeter-home-")),
    sleep: async (ms) => void slept.push(ms),
    backoff: defaultBackoff(() => 0.5),
    now: () => Date.parse("2026-11-28T08:30:00Z"),
    progressStream: { isTTY: false, write: () => true },
    azureCliToken: async () => undefined,
    armEndpoints: { management: `${server.url}/arm`, login: `${server.url}/aad` },
    workspaceUrl: (aw) => (typeof aw["deployment_name"] === "string" ? `${server.url}/ws/${integerText(aw["workspace_id"])}` : undefined),
    timeoutMs: 10_000,
    ...overrides,
    slept,
  };
}

/** A recorded response body of the scenario, parsed. */
export function recorded(scenario: string, file: string): any {
  return JSON.parse(readFileSync(join(SCENARIOS, scenario, file), "utf8"));
}

export function tempFile(name: string): string {
  return join(mkdtempSync(join(tmpdir(), "perimeter-export-")), name);
}

/**
 * The export loader's problems with an export of the full scenario, as [severity, pointer,
 * message]. There are none: the third workspace's id, 9007199254740993, is beyond 2^53; the
 * collector writes it digit for digit and the loader reads it exactly (a bigint, as OPA
 * does), so nothing is rounded and nothing is warned about.
 */
export function loaderProblems(problems: readonly ExportProblem[]): [string, string, string][] {
  return problems.map((p) => [p.severity, p.pointer, p.message]);
}

/** The id beyond 2^53 of the full scenario, and its places in the export. */
export const EXACT_ID = 9007199254740993n;
export const EXACT_ID_POINTERS = ["/workspaces/2/workspace_id", "/workspaces/2/account_workspace/workspace_id", "/workspaces/2/network_option/workspace_id"];
