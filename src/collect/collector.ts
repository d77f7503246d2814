/**
 * The whole collection: read the workspace list, the account slots, and each workspace's
 * slots — a few workspaces at a time — and assemble the document. Configuration arrives
 * resolved (`config.ts`). Every failure is a `collection.errors` entry; nothing throws for an
 * API problem, and the result does not depend on timing: workspaces keep the order of the
 * list, and errors are ordered account first, then workspace by workspace.
 *
 * The first request (the workspace list) doubles as the sign-in check: when the accounts host
 * refuses the credentials (401, or the OAuth token cannot be obtained) or does not answer at
 * all, nothing else is asked and the caller reports it as a configuration problem rather than
 * writing an export in which every slot failed.
 *
 * The cloud comes from the accounts host (`hosts.ts`), else from the workspaces' own
 * `cloud` when they all agree; it decides whether ARM and private access settings are read.
 *
 * The denied-egress summaries (`outbound_network_summary`) come last, once every workspace is
 * known: one SQL statement per region through the `--warehouse` of that region
 * (`outbound-network.ts`); each workspace's summary and its errors join that workspace's.
 *
 * Last, the document is loaded as `perimeter check` will load it (`fit.ts`): a slot whose
 * response does not fit the export schema is removed and recorded in `collection.errors`
 * with the JSON pointer, so one misfit costs that slot, not the whole export.
 *
 * Why plain REST with `fetch`, not the official JavaScript SDK (`@databricks/sdk-experimental`
 * 0.17.0, evaluated for this command). It does cover every endpoint needed — network
 * policies, NCCs and their private endpoint rules, the account IP-ACL toggle, workspace network
 * options, apps with `page_token` iteration — so coverage was not the problem. These were:
 * - it declares `engines: node >=22`; Perimeter supports Node 20.19+ (the machines it runs
 *   on), so it would be an unsupported install (`npm` warns EBADENGINE; `engine-strict` fails);
 * - its README says "PREVIEW - NOT FOR PRODUCTION USE … breaking changes may occur at any
 *   time" (renamed from `@databricks/databricks-sdk` in 0.12, four releases on npm);
 * - it retries 429 and a few "transient" messages but not 5xx, with real timers and a
 *   5-minute budget that cannot be injected, and when retries run out it throws a timeout
 *   error that has lost the HTTP status and error code `collection.errors` must record;
 * - 27 packages and 22 MB installed (google-auth-library, gaxios, node-fetch, …) for a dozen
 *   GET requests;
 * - a token response it cannot read is copied whole into its error message, access token
 *   included.
 * What this costs us is `config.ts` (environment + `~/.databrickscfg`, as the SDKs resolve
 * them, for `pat` and `oauth-m2m`), `credentials.ts` (the client-credentials exchange at the
 * SDKs' token endpoints) and `azure-cli.ts`: about 350 lines with comments, tested.
 * Revisit when a 1.0 release supports Node 20.
 */

import { attachAppSources, type AppSource } from "./app-source.js";
import { collectAccount } from "./account.js";
import { hostClient } from "./client.js";
import { collectOutboundNetwork } from "./outbound-network.js";
import type { ResolvedConfig } from "./config.js";
import type { CollectContext } from "./context.js";
import type { Credentials } from "./credentials.js";
import { buildDocument } from "./document.js";
import { fitToSchema } from "./fit.js";
import { environmentOf, type Cloud } from "./hosts.js";
import type { HttpOptions } from "./http.js";
import type { Secrets } from "./redact.js";
import type { SlotError } from "./slot-errors.js";
import { collectWorkspace, type WorkspacePart } from "./workspace.js";
import { listWorkspaces, type WorkspaceSeed } from "./workspaces.js";

export interface CollectOptions {
  readonly config: ResolvedConfig;
  /** `--workspace` ids (decimal text); empty for every workspace of the account. */
  readonly workspaces: readonly string[];
  readonly appSources: readonly AppSource[];
  readonly credentials: Credentials;
  readonly http: HttpOptions;
  readonly secrets: Secrets;
  readonly armEndpoints: { readonly management: string; readonly login: string };
  readonly workspaceUrl: (accountWorkspace: Readonly<Record<string, unknown>>) => string | undefined;
  readonly exportedAt: Date;
  readonly concurrency: number;
  /** `--warehouse` ids (else the configured one): SQL warehouses to read system.access.outbound_network with. */
  readonly warehouses: readonly string[];
  /** `--since`: the days of denial logs summarized. */
  readonly sinceDays: number;
  /** Time spent polling a running statement before it is cancelled. */
  readonly statementPollBudgetMs: number;
  /** Called once the number of workspaces is known, then after each one. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface Collected {
  readonly ok: true;
  readonly document: Record<string, unknown>;
  readonly errors: readonly SlotError[];
  readonly warnings: readonly string[];
  readonly workspaceCount: number;
}

/** The accounts host refused the credentials, the token could not be obtained, or the host did not answer: nothing was collected. */
export interface SignInFailed {
  readonly ok: false;
  readonly signIn: SlotError;
}

const CLOUDS: readonly Cloud[] = ["azure", "aws", "gcp"];

function cloudOf(host: string, seeds: readonly WorkspaceSeed[] | undefined): Cloud | undefined {
  const byHost = environmentOf(host)?.cloud;
  if (byHost !== undefined) return byHost;
  const clouds = new Set((seeds ?? []).map((s) => String(s.accountWorkspace?.["cloud"] ?? "").toLowerCase()));
  const [only] = clouds;
  return clouds.size === 1 && (CLOUDS as readonly string[]).includes(only!) ? (only as Cloud) : undefined;
}

/** `fn` over `items` with at most `limit` running at once; results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/** A failure of the first account request that means nothing else can work: bad credentials, or no answer. */
function isSignInFailure(e: SlotError | undefined): e is SlotError {
  return e !== undefined && (e.http_status === 401 || e.http_status === undefined || (e.request?.startsWith("POST ") ?? false));
}

export async function collect(o: CollectOptions): Promise<Collected | SignInFailed> {
  const host = o.config.host;
  const ctx: CollectContext = {
    accountId: o.config.accountId,
    accountsHost: host,
    accounts: hostClient(host, "account", o.credentials, o.http),
    workspaceClient: (url) => hostClient(url, "workspace", o.credentials, o.http),
    credentials: o.credentials,
    http: o.http,
    secrets: o.secrets,
    armEndpoints: o.armEndpoints,
    workspaceUrl: o.workspaceUrl,
  };
  const list = await listWorkspaces(ctx, o.workspaces);
  if (isSignInFailure(list.errors[0])) return { ok: false, signIn: list.errors[0] };
  const cloud = cloudOf(host, list.seeds);
  const account = await collectAccount(ctx, cloud);
  const seeds = list.seeds ?? [];
  let done = 0;
  o.onProgress?.(0, seeds.length);
  const parts: WorkspacePart[] = await mapLimit(seeds, o.concurrency, async (seed, i) => {
    const part = await collectWorkspace(ctx, seed, i, cloud);
    o.onProgress?.(++done, seeds.length);
    return part;
  });
  const outbound = await collectOutboundNetwork(ctx, seeds, { warehouses: o.warehouses, sinceDays: o.sinceDays, exportedAt: o.exportedAt, sleep: o.http.sleep, pollBudgetMs: o.statementPollBudgetMs });
  parts.forEach((p, i) => {
    const rows = outbound.rows[i];
    if (rows !== undefined) p.entry["outbound_network_summary"] = rows;
  });
  const workspaces = list.seeds === undefined ? undefined : parts.map((p) => p.entry);
  const errors = [...list.errors, ...account.errors, ...parts.flatMap((p, i) => [...p.errors, ...(outbound.errors[i] ?? [])])];
  const appsMissing = list.seeds === undefined || errors.some((e) => /^workspaces\[\d+\]\.apps$/.test(e.slot));
  const warnings = [...list.warnings, ...outbound.warnings, ...(o.appSources.length > 0 ? attachAppSources(workspaces ?? [], o.appSources, appsMissing) : [])];
  const document = buildDocument({ exportedAt: o.exportedAt, ...(cloud ? { cloud } : {}), accountsHost: host, errors, account: account.account, ...(workspaces ? { workspaces } : {}) });
  // A response the schema does not expect costs its slot (recorded in collection.errors), not the export.
  const fitted = fitToSchema(document);
  return { ok: true, document, errors: [...errors, ...fitted.errors], warnings: [...warnings, ...fitted.warnings], workspaceCount: seeds.length };
}
