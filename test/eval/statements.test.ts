// Every ingress/egress statement and the verdict rules (pass, fail, unknown, waived) of LANGUAGE.md §5.
import { describe, expect, it } from "vitest";
import { compile, run, statuses } from "../helpers/eval.js";

type Doc = Record<string, unknown>;

/** An Azure account with one workspace (id 1); `ws` and `account` parts are merged in. */
function exportWith(ws: Doc = {}, account: Doc = {}, extra: Doc = {}): Doc {
  return {
    schema: "dbx-network-export/v1",
    collection: { source: "rest", cloud: "azure", errors: [] },
    account: {
      account_id: "acc",
      network_policies: [
        { network_policy_id: "default-policy", egress: { network_access: { restriction_mode: "FULL_ACCESS" } } },
        {
          network_policy_id: "restricted",
          egress: {
            network_access: {
              restriction_mode: "RESTRICTED_ACCESS",
              allowed_internet_destinations: [
                { destination: "pypi.org", internet_destination_type: "DNS_NAME" },
                { destination: "*.databricksapps.com", internet_destination_type: "DNS_NAME" },
              ],
              blocked_internet_destinations: [{ destination: "evil.databricksapps.com", internet_destination_type: "DNS_NAME" }],
              allowed_storage_destinations: [{ storage_destination_type: "AZURE_STORAGE", azure_storage_account: "lake", azure_storage_service: "dfs" }],
            },
          },
        },
        { network_policy_id: "dry-all", egress: { network_access: { restriction_mode: "RESTRICTED_ACCESS", policy_enforcement: { enforcement_mode: "DRY_RUN" } } } },
        { network_policy_id: "dry-dbsql", egress: { network_access: { restriction_mode: "RESTRICTED_ACCESS", policy_enforcement: { enforcement_mode: "DRY_RUN", dry_run_mode_product_filter: ["DBSQL"] } } } },
      ],
      ...account,
    },
    workspaces: [{ workspace_id: 1, account_workspace: { workspace_id: 1, workspace_name: "ws-one", cloud: "azure" }, ...ws }],
    ...extra,
  };
}

const control = (body: string) => compile(`import std.databricks\ncontrol T-1 "t" {\n  severity high\n  for ws in workspaces\n  ${body}\n}\n`);
const verdict = (body: string, doc: Doc) => statuses(run(control(body), doc), "T-1")["1"];
const lists = (...ls: { type: string; ips: string[]; enabled?: boolean }[]) =>
  ls.map((l, i) => ({ list_id: `l${i}`, label: `l${i}`, list_type: l.type, ip_addresses: l.ips, ...(l.enabled === false ? {} : { enabled: true }) }));

describe("ingress statements", () => {
  const ipOn = { workspace_conf: { enableIpAccessLists: "true" } };
  it("ip access lists enforced", () => {
    const s = "ingress ws {\n    ip access lists enforced\n  }";
    expect(verdict(s, exportWith({ ...ipOn, ip_access_lists: lists({ type: "ALLOW", ips: ["10.0.0.0/8"] }) }))).toBe("pass");
    expect(verdict(s, exportWith({ workspace_conf: { enableIpAccessLists: null }, ip_access_lists: lists({ type: "ALLOW", ips: ["10.0.0.0/8"] }) }))).toBe("fail");
    expect(verdict(s, exportWith({ ...ipOn, ip_access_lists: lists({ type: "ALLOW", ips: ["10.0.0.0/8"], enabled: false }) }))).toBe("fail");
    expect(verdict(s, exportWith({ ...ipOn, ip_access_lists: lists({ type: "BLOCK", ips: ["10.0.0.0/8"] }) }))).toBe("fail");
  });
  it("allow only from: the effective ALLOW minus BLOCK set, exactly", () => {
    const s = "ingress ws {\n    allow only from 10.0.0.0/8, [192.168.0.0/16]\n  }";
    expect(verdict(s, exportWith({ ip_access_lists: lists({ type: "ALLOW", ips: ["10.1.0.0/16", "192.168.1.1"] }) }))).toBe("pass");
    expect(verdict(s, exportWith({ ip_access_lists: lists({ type: "ALLOW", ips: ["10.0.0.0/7"] }) }))).toBe("fail");
    // BLOCK inside ALLOW removes the part outside the permitted ranges.
    expect(verdict(s, exportWith({ ip_access_lists: lists({ type: "ALLOW", ips: ["10.0.0.0/7"] }, { type: "BLOCK", ips: ["11.0.0.0/8"] }) }))).toBe("pass");
    // A disabled BLOCK list does not count.
    expect(verdict(s, exportWith({ ip_access_lists: lists({ type: "ALLOW", ips: ["10.0.0.0/7"] }, { type: "BLOCK", ips: ["11.0.0.0/8"], enabled: false }) }))).toBe("fail");
  });
  it("deny from and the whole internet written as two halves", () => {
    const s = "ingress ws {\n    deny from 0.0.0.0/0, ::/0\n  }";
    expect(verdict(s, exportWith({ ip_access_lists: lists({ type: "ALLOW", ips: ["0.0.0.0/1", "128.0.0.0/1"] }) }))).toBe("fail");
    const notWhole = "require not (0.0.0.0/0 within std.allowed_ranges(ws))";
    const ir = compile(`import std.databricks as std\ncontrol T-1 "t" {\n  severity high\n  for ws in workspaces\n  ${notWhole}\n}\n`);
    expect(statuses(run(ir, exportWith({ ip_access_lists: lists({ type: "ALLOW", ips: ["0.0.0.0/1", "128.0.0.0/1"] }) })), "T-1")["1"]).toBe("fail");
    expect(statuses(run(ir, exportWith({ ip_access_lists: lists({ type: "ALLOW", ips: ["0.0.0.0/1", "128.0.0.0/2"] }) })), "T-1")["1"]).toBe("pass");
    expect(verdict("ingress ws {\n    deny from 198.51.100.0/24\n  }", exportWith({ ip_access_lists: lists({ type: "ALLOW", ips: ["198.51.100.0/25"] }, { type: "BLOCK", ips: ["198.51.100.0/25"] }) }))).toBe("pass");
  });
  it("private link required (Azure and AWS)", () => {
    const s = "ingress ws {\n    private link required\n  }";
    const pe = (status: string, group = "databricks_ui_api") => ({ name: "pe", properties: { groupIds: [group], privateLinkServiceConnectionState: { status } } });
    const azure = (access: string, conns: unknown[]) => exportWith({ azure_resource: { properties: { publicNetworkAccess: access, privateEndpointConnections: conns } } });
    expect(verdict(s, azure("Disabled", [pe("Approved")]))).toBe("pass");
    expect(verdict(s, azure("Enabled", [pe("Approved")]))).toBe("fail");
    expect(verdict(s, azure("Disabled", [pe("Pending")]))).toBe("fail");
    expect(verdict(s, azure("Disabled", [pe("Approved", "browser_authentication")]))).toBe("fail");
    const aws = (enabled: boolean | undefined) =>
      exportWith(
        { account_workspace: { workspace_id: 1, workspace_name: "aws", cloud: "aws", private_access_settings_id: "pas" } },
        { private_access_settings: [{ private_access_settings_id: "pas", ...(enabled === undefined ? {} : { public_access_enabled: enabled }) }] },
      );
    expect(verdict(s, aws(undefined))).toBe("pass");
    expect(verdict(s, aws(true))).toBe("fail");
  });
  it("dns forwarding for: attested zones, apex covering its subdomains", () => {
    const s = 'ingress ws {\n    dns forwarding for "*.databricksapps.com", "*.azuredatabricks.net"\n  }';
    const att = (...zones: [string, string[]][]) => exportWith({}, {}, { attestations: { dns_conditional_forwarding: zones.map(([zone, forwarders]) => ({ zone, forwarders })) } });
    expect(verdict(s, att(["databricksapps.com", ["10.0.0.4"]], ["*.azuredatabricks.net", ["10.0.0.4"]]))).toBe("pass");
    expect(verdict(s, att(["databricksapps.com", ["10.0.0.4"]]))).toBe("fail");
    expect(verdict(s, att(["databricksapps.com", []], ["azuredatabricks.net", ["10.0.0.4"]]))).toBe("fail");
  });
});

describe("egress statements", () => {
  const bound = (policy?: string, apps: unknown[] = []) => exportWith({ ...(policy ? { network_option: { workspace_id: 1, network_policy_id: policy } } : {}), apps });
  it("restricted, with default-policy for a workspace without a network option", () => {
    const s = "egress ws {\n    restricted\n  }";
    expect(verdict(s, bound("restricted"))).toBe("pass");
    expect(verdict(s, bound())).toBe("fail");
    expect(verdict(s, bound("no-such-policy"))).toBe("fail");
  });
  it("enforced: absent mode is ENFORCED; DRY_RUN fails with or without a product filter", () => {
    const s = "egress ws {\n    enforced\n  }";
    expect(verdict(s, bound("restricted"))).toBe("pass");
    expect(verdict(s, bound("dry-all"))).toBe("fail");
    expect(verdict(s, bound("dry-dbsql"))).toBe("fail");
    expect(verdict(s, bound("no-such-policy"))).toBe("fail");
  });
  it("enforced for a product: DRY_RUN for DBSQL only still enforces Apps", () => {
    const apps = "egress ws {\n    enforced for \"apps\"\n  }";
    const dbsql = "egress ws {\n    enforced for \"dbsql\"\n  }";
    expect(verdict(apps, bound("dry-dbsql"))).toBe("pass");
    expect(verdict(dbsql, bound("dry-dbsql"))).toBe("fail");
    expect(verdict(apps, bound("dry-all"))).toBe("fail");
    expect(verdict(apps, bound("restricted"))).toBe("pass");
  });
  it("must allow: subsumed by an allowed destination, not blocked; FULL_ACCESS allows all", () => {
    const need = (names: string) => `egress ws {\n    must allow ${names}\n  }`;
    expect(verdict(need('"pypi.org", "a.databricksapps.com"'), bound("restricted"))).toBe("pass");
    expect(verdict(need('"registry.npmjs.org"'), bound("restricted"))).toBe("fail");
    expect(verdict(need('"evil.databricksapps.com"'), bound("restricted"))).toBe("fail");
    expect(verdict(need('"*.databricksapps.com"'), bound("restricted"))).toBe("pass");
    expect(verdict(need('"registry.npmjs.org"'), bound())).toBe("pass");
  });
  it("must allow … when: holds when the condition is false", () => {
    const s = 'egress ws {\n    must allow "registry.npmjs.org" when any a in ws.apps: uses_node(a)\n  }';
    expect(verdict(s, bound("restricted", [{ name: "py", x_source_files: ["requirements.txt"] }]))).toBe("pass");
    expect(verdict(s, bound("restricted", [{ name: "js", x_source_files: ["package.json"] }]))).toBe("fail");
  });
  it("must allow storage", () => {
    expect(verdict('egress ws {\n    must allow storage "dfs"\n  }', bound("restricted"))).toBe("pass");
    expect(verdict('egress ws {\n    must allow storage "blob", "dfs"\n  }', bound("restricted"))).toBe("fail");
    expect(verdict('egress ws {\n    must allow storage "blob"\n  }', bound())).toBe("pass");
  });
  it("allow only: every allowed destination covered; FULL_ACCESS never passes", () => {
    const s = (p: string) => `egress ws {\n    allow only ${p}\n  }`;
    expect(verdict(s('"pypi.org", "*.databricksapps.com"'), bound("restricted"))).toBe("pass");
    expect(verdict(s('"*.org", "*.com"'), bound("restricted"))).toBe("pass");
    expect(verdict(s('"pypi.org"'), bound("restricted"))).toBe("fail");
    expect(verdict(s('"pypi.org"'), bound())).toBe("fail");
  });
});

describe("verdicts", () => {
  const ir = compile(
    'control U-1 "u" {\n  severity high\n  for ws in workspaces where count(ws.apps) > 0\n  require ws.workspace_conf.enableIpAccessLists == "true"\n  require count(ws.ip_access_lists) > 0\n}\n' +
      'waive U-1 for 2 until 2026-12-31 reason "r" approved_by "a"\nwaive U-1 for 3 until 2026-01-01 reason "old"\n',
  );
  const ws = (id: number, more: Doc) => ({ workspace_id: id, account_workspace: { workspace_id: id, workspace_name: `w${id}` }, ...more });
  const good = { apps: [{ name: "a" }], workspace_conf: { enableIpAccessLists: "true" }, ip_access_lists: lists({ type: "ALLOW", ips: ["10.0.0.0/8"] }) };
  const docWith = (workspaces: Doc[], errors: string[] = []) => ({ schema: "dbx-network-export/v1", collection: { errors: errors.map((slot) => ({ slot })) }, account: {}, workspaces });

  it("passes, fails, waives, and ignores expired waivers", () => {
    const r = run(ir, docWith([ws(1, good), ws(2, { ...good, workspace_conf: { enableIpAccessLists: "false" } }), ws(3, { ...good, workspace_conf: {} }), ws(4, { apps: [] })]));
    expect(statuses(r, "U-1")).toEqual({ "1": "pass", "2": "waived", "3": "fail" });
    expect(r.waivers.map((w) => w.state)).toEqual(["active", "expired"]);
    expect(r.summary).toEqual({ pass: 1, fail: 1, unknown: 0, waived: 1 });
  });
  it("makes a requirement that read an uncollected slot unknown, even when true", () => {
    const r = run(ir, docWith([ws(1, { apps: [{ name: "a" }], workspace_conf: { enableIpAccessLists: "true" } })], ["workspaces[0].ip_access_lists"]));
    expect(statuses(r, "U-1")).toEqual({ "1": "unknown" });
    const r2 = run(ir, docWith([ws(1, { ...good })], ["workspaces[0].ip_access_lists"]));
    expect(statuses(r2, "U-1")).toEqual({ "1": "unknown" });
    expect(r2.controls[0]!.results[0]!.unknown).toEqual([{ requirement: 2, statement: "require", slots: ["workspaces[0].ip_access_lists"] }]);
  });
  it("still fails on collected data when another requirement is unknown", () => {
    const r = run(ir, docWith([ws(1, { apps: [{ name: "a" }], workspace_conf: {} })], ["workspaces[0].ip_access_lists"]));
    expect(statuses(r, "U-1")).toEqual({ "1": "fail" });
  });
  it("selects a subject whose where read an uncollected slot (at best unknown)", () => {
    const r = run(ir, docWith([ws(1, { workspace_conf: { enableIpAccessLists: "true" }, ip_access_lists: good.ip_access_lists })], ["workspaces[0].apps"]));
    expect(statuses(r, "U-1")).toEqual({ "1": "unknown" });
  });
  it("lets collected data exclude a subject despite an uncollected conjunct", () => {
    const az = compile('control Z-1 "z" {\n  severity high\n  for ws in workspaces where ws.azure_resource is present and count(ws.apps) > 0\n  require false\n}\n');
    const r = run(az, docWith([ws(1, {})], ["workspaces[0].apps"]));
    expect(r.controls[0]!.results).toEqual([]);
    expect(r.controls[0]!.status).toBe("not_applicable");
  });
  it("reports a subject collection that was not collected", () => {
    const r = run(ir, docWith([], ["workspaces"]));
    expect(r.controls[0]!.results.map((x) => [x.subject.key, x.status])).toEqual([["*", "unknown"]]);
  });
  it("an error on an account slot reaches requirements reading it through std", () => {
    const e = compile('control E-1 "e" {\n  severity high\n  for ws in workspaces\n  egress ws {\n    restricted\n  }\n}\n');
    const doc = { ...docWith([ws(1, {})], ["account.network_policies"]), account: {} };
    expect(statuses(run(e, doc), "E-1")).toEqual({ "1": "unknown" });
  });
});

describe("collection errors beneath and beside slots", () => {
  const ir = compile('control C-1 "c" {\n  severity high\n  for ws in workspaces\n  require count(ws.apps) >= 0\n  require ws.workspace_id > 0\n}\n');
  const doc = (errors: string[]) => ({ schema: "dbx-network-export/v1", collection: { errors: errors.map((slot) => ({ slot })) }, account: {}, workspaces: [{ workspace_id: 1, apps: [] }, { workspace_id: 2, apps: [] }] });
  const unknownReqs = (errors: string[]) => run(ir, doc(errors)).controls[0]!.results.map((r) => r.unknown.map((u) => u.requirement));
  it("an error inside a slot's data makes a read of that slot unknown", () => {
    expect(unknownReqs(["workspaces[0].apps[1]"])).toEqual([[1], []]);
  });
  it("an error on a nested slot does not affect reads of the enclosing one", () => {
    expect(unknownReqs(["workspaces[1].apps"])).toEqual([[], [1]]);
  });
  it("an error on one workspace covers every read of it", () => {
    expect(unknownReqs(["workspaces[1]"])).toEqual([[], [1, 2]]);
  });
  it("`*` in an error slot covers every index", () => {
    expect(unknownReqs(["workspaces[*].apps"])).toEqual([[1], [1]]);
  });
});
