// Validation of export documents against dbx-network-export/v1: real examples pass, malformed
// documents fail with the JSON pointer and keyword the loader reports.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createExportAjv, createExportValidator } from "../../src/schema/ajv.js";
import { exportSchema } from "../../src/schema/index.js";
import { exportValidator } from "../../src/schema/validator.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "exports");

function fixture(name: string): Record<string, any> {
  return JSON.parse(readFileSync(join(FIXTURES, name), "utf8")) as Record<string, any>;
}

const validate = createExportValidator();

function errorsOf(doc: unknown): { instancePath: string; keyword: string }[] {
  const ok = validate(doc);
  return ok ? [] : (validate.errors ?? []).map((e) => ({ instancePath: e.instancePath, keyword: e.keyword }));
}

describe("the export schema", () => {
  it("is a draft 2020-12 schema with the Perimeter id", () => {
    const s = exportSchema();
    expect(s["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(s["$id"]).toBe("https://perimeter.dev/schemas/dbx-network-export-v1.json");
  });

  it("compiles under ajv strict mode with the custom keywords registered", () => {
    expect(typeof createExportValidator()).toBe("function");
  });

  it("documents every definition", () => {
    const defs = exportSchema()["$defs"] as Record<string, { description?: string }>;
    const missing = Object.entries(defs).filter(([, d]) => !d.description).map(([n]) => n);
    expect(missing).toEqual([]);
  });

  it("documents every property (directly or through its $defs entry)", () => {
    const undocumented: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== "object" || node === null) return;
      const n = node as Record<string, unknown>;
      for (const [name, sub] of Object.entries((n["properties"] ?? {}) as Record<string, Record<string, unknown>>)) {
        if (!sub["description"] && typeof sub["$ref"] !== "string") undocumented.push(`${path}.${name}`);
        walk(sub, `${path}.${name}`);
      }
      if (n["items"]) walk(n["items"], `${path}[]`);
    };
    const s = exportSchema();
    walk(s, "");
    for (const [name, def] of Object.entries(s["$defs"] as Record<string, unknown>)) walk(def, `$defs.${name}`);
    expect(undocumented).toEqual([]);
  });

  it("rejects malformed Perimeter annotations (strict keywords with meta-schemas)", () => {
    const ajv = createExportAjv();
    expect(() => ajv.compile({ type: "object", "x-perimeter-subject": { kind: "workspace" } })).toThrow();
    expect(() => ajv.compile({ type: "object", "x-perimeter-slot": "yes" })).toThrow();
    expect(() => ajv.compile({ type: "object", "x-perimeter-typo": true })).toThrow(/unknown keyword/);
  });
});

describe("valid exports", () => {
  it.each([
    "contoso-prod-azure.json",
    "contoso-dev-azure-noncompliant.json",
    "reference-5-1.json",
    "reference-5-2.json",
    "reference-sections.json",
  ])("%s validates", (name) => {
    expect(errorsOf(fixture(name))).toEqual([]);
  });

  it("accepts unknown extra fields anywhere (APIs add fields)", () => {
    const doc = fixture("contoso-prod-azure.json");
    doc["x_exporter"] = { name: "perimeter-export", version: "0.1.0" };
    doc["workspaces"][0]["apps"][0]["new_api_field"] = { nested: [1, 2, 3] };
    doc["account"]["network_policies"][1]["egress"]["network_access"]["future_flag"] = true;
    expect(errorsOf(doc)).toEqual([]);
  });

  it("accepts a minimal document (zero values omitted)", () => {
    expect(errorsOf({ schema: "dbx-network-export/v1", workspaces: [{ workspace_id: 1 }] })).toEqual([]);
  });

  it("accepts null workspace-conf values (key never set)", () => {
    const doc = fixture("contoso-prod-azure.json");
    doc["workspaces"][0]["workspace_conf"] = { enableIpAccessLists: null, maxTokenLifetimeDays: "90" };
    expect(errorsOf(doc)).toEqual([]);
  });

  it("accepts free-form ARM tags and unknown ARM parameters", () => {
    const doc = fixture("contoso-prod-azure.json");
    const arm = doc["workspaces"][0]["azure_resource"];
    arm["tags"] = { env: "prod", "cost-center": "42" };
    arm["properties"]["parameters"]["someNewParameter"] = { type: "Object", value: { a: 1 } };
    expect(errorsOf(doc)).toEqual([]);
  });
});

describe("invalid exports", () => {
  it("rejects a wrong schema tag at /schema (const)", () => {
    const doc = fixture("contoso-prod-azure.json");
    doc["schema"] = "dbx-network-export/v2";
    expect(errorsOf(doc)).toEqual([{ instancePath: "/schema", keyword: "const" }]);
  });

  it("rejects a document without a schema tag (required)", () => {
    const doc = fixture("contoso-prod-azure.json");
    delete doc["schema"];
    expect(errorsOf(doc)).toEqual([{ instancePath: "", keyword: "required" }]);
  });

  it("rejects a string workspace_id (type)", () => {
    const doc = fixture("contoso-prod-azure.json");
    doc["workspaces"][0]["workspace_id"] = "3141592653589793";
    expect(errorsOf(doc)).toEqual([{ instancePath: "/workspaces/0/workspace_id", keyword: "type" }]);
  });

  it("rejects ip_access_lists given as an object (type)", () => {
    const doc = fixture("contoso-prod-azure.json");
    doc["workspaces"][0]["ip_access_lists"] = { ip_access_lists: [] };
    expect(errorsOf(doc)).toEqual([{ instancePath: "/workspaces/0/ip_access_lists", keyword: "type" }]);
  });

  it("reports an unknown enum value with its pointer (enum)", () => {
    const doc = fixture("contoso-prod-azure.json");
    doc["account"]["network_policies"][1]["egress"]["network_access"]["restriction_mode"] = "RESTRICTED";
    expect(errorsOf(doc)).toEqual([
      { instancePath: "/account/network_policies/1/egress/network_access/restriction_mode", keyword: "enum" },
    ]);
  });

  it("lists every problem, not just the first (allErrors)", () => {
    const doc = fixture("contoso-dev-azure-noncompliant.json");
    doc["exported_at"] = "yesterday";
    doc["collection"]["cloud"] = "azure-china";
    doc["workspaces"][0]["ip_access_lists"][0]["enabled"] = "true";
    doc["workspaces"][0]["azure_resource"]["properties"]["parameters"]["enableNoPublicIp"]["value"] = "false";
    expect(errorsOf(doc)).toEqual(
      expect.arrayContaining([
        { instancePath: "/exported_at", keyword: "format" },
        { instancePath: "/collection/cloud", keyword: "enum" },
        { instancePath: "/workspaces/0/ip_access_lists/0/enabled", keyword: "type" },
        { instancePath: "/workspaces/0/azure_resource/properties/parameters/enableNoPublicIp/value", keyword: "type" },
      ]),
    );
  });

  it("rejects a non-string workspace-conf value (numbers come as strings)", () => {
    const doc = fixture("contoso-prod-azure.json");
    doc["workspaces"][0]["workspace_conf"] = { enableIpAccessLists: true };
    expect(errorsOf(doc)).toEqual([{ instancePath: "/workspaces/0/workspace_conf/enableIpAccessLists", keyword: "type" }]);
  });

  it("rejects a non-string ARM tag value", () => {
    const doc = fixture("contoso-prod-azure.json");
    doc["workspaces"][0]["azure_resource"]["tags"] = { env: 1 };
    expect(errorsOf(doc)).toEqual([{ instancePath: "/workspaces/0/azure_resource/tags/env", keyword: "type" }]);
  });
});

describe("the standalone validator generated at build time (src/schema/validator.ts)", () => {
  // The CLI validates with code ajv generated from the schema by `npm run build`; it must say
  // exactly what the validator compiled here says, on valid documents and on broken ones.
  const compiled = createExportValidator();
  const outcome = (v: typeof compiled, doc: unknown): unknown => (v(doc) ? [] : (v.errors ?? []).map((e) => ({ ...e })));

  /** Every leaf and every object/array of `doc` replaced in turn by a value of another type. */
  function* mutations(doc: unknown): Generator<unknown> {
    const replacements = [42, "x", null, true, {}, [], -1.5];
    const paths: (string | number)[][] = [];
    const walk = (node: unknown, path: (string | number)[]): void => {
      if (path.length > 0) paths.push(path);
      if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...path, i]));
      else if (node !== null && typeof node === "object") for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
    };
    walk(doc, []);
    for (const [i, path] of paths.entries()) {
      const copy = structuredClone(doc) as Record<string | number, unknown>;
      let parent: Record<string | number, unknown> = copy;
      for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
      parent[path.at(-1)!] = replacements[i % replacements.length];
      yield copy;
    }
  }

  it("gives the compiled validator's verdict and errors on every fixture and on mutations of two of them", () => {
    let compared = 0;
    for (const name of ["contoso-dev-azure-noncompliant.json", "reference-sections.json"]) {
      const doc = fixture(name);
      expect(outcome(exportValidator, doc)).toEqual(outcome(compiled, doc));
      for (const m of mutations(doc)) {
        expect(outcome(exportValidator, m)).toEqual(outcome(compiled, m));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(200);
  });
});
