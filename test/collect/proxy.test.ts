// `perimeter export` behind a proxy: HTTP_PROXY / HTTPS_PROXY / NO_PROXY (and the lowercase
// forms) are honoured, through a real forward proxy on 127.0.0.1 (test/helpers/proxy.ts) in
// front of the fake Databricks server: every request goes through it, NO_PROXY bypasses it,
// its credentials are sent to it and never printed. Then the bundled binary, as a user runs
// it: aimed at the fake server by environment and flags only (DATABRICKS_HOST,
// --workspace-url, PERIMETER_ARM_URL / PERIMETER_LOGIN_URL), through the proxy; and over
// https:// through a CONNECT tunnel of HTTPS_PROXY, the server's certificate verified end to end
// (trusted through NODE_EXTRA_CA_CERTS, refused without it).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runExport } from "../../src/cli/export.js";
import { networkFailure } from "../../src/collect/api-error.js";
import { proxySettings } from "../../src/collect/proxy.js";
import { checkWorkspaceUrlTemplate, workspaceUrlFromTemplate } from "../../src/collect/hosts.js";
import { BigIntText } from "../../src/collect/json.js";
import { spawn } from "node:child_process";
import { CLI_BIN, testCacheHome } from "../helpers/cli.js";
import { startProxy, type TestProxy } from "../helpers/proxy.js";
import { ACCOUNT, captureIo, depsFor, tempFile } from "./harness.js";
import { loadRoutes, startServer, type FakeServer } from "./server.js";

const SCENARIO = "azure-account";
const PAT = "dapi0123456789abcdef0123456789abcdef-3";

let server: FakeServer | undefined;
let proxy: TestProxy | undefined;
afterEach(async () => {
  await server?.close();
  await proxy?.close();
  server = undefined;
  proxy = undefined;
});

async function exportVia(env: Record<string, string>, args: string[] = []) {
  server = await startServer(SCENARIO, loadRoutes(SCENARIO), { acceptedTokens: [PAT] });
  const all = { DATABRICKS_HOST: server.url, DATABRICKS_ACCOUNT_ID: ACCOUNT, DATABRICKS_TOKEN: PAT, ...env };
  const out = tempFile("export.json");
  const io = captureIo();
  const code = await runExport(["-o", out, ...args], io, depsFor(server, all));
  return { code, io, doc: JSON.parse(readFileSync(out, "utf8").split(server.url).join("SERVER")), server };
}

/** The bundled binary, spawned without blocking this process (which serves its requests). */
function runCliAsync(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { env: { ...process.env, NO_COLOR: "1", XDG_CACHE_HOME: testCacheHome(), ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The fake server's host:port, as the proxy sees it in CONNECT lines. */
const hostOf = (s: FakeServer) => new URL(s.url).host;

describe("perimeter export through a proxy", () => {
  it("sends every request through HTTP_PROXY and collects what it collects directly", async () => {
    const direct = await exportVia({});
    await server!.close();
    proxy = await startProxy();
    const via = await exportVia({ HTTP_PROXY: proxy.url });
    expect(via.code).toBe(direct.code);
    expect(via.doc).toEqual(direct.doc);
    expect(via.server.requests.length).toBeGreaterThan(10);
    // One tunnel per connection undici opened, all to the fake server and nowhere else.
    expect(proxy.hits.length).toBeGreaterThan(0);
    for (const h of proxy.hits) expect(h.line).toBe(`CONNECT ${hostOf(via.server)}`);
  });

  it("honours the lowercase form, and HTTPS_PROXY alone does not proxy http:// hosts", async () => {
    proxy = await startProxy();
    await exportVia({ http_proxy: proxy.url });
    expect(proxy.hits.length).toBeGreaterThan(0);
    await server!.close();
    const before = proxy.hits.length;
    const r = await exportVia({ HTTPS_PROXY: proxy.url });
    // http:// hosts go through HTTP_PROXY only (https:// ones through HTTPS_PROXY, else HTTP_PROXY).
    expect(r.server.requests.length).toBeGreaterThan(10);
    expect(proxy.hits.length - before).toBe(0);
  });

  it("goes direct for hosts in NO_PROXY (by name, with a port, or *)", async () => {
    proxy = await startProxy();
    for (const noProxy of ["127.0.0.1", "localhost,127.0.0.1", "*"]) {
      const r = await exportVia({ HTTP_PROXY: proxy.url, NO_PROXY: noProxy });
      expect(r.server.requests.length).toBeGreaterThan(10);
      await server!.close();
      server = undefined;
    }
    expect(proxy.hits).toEqual([]);
    const r = await exportVia({ HTTP_PROXY: proxy.url, no_proxy: `127.0.0.1:${new URL(proxy.url).port}` });
    // A NO_PROXY entry with another port does not match the server: proxied.
    expect(r.server.requests.length).toBeGreaterThan(10);
    expect(proxy.hits.length).toBeGreaterThan(0);
  });

  it("sends the proxy's credentials to the proxy and never prints them", async () => {
    proxy = await startProxy({ credentials: { user: "svc", password: "pr0xy-s3cret" } });
    const r = await exportVia({ HTTP_PROXY: proxy.url.replace("http://", "http://svc:pr0xy-s3cret@") }, ["--verbose"]);
    expect(proxy.hits.length).toBeGreaterThan(0);
    expect(proxy.hits.every((h) => h.authorization === `Basic ${Buffer.from("svc:pr0xy-s3cret").toString("base64")}`)).toBe(true);
    expect(r.server.requests.length).toBeGreaterThan(10);
    const printed = r.io.all();
    expect(printed).toContain(`proxy: http(s) through ${proxy.url}`);
    expect(printed).not.toContain("pr0xy-s3cret");
  });

  it("records a timed-out request with the string code TIMEOUT (a DOMException's numeric code never reaches collection.errors)", () => {
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    expect(typeof (timeout as unknown as { code: unknown }).code).toBe("number");
    expect(networkFailure(timeout)).toEqual({ errorCode: "TIMEOUT", message: "no response: the request timed out" });
    expect(networkFailure(Object.assign(new Error("x"), { cause: { code: 7, message: "odd" } }))).toEqual({ message: "no response: odd" });
  });

  it("reads the variables of the command's environment, lowercase first", () => {
    expect(proxySettings({})).toBeUndefined();
    expect(proxySettings({ NO_PROXY: "x" })).toBeUndefined();
    expect(proxySettings({ HTTPS_PROXY: "http://a:1", https_proxy: "http://b:2", NO_PROXY: "c" })).toEqual({ httpProxy: "", httpsProxy: "http://b:2", noProxy: "c" });
  });
});

/** The scenario's routes with the recorded 429, 500 and 503 left out: the binary's retries wait for real. */
function replayRoutes() {
  const routes = loadRoutes(SCENARIO);
  for (const [key, responses] of Object.entries(routes)) {
    const ok = responses.filter((x) => x.status < 500 && x.status !== 429);
    routes[key] = ok.length > 0 ? ok : [{ status: 200, json: { items: [] } }];
  }
  return routes;
}

/** The binary's environment for the replay: every endpoint on the fake server, and `extra` (the proxy). */
function replayEnv(s: FakeServer, extra: Record<string, string>): Record<string, string> {
  return {
    DATABRICKS_HOST: s.url,
    DATABRICKS_ACCOUNT_ID: ACCOUNT,
    DATABRICKS_TOKEN: PAT,
    PERIMETER_ARM_URL: `${s.url}/arm`,
    PERIMETER_LOGIN_URL: `${s.url}/aad`,
    HOME: tempFile("home"),
    ...extra,
  };
}

/** A self-signed certificate for 127.0.0.1 (openssl), for the https:// fake server. */
function selfSignedCertificate(): { key: string; cert: string; certFile: string } {
  const dir = tempFile("tls");
  const keyFile = join(dir, "key.pem");
  const certFile = join(dir, "cert.pem");
  mkdirSync(dir);
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", keyFile, "-out", certFile, "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
  return { key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8"), certFile };
}

describe("aiming the collector at other endpoints", () => {
  it("fills {deployment_name} and {workspace_id} in --workspace-url, digit for digit", () => {
    expect(workspaceUrlFromTemplate("https://{deployment_name}.staging.cloud.databricks.com", { deployment_name: "dbc-1" })).toBe("https://dbc-1.staging.cloud.databricks.com");
    expect(workspaceUrlFromTemplate("http://127.0.0.1:8080/ws/{workspace_id}/", { workspace_id: new BigIntText("9007199254740993") })).toBe("http://127.0.0.1:8080/ws/9007199254740993");
    expect(workspaceUrlFromTemplate("https://{deployment_name}.x", {})).toBeUndefined();
    expect(checkWorkspaceUrlTemplate("https://{deployment}.x")).toContain("unknown placeholder {deployment}");
    expect(checkWorkspaceUrlTemplate("ftp://{deployment_name}")).toContain("http(s) URL template");
    expect(checkWorkspaceUrlTemplate("https://{deployment_name}.x")).toBeUndefined();
  });

  it("rejects a bad endpoint before sending anything (exit 2)", async () => {
    server = await startServer(SCENARIO, loadRoutes(SCENARIO), { acceptedTokens: [PAT] });
    const io = captureIo();
    const env = { DATABRICKS_HOST: server.url, DATABRICKS_ACCOUNT_ID: ACCOUNT, DATABRICKS_TOKEN: PAT, PERIMETER_ARM_URL: "not a url" };
    await expect(runExport(["--workspace-url", "https://{nope}.x"], io, depsFor(server, env))).rejects.toThrow(/--workspace-url https:\/\/\{nope\}\.x: unknown placeholder[\s\S]*PERIMETER_ARM_URL expects an http\(s\) URL/);
    expect(server.requests).toEqual([]);
  });

  it("runs the bundled binary against a replay through a proxy, by environment and flags alone", async () => {
    server = await startServer(SCENARIO, replayRoutes(), { acceptedTokens: [PAT] });
    proxy = await startProxy();
    const out = tempFile("export.json");
    const env = replayEnv(server, { HTTP_PROXY: proxy.url });
    // Spawned asynchronously: the fake server and the proxy answer from this process.
    const r = await runCliAsync(["export", "-o", out, "--verbose", "--workspace-url", `${server.url}/ws/{workspace_id}`], env);
    expect(r.stderr, r.stderr).not.toMatch(/internal error|^error/m);
    expect(r.stderr).toContain(`perimeter export: proxy: http(s) through ${proxy.url}`);
    expect(r.stderr).toContain(`perimeter export: workspaces at ${server.url}/ws/{workspace_id}`);
    expect([0, 1]).toContain(r.code);
    const doc = JSON.parse(readFileSync(out, "utf8"));
    expect(doc.workspaces.length).toBeGreaterThan(1);
    expect(doc.workspaces[0].workspace_url).toBe(`${server.url}/ws/3141592653589793`);
    // Workspace slots came from the replay's workspace routes, through the proxy.
    expect(server.requests.some((q) => q.key.startsWith("GET /ws/3141592653589793/"))).toBe(true);
    expect(proxy.hits.length).toBeGreaterThan(0);
    for (const h of proxy.hits) expect(h.line).toBe(`CONNECT ${hostOf(server)}`);
    // The same export as an in-process run (no proxy, the test's clock) with the same endpoints.
    const inProcess = tempFile("in-process.json");
    const flags = ["--workspace-url", `${server.url}/ws/{workspace_id}`, "--arm-url", `${server.url}/arm`, "--login-url", `${server.url}/aad`];
    await runExport(["-o", inProcess, ...flags], captureIo(), depsFor(server, { DATABRICKS_HOST: server.url, DATABRICKS_ACCOUNT_ID: ACCOUNT, DATABRICKS_TOKEN: PAT }));
    const normal = (f: string) => ({ ...JSON.parse(readFileSync(f, "utf8")), exported_at: undefined });
    expect(normal(out)).toEqual(normal(inProcess));
  });

  it("tunnels https:// through HTTPS_PROXY with CONNECT, verifying the server's certificate", async () => {
    const tls = selfSignedCertificate();
    server = await startServer(SCENARIO, replayRoutes(), { acceptedTokens: [PAT], tls });
    proxy = await startProxy();
    expect(server.url.startsWith("https://")).toBe(true);
    const env = replayEnv(server, { HTTPS_PROXY: proxy.url });
    const args = ["export", "--verbose", "--workspace-url", `${server.url}/ws/{workspace_id}`];
    const out = tempFile("export.json");
    const r = await runCliAsync([...args, "-o", out], { ...env, NODE_EXTRA_CA_CERTS: tls.certFile });
    expect(r.stderr, r.stderr).not.toMatch(/internal error|^error/m);
    expect([0, 1]).toContain(r.code);
    const doc = JSON.parse(readFileSync(out, "utf8"));
    expect(doc.workspaces.length).toBeGreaterThan(1);
    // The replay's own refusals (PERMISSION_DENIED, …) are recorded; no request failed to get through.
    expect((doc.collection.errors as { message: string }[]).filter((e) => e.message.startsWith("no response"))).toEqual([]);
    expect(server.requests.length).toBeGreaterThan(10);
    expect(proxy.hits.length).toBeGreaterThan(0);
    for (const h of proxy.hits) expect(h.line).toBe(`CONNECT ${hostOf(server)}`);
    // Without the certificate trusted, the tunnel opens but TLS refuses the server: nothing is
    // sent to it, and the command says why (exit 2), with no stack trace.
    const served = server.requests.length;
    const tunnels = proxy.hits.length;
    const untrusted = tempFile("untrusted.json");
    const refused = await runCliAsync([...args, "-o", untrusted], env);
    expect(refused.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(server.requests.length).toBe(served);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: cannot reach the accounts host: .*DEPTH_ZERO_SELF_SIGNED_CERT: no response: self-signed certificate$/m);
    expect(proxy.hits.length).toBeGreaterThan(tunnels);
  });
});
