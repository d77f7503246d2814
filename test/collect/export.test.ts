// `perimeter export` end to end against a local server replaying recorded Databricks and ARM
// responses (fixtures/azure-account): envelopes and bare arrays, next_page_token pagination,
// omitted zero values, a 403 on one slot, a 429 then success, a 500 then success, a 503 that
// never recovers, a provisioning workspace, an id above 2^53. The export must be complete,
// record every failure, invent nothing, validate, go through `perimeter check`, and never
// contain a secret. (The denial-log summary read with --warehouse is in outbound.test.ts.)
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { checkCommand } from "../../src/cli/check.js";
import { runExport } from "../../src/cli/export.js";
import { parseExport } from "../../src/export/load.js";
import { pointerTokens, valueAt } from "../../src/export/pointers.js";
import { parseJson } from "../../src/collect/json.js";
import { A, ACCOUNT, captureIo, depsFor, EXACT_ID, EXACT_ID_POINTERS, loaderProblems, recorded, tempFile } from "./harness.js";
import { loadRoutes, startServer, type FakeServer } from "./server.js";

const SCENARIO = "azure-account";
const PAT = "dapi0123456789abcdef0123456789abcdef-3";
const ARM_CLI_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.arm-cli-token.sig";
const ARM = (sub: string, rg: string, name: string) => `/arm/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Databricks/workspaces/${name}?api-version=2024-05-01`;
const CONF_KEYS = "enableIpAccessLists,enableTokensConfig,maxTokenLifetimeDays,enableResultsDownloading,enableExportNotebook,enableFileStoreEndpoint,enableVerboseAuditLogs";
const SQL = "POST /api/2.0/sql/statements/";

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function patRun(args: string[] = [], routes = loadRoutes(SCENARIO)) {
  server = await startServer(SCENARIO, routes, { acceptedTokens: [PAT], armTokens: [ARM_CLI_TOKEN] });
  const deps = depsFor(server, { DATABRICKS_HOST: server.url, DATABRICKS_ACCOUNT_ID: ACCOUNT, DATABRICKS_TOKEN: PAT }, { azureCliToken: async () => ARM_CLI_TOKEN });
  const out = tempFile("export.json");
  const io = captureIo();
  const code = await runExport(["-o", out, ...args], io, deps);
  const text = readFileSync(out, "utf8");
  return { code, io, deps, out, text, doc: JSON.parse(text) as any, server };
}

const hits = (s: FakeServer, key: string) => s.requests.filter((r) => r.key === key).length;

describe("perimeter export against recorded API responses (personal access token)", () => {
  it("collects every slot that answers, verbatim, across every page", async () => {
    const { doc } = await patRun();
    const np1 = recorded(SCENARIO, "network-policies.page1.json");
    const np2 = recorded(SCENARIO, "network-policies.page2.json");
    expect(doc.account.network_policies).toEqual([...np1.items, ...np2.items]);
    expect(doc.account.ip_access_enable).toEqual(recorded(SCENARIO, "acct-ip-acl-enable.json"));
    expect(doc.account.ip_access_lists).toEqual(recorded(SCENARIO, "acct-ip-access-lists.json").ip_access_lists);
    const nccs = recorded(SCENARIO, "nccs.json").items;
    expect(doc.account.network_connectivity_configs).toEqual([{ ...nccs[0], private_endpoint_rules: recorded(SCENARIO, "pe-rules.ncc-prod.json").items }, nccs[1]]);

    const [ws0, ws1, ws2] = doc.workspaces;
    const listed = recorded(SCENARIO, "workspaces.json");
    expect(ws0).toEqual({
      workspace_id: 3141592653589793,
      workspace_url: `${server!.url}/ws/3141592653589793`,
      account_workspace: listed[0],
      azure_resource: recorded(SCENARIO, "arm.dbx-prod-eus2.json"),
      network_option: recorded(SCENARIO, "ws-network.3141592653589793.json"),
      workspace_conf: recorded(SCENARIO, "ws0.workspace-conf.json"),
      ip_access_lists: recorded(SCENARIO, "ws0.ip-access-lists.json").ip_access_lists,
      apps: [...recorded(SCENARIO, "ws0.apps.page1.json").apps, ...recorded(SCENARIO, "ws0.apps.page2.json").apps],
    });
    expect(ws1).toEqual({
      workspace_id: 2718281828459045,
      workspace_url: `${server!.url}/ws/2718281828459045`,
      account_workspace: listed[1],
      network_option: recorded(SCENARIO, "ws-network.2718281828459045.json"),
      workspace_conf: recorded(SCENARIO, "ws1.workspace-conf.json"),
      ip_access_lists: recorded(SCENARIO, "ws1.ip-access-lists.json").ip_access_lists,
    });
    expect(Object.keys(ws2)).toEqual(["workspace_id", "account_workspace", "network_option"]);
    expect(doc.collection).toMatchObject({ source: "rest", cloud: "azure", accounts_host: server!.url });
    expect(doc.exported_at).toBe("2026-11-28T08:30:00Z");
  });

  it("invents nothing: omitted zero values stay omitted, failed slots stay absent", async () => {
    const { doc } = await patRun();
    // The API omits `enabled: false`; the export must not fill it in.
    expect(doc.account.ip_access_lists[1]).not.toHaveProperty("enabled");
    expect(doc.workspaces[1].ip_access_lists[0]).not.toHaveProperty("enabled");
    expect(doc.workspaces[0].apps[1].compute_status).toEqual({ state: "STOPPED", message: "App compute is stopped." });
    // An NCC whose rules were not read keeps only what the NCC list said.
    expect(doc.account.network_connectivity_configs[1]).not.toHaveProperty("private_endpoint_rules");
    expect(doc.workspaces[1]).not.toHaveProperty("apps");
    expect(doc.workspaces[1]).not.toHaveProperty("azure_resource");
    expect(doc.account).not.toHaveProperty("private_access_settings"); // an Azure account has none
  });

  it("keeps a workspace id above 2^53 digit for digit, in URLs and in the file", async () => {
    const { text, server: s } = await patRun();
    expect(hits(s, `GET ${A}/workspaces/9007199254740993/network`)).toBe(1);
    expect(text.match(/"workspace_id": 9007199254740993\b/g)).toHaveLength(3);
    const parsed = parseJson(text);
    expect(parsed.ok).toBe(true);
  });

  it("records every failed request with its slot, status and error code, and exits 1", async () => {
    const { code, doc, io } = await patRun();
    expect(code).toBe(1);
    const errors = doc.collection.errors.map((e: any) => ({ slot: e.slot, request: e.request, http_status: e.http_status, error_code: e.error_code }));
    const armDev = `GET ${server!.url}${ARM("99999999-8888-7777-6666-555555555555", "rg-dbx-dev", "dbx-dev")}`;
    expect(errors).toEqual([
      { slot: "account.network_connectivity_configs[1].private_endpoint_rules", request: `GET ${A}/network-connectivity-configs/2a4c6e8f-0b1d-4f3a-9c5e-7a9b1c3d5e7f/private-endpoint-rules`, http_status: 503, error_code: "TEMPORARILY_UNAVAILABLE" },
      { slot: "workspaces[0].outbound_network_summary", request: SQL, http_status: undefined, error_code: undefined },
      { slot: "workspaces[1].azure_resource", request: armDev, http_status: 403, error_code: "AuthorizationFailed" },
      { slot: "workspaces[1].apps", request: "GET /api/2.0/apps", http_status: 403, error_code: "PERMISSION_DENIED" },
      { slot: "workspaces[1].outbound_network_summary", request: SQL, http_status: undefined, error_code: undefined },
      { slot: "workspaces[2].azure_resource", request: `GET ${server!.url}/arm/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Databricks/workspaces/{name}`, http_status: undefined, error_code: undefined },
      { slot: "workspaces[2].workspace_conf", request: `GET /api/2.0/workspace-conf?keys=${CONF_KEYS}`, http_status: undefined, error_code: undefined },
      { slot: "workspaces[2].ip_access_lists", request: "GET /api/2.0/ip-access-lists", http_status: undefined, error_code: undefined },
      { slot: "workspaces[2].apps", request: "GET /api/2.0/apps", http_status: undefined, error_code: undefined },
      { slot: "workspaces[2].outbound_network_summary", request: SQL, http_status: undefined, error_code: undefined },
    ]);
    expect(doc.collection.errors[3].message).toMatch(/^User does not have permission to list apps/);
    expect(doc.collection.errors[6].message).toBe("the workspace is PROVISIONING, not RUNNING");
    // Without a warehouse the denial logs are not read: recorded, with how to read them.
    expect(doc.collection.errors[1].message).toBe(
      "not collected: no SQL warehouse was given, so system.access.outbound_network was not queried; pass --warehouse ID (a SQL warehouse in the workspace's region; or DATABRICKS_WAREHOUSE_ID, or warehouse_id in the profile)",
    );
    const stderr = io.stderr.join("\n");
    expect(stderr).toContain("10 slots were not collected");
    expect(stderr).toContain("workspaces[1].apps: GET /api/2.0/apps → 403 PERMISSION_DENIED: User does not have permission");
  });

  it("retries 429 (honouring Retry-After) and 5xx with injected backoff, and gives up after the last attempt", async () => {
    const { deps, server: s } = await patRun();
    expect(hits(s, `GET ${A}/network-policies?page_token=CgZkZWZhdWx0LXBvbGljeQ==`)).toBe(2);
    expect(hits(s, "GET /ws/3141592653589793/api/2.0/apps?page_token=CAEQAQ==")).toBe(2);
    expect(hits(s, `GET ${A}/network-connectivity-configs/2a4c6e8f-0b1d-4f3a-9c5e-7a9b1c3d5e7f/private-endpoint-rules`)).toBe(5);
    expect(hits(s, "GET /ws/2718281828459045/api/2.0/apps")).toBe(1); // 403 is not retried
    expect(deps.slept).toContain(2000); // Retry-After: 2
    // No real sleeping: the recorded waits are the backoff's (1 s, 2 s, 4 s, 8 s with jitter 0.5 → ×0.75).
    expect(deps.slept.filter((ms) => ms !== 2000).sort((a, b) => a - b)).toEqual([750, 750, 1500, 3000, 6000]);
    // Every request sent went to a route the scenario knows.
    expect(s.requests.filter((r) => r.status === 404 || r.status === 401)).toEqual([]);
  });

  it("validates against the export schema without a problem; the loader reads the id beyond 2^53 exactly", async () => {
    const { out, text } = await patRun();
    const r = parseExport(out, text);
    expect(loaderProblems(r.problems)).toEqual([]);
    for (const p of EXACT_ID_POINTERS) expect(valueAt(r.export!.document, pointerTokens(p))).toBe(EXACT_ID);
    expect(r.export?.errors.map((e) => e.slot)).toContain("workspaces[1].apps");
  });

  it("round-trips through perimeter check: failed slots make the checks reading them unknown", async () => {
    const { out } = await patRun();
    const io = captureIo();
    const code = await checkCommand(["policies", "--input", out, "--engine", "js", "--format", "json", "--now", "2026-11-28"], io);
    expect([0, 1]).toContain(code);
    const report = JSON.parse(io.stdout.join(""));
    const results = report.controls.flatMap((c: any) => c.results.map((r: any) => ({ control: c.id, ...r })));
    expect(results.length).toBeGreaterThan(0);
    const dev = results.filter((r: any) => r.subject.key === "2718281828459045");
    expect(dev.some((r: any) => r.status === "unknown" && r.unknown.some((u: any) => u.slots.includes("workspaces[1].apps")))).toBe(true);
    expect(results.some((r: any) => r.subject.key === "3141592653589793" && r.status !== "unknown")).toBe(true);
    // The default engine (the policies compiled to Wasm) gives the same report.
    const wasm = captureIo();
    expect(await checkCommand(["policies", "--input", out, "--format", "json", "--now", "2026-11-28"], wasm)).toBe(code);
    expect(wasm.stdout.join("")).toBe(io.stdout.join(""));
  });

  it("never writes a secret: not the token, not a token a server echoes back, not with --verbose", async () => {
    const { text, io } = await patRun(["--verbose"]);
    for (const secret of [PAT, ARM_CLI_TOKEN]) {
      expect(text).not.toContain(secret);
      expect(io.all()).not.toContain(secret);
    }
    // The recorded 403 echoes the Authorization header back; it is masked.
    expect(text).toContain("Request was sent with Bearer ***");
    expect(io.stderr.some((l) => /perimeter export: GET http:\/\/127\.0\.0\.1:\d+\/api\/2\.0\/accounts\/.+\/workspaces → 200 \(\d+ ms\)/.test(l))).toBe(true);
    expect(io.stderr.some((l) => l.includes("retry 2 of 5 in 2.0 s"))).toBe(true);
  });
});

describe("perimeter export with OAuth machine-to-machine credentials from a profile", () => {
  const CLIENT = { id: "6f9d3c2a-1b4e-4d7a-9c8b-2e5f1a3d7c90", secret: "dose0123456789abcdef0123456789abcdef" };
  const AZURE = { id: "7c1e2d3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f", secret: "Azr8Q~ExampleSecretValue.0123456789abcd", tenant: "72f988bf-86f1-41af-91ab-2d7cd011db47" };

  async function m2mRun() {
    const routes = loadRoutes(SCENARIO);
    // A healthier account: no apps in dbx-dev (`{}`: the API omits the empty list), no rules in ncc-dev.
    routes["GET /ws/2718281828459045/api/2.0/apps"] = [{ status: 200, json: {} }];
    routes[`GET ${A}/network-connectivity-configs/2a4c6e8f-0b1d-4f3a-9c5e-7a9b1c3d5e7f/private-endpoint-rules`] = [{ status: 200, json: {} }];
    server = await startServer(SCENARIO, routes, { oauthClient: CLIENT, azureClient: AZURE });
    const cfg = tempFile("databrickscfg");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(
      cfg,
      [
        "; written by `databricks configure`",
        "[DEFAULT]",
        "host = https://adb-1.1.azuredatabricks.net",
        "token = dapi-not-this-one-0000000000",
        "",
        "[contoso-account]",
        `host = ${server.url}/`,
        `account_id = ${ACCOUNT}`,
        `client_id = ${CLIENT.id}`,
        `client_secret = ${CLIENT.secret}`,
        `azure_client_id = ${AZURE.id}`,
        `azure_client_secret = ${AZURE.secret}`,
        `azure_tenant_id = ${AZURE.tenant}`,
        "warehouse_id = 5e6f7a8b9c0d1e2f",
        "",
      ].join("\n"),
    );
    const deps = depsFor(server, { DATABRICKS_CONFIG_FILE: cfg });
    const out = tempFile("export.json");
    const io = captureIo();
    const code = await runExport(["--profile", "contoso-account", "-o", out, "-v"], io, deps);
    const text = readFileSync(out, "utf8");
    return { code, io, text, doc: JSON.parse(text) as any, server };
  }

  it("mints one token per host (accounts, each workspace) and one ARM token, and uses them", async () => {
    const { doc, server: s } = await m2mRun();
    const tokenCalls = s.requests.filter((r) => r.method === "POST" && r.key.endsWith("/token")).map((r) => r.key);
    expect(tokenCalls.sort()).toEqual([
      `POST /aad/${AZURE.tenant}/oauth2/v2.0/token`,
      `POST /oidc/accounts/${ACCOUNT}/v1/token`,
      "POST /ws/2718281828459045/oidc/v1/token",
      "POST /ws/3141592653589793/oidc/v1/token",
    ]);
    expect(s.requests.filter((r) => r.status === 401)).toEqual([]);
    expect(doc.workspaces[0].azure_resource.name).toBe("dbx-prod-eus2");
    expect(doc.workspaces[1].apps).toEqual([]);
    expect(doc.account.network_connectivity_configs[1].private_endpoint_rules).toEqual([]);
    // warehouse_id from the profile: the statement ran on dbx-prod-eus2 with its minted token.
    expect(doc.workspaces[0].outbound_network_summary).toHaveLength(3);
    const statement = s.requests.find((r) => r.key === "POST /ws/3141592653589793/api/2.0/sql/statements/");
    expect(s.minted.map((t) => `Bearer ${t}`)).toContain(statement?.authorization);
    expect(doc.collection.errors.map((e: any) => e.slot)).toEqual([
      "workspaces[1].azure_resource",
      "workspaces[2].azure_resource",
      "workspaces[2].workspace_conf",
      "workspaces[2].ip_access_lists",
      "workspaces[2].apps",
      "workspaces[2].outbound_network_summary",
    ]);
  });

  it("never writes the client secret, its Basic form, or any minted token", async () => {
    const { text, io, server: s } = await m2mRun();
    const secrets = [CLIENT.secret, AZURE.secret, Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString("base64"), ...s.minted];
    expect(s.minted).toHaveLength(4);
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      expect(io.all()).not.toContain(secret);
    }
    expect(io.stderr.join("\n")).toContain("oauth-m2m credentials from the profile `contoso-account`");
  });
});

describe("perimeter export on an AWS account", () => {
  const AWS_ACCOUNT = "8f2c6a1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b";

  it("reads private access settings instead of ARM, keeps empty envelopes as empty lists, and exits 0 when complete", async () => {
    server = await startServer("aws-account", loadRoutes("aws-account"), { acceptedTokens: [PAT] });
    let askedAzure = false;
    const env = { DATABRICKS_HOST: server.url, DATABRICKS_ACCOUNT_ID: AWS_ACCOUNT, DATABRICKS_TOKEN: PAT, DATABRICKS_WAREHOUSE_ID: "0a1b2c3d4e5f6a7b" };
    const deps = depsFor(server, env, { azureCliToken: async () => ((askedAzure = true), undefined) });
    const out = tempFile("aws.json");
    const io = captureIo();
    expect(await runExport(["-o", out], io, deps)).toBe(0);
    const text = readFileSync(out, "utf8");
    const doc = JSON.parse(text);
    expect(doc.collection).toEqual({ source: "rest", cloud: "aws", accounts_host: server.url, errors: [] });
    expect(doc.account).toEqual({
      account_id: AWS_ACCOUNT,
      ip_access_enable: { acct_ip_acl_enable: {}, etag: "RENAbA==", setting_name: "default" }, // value false is omitted by the API, and stays so
      ip_access_lists: [],
      network_policies: recorded("aws-account", "network-policies.json").items,
      network_connectivity_configs: [],
      private_access_settings: recorded("aws-account", "private-access-settings.json"),
    });
    expect(doc.workspaces).toEqual([
      {
        workspace_id: 1234567890123456,
        workspace_url: `${server.url}/ws/1234567890123456`,
        account_workspace: recorded("aws-account", "workspaces.json")[0],
        network_option: recorded("aws-account", "ws-network.json"),
        workspace_conf: recorded("aws-account", "workspace-conf.json"),
        ip_access_lists: [],
        apps: recorded("aws-account", "apps.json").apps,
        outbound_network_summary: [], // the warehouse (DATABRICKS_WAREHOUSE_ID) found no denial in 30 days
      },
    ]);
    expect(askedAzure).toBe(false);
    expect(server.requests.some((r) => r.key.startsWith("GET /arm/"))).toBe(false);
    expect(io.stderr).toEqual([`perimeter export: account ${AWS_ACCOUNT}, 1 workspace: every slot collected; written to ${out}`]);
    expect(parseExport(out, text).problems).toEqual([]);
  });
});

describe("perimeter export options", () => {
  it("--workspace reads only the named workspaces, and records one that does not exist", async () => {
    const { doc, server: s } = await patRun(["--workspace", "2718281828459045", "-w", "123"]);
    expect(hits(s, `GET ${A}/workspaces`)).toBe(0);
    expect(doc.workspaces.map((w: any) => w.workspace_id)).toEqual([2718281828459045, 123]);
    expect(doc.workspaces[0].account_workspace).toEqual(recorded(SCENARIO, "workspace.2718281828459045.json"));
    expect(doc.workspaces[1]).toEqual({ workspace_id: 123 });
    const slots = doc.collection.errors.map((e: any) => `${e.slot} ${e.http_status ?? "-"} ${e.error_code ?? "-"}`);
    expect(slots).toContain("workspaces[1].account_workspace 404 RESOURCE_DOES_NOT_EXIST");
    expect(slots).toContain("workspaces[1].network_option 404 RESOURCE_DOES_NOT_EXIST");
    expect(slots).toContain("workspaces[1].apps - -");
  });

  it("--app-source fills x_source_files from the folder's top-level file names", async () => {
    const { mkdirSync, writeFileSync } = await import("node:fs");
    const { dirname, join } = await import("node:path");
    const dir = join(dirname(tempFile("x")), "sales-dashboard");
    mkdirSync(join(dir, "static"), { recursive: true });
    for (const f of ["requirements.txt", "app.yaml", "app.py", ".npmrc"]) writeFileSync(join(dir, f), "");
    const { doc, io } = await patRun(["--app-source", `sales-dashboard=${dir}`, "--app-source", `sales-dashbord=${dir}`]);
    const apps = doc.workspaces[0].apps;
    expect(apps[0].x_source_files).toEqual([".npmrc", "app.py", "app.yaml", "requirements.txt"]);
    expect(apps[1]).not.toHaveProperty("x_source_files");
    expect(io.stderr.join("\n")).toContain("warning: --app-source sales-dashbord: no collected app is called `sales-dashbord` (the apps of some workspaces were not collected); its files were not recorded; did you mean `sales-dashboard`?");
  });

  it("writes to stdout without -o", async () => {
    server = await startServer(SCENARIO, loadRoutes(SCENARIO), { acceptedTokens: [PAT], armTokens: [ARM_CLI_TOKEN] });
    const deps = depsFor(server, { DATABRICKS_HOST: server.url, DATABRICKS_ACCOUNT_ID: ACCOUNT, DATABRICKS_TOKEN: PAT });
    const io = captureIo();
    expect(await runExport([], io, deps)).toBe(1);
    const doc = JSON.parse(io.stdout.join(""));
    expect(doc.schema).toBe("dbx-network-export/v1");
    // No Azure CLI session and no ARM_* variables: the ARM slots are recorded, not guessed.
    const arm = doc.collection.errors.filter((e: any) => e.slot.endsWith("azure_resource"));
    expect(arm.map((e: any) => e.slot)).toEqual(["workspaces[0].azure_resource", "workspaces[1].azure_resource", "workspaces[2].azure_resource"]);
    expect(arm[0].message).toContain("no Azure credentials");
  });

  it("records a workspace reachable only through Private Link (a redirect it does not follow)", async () => {
    const routes = loadRoutes(SCENARIO);
    routes["GET /ws/3141592653589793/api/2.0/ip-access-lists"] = [{ status: 303, headers: { Location: "/login.html?error=private-link-validation-error" } }];
    const { doc, server: s } = await patRun([], routes);
    const e = doc.collection.errors.find((x: any) => x.slot === "workspaces[0].ip_access_lists");
    expect(e).toMatchObject({ request: "GET /api/2.0/ip-access-lists", http_status: 303, error_code: "PRIVATE_LINK_VALIDATION_ERROR" });
    expect(s.requests.some((r) => r.key.startsWith("GET /login.html"))).toBe(false);
    expect(doc.workspaces[0]).not.toHaveProperty("ip_access_lists");
    expect(doc.workspaces[0].apps).toHaveLength(2);
  });

  it("leaves `workspaces` out when the workspace list itself fails, and still reads the account", async () => {
    const routes = loadRoutes(SCENARIO);
    routes[`GET ${A}/workspaces`] = [{ status: 403, json: { error_code: "PERMISSION_DENIED", message: "This API is disabled for users without account admin permission." } }];
    const { doc, out, text } = await patRun([], routes);
    expect(doc).not.toHaveProperty("workspaces");
    expect(doc.collection.errors[0]).toMatchObject({ slot: "workspaces", http_status: 403, error_code: "PERMISSION_DENIED" });
    expect(doc.account.network_policies).toHaveLength(2);
    expect(parseExport(out, text).problems).toEqual([]);
  });

  it("does not keep a list whose later page failed, and says how far it got", async () => {
    const routes = loadRoutes(SCENARIO);
    routes["GET /ws/3141592653589793/api/2.0/apps?page_token=CAEQAQ=="] = [{ status: 400, json: { error_code: "INVALID_PARAMETER_VALUE", message: "Invalid page token" } }];
    const { doc } = await patRun([], routes);
    expect(doc.workspaces[0]).not.toHaveProperty("apps");
    expect(doc.collection.errors.find((x: any) => x.slot === "workspaces[0].apps")).toEqual({
      slot: "workspaces[0].apps",
      request: "GET /api/2.0/apps",
      http_status: 400,
      error_code: "INVALID_PARAMETER_VALUE",
      message: "page 2, after 1 item: Invalid page token",
    });
  });

  it("shows a progress bar on a terminal only, and erases it", async () => {
    const routes = loadRoutes(SCENARIO);
    server = await startServer(SCENARIO, routes, { acceptedTokens: [PAT] });
    const env = { DATABRICKS_HOST: server.url, DATABRICKS_ACCOUNT_ID: ACCOUNT, DATABRICKS_TOKEN: PAT };
    const tty: string[] = [];
    await runExport(["-o", tempFile("e.json")], captureIo(), depsFor(server, env, { progressStream: { isTTY: true, columns: 100, write: (t: string) => tty.push(t) } }));
    expect(tty.join("")).toContain("3/3 workspaces collected");
    expect(tty[tty.length - 1]).toBe("\r\u001b[K");
    const pipe: string[] = [];
    await runExport(["-o", tempFile("e.json")], captureIo(), depsFor(server, env, { progressStream: { isTTY: false, write: (t: string) => pipe.push(t) } }));
    expect(pipe).toEqual([]);
    const ci: string[] = [];
    await runExport(["-o", tempFile("e.json")], captureIo(), depsFor(server, { ...env, CI: "true" }, { progressStream: { isTTY: true, write: (t: string) => ci.push(t) } }));
    expect(ci).toEqual([]);
  });
});
