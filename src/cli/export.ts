/**
 * `perimeter export [--account-id ID] [--workspace ID...] [--profile NAME] [-o FILE]
 * [--warehouse ID...] [--since DAYS] [--app-source NAME=DIR...] [--verbose]`: collects a
 * `dbx-network-export/v1` document from a live Databricks account (the collector is
 * `src/collect/`), authenticated the way the Databricks CLI is (`src/collect/config.ts`).
 * `--warehouse` (else `DATABRICKS_WAREHOUSE_ID` / `warehouse_id`) is the SQL warehouse the
 * denial logs (`system.access.outbound_network`) are summarized with, over `--since` days.
 *
 * Exit status: 0 when every slot was collected; 1 when the export was written but some slots
 * were not (each is in `collection.errors` and listed on stderr, so checks on it say
 * `unknown`); 2 for bad usage or configuration (nothing is sent then); 70 for a bug.
 *
 * Secrets: every credential is registered before the first request, and everything this
 * command prints or writes passes through the scrubber (`src/collect/redact.ts`).
 *
 * `runExport` takes its environment (variables, home, fetch, sleep, backoff, clock, where
 * workspaces and ARM live) as `ExportDeps`, so tests run it against a local server without
 * real delays; `exportCommand` is it with the real ones.
 */

import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, resolve } from "node:path";
import { readAppSource, type AppSource } from "../collect/app-source.js";
import { azureCliToken } from "../collect/azure-cli.js";
import { collect, type Collected } from "../collect/collector.js";
import { resolveConfig, WAREHOUSE_ID, type ConfigInput, type Env, type ResolvedConfig } from "../collect/config.js";
import { makeCredentials } from "../collect/credentials.js";
import { azureEndpointsOf, checkWorkspaceUrlTemplate, workspaceUrlFromTemplate, workspaceUrlOf } from "../collect/hosts.js";
import { defaultBackoff, type HttpOptions } from "../collect/http.js";
import { stringifyJson } from "../collect/json.js";
import { DEFAULT_SINCE_DAYS } from "../collect/outbound-network.js";
import { describeProxy, proxyCredentials, proxyFetch, proxySettings } from "../collect/proxy.js";
import { Secrets } from "../collect/redact.js";
import { describeSlotError, type SlotError } from "../collect/slot-errors.js";
import { DEFAULT_POLL_BUDGET_MS } from "../collect/sql-statement.js";
import { parseCommand } from "./options.js";
import { ioReason } from "../io/errors.js";
import { EXIT, UsageError, type ExitCode } from "./errors.js";
import type { Output } from "./io.js";
import { progressBar, type ProgressStream } from "./progress.js";

export const exportUsage = `usage: perimeter export [--account-id ID] [options]

Collects the network configuration of a Databricks account — network policies, NCCs and
their private endpoint rules, account IP access lists and their toggle, workspaces, their
network options, IP access lists, enableIpAccessLists, apps, on Azure the ARM workspace
resources, and with --warehouse the denied egress from system.access.outbound_network —
into one dbx-network-export/v1 document for \`perimeter check\`.

options:
      --account-id ID        the account (default: DATABRICKS_ACCOUNT_ID, or account_id
                             in the profile)
  -w, --workspace ID         only this workspace; repeat for several (default: every
                             workspace of the account)
  -p, --profile NAME         a profile of ~/.databrickscfg (or DATABRICKS_CONFIG_FILE)
  -o, --output FILE          write the export to FILE (default: stdout)
      --warehouse ID         a SQL warehouse to summarize the denial logs
                             (system.access.outbound_network) with; the table is
                             regional, so give one per region (default:
                             DATABRICKS_WAREHOUSE_ID, or warehouse_id in the profile);
                             without one, outbound_network_summary is not collected
      --since DAYS           days of denial logs to summarize (default: ${DEFAULT_SINCE_DAYS})
      --app-source NAME=DIR  record the file names at the root of app NAME's source folder
                             as its x_source_files; repeat for several apps
  -v, --verbose              log every request (method, URL, status, time) on stderr;
                             credentials are never shown

endpoints (a staging deployment, a recorded replay; default: the production hosts of the
accounts host's cloud):
      --workspace-url TEMPLATE  a workspace's base URL, with {deployment_name} and
                             {workspace_id} filled in per workspace, e.g.
                             https://{deployment_name}.staging.cloud.databricks.com
                             (default: PERIMETER_WORKSPACE_URL)
      --arm-url URL          Azure Resource Manager (default: PERIMETER_ARM_URL)
      --login-url URL        Entra ID, for ARM tokens (default: PERIMETER_LOGIN_URL)

authentication, as the Databricks CLI: DATABRICKS_HOST (the accounts host, e.g.
https://accounts.azuredatabricks.net), DATABRICKS_ACCOUNT_ID, and DATABRICKS_TOKEN, or
DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (OAuth machine-to-machine); or a profile
with the same keys (host, account_id, token, client_id, client_secret, auth_type). On Azure,
the ARM workspace resources are read with ARM_CLIENT_ID, ARM_CLIENT_SECRET and ARM_TENANT_ID,
or the Azure CLI's signed-in account (az login); without either they are not collected.

Every request that fails (after retries on 429 and 5xx) is recorded in collection.errors
with its slot, HTTP status and error code, and so is a slot whose response does not fit the
export schema (with the JSON pointer); the rest of the export is kept.

proxies: HTTPS_PROXY, HTTP_PROXY and NO_PROXY (or https_proxy, http_proxy, no_proxy) are
honoured; hosts matching NO_PROXY (names, their subdomains, or *) are reached directly.

exit status: 0 every slot collected, 1 written with slots not collected, 2 bad usage,
configuration or credentials, 70 internal error`;

export interface ExportDeps {
  readonly env: Env;
  readonly home: string;
  readonly fetch: typeof fetch;
  readonly sleep: (ms: number) => Promise<void>;
  readonly backoff: HttpOptions["backoff"];
  readonly now: () => number;
  /** Where the progress bar is drawn (stderr): it shows only on a terminal, outside CI. */
  readonly progressStream: ProgressStream;
  /** An ARM token from the Azure CLI; default: run `az`. */
  readonly azureCliToken?: (resource: string) => Promise<string | undefined>;
  /** ARM and Entra ID endpoints; default: those of the accounts host's cloud. */
  readonly armEndpoints?: { readonly management: string; readonly login: string };
  /** A workspace's URL; default: `https://<deployment_name><zone of the accounts host>`. */
  readonly workspaceUrl?: (accountWorkspace: Readonly<Record<string, unknown>>, accountsHost: string) => string | undefined;
  readonly maxAttempts: number;
  readonly timeoutMs: number;
  readonly concurrency: number;
  /** Time spent polling a running SQL statement before it is cancelled. */
  readonly statementPollBudgetMs: number;
}

export function defaultExportDeps(): ExportDeps {
  return {
    env: process.env,
    home: homedir(),
    fetch: proxyFetch(process.env),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    backoff: defaultBackoff(),
    now: Date.now,
    progressStream: process.stderr,
    maxAttempts: 5,
    timeoutMs: 60_000,
    concurrency: 4,
    statementPollBudgetMs: DEFAULT_POLL_BUDGET_MS,
  };
}

interface Options {
  readonly accountId?: string;
  readonly workspaces: readonly string[];
  readonly profile?: string;
  readonly output?: string;
  readonly appSources: readonly AppSource[];
  readonly warehouses: readonly string[];
  readonly sinceDays: number;
  readonly verbose: boolean;
  readonly workspaceUrl?: string;
  readonly armUrl?: string;
  readonly loginUrl?: string;
}

function readConfigFile(path: string): ReturnType<ConfigInput["readFile"]> {
  try {
    return { text: readFileSync(path, "utf8") };
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return { missing: true };
    return { error: ioReason(e) };
  }
}

/** The options, checked: every problem is a `UsageError` (exit 2), raised before any request. */
function parseOptions(argv: readonly string[], env: ExportDeps["env"]): Options | "help" {
  const { values, positionals } = parseCommand(argv, {
    "account-id": { type: "string" },
    workspace: { type: "string", short: "w", multiple: true },
    profile: { type: "string", short: "p" },
    output: { type: "string", short: "o" },
    "app-source": { type: "string", multiple: true },
    warehouse: { type: "string", multiple: true },
    since: { type: "string" },
    verbose: { type: "boolean", short: "v" },
    "workspace-url": { type: "string" },
    "arm-url": { type: "string" },
    "login-url": { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) return "help";
  const problems: string[] = positionals.map((p) => `unexpected argument \`${p}\`: perimeter export takes only options (see --help)`);
  const accountId = values["account-id"];
  if (accountId !== undefined && !/^[A-Za-z0-9-]+$/.test(accountId)) problems.push(`--account-id expects a Databricks account id (a UUID), got \`${accountId}\``);
  const workspaces: string[] = [];
  for (const w of values.workspace ?? []) {
    if (!/^[1-9]\d{0,18}$/.test(w)) problems.push(`--workspace expects a numeric workspace id, got \`${w}\``);
    else if (!workspaces.includes(w)) workspaces.push(w);
  }
  if (values.profile !== undefined && values.profile.trim() === "") problems.push("--profile expects a profile name");
  const appSources: AppSource[] = [];
  for (const spec of values["app-source"] ?? []) {
    const s = readAppSource(spec);
    if ("error" in s) problems.push(s.error);
    else if (appSources.some((a) => a.name === s.name)) problems.push(`--app-source ${s.name} is given twice`);
    else appSources.push(s);
  }
  const warehouses: string[] = [];
  for (const w of values.warehouse ?? []) {
    if (!WAREHOUSE_ID.test(w)) problems.push(`--warehouse expects a SQL warehouse id (letters and digits, e.g. 1a2b3c4d5e6f7a8b), got \`${w}\``);
    else if (!warehouses.includes(w)) warehouses.push(w);
  }
  const since = values.since;
  if (since !== undefined && !/^[1-9]\d{0,2}$/.test(since.trim())) problems.push(`--since expects a number of days from 1 to 365, got \`${since}\``);
  else if (since !== undefined && Number(since) > 365) problems.push(`--since expects a number of days from 1 to 365 (the system table keeps a year), got \`${since}\``);
  const output = values.output;
  if (output !== undefined) {
    const dir = dirname(resolve(output));
    if (output === "" || !existsSync(dir) || !statSync(dir).isDirectory()) problems.push(`-o ${output}: the folder ${dir} does not exist`);
    else if (existsSync(output) && statSync(output).isDirectory()) problems.push(`-o ${output}: it is a folder; give a file name`);
  }
  const endpoint = (flag: string, variable: string, value: string | undefined): string | undefined => {
    const v = value ?? (env[variable] === "" ? undefined : env[variable]);
    if (v === undefined) return undefined;
    const from = value !== undefined ? flag : variable;
    if (flag === "--workspace-url") {
      const why = checkWorkspaceUrlTemplate(v);
      if (why !== undefined) problems.push(`${from} ${v}: ${why}`);
    } else if (!/^https?:\/\/[^/]/.test(v) || !URL.canParse(v)) problems.push(`${from} expects an http(s) URL, got \`${v}\``);
    return v.replace(/\/+$/, "");
  };
  const workspaceUrl = endpoint("--workspace-url", "PERIMETER_WORKSPACE_URL", values["workspace-url"]);
  const armUrl = endpoint("--arm-url", "PERIMETER_ARM_URL", values["arm-url"]);
  const loginUrl = endpoint("--login-url", "PERIMETER_LOGIN_URL", values["login-url"]);
  if (problems.length > 0) throw new UsageError(problems.join("\nerror: "));
  return {
    ...(workspaceUrl !== undefined ? { workspaceUrl } : {}),
    ...(armUrl !== undefined ? { armUrl } : {}),
    ...(loginUrl !== undefined ? { loginUrl } : {}),
    ...(accountId !== undefined ? { accountId } : {}),
    workspaces,
    ...(values.profile !== undefined ? { profile: values.profile } : {}),
    ...(output !== undefined ? { output } : {}),
    appSources,
    warehouses,
    sinceDays: since !== undefined ? Number(since) : DEFAULT_SINCE_DAYS,
    verbose: values.verbose === true,
  };
}

interface Session {
  readonly secrets: Secrets;
  /** A line to stderr, scrubbed. */
  readonly err: (line: string) => void;
  readonly http: HttpOptions;
  readonly armEndpoints: { readonly management: string; readonly login: string };
  readonly credentials: ReturnType<typeof makeCredentials>;
}

/** Secrets registered, logging, HTTP options and credentials: everything before the first request. */
function openSession(config: ResolvedConfig, opts: Options, io: Output, deps: ExportDeps): Session {
  const verbose = opts.verbose;
  const secrets = new Secrets();
  for (const s of config.secrets) secrets.add(s);
  const proxy = proxySettings(deps.env);
  for (const s of proxy === undefined ? [] : proxyCredentials(proxy)) secrets.add(s);
  const err = (line: string) => io.err(secrets.scrub(line));
  const log = verbose ? (line: string) => err(`perimeter export: ${line}`) : undefined;
  const http: HttpOptions = { fetch: deps.fetch, sleep: deps.sleep, backoff: deps.backoff, maxAttempts: deps.maxAttempts, timeoutMs: deps.timeoutMs, now: deps.now, ...(log ? { log } : {}) };
  const defaults = deps.armEndpoints ?? azureEndpointsOf(config.host);
  const armEndpoints = { management: opts.armUrl ?? defaults.management, login: opts.loginUrl ?? defaults.login };
  const credentials = makeCredentials({
    auth: config.auth,
    accountId: config.accountId,
    ...(config.azure ? { azure: config.azure } : {}),
    armEndpoints,
    azureCliToken: deps.azureCliToken ?? azureCliToken(log),
    http,
    secrets,
    now: deps.now,
  });
  log?.(`account ${config.accountId} at ${config.host}, ${config.auth.kind} credentials from the ${config.origin}`);
  if (proxy !== undefined) {
    const via = [proxy.httpsProxy !== "" ? `https through ${describeProxy(proxy.httpsProxy)}` : "", proxy.httpProxy !== "" ? `http${proxy.httpsProxy === "" ? "(s)" : ""} through ${describeProxy(proxy.httpProxy)}` : ""].filter((x) => x !== "");
    log?.(`proxy: ${via.join(", ")}${proxy.noProxy !== "" ? `; direct for NO_PROXY ${proxy.noProxy}` : ""}`);
  }
  if (opts.workspaceUrl !== undefined) log?.(`workspaces at ${opts.workspaceUrl}`);
  return { secrets, err, http, armEndpoints, credentials };
}

/** The usage error for credentials the accounts host refuses, or a host that does not answer. */
function signInError(e: SlotError, config: ResolvedConfig, secrets: Secrets): UsageError {
  const status = [e.http_status, e.error_code].filter((x) => x !== undefined).join(" ");
  const what = e.http_status === undefined && !(e.request?.startsWith("POST ") ?? false) ? "cannot reach the accounts host" : "cannot sign in to the accounts host";
  const message = secrets.scrub(`${what}: ${e.request}${status ? ` → ${status}` : ""}: ${e.message ?? ""}`);
  return new UsageError(message, `check the host (${config.host}), the account id and the ${config.auth.kind} credentials (${config.origin})`);
}

/** The closing lines on stderr, and the exit status. */
function summarize(result: Collected, accountId: string, output: string | undefined, err: (line: string) => void): ExitCode {
  for (const w of result.warnings) err(`warning: ${w}`);
  const where = output === undefined ? "" : `; written to ${output}`;
  const count = `${result.workspaceCount} workspace${result.workspaceCount === 1 ? "" : "s"}`;
  const n = result.errors.length;
  if (n === 0) {
    err(`perimeter export: account ${accountId}, ${count}: every slot collected${where}`);
    return EXIT.ok;
  }
  err(`perimeter export: account ${accountId}, ${count}: ${n} slot${n === 1 ? " was" : "s were"} not collected (recorded in collection.errors; checks reading them say unknown)${where}`);
  for (const e of result.errors) err(`  ${describeSlotError(e)}`);
  return EXIT.failed;
}

export async function runExport(argv: readonly string[], io: Output, deps: ExportDeps): Promise<ExitCode> {
  const opts = parseOptions(argv, deps.env);
  if (opts === "help") {
    io.out(exportUsage);
    return EXIT.ok;
  }
  const resolved = resolveConfig({
    ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
    ...(opts.accountId !== undefined ? { accountId: opts.accountId } : {}),
    env: deps.env,
    home: deps.home,
    readFile: readConfigFile,
  });
  if (!resolved.ok) throw new UsageError(resolved.message, resolved.hint);
  const config = resolved.config;
  const session = openSession(config, opts, io, deps);

  let progress = progressBar(0, "");
  const result = await collect({
    config,
    workspaces: opts.workspaces,
    appSources: opts.appSources,
    credentials: session.credentials,
    http: session.http,
    secrets: session.secrets,
    armEndpoints: session.armEndpoints,
    workspaceUrl: (aw) =>
      opts.workspaceUrl !== undefined
        ? workspaceUrlFromTemplate(opts.workspaceUrl, aw)
        : deps.workspaceUrl
          ? deps.workspaceUrl(aw, config.host)
          : workspaceUrlOf(config.host, aw["deployment_name"]),
    exportedAt: new Date(deps.now()),
    concurrency: deps.concurrency,
    warehouses: opts.warehouses.length > 0 ? opts.warehouses : config.warehouseId !== undefined ? [config.warehouseId] : [],
    sinceDays: opts.sinceDays,
    statementPollBudgetMs: deps.statementPollBudgetMs,
    onProgress: (done, total) => {
      if (done === 0 && !opts.verbose) progress = progressBar(total, "workspaces collected", deps.progressStream, deps.env);
      progress.update(done);
    },
  });
  progress.end();
  if (!result.ok) throw signInError(result.signIn, config, session.secrets);

  const text = session.secrets.scrub(stringifyJson(result.document));
  if (opts.output === undefined) io.out(text);
  else {
    try {
      writeFileSync(opts.output, text);
    } catch (e) {
      session.err(`error: -o ${opts.output}: cannot write the export: ${(e as Error).message}`);
      return EXIT.usage;
    }
  }
  return summarize(result, config.accountId, opts.output, session.err);
}

export function exportCommand(argv: readonly string[], io: Output): Promise<ExitCode> {
  return runExport(argv, io, defaultExportDeps());
}
