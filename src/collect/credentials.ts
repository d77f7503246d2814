/**
 * Authorization headers for the hosts the collector calls.
 *
 * Databricks hosts (the accounts host and each workspace URL):
 * - `pat`: the bearer token as is, for every host (a personal access token works on its
 *   workspace; on Azure an Entra ID token works on the accounts host and every workspace);
 * - `oauth-m2m`: an access token minted per host with the client-credentials grant and scope
 *   `all-apis`, client id and secret in a Basic header, at the endpoints the SDKs use
 *   (`<accounts host>/oidc/accounts/<account id>/v1/token`, `<workspace>/oidc/v1/token`);
 *   cached until a minute before it expires.
 *
 * ARM (the Azure workspace resources): an Azure service principal (`ARM_CLIENT_ID`,
 * `ARM_CLIENT_SECRET`, `ARM_TENANT_ID` or the `azure_*` profile keys) through the Entra ID
 * client-credentials grant, else the Azure CLI's signed-in account (`az account
 * get-access-token`), else none: the caller records the ARM slots as not collected.
 *
 * Every secret and every token minted is registered with `Secrets` before anything is sent.
 */

import type { Failure } from "./api-error.js";
import type { DatabricksAuth, AzureServicePrincipal } from "./config.js";
import { send, type HttpOptions } from "./http.js";
import type { Secrets } from "./redact.js";

export type HeaderOutcome =
  | { readonly ok: true; readonly authorization: string }
  | { readonly ok: false; readonly request: string; readonly failure: Failure };

/** Why no ARM token is available (no request was made), or a header / failed token request. */
export type ArmHeaderOutcome = HeaderOutcome | { readonly ok: false; readonly unavailable: string };

export interface Credentials {
  databricks(host: string, scope: "account" | "workspace"): Promise<HeaderOutcome>;
  arm(): Promise<ArmHeaderOutcome>;
}

export interface CredentialOptions {
  readonly auth: DatabricksAuth;
  readonly accountId: string;
  readonly azure?: AzureServicePrincipal;
  /** ARM and Entra ID endpoints. */
  readonly armEndpoints: { readonly management: string; readonly login: string };
  /** A token from the Azure CLI for a resource, or undefined (not installed, not signed in). */
  readonly azureCliToken: (resource: string) => Promise<string | undefined>;
  readonly http: HttpOptions;
  readonly secrets: Secrets;
  readonly now: () => number;
}

interface Minted {
  readonly token: string;
  readonly expiresAt: number;
}

const EARLY_REFRESH_MS = 60_000;

/** Posts a client-credentials form and reads `access_token` and `expires_in`. */
async function mint(opts: CredentialOptions, url: string, headers: Record<string, string>, form: Record<string, string>): Promise<Minted | { request: string; failure: Failure }> {
  const request = `POST ${new URL(url).pathname}`;
  const r = await send(opts.http, {
    method: "POST",
    url,
    headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: new URLSearchParams(form).toString(),
  });
  if (!r.ok) return { request, failure: r.failure };
  const v = r.value as { access_token?: unknown; expires_in?: unknown } | null;
  const token = typeof v?.access_token === "string" ? v.access_token : undefined;
  if (token === undefined || token === "") return { request, failure: { httpStatus: r.status, message: "the token endpoint answered without an access_token" } };
  opts.secrets.add(token);
  const seconds = Number(v?.expires_in ?? 3600);
  return { token, expiresAt: opts.now() + (Number.isFinite(seconds) ? seconds : 3600) * 1000 };
}

export function makeCredentials(opts: CredentialOptions): Credentials {
  // Failures are cached too: bad credentials are not retried for every slot of a host.
  const cache = new Map<string, Promise<Minted | { request: string; failure: Failure }>>();
  const cached = async (key: string, get: () => Promise<Minted | { request: string; failure: Failure }>) => {
    const hit = cache.get(key);
    if (hit !== undefined) {
      const m = await hit;
      if (!("token" in m) || m.expiresAt - EARLY_REFRESH_MS > opts.now()) return m;
    }
    const p = get();
    cache.set(key, p);
    return p;
  };
  const asHeader = (m: Minted | { request: string; failure: Failure }): HeaderOutcome =>
    "token" in m ? { ok: true, authorization: `Bearer ${m.token}` } : { ok: false, request: m.request, failure: m.failure };

  const auth = opts.auth;
  if (auth.kind === "pat") opts.secrets.add(auth.token);
  else {
    opts.secrets.add(auth.clientSecret);
    opts.secrets.add(Buffer.from(`${auth.clientId}:${auth.clientSecret}`).toString("base64"));
  }
  if (opts.azure) opts.secrets.add(opts.azure.clientSecret);

  return {
    async databricks(host, scope) {
      if (auth.kind === "pat") return { ok: true, authorization: `Bearer ${auth.token}` };
      const url = scope === "account" ? `${host}/oidc/accounts/${encodeURIComponent(opts.accountId)}/v1/token` : `${host}/oidc/v1/token`;
      const basic = Buffer.from(`${auth.clientId}:${auth.clientSecret}`).toString("base64");
      return asHeader(await cached(url, () => mint(opts, url, { Authorization: `Basic ${basic}` }, { grant_type: "client_credentials", scope: "all-apis" })));
    },
    async arm() {
      const { management, login } = opts.armEndpoints;
      const sp = opts.azure;
      if (sp !== undefined) {
        const url = `${login}/${encodeURIComponent(sp.tenantId)}/oauth2/v2.0/token`;
        const form = { grant_type: "client_credentials", client_id: sp.clientId, client_secret: sp.clientSecret, scope: `${management}/.default` };
        return asHeader(await cached(url, () => mint(opts, url, {}, form)));
      }
      const m = await cached("az-cli", async () => {
        const token = await opts.azureCliToken(`${management}/`);
        if (token === undefined) return { request: "az account get-access-token", failure: { message: "unavailable" } };
        opts.secrets.add(token);
        // The CLI caches its own tokens; asking it again later is cheap.
        return { token, expiresAt: opts.now() + 10 * 60_000 };
      });
      if ("token" in m) return { ok: true, authorization: `Bearer ${m.token}` };
      return { ok: false, unavailable: "no Azure credentials: set ARM_CLIENT_ID, ARM_CLIENT_SECRET and ARM_TENANT_ID (or azure_client_id, azure_client_secret and azure_tenant_id in the profile), or sign in with `az login`" };
    },
  };
}
