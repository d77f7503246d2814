/**
 * The `fetch` of `perimeter export` on networks that reach the internet through a proxy:
 * `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (or their lowercase forms, which win, as curl
 * reads them), honoured by undici's `EnvHttpProxyAgent` with undici's own `fetch` (Node 20's
 * built-in `fetch` ignores these variables). `https://` requests go through HTTPS_PROXY (a
 * CONNECT tunnel), else HTTP_PROXY; `http://` ones through HTTP_PROXY; hosts matching an
 * entry of NO_PROXY (a host name, which also covers its subdomains, optionally with `:port`;
 * `*` for all) go direct.
 *
 * Without any of the proxy variables the built-in `fetch` is used and undici is not even
 * loaded. The variables are read from the environment given (the command's), never
 * `process.env` behind its back, so tests can aim one run at a proxy.
 */

import type { Env } from "./config.js";

export interface ProxySettings {
  readonly httpProxy: string;
  readonly httpsProxy: string;
  readonly noProxy: string;
}

function variable(env: Env, name: string): string {
  return (env[name.toLowerCase()] ?? env[name.toUpperCase()] ?? "").trim();
}

/** The proxy variables of `env`; undefined when neither HTTP_PROXY nor HTTPS_PROXY is set. */
export function proxySettings(env: Env): ProxySettings | undefined {
  const httpProxy = variable(env, "http_proxy");
  const httpsProxy = variable(env, "https_proxy");
  if (httpProxy === "" && httpsProxy === "") return undefined;
  return { httpProxy, httpsProxy, noProxy: variable(env, "no_proxy") };
}

/** A proxy URL without its user name and password, for logs. */
export function describeProxy(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.origin;
  } catch {
    return "(an unreadable proxy URL)";
  }
}

/** The user name and password of the proxy URLs (to register as secrets: never printed). */
export function proxyCredentials(settings: ProxySettings): string[] {
  const out: string[] = [];
  for (const p of [settings.httpProxy, settings.httpsProxy]) {
    try {
      const u = new URL(p);
      if (u.password !== "") out.push(decodeURIComponent(u.password));
    } catch {
      // an unreadable proxy URL fails the first request, with undici's message
    }
  }
  return out;
}

/** `fetch` for `env`: through its proxies when it names any, else the built-in one. */
export function proxyFetch(env: Env, builtIn: typeof fetch = globalThis.fetch): typeof fetch {
  const settings = proxySettings(env);
  if (settings === undefined) return builtIn;
  let loaded: Promise<{ fetch: typeof fetch; dispatcher: unknown }> | undefined;
  const load = async () => {
    // undici is CommonJS: its exports are on the namespace under Node, on `default` in the bundle.
    const ns = await import("undici");
    const undici = (typeof ns.EnvHttpProxyAgent === "function" ? ns : (ns as unknown as { default: typeof ns }).default) as typeof ns;
    return { fetch: undici.fetch as unknown as typeof fetch, dispatcher: new undici.EnvHttpProxyAgent(settings) };
  };
  return async (input, init) => {
    const u = await (loaded ??= load());
    return u.fetch(input, { ...init, dispatcher: u.dispatcher } as RequestInit);
  };
}
