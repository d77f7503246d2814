// The checker's typed view of the export schema: field types, enums, subjects, slots, free-form
// maps, and the view builder's handling of $ref cycles and anyOf/oneOf.
import { describe, expect, it } from "vitest";
import { exportRootType, exportSchema, fieldNames, fieldType, schemaView } from "../../src/schema/index.js";
import type { ObjectTy, Ty } from "../../src/schema/index.js";

/** Follows a dotted path through objects; `[]` steps into a list's element type. */
function at(path: string, from: Ty = exportRootType()): Ty {
  let t: Ty = from;
  for (const step of path.split(".")) {
    if (step === "[]") {
      if (t.kind !== "list") throw new Error(`${path}: not a list at ${step}`);
      t = t.elem;
      continue;
    }
    if (t.kind !== "object") throw new Error(`${path}: not an object before ${step}`);
    const next = fieldType(t, step);
    if (!next) throw new Error(`${path}: no field ${step} on ${t.name}`);
    t = next;
  }
  return t;
}

function obj(path: string): ObjectTy {
  const t = at(path);
  if (t.kind !== "object") throw new Error(`${path} is ${t.kind}`);
  return t;
}

describe("the export view", () => {
  it("types the root document", () => {
    const root = exportRootType();
    expect(root.name).toBe("export");
    expect(fieldNames(root)).toEqual(["schema", "exported_at", "collection", "account", "workspaces", "attestations"]);
    expect(at("schema")).toEqual({ kind: "string", enum: ["dbx-network-export/v1"] });
    expect(root.slots).toEqual(new Set(["workspaces", "attestations"]));
  });

  it("makes workspaces a list of workspace subjects", () => {
    const ws = at("workspaces");
    expect(ws.kind).toBe("list");
    const elem = ws.kind === "list" ? ws.elem : undefined;
    expect(elem).toMatchObject({
      kind: "object",
      name: "workspace",
      subject: { kind: "workspace", key: ["workspace_id"], label: [["account_workspace", "workspace_name"], ["workspace_url"]] },
    });
    expect(at("workspaces.[].workspace_id")).toEqual({ kind: "number" });
  });

  it("lists the per-workspace and account slots", () => {
    expect(obj("workspaces.[]").slots).toEqual(
      new Set(["account_workspace", "azure_resource", "network_option", "workspace_conf", "ip_access_lists", "apps", "outbound_network_summary"]),
    );
    expect(obj("account").slots).toEqual(
      new Set(["ip_access_lists", "ip_access_enable", "network_policies", "network_connectivity_configs", "private_access_settings", "registered_endpoints"]),
    );
  });

  it("types workspace_conf values as strings (nullable in the data)", () => {
    expect(obj("workspaces.[].workspace_conf").name).toBe("workspace_conf");
    expect(at("workspaces.[].workspace_conf.enableIpAccessLists")).toEqual({ kind: "string" });
    expect(fieldType(obj("workspaces.[].workspace_conf"), "enableIpAccesLists")).toBeUndefined();
  });

  it("carries the network policy enums", () => {
    const na = "account.network_policies.[].egress.network_access";
    expect(obj(na).name).toBe("egress_network_access");
    const mode = at(`${na}.restriction_mode`);
    expect(mode.kind).toBe("string");
    expect(mode.kind === "string" && mode.enum).toEqual(["FULL_ACCESS", "RESTRICTED_ACCESS", "RESTRICTION_MODE_UNSPECIFIED"]);
    expect(at(`${na}.policy_enforcement.enforcement_mode`)).toEqual({
      kind: "string",
      enum: ["ENFORCED", "DRY_RUN", "ENFORCEMENT_MODE_UNSPECIFIED"],
    });
    expect(at(`${na}.policy_enforcement.dry_run_mode_product_filter`)).toEqual({
      kind: "list",
      elem: { kind: "string", enum: ["DBSQL", "ML_SERVING"] },
    });
    expect(at("account.network_policies.[].ingress_dry_run.public_access.allow_rules.[].origin.included_ip_ranges.ip_ranges")).toEqual({
      kind: "list",
      elem: { kind: "string" },
    });
    expect(obj("account.network_policies.[]").subject?.key).toEqual(["network_policy_id"]);
  });

  it("types apps, including the Perimeter-added x_source_files", () => {
    expect(obj("workspaces.[].apps.[]").subject).toEqual({ kind: "app", key: ["name"], label: [["name"]] });
    expect(at("workspaces.[].apps.[].x_source_files")).toEqual({ kind: "list", elem: { kind: "string" } });
    expect(at("workspaces.[].apps.[].compute_status.state")).toMatchObject({ kind: "string" });
    expect(obj("workspaces.[].apps.[].compute_status").name).toBe("compute_status");
    expect(obj("workspaces.[].apps.[].resources.[]").name).toBe("app_resource");
  });

  it("types the ARM workspace resource", () => {
    const params = obj("workspaces.[].azure_resource.properties.parameters");
    expect(at("enableNoPublicIp.value", params)).toEqual({ kind: "bool" });
    expect(at("customVirtualNetworkId.value", params)).toEqual({ kind: "string" });
    expect(at("workspaces.[].azure_resource.properties.workspaceId")).toEqual({ kind: "string" });
    expect(at("workspaces.[].azure_resource.properties.publicNetworkAccess")).toEqual({ kind: "string", enum: ["Enabled", "Disabled"] });
    // Parameters beyond the known ones are {type, value} pairs with any value.
    expect(fieldType(params, "someFutureParameter")).toMatchObject({ kind: "object", name: "azure_parameter" });
    expect(at("someFutureParameter.value", params)).toEqual({ kind: "any" });
    expect(obj("workspaces.[].azure_resource.properties.privateEndpointConnections.[]").subject?.key).toEqual(["name"]);
  });

  it("gives free-form maps a rest type and everything else none", () => {
    const tags = obj("workspaces.[].azure_resource.tags");
    expect(tags.fields.size).toBe(0);
    expect(tags.rest).toEqual({ kind: "string" });
    expect(fieldType(tags, "any-key-at-all")).toEqual({ kind: "string" });
    expect(fieldType(obj("workspaces.[].azure_resource.properties.encryption.entities"), "managedServices")).toEqual({ kind: "any" });
    const ws = obj("workspaces.[]");
    expect(ws.rest).toBeUndefined();
    expect(fieldType(ws, "workspace_nmae")).toBeUndefined();
    expect(fieldNames(ws)).not.toContain("workspace_nmae");
    expect(fieldNames(ws)).toContain("workspace_id");
  });

  it("resolves every subject key and label to a field", () => {
    const seen = new Set<ObjectTy>();
    const kinds = new Set<string>();
    const visit = (t: Ty): void => {
      if (t.kind === "list") return visit(t.elem);
      if (t.kind !== "object" || seen.has(t)) return;
      seen.add(t);
      if (t.subject) {
        kinds.add(t.subject.kind);
        for (const path of [t.subject.key, ...t.subject.label]) {
          expect(() => at(path.join("."), t), `${t.name}: ${path.join(".")}`).not.toThrow();
        }
      }
      for (const f of t.fields.values()) visit(f);
    };
    visit(exportRootType());
    expect([...kinds].sort()).toEqual([
      "account", "app", "dns_zone", "internet_destination", "ip_access_list", "ncc", "network_policy",
      "outbound_destination", "private_access_settings", "private_endpoint_connection", "private_endpoint_rule",
      "registered_endpoint", "storage_destination", "workspace",
    ]);
  });

  it("names objects after their $defs entry or property", () => {
    const defs = Object.keys(exportSchema()["$defs"] as object);
    expect(defs).toContain("workspace_conf");
    expect(obj("account.network_connectivity_configs.[]").name).toBe("ncc");
    expect(obj("account.network_connectivity_configs.[].private_endpoint_rules.[]").name).toBe("private_endpoint_rule");
    expect(obj("account.network_connectivity_configs.[].egress_config.default_rules").name).toBe("default_rules");
  });
});

describe("schemaView on small schemas", () => {
  it("terminates on recursive $refs and shares one object", () => {
    const root = schemaView({
      type: "object",
      properties: { tree: { $ref: "#/$defs/node" } },
      $defs: { node: { type: "object", properties: { children: { type: "array", items: { $ref: "#/$defs/node" } } } } },
    });
    const node = at("tree", root);
    expect(at("children.[]", node)).toBe(node);
  });

  it("merges anyOf/oneOf object alternatives and falls back to any otherwise", () => {
    const root = schemaView({
      type: "object",
      properties: {
        either: {
          oneOf: [
            { type: "object", properties: { a: { type: "string", enum: ["X"] } } },
            { type: "object", properties: { a: { type: "string", enum: ["Y"] }, b: { type: "integer" } } },
          ],
        },
        mixed: { anyOf: [{ type: "string" }, { type: "object" }] },
        nullable: { anyOf: [{ type: "boolean" }, { type: "null" }] },
      },
    });
    expect(at("either.a", root)).toEqual({ kind: "string", enum: ["X", "Y"] });
    expect(at("either.b", root)).toEqual({ kind: "number" });
    expect(at("either", root)).toMatchObject({ name: "either" });
    expect(at("mixed", root)).toEqual({ kind: "any" });
    expect(at("nullable", root)).toEqual({ kind: "bool" });
  });

  it("treats additionalProperties true as closed for the checker and a schema as rest", () => {
    const root = schemaView({
      type: "object",
      properties: {
        open: { type: "object", additionalProperties: true, properties: { x: { type: "number" } } },
        map: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
        anyMap: { type: "object", additionalProperties: {} },
      },
    });
    expect((at("open", root) as ObjectTy).rest).toBeUndefined();
    expect((at("map", root) as ObjectTy).rest).toEqual({ kind: "list", elem: { kind: "string" } });
    expect((at("anyMap", root) as ObjectTy).rest).toEqual({ kind: "any" });
  });

  it("rejects dangling references", () => {
    expect(() => schemaView({ type: "object", properties: { a: { $ref: "#/$defs/missing" } } })).toThrow(/dangling/);
  });
});
