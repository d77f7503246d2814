// fast-check arbitraries of dbx-network-export/v1 documents that exercise the policy library:
// IP lists with IPv4/IPv6/invalid entries, policies in every mode, apps with source files,
// NCCs, private endpoints, attestations, denial rows, odd casing and collection errors.
// `exportDocumentExact` also draws workspace ids beyond 2^53 (16-digit Azure ids such as
// 9876543210987655, as bigints: the values the export loader reads; write the document with
// src/export/exact-json.ts `exactJsonText`, since `JSON.stringify` rejects bigints).
import fc from "fast-check";

const octet = fc.nat({ max: 255 });
const v4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join("."));
const v4cidr = fc.tuple(v4, fc.integer({ min: 0, max: 32 })).map(([a, p]) => {
  const n = a.split(".").reduce((acc, x) => acc * 256 + Number(x), 0);
  const size = 2 ** (32 - p);
  const base = n - (n % size);
  return `${[24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256).join(".")}/${p}`;
});
const v6 = fc.constantFrom("2001:db8::/32", "2001:db8::1", "::/0", "fe80::/10", "::ffff:10.0.0.1", "2001:DB8:0:1::/64", "::1");
/**
 * Strings that are not addresses or ranges: in an enabled list a requirement reads, they fail it
 * (LANGUAGE.md §5, "Malformed network data fails closed").
 */
export const MALFORMED = ["10.0.0.300", "not-an-ip", "10.0.0.1/8", "", "1.2.3", "203.0.113.300", "10.5.0.0/33", " 10.0.0.1", "10.0.0.0/8 ", "2001:db8::/129", "::g", "10.0.0.0/08", "bad`tick/~0"] as const;
const badAddr = fc.constantFrom(...MALFORMED);
const corporate = fc.constantFrom("10.0.0.0/8", "172.16.0.0/12", "10.20.0.0/16", "203.0.113.0/24", "0.0.0.0/1", "128.0.0.0/1", "0.0.0.0/0");
export const address = fc.oneof({ weight: 4, arbitrary: v4cidr }, { weight: 2, arbitrary: corporate }, { weight: 2, arbitrary: v4 }, { weight: 1, arbitrary: v6 }, { weight: 1, arbitrary: badAddr });

const domain = fc.constantFrom(
  "pypi.org", "files.pythonhosted.org", "registry.npmjs.org", "*.databricksapps.com", "PyPI.org.", "github.com", "*.blob.core.windows.net",
  "evil.databricksapps.com", "api.internal.contoso.com", "*.org", "bad..name", "*", "10.0.0.1",
);

const ipList = fc.record(
  {
    list_id: fc.uuid(),
    label: fc.constantFrom("corp", "vpn", "everyone", "Ünïcode ✓"),
    list_type: fc.constantFrom("ALLOW", "BLOCK", "ALLOW", "MAYBE"),
    ip_addresses: fc.array(address, { maxLength: 4 }),
    enabled: fc.boolean(),
  },
  { requiredKeys: ["list_id", "label", "list_type", "ip_addresses"] },
);

const policy = (id: string) =>
  fc.record({
    network_policy_id: fc.constant(id),
    egress: fc.record(
      {
        network_access: fc.record(
          {
            restriction_mode: fc.constantFrom("FULL_ACCESS", "RESTRICTED_ACCESS", "RESTRICTED_ACCESS", "RESTRICTION_MODE_UNSPECIFIED"),
            allowed_internet_destinations: fc.array(domain.map((d) => ({ destination: d, internet_destination_type: "DNS_NAME" })), { maxLength: 5 }),
            blocked_internet_destinations: fc.array(domain.map((d) => ({ destination: d, internet_destination_type: "DNS_NAME" })), { maxLength: 2 }),
            allowed_storage_destinations: fc.array(
              fc.record({ storage_destination_type: fc.constantFrom("AZURE_STORAGE", "AWS_S3"), azure_storage_account: fc.constantFrom("lake", "devlake01"), azure_storage_service: fc.constantFrom("blob", "dfs", "DFS") }),
              { maxLength: 2 },
            ),
            policy_enforcement: fc.record(
              { enforcement_mode: fc.constantFrom("ENFORCED", "DRY_RUN", "ENFORCEMENT_MODE_UNSPECIFIED"), dry_run_mode_product_filter: fc.subarray(["DBSQL", "ML_SERVING"]) },
              { requiredKeys: [] },
            ),
          },
          { requiredKeys: ["restriction_mode"] },
        ),
      },
      { requiredKeys: [] },
    ),
  });

const app = fc.record(
  {
    name: fc.constantFrom("sales", "pkg-ui", "ml-demo", "x"),
    url: fc.constant("https://sales-1.11.azure.databricksapps.com"),
    x_source_files: fc.subarray(["requirements.txt", "package.json", "app.yaml", "app.py"]),
  },
  { requiredKeys: ["name"] },
);

const workspace = (i: number, id: number | bigint = 1000 + i) =>
  fc.record(
    {
      workspace_id: fc.constant(id),
      workspace_url: fc.constant(`https://adb-${id}.1.azuredatabricks.net`),
      account_workspace: fc.record(
        {
          workspace_id: fc.constant(id),
          workspace_name: fc.constantFrom(`ws-${i}`, ""),
          cloud: fc.constantFrom("azure", "aws"),
          location: fc.constantFrom("eastus2", "westeurope"),
          pricing_tier: fc.constantFrom("PREMIUM", "STANDARD", "ENTERPRISE"),
          network_connectivity_config_id: fc.constantFrom("ncc-1", "ncc-2", "none"),
          private_access_settings_id: fc.constantFrom("pas-1", "pas-2"),
        },
        { requiredKeys: ["workspace_id"] },
      ),
      azure_resource: fc.record(
        {
          location: fc.constantFrom("eastus2", "westeurope"),
          sku: fc.record({ name: fc.constantFrom("premium", "standard", "Premium") }),
          properties: fc.record(
            {
              publicNetworkAccess: fc.constantFrom("Enabled", "Disabled"),
              parameters: fc.record(
                {
                  enableNoPublicIp: fc.record({ type: fc.constant("Bool"), value: fc.boolean() }),
                  customVirtualNetworkId: fc.record({ type: fc.constant("String"), value: fc.constant("/subscriptions/x/vnet") }),
                },
                { requiredKeys: [] },
              ),
              privateEndpointConnections: fc.array(
                fc.record({
                  name: fc.constantFrom("pe1", "pe2"),
                  properties: fc.record({
                    groupIds: fc.subarray(["databricks_ui_api", "browser_authentication"]),
                    privateLinkServiceConnectionState: fc.record({ status: fc.constantFrom("Approved", "Pending") }),
                  }),
                }),
                { maxLength: 2 },
              ),
            },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      ),
      network_option: fc.record({ workspace_id: fc.constant(id), network_policy_id: fc.constantFrom("default-policy", "p1", "p2", "missing-policy") }),
      workspace_conf: fc.record({ enableIpAccessLists: fc.constantFrom("true", "false", null) }),
      ip_access_lists: fc.array(ipList, { maxLength: 3 }),
      apps: fc.array(app, { maxLength: 3 }),
      outbound_network_summary: fc.array(
        fc.record({
          access_type: fc.constantFrom("DROP", "DRY_RUN_DENIAL"),
          network_source_type: fc.constantFrom("Apps", "DBSQL"),
          destination_type: fc.constant("DNS"),
          destination: domain,
          events: fc.nat({ max: 50 }),
        }),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: ["workspace_id"] },
  );

const slot = fc.constantFrom("workspaces[0].apps", "workspaces[1].workspace_conf", "account.network_policies", "workspaces[*].ip_access_lists", "workspaces[0]", "account.ip_access_lists", "workspaces[0].apps[0]");

/** Workspace ids beyond 2^53 (the two neighbours of 9876543210987655 and 2^53 + 1 too), and small ones. */
const exactId = (i: number): fc.Arbitrary<number | bigint> =>
  fc.constantFrom<number | bigint>(1000 + i, 9876543210987655n + BigInt(i), 9876543210987656n - BigInt(i), 2n ** 53n + 1n + BigInt(i), 99999999999999999999n - BigInt(i));

const documentOf = (workspaces: fc.Arbitrary<Record<string, unknown>[]>) => fc
  .record({
    workspaces,
    policies: fc.tuple(policy("default-policy"), policy("p1"), policy("p2")).chain((ps) => fc.subarray(ps)),
    accountLists: fc.array(ipList, { maxLength: 2 }),
    accountToggle: fc.option(fc.boolean(), { nil: undefined }),
    errors: fc.subarray(["x"]).chain((x) => (x.length ? fc.array(slot, { maxLength: 2 }) : fc.constant([] as string[]))),
    dns: fc.array(fc.record({ zone: fc.constantFrom("databricksapps.com", "*.azuredatabricks.net", "privatelink.azuredatabricks.net"), forwarders: fc.subarray(["10.0.0.4"]) }), { maxLength: 3 }),
    legacy: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map((r) => {
    const errors = [...new Set(r.errors)];
    const doc: Record<string, unknown> = {
      schema: "dbx-network-export/v1",
      exported_at: "2026-08-24T09:00:00Z",
      collection: { source: "rest", cloud: "azure", errors: errors.map((slot) => ({ slot, http_status: 403, error_code: "PERMISSION_DENIED" })) },
      account: {
        account_id: "acc",
        ip_access_lists: r.accountLists,
        ...(r.accountToggle === undefined ? {} : { ip_access_enable: { acct_ip_acl_enable: { value: r.accountToggle } } }),
        network_policies: r.policies,
        network_connectivity_configs: [
          {
            network_connectivity_config_id: "ncc-1",
            name: "ncc-one",
            region: "eastus2",
            egress_config: { target_rules: { azure_private_endpoint_rules: [{ rule_id: "r1", group_id: "blob", connection_state: "ESTABLISHED", resource_id: "/subscriptions/x/storageAccounts/lake" }] } },
          },
        ],
        private_access_settings: [{ private_access_settings_id: "pas-1", public_access_enabled: false }, { private_access_settings_id: "pas-2", public_access_enabled: true }],
      },
      workspaces: r.workspaces,
      attestations: { dns_conditional_forwarding: r.dns, ...(r.legacy === undefined ? {} : { legacy_regional_urls_in_use: { value: r.legacy } }) },
    };
    // Slots named as not collected are absent, as an exporter leaves them.
    for (const e of errors) {
      const m = /^workspaces\[(\d+)\]\.(\w+)$/.exec(e);
      if (m) delete (r.workspaces[Number(m[1])] as Record<string, unknown> | undefined)?.[m[2]!];
    }
    return doc;
  });

export const exportDocument = documentOf(fc.tuple(workspace(0), workspace(1), workspace(2)).chain((ws) => fc.subarray(ws, { minLength: 0 })));

/** `exportDocument`, with workspace ids beyond 2^53 in most draws (bigints). */
export const exportDocumentExact = documentOf(
  fc.tuple(...[0, 1, 2].map((i) => exactId(i).chain((id) => workspace(i, id)))).chain((ws) => fc.subarray(ws, { minLength: 0 })),
);

/** Collection errors parsed as the export loader does (for the evaluator). */
export function parsedErrors(doc: Record<string, unknown>): { slot: string; steps: (string | number)[] }[] {
  const errs = ((doc["collection"] as Record<string, unknown>)["errors"] ?? []) as { slot: string }[];
  return errs.map((e) => ({
    slot: e.slot,
    steps: e.slot.split(".").flatMap((part) => {
      const m = /^([^[]+)((?:\[(?:\d+|\*)\])*)$/.exec(part)!;
      return [m[1]!, ...[...m[2]!.matchAll(/\[(\d+|\*)\]/g)].map((x) => (x[1] === "*" ? "*" : Number(x[1])))];
    }),
  }));
}
