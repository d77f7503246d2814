// A local stand-in for the Databricks accounts host, workspace hosts, ARM and Entra ID: a
// node:http server on 127.0.0.1 (random port) that replays recorded responses.
//
// A scenario (`fixtures/<name>/routes.json`) maps "METHOD /path?query" (query pairs sorted,
// values decoded; workspace hosts are the path prefix /ws/<id>, ARM is /arm, Entra ID /aad)
// to a list of responses served in turn (the last one repeats). A response is
// `{status, file | json | text, headers?}`; `file` names a recorded body in the scenario
// folder, byte for byte. Every request is logged, with its body (a POST's JSON, to check what
// was sent — e.g. the SQL statement and its named parameters).
//
// Authentication is checked like the real services: API routes need `Authorization: Bearer`
// with a token the scenario accepts (a configured personal access token, or one this server
// minted); the OAuth token endpoints (`/oidc/accounts/<id>/v1/token`, `/ws/<id>/oidc/v1/token`)
// want the client id and secret in a Basic header and `grant_type=client_credentials&scope=
// all-apis`; Entra ID (`/aad/<tenant>/oauth2/v2.0/token`) wants them in the form. An unknown
// route answers 404 ENDPOINT_NOT_FOUND, as Databricks does.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

export interface RecordedResponse {
  readonly status: number;
  readonly file?: string;
  readonly json?: unknown;
  readonly text?: string;
  readonly headers?: Record<string, string>;
  /** Test hook: put the request's Authorization header into the body's message (a server that leaks it back). */
  readonly echoAuthorization?: boolean;
}

export interface LoggedRequest {
  readonly method: string;
  readonly key: string;
  readonly authorization?: string;
  readonly status: number;
  /** The request body, when there was one. */
  readonly body?: string;
}

export interface ServerOptions {
  /** Bearer tokens accepted on API routes (a PAT). */
  readonly acceptedTokens?: readonly string[];
  /** OAuth M2M service principal. */
  readonly oauthClient?: { readonly id: string; readonly secret: string };
  /** Entra ID service principal for ARM. */
  readonly azureClient?: { readonly id: string; readonly secret: string; readonly tenant: string };
  /** Tokens accepted on /arm routes (e.g. from the Azure CLI). */
  readonly armTokens?: readonly string[];
  /** Serve https:// with this key and certificate (PEM) instead of http://. */
  readonly tls?: { readonly key: string; readonly cert: string };
}

export interface FakeServer {
  readonly url: string;
  readonly requests: LoggedRequest[];
  /** Tokens this server minted (to check they never leak). */
  readonly minted: string[];
  close(): Promise<void>;
}

export const SCENARIOS = join(import.meta.dirname, "fixtures");

export function loadRoutes(scenario: string): Record<string, RecordedResponse[]> {
  return JSON.parse(readFileSync(join(SCENARIOS, scenario, "routes.json"), "utf8")) as Record<string, RecordedResponse[]>;
}

/** The route key of a request: method, path, sorted decoded query. */
export function routeKey(method: string, rawUrl: string): string {
  const u = new URL(rawUrl, "http://x");
  const pairs = [...u.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${method} ${u.pathname}${pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}` : ""}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

export async function startServer(scenario: string, routes: Record<string, RecordedResponse[]>, opts: ServerOptions = {}): Promise<FakeServer> {
  const requests: LoggedRequest[] = [];
  const minted: string[] = [];
  const accepted = new Set(opts.acceptedTokens ?? []);
  const armAccepted = new Set(opts.armTokens ?? []);
  const served = new Map<string, number>();

  const bodies = new WeakMap<IncomingMessage, string>();
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<number> => {
    const method = req.method ?? "GET";
    const key = routeKey(method, req.url ?? "/");
    const path = key.split(" ")[1]!.split("?")[0]!;
    const body = await readBody(req);
    bodies.set(req, body);
    const auth = req.headers.authorization;

    // OAuth machine-to-machine token endpoints (accounts host and workspace hosts).
    if (method === "POST" && (/^\/oidc\/accounts\/[^/]+\/v1\/token$/.test(path) || /^\/ws\/\d+\/oidc\/v1\/token$/.test(path))) {
      const c = opts.oauthClient;
      const expected = c ? `Basic ${Buffer.from(`${c.id}:${c.secret}`).toString("base64")}` : undefined;
      const form = new URLSearchParams(body);
      if (expected === undefined || auth !== expected) {
        sendJson(res, 401, { error: "invalid_client", error_description: "Client authentication failed" });
        return 401;
      }
      if (form.get("grant_type") !== "client_credentials" || form.get("scope") !== "all-apis") {
        sendJson(res, 400, { error: "invalid_request", error_description: "unsupported grant or scope" });
        return 400;
      }
      const token = `eyJ${randomBytes(24).toString("hex")}`;
      minted.push(token);
      accepted.add(token);
      sendJson(res, 200, { access_token: token, token_type: "Bearer", expires_in: 3600, scope: "all-apis" });
      return 200;
    }
    // Entra ID client-credentials grant, for ARM.
    const aad = /^\/aad\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (method === "POST" && aad) {
      const c = opts.azureClient;
      const form = new URLSearchParams(body);
      if (!c || aad[1] !== c.tenant || form.get("client_id") !== c.id || form.get("client_secret") !== c.secret || form.get("grant_type") !== "client_credentials") {
        sendJson(res, 401, { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided." });
        return 401;
      }
      const token = `eyJ0eXAiOiJKV1Qi${randomBytes(24).toString("hex")}`;
      minted.push(token);
      armAccepted.add(token);
      sendJson(res, 200, { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: token });
      return 200;
    }
    const bearer = auth?.startsWith("Bearer ") ? auth.slice(7) : undefined;
    if (path.startsWith("/arm/")) {
      if (bearer === undefined || !armAccepted.has(bearer)) {
        sendJson(res, 401, { error: { code: "InvalidAuthenticationToken", message: "The access token is invalid." } });
        return 401;
      }
    } else if (bearer === undefined || !accepted.has(bearer)) {
      sendJson(res, 401, { error_code: "UNAUTHENTICATED", message: "Invalid access token." });
      return 401;
    }

    const list = routes[key];
    if (list === undefined || list.length === 0) {
      sendJson(res, 404, { error_code: "ENDPOINT_NOT_FOUND", message: `No API found for '${key}'` });
      return 404;
    }
    const n = served.get(key) ?? 0;
    served.set(key, n + 1);
    const r = list[Math.min(n, list.length - 1)]!;
    let text = r.file !== undefined ? readFileSync(join(SCENARIOS, scenario, r.file), "utf8") : r.json !== undefined ? JSON.stringify(r.json) : (r.text ?? "");
    if (r.echoAuthorization) text = text.replace("$AUTHORIZATION", auth ?? "");
    res.writeHead(r.status, { ...(r.text === undefined ? { "Content-Type": "application/json" } : {}), ...r.headers });
    res.end(text);
    return r.status;
  };

  const listener: RequestListener = (req, res) => {
    handle(req, res).then(
      (status) => {
        const body = bodies.get(req);
        requests.push({ method: req.method ?? "GET", key: routeKey(req.method ?? "GET", req.url ?? "/"), ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), status, ...(body ? { body } : {}) });
      },
      () => {
        res.writeHead(500);
        res.end();
      },
    );
  };
  const server = opts.tls !== undefined ? createTlsServer({ key: opts.tls.key, cert: opts.tls.cert }, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${opts.tls !== undefined ? "https" : "http"}://127.0.0.1:${port}`,
    requests,
    minted,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
