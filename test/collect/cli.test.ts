// `perimeter export` through the real dispatcher (src/cli/main.ts): bad flags and bad
// configuration print one clear message and exit 2 — no stack trace, no request sent, no
// secret shown. (The command is registered here, pointed at the fake server, the way main.ts's
// table holds it; the table is restored afterwards.)
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportUsage, runExport } from "../../src/cli/export.js";
import { commands, main } from "../../src/cli/main.js";
import { hasStackTrace } from "../helpers/cli.js";
import { ACCOUNT, captureIo, depsFor } from "./harness.js";
import { loadRoutes, startServer, type FakeServer } from "./server.js";

let server: FakeServer;
let env: Record<string, string> = {};
let registered: (typeof commands)[string] | undefined;
const TOKEN = "dapi-cli-test-0123456789abcdef";

beforeAll(async () => {
  server = await startServer("azure-account", loadRoutes("azure-account"), { acceptedTokens: [TOKEN] });
  registered = commands["export"];
  commands["export"] = { run: (argv, io) => runExport(argv, io, depsFor(server, env)), summary: "collect an export from a Databricks account" };
});
afterAll(async () => {
  if (registered === undefined) delete commands["export"];
  else commands["export"] = registered;
  await server.close();
});

async function run(args: string[], withEnv: Record<string, string> = { DATABRICKS_HOST: server.url, DATABRICKS_ACCOUNT_ID: ACCOUNT, DATABRICKS_TOKEN: TOKEN }) {
  env = withEnv;
  const before = server.requests.length;
  const io = captureIo();
  const code = await main(["export", ...args], io);
  return { code, stdout: io.stdout.join("\n"), stderr: io.stderr.join("\n"), sent: server.requests.length - before };
}

describe("perimeter export: usage", () => {
  it("prints its usage with --help", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(exportUsage);
    expect(r.sent).toBe(0);
  });

  const dir = mkdtempSync(join(tmpdir(), "perimeter-cli-"));
  writeFileSync(join(dir, "file.txt"), "");
  it.each([
    [["--bogus"], "error: unknown option '--bogus'"],
    [["extra"], "error: unexpected argument `extra`: perimeter export takes only options (see --help)"],
    [["--workspace", "prod"], "error: --workspace expects a numeric workspace id, got `prod`"],
    [["--workspace"], "error: option '-w, --workspace <value>' argument missing"],
    [["--account-id", "../x"], "error: --account-id expects a Databricks account id (a UUID), got `../x`"],
    [["--app-source", "ui"], "error: --app-source expects NAME=DIR (an app name and its source folder), got `ui`"],
    [["--app-source", `ui=${join(dir, "file.txt")}`], `error: --app-source ui=${join(dir, "file.txt")}: cannot read the folder: not a directory`],
    [["--app-source", `ui=${dir}`, "--app-source", `ui=${dir}`], "error: --app-source ui is given twice"],
    [["-o", join(dir, "missing", "out.json")], `error: -o ${join(dir, "missing", "out.json")}: the folder ${join(dir, "missing")} does not exist`],
    [["-o", dir], `error: -o ${dir}: it is a folder; give a file name`],
    [["--warehouse", "/sql/1.0/warehouses/5e6f"], "error: --warehouse expects a SQL warehouse id (letters and digits, e.g. 1a2b3c4d5e6f7a8b), got `/sql/1.0/warehouses/5e6f`"],
    [["--since", "0"], "error: --since expects a number of days from 1 to 365, got `0`"],
    [["--since", "30d"], "error: --since expects a number of days from 1 to 365, got `30d`"],
    [["--since", "400"], "error: --since expects a number of days from 1 to 365 (the system table keeps a year), got `400`"],
  ])("%j → exit 2", async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(message);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.sent).toBe(0);
  });

  it("suggests the option meant for a misspelt one", async () => {
    const r = await run(["--warehose", "5e6f"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: unknown option '--warehose'");
    expect(r.stderr).toContain("--warehouse");
    expect(r.sent).toBe(0);
  });

  it("reports every bad option at once", async () => {
    const r = await run(["--workspace", "x", "--workspace", "y"]);
    expect(r.stderr).toBe("error: --workspace expects a numeric workspace id, got `x`\nerror: --workspace expects a numeric workspace id, got `y`");
  });
});

describe("perimeter export: configuration problems", () => {
  it.each([
    [{}, "error: no Databricks credentials found", "hint: set DATABRICKS_HOST"],
    [{ DATABRICKS_TOKEN: TOKEN }, "error: no accounts host: set DATABRICKS_HOST", "hint: e.g. https://accounts.azuredatabricks.net"],
    [{ DATABRICKS_HOST: "https://accounts.azuredatabricks.net", DATABRICKS_TOKEN: TOKEN }, "error: no account id: pass --account-id", undefined],
    [{ DATABRICKS_HOST: "https://adb-1.1.azuredatabricks.net", DATABRICKS_ACCOUNT_ID: ACCOUNT, DATABRICKS_TOKEN: TOKEN }, "error: the host `https://adb-1.1.azuredatabricks.net` (environment variables) is a workspace URL", undefined],
    [{ DATABRICKS_HOST: "https://accounts.azuredatabricks.net", DATABRICKS_ACCOUNT_ID: ACCOUNT, DATABRICKS_TOKEN: TOKEN, DATABRICKS_CLIENT_ID: "id", DATABRICKS_CLIENT_SECRET: "client-secret-0123456789" }, "error: more than one authorization method configured: oauth and pat", "hint: set auth_type"],
    [{ DATABRICKS_CONFIG_PROFILE: "acct", DATABRICKS_CONFIG_FILE: "/nonexistent/databrickscfg" }, "error: profile `acct` not found: /nonexistent/databrickscfg does not exist", undefined],
    [{ DATABRICKS_HOST: "https://accounts.azuredatabricks.net", DATABRICKS_ACCOUNT_ID: ACCOUNT, DATABRICKS_TOKEN: TOKEN, DATABRICKS_WAREHOUSE_ID: "not a warehouse" }, "error: the warehouse id `not a warehouse` (environment variables) is not a SQL warehouse id", undefined],
  ])("%j → exit 2 with a clear message", async (e, first, hint) => {
    const r = await run([], e as Record<string, string>);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(first);
    if (hint) expect(r.stderr).toContain(hint);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.stderr).not.toContain(TOKEN);
    expect(r.stderr).not.toContain("client-secret-0123456789");
    expect(r.sent).toBe(0);
  });

  it("suggests the profile meant", async () => {
    const cfg = join(mkdtempSync(join(tmpdir(), "perimeter-cfg-")), "cfg");
    writeFileSync(cfg, `[contoso-account]\nhost = ${"https://accounts.azuredatabricks.net"}\ntoken = ${TOKEN}\n`);
    const r = await run(["--profile", "contoso-acount"], { DATABRICKS_CONFIG_FILE: cfg });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${cfg} has no profile \`contoso-acount\`\n  hint: did you mean \`contoso-account\`?`);
  });

  it("exits 2 when the token is refused, without showing it", async () => {
    const wrong = "dapi-wrong-0123456789abcdef";
    const r = await run([], { DATABRICKS_HOST: server.url, DATABRICKS_ACCOUNT_ID: ACCOUNT, DATABRICKS_TOKEN: wrong });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: cannot sign in to the accounts host: GET /api/2.0/accounts/${ACCOUNT}/workspaces → 401 UNAUTHENTICATED: Invalid access token.\n  hint: check the host (${server.url}), the account id and the pat credentials (environment variables)`);
    expect(r.stdout).toBe("");
    expect(r.sent).toBe(1);
  });

  it("exits 2 when the accounts host does not answer", async () => {
    const { createServer } = await import("node:net");
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const r = await run([], { DATABRICKS_HOST: `http://127.0.0.1:${port}`, DATABRICKS_ACCOUNT_ID: ACCOUNT, DATABRICKS_TOKEN: TOKEN });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: cannot reach the accounts host: GET /api/2.0/accounts/${ACCOUNT}/workspaces → ECONNREFUSED: no response:`);
    expect(r.stderr).not.toContain(TOKEN);
  });

  it("exits 2 when the OAuth credentials are refused, without showing them", async () => {
    const secret = "dose-refused-0123456789abcdef";
    const r = await run(["-o", join(mkdtempSync(join(tmpdir(), "perimeter-o-")), "e.json")], { DATABRICKS_HOST: server.url, DATABRICKS_ACCOUNT_ID: ACCOUNT, DATABRICKS_CLIENT_ID: "id", DATABRICKS_CLIENT_SECRET: secret });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: cannot sign in to the accounts host: POST /oidc/accounts/");
    expect(r.stderr).toContain("401 invalid_client: Client authentication failed");
    expect(r.stderr).not.toContain(secret);
    expect(r.stderr).not.toContain(Buffer.from(`id:${secret}`).toString("base64"));
  });
});
