// The hand-written baseline of bench/baseline gives the reference evaluator's results — control,
// subject key, status and failed requirements — on every export file in the repository (as raw
// text and as the loaded document), with default and site parameters, and on generated exports
// (test/helpers/arbitrary-export.ts, and richer ones from ./arbitrary-rich.ts). Its table of the
// slots each condition reads is the compiler's read analysis.
import fc from "fast-check";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { baselineCheck, CONTROLS, type BaselineParams, type BaselineResult } from "../../bench/baseline/index.js";
import { AIE, AIL, SLOT_NAMES } from "../../bench/baseline/slots.js";
import type { ParamValues } from "../../src/eval/interp.js";
import { applyOverrides, defaultParams } from "../../src/eval/params.js";
import { evaluate } from "../../src/eval/run.js";
import { parseExport } from "../../src/export/load.js";
import type { IrProgram, SlotRead } from "../../src/ir/ir.js";
import { lowerProgram } from "../../src/ir/lower.js";
import { frontEnd, readPolicyFiles } from "../../src/program/load.js";
import { exportDocument } from "../helpers/arbitrary-export.js";
import { richExport, siteParams } from "./arbitrary-rich.js";
import { runCount } from "../helpers/env.js";

const RUNS = runCount("PERIMETER_PROPERTY_RUNS", 200);
/** The rich exports meet rare conjunctions (e.g. an unnamed storage destination and a matching rule) only every few hundred runs. */
const RICH_RUNS = 3 * RUNS;

function compile(): IrProgram {
  const fe = frontEnd(readPolicyFiles(["policies"]).sources);
  expect(fe.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return lowerProgram(fe.program!);
}

const ir = compile();
const defaults = defaultParams(ir);

/** The export files of the repository: every JSON document whose `schema` is the export format. */
function exportFiles(): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (name === "node_modules") continue;
      if (statSync(path).isDirectory()) visit(path);
      else if (name.endsWith(".json") && readFileSync(path, "utf8").includes("dbx-network-export/v1")) {
        const doc = JSON.parse(readFileSync(path, "utf8")) as unknown;
        if (typeof doc === "object" && doc !== null && (doc as { schema?: unknown }).schema === "dbx-network-export/v1") out.push(path);
      }
    }
  };
  for (const d of ["examples", "policies", "test"]) visit(d);
  return out;
}

/** Loads export text as the CLI does (envelopes unwrapped, collection errors parsed). */
function load(file: string, text: string) {
  const r = parseExport(file, text);
  expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
  return r.export!;
}

/** The reference evaluator's results, in the baseline's form. */
function reference(text: string, params: ParamValues): BaselineResult[] {
  const exp = load("export.json", text);
  const report = evaluate(ir, { document: exp.document, errors: exp.errors }, { now: null, params });
  return report.controls.flatMap((c) =>
    c.results.map((r) => ({ control: c.id, subject: r.subject.key, status: r.status as BaselineResult["status"], failed: r.failures.map((f) => f.requirement) })),
  );
}

function plain(rs: readonly BaselineResult[]) {
  return rs.map((r) => ({ control: r.control, subject: r.subject, status: r.status, failed: [...r.failed] }));
}

/** Site params as the evaluator holds them, and as the baseline takes them. */
function both(overrides: unknown): { ref: ParamValues; base: BaselineParams } {
  const site = applyOverrides(ir, overrides, "site.yaml");
  expect(site.problems).toEqual([]);
  const apps = site.params.get("databricks.apps")!;
  return { ref: site.params, base: { corporate: apps.get("corporate") as string[], approved_destinations: apps.get("approved_destinations") as string[] } };
}

function compare(text: string, params: ParamValues, base?: BaselineParams): void {
  const want = reference(text, params);
  const opts = base === undefined ? undefined : { params: base };
  expect(plain(baselineCheck(text, opts))).toEqual(want);
  expect(plain(baselineCheck(load("export.json", text).document, opts))).toEqual(want);
}

/**
 * Hand-built exports for conjunctions the generators reach only rarely: one Azure workspace with
 * apps, bound to NCC `ncc-1` and network policy `p1`, each case changing a few fields.
 */
function edgeCase(change: (ws: Record<string, any>, policy: Record<string, any>, ncc: Record<string, any>, doc: Record<string, any>) => void): string {
  const policy: Record<string, any> = {
    network_policy_id: "p1",
    egress: { network_access: { restriction_mode: "RESTRICTED_ACCESS", allowed_internet_destinations: [], allowed_storage_destinations: [] } },
  };
  const ncc: Record<string, any> = {
    network_connectivity_config_id: "ncc-1",
    region: "eastus2",
    egress_config: { target_rules: { azure_private_endpoint_rules: [{ rule_id: "r1", group_id: "blob", resource_id: "/subscriptions/x/storageAccounts/lake", connection_state: "ESTABLISHED" }] } },
  };
  const ws: Record<string, any> = {
    workspace_id: 7,
    account_workspace: { cloud: "azure", location: "eastus2", network_connectivity_config_id: "ncc-1" },
    azure_resource: { location: "eastus2", properties: {} },
    network_option: { network_policy_id: "p1" },
    apps: [{ name: "a", x_source_files: ["requirements.txt"] }],
  };
  const doc: Record<string, any> = { schema: "dbx-network-export/v1", account: { account_id: "acc", network_policies: [policy], network_connectivity_configs: [ncc] }, workspaces: [ws] };
  change(ws, policy, ncc, doc);
  return JSON.stringify(doc);
}

const edgeCases: Record<string, string> = {
  "a storage destination without an account name allows a resource id ending in /storageAccounts/": edgeCase((_ws, p, n) => {
    p["egress"].network_access.allowed_storage_destinations = [{ storage_destination_type: "AZURE_STORAGE", azure_storage_service: "Blob" }];
    n["egress_config"].target_rules.azure_private_endpoint_rules[0].resource_id = "/subscriptions/x/storageAccounts/";
  }),
  "an unallowed storage rule without a resource id is not counted": edgeCase((_ws, _p, n) => {
    delete n["egress_config"].target_rules.azure_private_endpoint_rules[0].resource_id;
  }),
  "a name ending in digits is not a domain, even where a site pattern would match it": edgeCase((_ws, p) => {
    p["egress"].network_access.allowed_internet_destinations = [{ destination: "10.0.0.1" }, { destination: "pypi.org" }];
  }),
  "a label starting with a hyphen is not a domain": edgeCase((_ws, p) => {
    p["egress"].network_access.allowed_internet_destinations = [{ destination: "-x.com" }, { destination: "pypi.org" }];
  }),
  "a blocked pattern wins over the allowed serving domain and FULL_ACCESS": edgeCase((_ws, p) => {
    p["egress"].network_access.restriction_mode = "FULL_ACCESS";
    p["egress"].network_access.blocked_internet_destinations = [{ destination: "*.databricksapps.com" }, { destination: "*.org" }];
  }),
  "DRY_RUN with a product filter naming APPS does not enforce apps": edgeCase((_ws, p) => {
    p["egress"].network_access.policy_enforcement = { enforcement_mode: "DRY_RUN", dry_run_mode_product_filter: ["DBSQL", "APPS"] };
  }),
  "DRY_RUN for DBSQL only enforces apps": edgeCase((_ws, p) => {
    p["egress"].network_access.policy_enforcement = { enforcement_mode: "DRY_RUN", dry_run_mode_product_filter: ["DBSQL"] };
  }),
  "a broken rule without any name is not listed": edgeCase((_ws, _p, n) => {
    n["private_endpoint_rules"] = [{ group_id: "sqlServer", connection_state: "PENDING" }, { rule_id: "r9", connection_state: "REJECTED", deactivated: true }];
  }),
  "an NCC in another region, compared case-insensitively with the ARM location": edgeCase((ws, _p, n) => {
    n["region"] = "EastUS2";
    delete ws["account_workspace"].location;
    ws["azure_resource"].location = "EASTUS2";
  }),
  "allow lists that open all of IPv4 in halves, minus a BLOCK range": edgeCase((ws) => {
    ws["workspace_conf"] = { enableIpAccessLists: "true" };
    ws["ip_access_lists"] = [
      { list_id: "a", list_type: "ALLOW", enabled: true, ip_addresses: ["0.0.0.0/1", "128.0.0.0/1", "::/1", "8000::/1"] },
      { list_id: "b", list_type: "BLOCK", enabled: true, ip_addresses: ["2001:db8::/32"] },
    ];
  }),
  "an octet with a leading zero is not an address": edgeCase((ws) => {
    ws["ip_access_lists"] = [{ list_id: "a", list_type: "ALLOW", enabled: true, ip_addresses: ["010.0.0.1"] }];
  }),
  "a CIDR with host bits set is not an address": edgeCase((ws) => {
    ws["ip_access_lists"] = [{ list_id: "a", list_type: "ALLOW", enabled: true, ip_addresses: ["10.1.2.3/16"] }];
  }),
  "a corporate range covered by ALLOW minus BLOCK pieces": edgeCase((ws) => {
    ws["ip_access_lists"] = [
      { list_id: "a", list_type: "ALLOW", enabled: true, ip_addresses: ["10.0.0.0/8", "203.0.113.0/24", "fc00::/6"] },
      { list_id: "b", list_type: "BLOCK", enabled: true, ip_addresses: ["203.0.113.0/25", "203.0.113.128/25", "fe00::/7"] },
    ];
  }),
  "an uncollected denial log leaves the storage-account requirement decided": edgeCase((_ws, _p, _n, doc) => {
    doc["collection"] = { errors: [{ slot: "workspaces[0].outbound_network_summary" }] };
  }),
  "many policies and NCCs (looked up by id, the first of a duplicated id wins)": edgeCase((_ws, p, n, doc) => {
    const others = Array.from({ length: 10 }, (_, k) => ({ network_policy_id: `q${k}`, egress: { network_access: { restriction_mode: "FULL_ACCESS" } } }));
    doc["account"].network_policies = [...others, p, { ...others[0], network_policy_id: "p1" }];
    const nccs = Array.from({ length: 10 }, (_, k) => ({ network_connectivity_config_id: `n${k}`, region: "westeurope" }));
    doc["account"].network_connectivity_configs = [...nccs, { ...n, region: "westeurope" }, n];
  }),
  "the uncollected list of workspaces": edgeCase((_ws, _p, _n, doc) => {
    doc["collection"] = { errors: [{ slot: "workspaces" }, { slot: "account.network_connectivity_configs[0].private_endpoint_rules" }] };
  }),
  "an uncollected nested slot of an NCC only": edgeCase((_ws, _p, n, doc) => {
    n["private_endpoint_rules"] = [{ rule_id: "r2", connection_state: "PENDING" }];
    doc["collection"] = { errors: [{ slot: "account.network_connectivity_configs[*].private_endpoint_rules" }] };
  }),
  "context-based ingress in dry run with open public rules": edgeCase((_ws, p) => {
    p["ingress_dry_run"] = { public_access: { restriction_mode: "RESTRICTED_ACCESS", allow_rules: [{ origin: { included_ip_ranges: { ip_ranges: ["10.1.0.0/16", "fd00::/8"] } } }, { origin: { all_ip_ranges: false } }] } };
  }),
};

const files = exportFiles();
const site = both(parseYaml(readFileSync("examples/params/site.yaml", "utf8")));

describe("the hand-written baseline agrees with the reference evaluator", () => {
  it("covers the library: the same controls, and the slots each condition reads", () => {
    expect(CONTROLS.map((c) => c.id)).toEqual(ir.controls.map((c) => c.id));
    const bits = (reads: readonly SlotRead[], account: boolean) =>
      reads.reduce((m, r) => {
        const name = `${r.root === "subject" ? "{s}" : ""}${r.root === "subject" && r.steps.length > 0 ? "." : ""}${r.steps.join(".")}`;
        const bit = account && name === "{s}.ip_access_lists" ? AIL : account && name === "{s}.ip_access_enable" ? AIE : SLOT_NAMES.find(([, n]) => n === name)?.[0];
        expect(bit, `no bit for the read ${name}`).toBeDefined();
        return m | bit!;
      }, 0);
    for (const [k, c] of ir.controls.entries()) {
      const mine = CONTROLS[k]!;
      const account = c.subject.kind === "account";
      expect(mine.subject).toBe(c.subject.kind);
      expect(c.subject.collection.reads.every((r) => r.steps.join(".") === "workspaces")).toBe(true);
      expect(mine.where, `${c.id} where`).toEqual(c.subject.where.map((w) => bits(w.reads, account)));
      expect(mine.requires, `${c.id} requirements`).toEqual(c.requirements.map((r) => bits(r.reads, account)));
    }
    expect(ir.waivers).toEqual([]);
  });

  it("finds the export files", () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(files)("on %s", (file) => {
    const text = readFileSync(file, "utf8");
    compare(text, defaults);
    compare(text, site.ref, site.base);
  });

  it.each(Object.entries(edgeCases))("when %s", (_name, text) => {
    compare(text, defaults);
    compare(text, site.ref, site.base);
    const p = both({ "databricks.apps": { approved_destinations: ["*.0.1", "*.com", "pypi.org"], corporate: ["10.0.0.0/8", "203.0.113.0/24", "fc00::/7"] } });
    compare(text, p.ref, p.base);
  });

  it("on generated exports (test/helpers/arbitrary-export.ts)", () => {
    fc.assert(
      fc.property(exportDocument, (doc) => compare(JSON.stringify(doc), defaults)),
      { numRuns: RUNS },
    );
  });

  it("on generated exports with every part the library reads, envelopes and collection errors", () => {
    fc.assert(
      fc.property(richExport, siteParams, (doc, overrides) => {
        const text = JSON.stringify(doc);
        compare(text, defaults);
        const p = both(overrides);
        compare(text, p.ref, p.base);
      }),
      { numRuns: RICH_RUNS },
    );
  });
});
