/**
 * An ARM token from the Azure CLI's signed-in account, as the Databricks SDKs' `azure-cli`
 * method gets one: `az account get-access-token --resource <management>/ --output json`,
 * reading `accessToken`. Undefined when `az` is not installed, not signed in, or slow; the
 * reason goes to the verbose log only (it never contains the token).
 */

import { execFile } from "node:child_process";

const TIMEOUT_MS = 30_000;

export function azureCliToken(log?: (line: string) => void): (resource: string) => Promise<string | undefined> {
  return (resource) =>
    new Promise((done) => {
      const windows = process.platform === "win32";
      execFile(
        windows ? "az.cmd" : "az",
        ["account", "get-access-token", "--resource", resource, "--output", "json"],
        { timeout: TIMEOUT_MS, windowsHide: true, shell: windows, maxBuffer: 1024 * 1024 },
        (err, stdout) => {
          if (err) {
            const code = (err as { code?: unknown }).code;
            log?.(`az account get-access-token: ${code === "ENOENT" ? "the Azure CLI is not installed" : "failed (not signed in?)"}`);
            return done(undefined);
          }
          try {
            const token = (JSON.parse(stdout) as { accessToken?: unknown }).accessToken;
            done(typeof token === "string" && token !== "" ? token : undefined);
          } catch {
            log?.("az account get-access-token: unreadable output");
            done(undefined);
          }
        },
      );
    });
}
