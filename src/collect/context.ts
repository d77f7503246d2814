/**
 * What every slot collector needs: the account, a client for the accounts host, a way to get
 * a client for a workspace URL, the credentials (for ARM), the HTTP options, the secrets to
 * scrub, and where workspaces and ARM live. Built once per export by `collector.ts`.
 */

import type { HostClient } from "./client.js";
import type { Credentials } from "./credentials.js";
import type { HttpOptions } from "./http.js";
import type { Secrets } from "./redact.js";

export interface CollectContext {
  readonly accountId: string;
  readonly accountsHost: string;
  readonly accounts: HostClient;
  readonly workspaceClient: (url: string) => HostClient;
  readonly credentials: Credentials;
  readonly http: HttpOptions;
  readonly secrets: Secrets;
  readonly armEndpoints: { readonly management: string; readonly login: string };
  /** The URL of a workspace, from its accounts-API object; undefined when it cannot be known. */
  readonly workspaceUrl: (accountWorkspace: Readonly<Record<string, unknown>>) => string | undefined;
}

/** `/api/2.0/accounts/<id>` followed by `rest`. */
export function accountPath(ctx: CollectContext, rest: string): string {
  return `/api/2.0/accounts/${encodeURIComponent(ctx.accountId)}${rest}`;
}
