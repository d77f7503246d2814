// Resolving the account and credentials like the Databricks CLI: environment, then one
// ~/.databrickscfg profile filling what is unset; explicit options first; clear errors.
import { describe, expect, it } from "vitest";
import { normalizeHost, resolveConfig, type ConfigInput } from "../../src/collect/config.js";
import { parseIni } from "../../src/collect/ini.js";

const ACC = "0d5c3a8e-2f6b-4f3e-9a51-1c2b3d4e5f60";
const HOME = "/home/ana";

function input(env: Record<string, string>, files: Record<string, string> = {}, extra: Partial<ConfigInput> = {}): ConfigInput {
  return { env, home: HOME, readFile: (p) => (p in files ? { text: files[p]! } : { missing: true }), ...extra };
}

const CFG = `
# comment
[DEFAULT]
host = https://accounts.azuredatabricks.net
account_id = ${ACC}
token = dapi-default-000000000000

[sp]
host = https://accounts.cloud.databricks.com/
account_id = "11111111-2222-3333-4444-555555555555"
client_id = 6f9d3c2a-1b4e-4d7a-9c8b-2e5f1a3d7c90
client_secret = dose#with;hash=and-equals
azure_client_id = az-id
azure_client_secret = az-secret-000000000
azure_tenant_id = tenant

[both]
host = https://accounts.azuredatabricks.net
account_id = ${ACC}
token = dapi-both-00000000000
client_id = id
client_secret = secret-000000000
`;

describe("resolveConfig", () => {
  it("reads a token setup from the environment alone", () => {
    const r = resolveConfig(input({ DATABRICKS_HOST: "accounts.azuredatabricks.net", DATABRICKS_ACCOUNT_ID: ACC, DATABRICKS_TOKEN: "dapi-env-0000000000" }));
    expect(r).toEqual({ ok: true, config: { host: "https://accounts.azuredatabricks.net", accountId: ACC, auth: { kind: "pat", token: "dapi-env-0000000000" }, origin: "environment variables", secrets: ["dapi-env-0000000000"] } });
  });

  it("reads OAuth M2M from the environment", () => {
    const r = resolveConfig(input({ DATABRICKS_HOST: "https://accounts.cloud.databricks.com", DATABRICKS_ACCOUNT_ID: ACC, DATABRICKS_CLIENT_ID: "id", DATABRICKS_CLIENT_SECRET: "secret-0000000" }));
    expect(r.ok && r.config.auth).toEqual({ kind: "oauth-m2m", clientId: "id", clientSecret: "secret-0000000" });
  });

  it("uses the DEFAULT profile of ~/.databrickscfg when the environment names no host or credential", () => {
    const r = resolveConfig(input({}, { [`${HOME}/.databrickscfg`]: CFG }));
    expect(r.ok && r.config).toMatchObject({ host: "https://accounts.azuredatabricks.net", accountId: ACC, auth: { kind: "pat", token: "dapi-default-000000000000" }, origin: `profile \`DEFAULT\` of ${HOME}/.databrickscfg` });
  });

  it("reads a named profile (--profile or DATABRICKS_CONFIG_PROFILE) from DATABRICKS_CONFIG_FILE, values verbatim", () => {
    const files = { "/etc/dbx.cfg": CFG };
    for (const inp of [input({ DATABRICKS_CONFIG_FILE: "/etc/dbx.cfg" }, files, { profile: "sp" }), input({ DATABRICKS_CONFIG_FILE: "/etc/dbx.cfg", DATABRICKS_CONFIG_PROFILE: "sp" }, files)]) {
      const r = resolveConfig(inp);
      expect(r.ok && r.config).toMatchObject({
        host: "https://accounts.cloud.databricks.com",
        accountId: "11111111-2222-3333-4444-555555555555",
        auth: { kind: "oauth-m2m", clientId: "6f9d3c2a-1b4e-4d7a-9c8b-2e5f1a3d7c90", clientSecret: "dose#with;hash=and-equals" },
        azure: { clientId: "az-id", clientSecret: "az-secret-000000000", tenantId: "tenant" },
      });
    }
  });

  it("lets the environment win over the profile, and --account-id over both", () => {
    const r = resolveConfig(input({ DATABRICKS_CONFIG_FILE: "~/x.cfg", DATABRICKS_ACCOUNT_ID: "env-acc" }, { [`${HOME}/x.cfg`]: CFG }, { profile: "sp", accountId: ACC }));
    expect(r.ok && r.config.accountId).toBe(ACC);
    const r2 = resolveConfig(input({ DATABRICKS_CONFIG_FILE: "~/x.cfg", DATABRICKS_ACCOUNT_ID: "env-acc" }, { [`${HOME}/x.cfg`]: CFG }, { profile: "sp" }));
    expect(r2.ok && r2.config.accountId).toBe("env-acc");
  });

  it("skips the config file when the environment already sets a host or credential and no profile is named", () => {
    const r = resolveConfig(input({ DATABRICKS_TOKEN: "dapi-env-0000000000" }, { [`${HOME}/.databrickscfg`]: CFG }));
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining("no accounts host") });
  });

  it("rejects a named profile that does not exist, with the profiles there", () => {
    expect(resolveConfig(input({}, { [`${HOME}/.databrickscfg`]: CFG }, { profile: "sq" }))).toEqual({ ok: false, message: `${HOME}/.databrickscfg has no profile \`sq\``, hint: "did you mean `sp`?" });
    expect(resolveConfig(input({}, {}, { profile: "sp" }))).toMatchObject({ ok: false, message: `profile \`sp\` not found: ${HOME}/.databrickscfg does not exist` });
  });

  it("reports an unreadable config file", () => {
    const r = resolveConfig({ env: {}, home: HOME, profile: "x", readFile: () => ({ error: "permission denied" }) });
    expect(r).toEqual({ ok: false, message: `cannot read ${HOME}/.databrickscfg: permission denied` });
  });

  it("refuses two credentials at once unless auth_type chooses", () => {
    const files = { [`${HOME}/.databrickscfg`]: CFG };
    expect(resolveConfig(input({}, files, { profile: "both" }))).toMatchObject({ ok: false, message: "more than one authorization method configured: oauth and pat" });
    const r = resolveConfig(input({ DATABRICKS_AUTH_TYPE: "oauth-m2m" }, files, { profile: "both" }));
    expect(r.ok && r.config.auth.kind).toBe("oauth-m2m");
  });

  it("says what is missing", () => {
    expect(resolveConfig(input({}))).toMatchObject({ ok: false, message: "no Databricks credentials found" });
    expect(resolveConfig(input({ DATABRICKS_HOST: "https://accounts.azuredatabricks.net", DATABRICKS_TOKEN: "dapi-0000000000" }))).toMatchObject({ ok: false, message: expect.stringMatching(/^no account id/) });
    expect(resolveConfig(input({ DATABRICKS_CLIENT_ID: "id" }))).toMatchObject({ ok: false, message: expect.stringContaining("needs both client_id and client_secret") });
    expect(resolveConfig(input({ DATABRICKS_AUTH_TYPE: "azure-cli", DATABRICKS_HOST: "h" }))).toMatchObject({ ok: false, message: "auth_type `azure-cli` is not supported by perimeter export" });
    expect(resolveConfig(input({ DATABRICKS_USERNAME: "u", DATABRICKS_PASSWORD: "p" }))).toMatchObject({ ok: false, message: expect.stringContaining("basic authentication") });
  });

  it("rejects a workspace URL where the accounts host belongs, and a host that is not a URL", () => {
    const env = { DATABRICKS_ACCOUNT_ID: ACC, DATABRICKS_TOKEN: "dapi-0000000000" };
    expect(resolveConfig(input({ ...env, DATABRICKS_HOST: "https://adb-3141592653589793.11.azuredatabricks.net" }))).toMatchObject({ ok: false, message: expect.stringContaining("is a workspace URL") });
    expect(resolveConfig(input({ ...env, DATABRICKS_HOST: "ftp://accounts.azuredatabricks.net" }))).toMatchObject({ ok: false, message: expect.stringContaining("is not an http(s) URL") });
    expect(resolveConfig(input({ ...env, DATABRICKS_HOST: "https://accounts.azuredatabricks.net", DATABRICKS_ACCOUNT_ID: "../../etc" }))).toMatchObject({ ok: false });
  });

  it("never puts a secret in a message", () => {
    const secret = "dose-never-show-this-0000";
    const r = resolveConfig(input({ DATABRICKS_CLIENT_SECRET: secret, DATABRICKS_TOKEN: "dapi-never-show-0000" }));
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain(secret);
    expect(JSON.stringify(r)).not.toContain("dapi-never-show-0000");
  });

  it("resolves the SQL warehouse like the other settings: DATABRICKS_WAREHOUSE_ID over warehouse_id in the profile", () => {
    const files = { [`${HOME}/.databrickscfg`]: `[DEFAULT]\nhost = https://accounts.azuredatabricks.net\naccount_id = ${ACC}\ntoken = dapi-default-000000000000\nwarehouse_id = 5e6f7a8b9c0d1e2f\n` };
    const fromProfile = resolveConfig(input({}, files));
    expect(fromProfile.ok && fromProfile.config.warehouseId).toBe("5e6f7a8b9c0d1e2f");
    const fromEnv = resolveConfig(input({ DATABRICKS_WAREHOUSE_ID: "0a1b2c3d4e5f6a7b" }, files));
    expect(fromEnv.ok && fromEnv.config.warehouseId).toBe("0a1b2c3d4e5f6a7b");
    // The warehouse is not a credential: it does not make the SDK rule skip the file.
    expect(fromEnv.ok && fromEnv.config.origin).toBe(`profile \`DEFAULT\` of ${HOME}/.databrickscfg`);
    const none = resolveConfig(input({ DATABRICKS_HOST: "https://accounts.azuredatabricks.net", DATABRICKS_ACCOUNT_ID: ACC, DATABRICKS_TOKEN: "dapi-env-0000000000" }));
    expect(none.ok && "warehouseId" in none.config).toBe(false);
    const bad = resolveConfig(input({ DATABRICKS_HOST: "https://accounts.azuredatabricks.net", DATABRICKS_ACCOUNT_ID: ACC, DATABRICKS_TOKEN: "dapi-env-0000000000", DATABRICKS_WAREHOUSE_ID: "../sql" }));
    expect(bad).toEqual({ ok: false, message: "the warehouse id `../sql` (environment variables) is not a SQL warehouse id (letters and digits, e.g. 1a2b3c4d5e6f7a8b)" });
  });
});

describe("hosts and the config file format", () => {
  it("normalizes hosts as the SDKs do", () => {
    expect(normalizeHost("accounts.azuredatabricks.net")).toBe("https://accounts.azuredatabricks.net");
    expect(normalizeHost("https://accounts.cloud.databricks.com/some/path/")).toBe("https://accounts.cloud.databricks.com");
    expect(normalizeHost("http://127.0.0.1:8080")).toBe("http://127.0.0.1:8080");
    expect(normalizeHost("https://")).toBeUndefined();
  });

  it("parses INI sections, comments, quotes, `:` and keys before any section", () => {
    const ini = parseIni("\uFEFFhost = top\n; c\n# c\n[a]\ntoken = x#y\nq = 'quoted'\nhost: https://h\n[__proto__]\nk = v\n[a]\nmore = 1\nnot a pair\n");
    expect(Object.fromEntries(ini.get("DEFAULT")!)).toEqual({ host: "top" });
    expect(Object.fromEntries(ini.get("a")!)).toEqual({ token: "x#y", q: "quoted", host: "https://h", more: "1" });
    expect(Object.fromEntries(ini.get("__proto__")!)).toEqual({ k: "v" });
  });
});
