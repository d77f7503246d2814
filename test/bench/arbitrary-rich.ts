// fast-check arbitraries of schema-valid dbx-network-export/v1 documents that reach every part of
// the policy library test/helpers/arbitrary-export.ts leaves out: context-based ingress rules,
// NCCs with private endpoint rules in every state, storage destinations, denial-log hosts, AWS
// private access settings, account IP settings, DNS attestations with parent zones, collection
// errors at every depth (including `workspaces` itself and nested slots), API list envelopes, and
// site parameters.
import fc from "fast-check";
import { address } from "../helpers/arbitrary-export.js";

const wide = fc.constantFrom("0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1", "::/0", "::/1", "8000::/1", "10.0.0.0/9", "10.128.0.0/9", "fd00::/8", "2001:db8::/33");
/** Near misses of the address syntax, most inside the corporate ranges so that parsing them would change a result. */
const odd = fc.constantFrom("010.0.0.1", "10.0.0.01", "10.0.0.0/08", "10.1.2.3/16", "192.168.1.1/24", "1.2.3.4/33", "::ffff:10.0.0.1/104", "fd00::1/8", "fd00:::1", "10.0.0.0/8/8", " 10.0.0.1");
const entry = fc.oneof({ weight: 4, arbitrary: address }, { weight: 2, arbitrary: wide }, { weight: 1, arbitrary: odd });
const entries = fc.array(entry, { maxLength: 5 });
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** Wraps a list as the API returns it, sometimes (the loader unwraps envelopes). */
const listOf = <T>(a: fc.Arbitrary<T>, max = 3) =>
  fc.tuple(fc.array(a, { maxLength: max }), fc.nat({ max: 5 })).map(([xs, how]): unknown => {
    if (how === 1) return { items: xs, next_page_token: null };
    if (how === 2) return { value: xs, nextLink: "https://next" };
    if (how === 3 && xs.length === 0) return {};
    return xs;
  });

/** Drops the keys whose value is undefined (absent fields). */
const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const domain = fc.constantFrom(
  "pypi.org", "files.pythonhosted.org", "registry.npmjs.org", "*.databricksapps.com", "x.databricksapps.com", "*.x.databricksapps.com",
  "PyPI.org.", "*.org", "*.pythonhosted.org", "github.com", "*.blob.core.windows.net", "bad..name", "*", "10.0.0.1", "-x.com", "a*.com", "npmjs.org",
  "pypi.org..", "\u212Aey.databricksapps.com",
);

const ipList = fc.record(
  {
    list_id: fc.constantFrom("l1", "l2", "l3"),
    label: fc.constant("list"),
    list_type: fc.constantFrom("ALLOW", "BLOCK", "ALLOW", "MAYBE"),
    ip_addresses: entries,
    enabled: fc.constantFrom(true, true, false),
  },
  { requiredKeys: ["list_id"] },
);
/** The whole internet allowed in halves, sometimes with a BLOCK list taking a piece back. */
const openLists = fc.tuple(fc.constantFrom(["0.0.0.0/1", "128.0.0.0/1"], ["::/1", "8000::/1"], ["0.0.0.0/0", "::/0"]), fc.option(fc.constantFrom("203.0.113.0/24", "2001:db8::/32", "10.0.0.300"))).map(([allow, block]) => [
  { list_id: "open", list_type: "ALLOW", ip_addresses: allow, enabled: true },
  ...(block === null ? [] : [{ list_id: "block", list_type: "BLOCK", ip_addresses: [block], enabled: true }]),
]);
const ipLists = fc.oneof({ weight: 4, arbitrary: listOf(ipList, 3) }, { weight: 1, arbitrary: openLists });

const publicRule = fc.record(
  {
    label: fc.constant("rule"),
    origin: fc.record(
      { all_ip_ranges: fc.boolean(), included_ip_ranges: fc.record({ ip_ranges: entries }, { requiredKeys: [] }) },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

const ingress = fc.record(
  {
    public_access: fc.record(
      { restriction_mode: fc.constantFrom("FULL_ACCESS", "RESTRICTED_ACCESS"), allow_rules: listOf(publicRule) },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

const storage = fc.record(
  {
    storage_destination_type: fc.constantFrom("AZURE_STORAGE", "AZURE_STORAGE", "AWS_S3"),
    azure_storage_account: fc.constantFrom("lake", "LAKE", "other", "ake"),
    azure_storage_service: fc.constantFrom("blob", "dfs", "DFS", "queue"),
  },
  { requiredKeys: [] },
);

const policy = (id: string) =>
  fc.record(
    {
      network_policy_id: fc.constant(id),
      egress: fc.record(
        {
          network_access: fc.record(
            {
              restriction_mode: fc.constantFrom("FULL_ACCESS", "RESTRICTED_ACCESS", "RESTRICTED_ACCESS", "RESTRICTION_MODE_UNSPECIFIED"),
              allowed_internet_destinations: fc.oneof(
                listOf(domain.map((d) => ({ destination: d, internet_destination_type: "DNS_NAME" })), 5),
                fc.subarray(["pypi.org", "*.databricksapps.com", "10.0.0.1"]).map((ds) => ds.map((d) => ({ destination: d }))),
              ),
              blocked_internet_destinations: listOf(domain.map((d) => ({ destination: d })), 2),
              allowed_storage_destinations: listOf(storage),
              policy_enforcement: fc.record(
                {
                  enforcement_mode: fc.constantFrom("ENFORCED", "DRY_RUN", "DRY_RUN", "ENFORCEMENT_MODE_UNSPECIFIED"),
                  dry_run_mode_product_filter: fc.subarray(["DBSQL", "ML_SERVING", "APPS"]),
                },
                { requiredKeys: [] },
              ),
            },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      ),
      ingress,
      ingress_dry_run: ingress,
    },
    { requiredKeys: ["network_policy_id"] },
  );

const namedRule = fc.record(
  {
    rule_id: fc.constantFrom("r1", "r2"),
    group_id: fc.constantFrom("blob", "dfs", "Blob", "DFS", "sqlServer"),
    resource_id: fc.constantFrom("/subscriptions/x/providers/Microsoft.Storage/storageAccounts/lake", "/subscriptions/x/storageAccounts/LAKE", "/subscriptions/x/storageAccounts/other", "/x/lake", "/subscriptions/x/storageAccounts/", "/subscriptions/y/storageAccounts/"),
    endpoint_name: fc.constantFrom("pe-lake", "pe-other"),
    connection_state: fc.constantFrom("ESTABLISHED", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED", "PENDING", "EXPIRED"),
    deactivated: fc.boolean(),
  },
  { requiredKeys: [] },
);
/** A rule with neither endpoint name, resource id nor rule id is not listed as broken (its text is missing). */
const rule = fc.oneof({ weight: 4, arbitrary: namedRule }, { weight: 1, arbitrary: fc.constant({ group_id: "sqlServer", connection_state: "PENDING" }) });

const ncc = (id: string) =>
  fc.record(
    {
      network_connectivity_config_id: fc.constant(id),
      name: fc.constant(`name-${id}`),
      region: fc.constantFrom("eastus2", "EastUS2", "westeurope", "us-east-1"),
      egress_config: fc.record(
        { target_rules: fc.record({ azure_private_endpoint_rules: listOf(rule, 2), aws_private_endpoint_rules: listOf(rule, 1) }, { requiredKeys: [] }) },
        { requiredKeys: [] },
      ),
      private_endpoint_rules: listOf(rule, 2),
    },
    { requiredKeys: ["network_connectivity_config_id"] },
  );

const host = fc.constantFrom("acct.blob.core.windows.net", "ACCT.DFS.core.windows.net", "bad_host.blob.core.windows.net", "blob.core.windows.net", "x.dfs.core.windows.net.", "pypi.org", "\u212Aey.dfs.core.windows.net", "a.blob.core.windows.net..");
const row = fc.record(
  {
    access_type: fc.constantFrom("DROP", "DRY_RUN_DENIAL", "ALLOW"),
    network_source_type: fc.constantFrom("Apps", "Apps", "DBSQL"),
    destination_type: fc.constantFrom("DNS", "STORAGE"),
    destination: fc.oneof(domain, host),
    dns_event: fc.record({ domain_name: host }),
    storage_event: fc.record({ hostname: host }),
  },
  { requiredKeys: [] },
);

const app = fc.record(
  { name: fc.constantFrom("a", "b"), x_source_files: fc.subarray(["requirements.txt", "package.json", "app.py"]) },
  { requiredKeys: ["name"] },
);

const param = (v: fc.Arbitrary<string>) => fc.record({ type: fc.constant("String"), value: v });
const connection = fc.record({
  name: fc.constantFrom("pe1", "pe2"),
  properties: fc.record(
    {
      groupIds: fc.subarray(["databricks_ui_api", "browser_authentication"]),
      privateLinkServiceConnectionState: fc.record({ status: fc.constantFrom("Approved", "Pending") }),
    },
    { requiredKeys: [] },
  ),
});

const workspace = (i: number) =>
  fc.record(
    {
      workspace_id: fc.constant(2000 + i),
      workspace_url: fc.constant(`https://adb-${2000 + i}.1.azuredatabricks.net`),
      account_workspace: fc.record(
        {
          workspace_name: fc.constantFrom(`ws-${i}`, ""),
          cloud: fc.constantFrom("azure", "aws", "gcp"),
          location: fc.constantFrom("eastus2", "westeurope"),
          aws_region: fc.constantFrom("us-east-1", "eastus2"),
          pricing_tier: fc.constantFrom("PREMIUM", "STANDARD", "ENTERPRISE"),
          compute_mode: fc.constantFrom("HYBRID", "SERVERLESS"),
          network_connectivity_config_id: fc.constantFrom("ncc-1", "ncc-2", "ncc-3", "none"),
          private_access_settings_id: fc.constantFrom("pas-1", "pas-2", "pas-3"),
        },
        { requiredKeys: [] },
      ),
      azure_resource: fc.record(
        {
          location: fc.constantFrom("eastus2", "westeurope", "EASTUS2"),
          sku: fc.record({ name: fc.constantFrom("premium", "standard", "Premium", "trial") }, { requiredKeys: [] }),
          properties: fc.record(
            {
              computeMode: fc.constantFrom("Hybrid", "Serverless"),
              publicNetworkAccess: fc.constantFrom("Enabled", "Disabled", "Disabled"),
              parameters: fc.record(
                {
                  enableNoPublicIp: fc.record({ type: fc.constant("Bool"), value: fc.boolean() }, { requiredKeys: [] }),
                  customVirtualNetworkId: param(fc.constant("/subscriptions/x/vnet")),
                  customPublicSubnetName: param(fc.constant("public")),
                  customPrivateSubnetName: param(fc.constant("private")),
                },
                { requiredKeys: [] },
              ),
              privateEndpointConnections: listOf(connection, 2),
            },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      ),
      network_option: fc.record({ network_policy_id: fc.constantFrom("default-policy", "p1", "p2", "missing-policy") }, { requiredKeys: [] }),
      workspace_conf: fc.record({ enableIpAccessLists: fc.constantFrom("true", "false", null) }, { requiredKeys: [] }),
      ip_access_lists: ipLists,
      apps: listOf(app, 2),
      outbound_network_summary: listOf(row, 3),
    },
    { requiredKeys: ["workspace_id"] },
  );

const slot = fc.constantFrom(
  "workspaces", "workspaces[*]", "workspaces[1]", "workspaces[0].network_option", "workspaces[*].account_workspace", "workspaces[2].azure_resource",
  "workspaces[0].outbound_network_summary", "workspaces[1].apps[0]", "workspaces[0].azure_resource.properties", "workspaces[0].workspace_url",
  "workspaces[0].azure_resource", "workspaces[*].azure_resource", "workspaces[1].network_option.network_policy_id",
  "workspaces[1].ip_access_lists", "workspaces[*].workspace_conf", "workspaces[0].apps", "account.network_connectivity_configs",
  "account.network_connectivity_configs[0]", "account.network_connectivity_configs[*].private_endpoint_rules",
  "account.network_connectivity_configs[1].private_endpoint_rules[0]", "account.network_connectivity_configs[0].egress_config",
  "account.private_access_settings", "account.ip_access_enable", "account.ip_access_lists[0]", "account.network_policies[0]",
  "account.network_policies", "attestations", "attestations.dns_conditional_forwarding", "account.registered_endpoints",
);

const zone = fc.constantFrom(
  "databricksapps.com", "*.databricksapps.com", "azuredatabricks.net", "*.azuredatabricks.net", "privatelink.azuredatabricks.net",
  "*.privatelink.azuredatabricks.net", "DatabricksApps.com.", "net", "x.databricksapps.com", "bad..zone", "*.*.net",
);

export const richExport = fc
  .record({
    workspaces: fc.tuple(workspace(0), workspace(1), workspace(2), workspace(3)).chain((ws) => fc.subarray(ws)),
    policies: fc.tuple(policy("default-policy"), policy("p1"), policy("p2"), policy("p1")).chain((ps) => fc.subarray(ps)),
    nccs: fc.tuple(ncc("ncc-1"), ncc("ncc-2"), ncc("ncc-1")).chain((ns) => fc.subarray(ns)),
    pas: fc.array(
      fc.record(
        { private_access_settings_id: fc.constantFrom("pas-1", "pas-2", "pas-3"), public_access_enabled: fc.boolean() },
        { requiredKeys: ["private_access_settings_id"] },
      ),
      { maxLength: 3 },
    ),
    accountLists: listOf(ipList, 3),
    accountToggle: maybe(fc.record({ acct_ip_acl_enable: fc.record({ value: fc.boolean() }, { requiredKeys: [] }) }, { requiredKeys: [] })),
    accountId: maybe(fc.constantFrom("acc-1", "acc-2")),
    errors: fc.oneof({ weight: 2, arbitrary: fc.constant([] as string[]) }, { weight: 1, arbitrary: fc.array(slot, { minLength: 1, maxLength: 3 }) }),
    dns: fc.oneof(
      listOf(fc.record({ zone, forwarders: fc.subarray(["10.0.0.4", "10.0.0.5"]) }, { requiredKeys: ["zone"] }), 4),
      fc.array(zone, { maxLength: 2 }).map((extra) => [...extra, "databricksapps.com", "azuredatabricks.net"].map((z) => ({ zone: z, forwarders: ["10.0.0.4"] }))),
    ),
    legacy: maybe(fc.boolean()),
    attestations: fc.boolean(),
    envelopeWorkspaces: fc.boolean(),
  })
  .map((r) => {
    const errors = [...new Set(r.errors)];
    const workspaces = r.workspaces as Record<string, unknown>[];
    return clean({
      schema: "dbx-network-export/v1",
      exported_at: "2026-08-24T09:00:00Z",
      collection: { source: "rest", cloud: "azure", errors: errors.map((s) => ({ slot: s, http_status: 403 })) },
      account: clean({
        account_id: r.accountId,
        ip_access_lists: r.accountLists,
        ip_access_enable: r.accountToggle,
        network_policies: r.policies,
        network_connectivity_configs: { items: r.nccs },
        private_access_settings: r.pas,
      }),
      workspaces: r.envelopeWorkspaces ? { items: workspaces, next_page_token: "t" } : workspaces,
      attestations: r.attestations ? clean({ dns_conditional_forwarding: r.dns, legacy_regional_urls_in_use: r.legacy === undefined ? undefined : { value: r.legacy } }) : undefined,
    });
  });

const corporateEntry = fc.constantFrom("10.0.0.0/8", "10.0.0.0/9", "10.128.0.0/9", "172.16.0.0/12", "192.168.0.0/16", "203.0.113.0/24", "0.0.0.0/0", "fc00::/7", "2001:db8::/32", "::/0", "10.20.0.7");
const approvedEntry = fc.constantFrom("*.databricksapps.com", "pypi.org", "PyPI.org.", "files.pythonhosted.org", "registry.npmjs.org", "*.org", "github.com", "bad..name", "*", "*.0.1", "*.com");

/** A site parameters document overriding the params of databricks.apps. */
export const siteParams = fc
  .record({ corporate: maybe(fc.subarray(["x"]).chain(() => fc.array(corporateEntry, { maxLength: 4 }))), approved_destinations: maybe(fc.array(approvedEntry, { maxLength: 5 })) })
  .map((p) => ({ "databricks.apps": clean(p) }));
