/**
 * Which account to export and with which credentials, resolved the way the Databricks CLI and
 * SDKs do ("unified client authentication"), for the two methods `perimeter export` supports:
 * a bearer token (`pat`: a personal access token, or an Entra ID token on Azure) and OAuth
 * machine-to-machine (`oauth-m2m`: a service principal's client id and secret).
 *
 * Order, as in the SDKs: an explicit option (`--account-id`, `--profile`) wins; then the
 * environment (`DATABRICKS_HOST`, `DATABRICKS_ACCOUNT_ID`, `DATABRICKS_TOKEN`,
 * `DATABRICKS_CLIENT_ID`, `DATABRICKS_CLIENT_SECRET`, `DATABRICKS_AUTH_TYPE`,
 * `DATABRICKS_CONFIG_PROFILE`, `DATABRICKS_CONFIG_FILE`, and `ARM_CLIENT_ID`,
 * `ARM_CLIENT_SECRET`, `ARM_TENANT_ID`); then one profile of the config file
 * (`DATABRICKS_CONFIG_FILE`, default `~/.databrickscfg`), which only fills what is still unset.
 * The file is skipped, as in the SDKs, when no profile is named and the environment already
 * sets a host or a credential; a named profile that does not exist is an error, a missing
 * `DEFAULT` is not. Setting a token and a client id/secret together is an error unless
 * `auth_type` says which to use.
 *
 * `warehouse_id` (`DATABRICKS_WAREHOUSE_ID`) names the SQL warehouse the denial logs are read
 * with (`--warehouse` wins over it); it is resolved like every other attribute.
 *
 * The `azure_client_id` / `azure_client_secret` / `azure_tenant_id` attributes (the `ARM_*`
 * variables) are used only to read the Azure workspace resources from ARM, never to call
 * Databricks; so they do not count as a second Databricks credential.
 *
 * Pure: the environment, home directory and file reader are parameters; nothing throws.
 */

import { isAbsolute, join, resolve } from "node:path";
import { didYouMean } from "../diagnostics/suggest.js";
import { parseIni, type IniFile } from "./ini.js";
import { isWorkspaceHost } from "./hosts.js";

export type Env = Readonly<Record<string, string | undefined>>;

export type DatabricksAuth =
  | { readonly kind: "pat"; readonly token: string }
  | { readonly kind: "oauth-m2m"; readonly clientId: string; readonly clientSecret: string };

export interface AzureServicePrincipal {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tenantId: string;
}

export interface ResolvedConfig {
  /** The accounts host, `scheme://host[:port]`. */
  readonly host: string;
  readonly accountId: string;
  readonly auth: DatabricksAuth;
  /** An Azure service principal for ARM, when one is configured. */
  readonly azure?: AzureServicePrincipal;
  /** A SQL warehouse id (`DATABRICKS_WAREHOUSE_ID` / `warehouse_id`), when one is configured. */
  readonly warehouseId?: string;
  /** Where the settings came from, for messages: never contains a secret. */
  readonly origin: string;
  /** Every secret value read, to be registered for scrubbing. */
  readonly secrets: readonly string[];
}

export type ConfigOutcome = { readonly ok: true; readonly config: ResolvedConfig } | { readonly ok: false; readonly message: string; readonly hint?: string };

export interface ConfigInput {
  readonly profile?: string;
  readonly accountId?: string;
  readonly env: Env;
  readonly home: string;
  /** The file's text; `missing` when it does not exist; `error` when it cannot be read. */
  readonly readFile: (path: string) => { readonly text: string } | { readonly missing: true } | { readonly error: string };
}

type Attr = "host" | "account_id" | "warehouse_id" | "token" | "username" | "password" | "client_id" | "client_secret" | "azure_client_id" | "azure_client_secret" | "azure_tenant_id" | "auth_type" | "profile" | "config_file";

/** Config attributes: their environment variable and the credential kind they belong to. */
const ATTRIBUTES: readonly { readonly name: Attr; readonly env: string; readonly auth?: "pat" | "basic" | "oauth" | "azure" }[] = [
  { name: "host", env: "DATABRICKS_HOST" },
  { name: "account_id", env: "DATABRICKS_ACCOUNT_ID" },
  { name: "warehouse_id", env: "DATABRICKS_WAREHOUSE_ID" },
  { name: "token", env: "DATABRICKS_TOKEN", auth: "pat" },
  { name: "username", env: "DATABRICKS_USERNAME", auth: "basic" },
  { name: "password", env: "DATABRICKS_PASSWORD", auth: "basic" },
  { name: "client_id", env: "DATABRICKS_CLIENT_ID", auth: "oauth" },
  { name: "client_secret", env: "DATABRICKS_CLIENT_SECRET", auth: "oauth" },
  { name: "azure_client_id", env: "ARM_CLIENT_ID", auth: "azure" },
  { name: "azure_client_secret", env: "ARM_CLIENT_SECRET", auth: "azure" },
  { name: "azure_tenant_id", env: "ARM_TENANT_ID", auth: "azure" },
  { name: "auth_type", env: "DATABRICKS_AUTH_TYPE" },
  { name: "profile", env: "DATABRICKS_CONFIG_PROFILE" },
  { name: "config_file", env: "DATABRICKS_CONFIG_FILE" },
];

const SUPPORTED_AUTH = ["pat", "oauth-m2m"] as const;

/** A SQL warehouse id as the API prints it (16 hex digits today); only safe path characters. */
export const WAREHOUSE_ID = /^[A-Za-z0-9]{1,64}$/;
const SETUP_HINT = "set DATABRICKS_HOST, DATABRICKS_ACCOUNT_ID and DATABRICKS_TOKEN (or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET), or name a ~/.databrickscfg profile with --profile";

type Attrs = Partial<Record<Attr, string>>;

function fail(message: string, hint?: string): ConfigOutcome {
  return hint === undefined ? { ok: false, message } : { ok: false, message, hint };
}

function expandHome(path: string, home: string): string {
  const p = path === "~" ? home : path.startsWith("~/") ? join(home, path.slice(2)) : path;
  return isAbsolute(p) ? p : resolve(p);
}

/** `https://host[:port]` from what a user writes (`host`, `https://host/`, `https://host/path`). */
export function normalizeHost(raw: string): string | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  try {
    const u = new URL(withScheme);
    if ((u.protocol !== "https:" && u.protocol !== "http:") || u.hostname === "") return undefined;
    return `${u.protocol}//${u.host}`;
  } catch {
    return undefined;
  }
}

/** Reads the profile into `attrs` (only attributes still unset); an error message, or undefined. */
function loadProfile(attrs: Attrs, input: ConfigInput): { origin?: string; error?: ConfigOutcome } {
  const explicit = attrs.profile !== undefined;
  const anyAuth = ATTRIBUTES.some((a) => a.auth !== undefined && attrs[a.name] !== undefined);
  if (!explicit && (anyAuth || attrs.host !== undefined)) return {};
  const path = expandHome(attrs.config_file ?? "~/.databrickscfg", input.home);
  const read = input.readFile(path);
  if ("missing" in read) {
    return explicit ? { error: fail(`profile \`${attrs.profile}\` not found: ${path} does not exist`, SETUP_HINT) } : {};
  }
  if ("error" in read) return { error: fail(`cannot read ${path}: ${read.error}`) };
  const ini: IniFile = parseIni(read.text);
  const name = attrs.profile ?? "DEFAULT";
  const section = ini.get(name);
  if (section === undefined) {
    if (!explicit) return {};
    const names = [...ini.keys()];
    const help = didYouMean(name, names) ?? (names.length > 0 ? `the profiles in ${path} are ${names.map((n) => `\`${n}\``).join(", ")}` : `${path} has no profile`);
    return { error: fail(`${path} has no profile \`${name}\``, help) };
  }
  for (const a of ATTRIBUTES) {
    const v = section.get(a.name);
    if (attrs[a.name] === undefined && v !== undefined && v !== "") attrs[a.name] = v;
  }
  return { origin: `profile \`${name}\` of ${path}` };
}

function chooseAuth(attrs: Attrs): DatabricksAuth | ConfigOutcome {
  const type = attrs.auth_type;
  if (type !== undefined && !(SUPPORTED_AUTH as readonly string[]).includes(type)) {
    return fail(`auth_type \`${type}\` is not supported by perimeter export`, `use pat (a token) or oauth-m2m (a service principal's client_id and client_secret)`);
  }
  if (type === undefined) {
    const kinds = new Set(ATTRIBUTES.filter((a) => a.auth !== undefined && a.auth !== "azure" && attrs[a.name] !== undefined).map((a) => a.auth));
    if (kinds.size > 1) {
      return fail(`more than one authorization method configured: ${[...kinds].sort().join(" and ")}`, "set auth_type (DATABRICKS_AUTH_TYPE) to pat or oauth-m2m, or remove one of them");
    }
  }
  if ((type === undefined || type === "pat") && attrs.token !== undefined) return { kind: "pat", token: attrs.token };
  if ((type === undefined || type === "oauth-m2m") && attrs.client_id !== undefined && attrs.client_secret !== undefined) {
    return { kind: "oauth-m2m", clientId: attrs.client_id, clientSecret: attrs.client_secret };
  }
  if (type === "pat") return fail("auth_type pat needs a token (DATABRICKS_TOKEN or `token` in the profile)");
  if (type === "oauth-m2m" || attrs.client_id !== undefined || attrs.client_secret !== undefined) {
    return fail("oauth-m2m needs both client_id and client_secret (DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET)");
  }
  if (attrs.username !== undefined || attrs.password !== undefined) {
    return fail("basic authentication (username and password) is not supported by perimeter export", "use a token or a service principal (oauth-m2m)");
  }
  return fail("no Databricks credentials found", SETUP_HINT);
}

export function resolveConfig(input: ConfigInput): ConfigOutcome {
  const attrs: Attrs = {};
  if (input.profile !== undefined) attrs.profile = input.profile;
  if (input.accountId !== undefined) attrs.account_id = input.accountId;
  for (const a of ATTRIBUTES) {
    const v = input.env[a.env];
    if (attrs[a.name] === undefined && v !== undefined && v !== "") attrs[a.name] = v;
  }
  const loaded = loadProfile(attrs, input);
  if (loaded.error) return loaded.error;
  const origin = loaded.origin ?? "environment variables";

  const auth = chooseAuth(attrs);
  if ("ok" in auth) return auth;
  if (attrs.host === undefined) return fail(`no accounts host: set DATABRICKS_HOST or \`host\` in the profile (${origin})`, "e.g. https://accounts.azuredatabricks.net or https://accounts.cloud.databricks.com");
  const host = normalizeHost(attrs.host);
  if (host === undefined) return fail(`the host \`${attrs.host}\` (${origin}) is not an http(s) URL`);
  if (isWorkspaceHost(host)) {
    return fail(`the host \`${host}\` (${origin}) is a workspace URL; the export reads the account, so it needs the accounts host`, "e.g. https://accounts.azuredatabricks.net or https://accounts.cloud.databricks.com");
  }
  if (attrs.account_id === undefined) return fail(`no account id: pass --account-id, or set DATABRICKS_ACCOUNT_ID or \`account_id\` in the profile (${origin})`);
  if (!/^[A-Za-z0-9-]+$/.test(attrs.account_id)) return fail(`the account id \`${attrs.account_id}\` is not a Databricks account id (a UUID)`);

  const warehouseId = attrs.warehouse_id;
  if (warehouseId !== undefined && !WAREHOUSE_ID.test(warehouseId)) return fail(`the warehouse id \`${warehouseId}\` (${origin}) is not a SQL warehouse id (letters and digits, e.g. 1a2b3c4d5e6f7a8b)`);

  const { azure_client_id: azId, azure_client_secret: azSecret, azure_tenant_id: azTenant } = attrs;
  const azure = azId !== undefined && azSecret !== undefined && azTenant !== undefined ? { clientId: azId, clientSecret: azSecret, tenantId: azTenant } : undefined;
  const secrets = [attrs.token, attrs.client_secret, attrs.password, attrs.azure_client_secret].filter((s): s is string => s !== undefined);
  return { ok: true, config: { host, accountId: attrs.account_id, auth, ...(azure ? { azure } : {}), ...(warehouseId !== undefined ? { warehouseId } : {}), origin, secrets } };
}
