// A forward proxy on 127.0.0.1 for the tests of `perimeter export` behind a proxy: CONNECT
// tunnels (what undici's ProxyAgent opens, for https:// and http:// targets alike) and plain
// absolute-form HTTP requests, each recorded with the Proxy-Authorization it carried. With
// `credentials`, a request without them gets 407.
import { createServer, request as httpRequest, type IncomingMessage } from "node:http";
import { connect, type AddressInfo } from "node:net";

export interface ProxyHit {
  /** `CONNECT host:port`, or `GET http://host:port/path` for a plain proxied request. */
  readonly line: string;
  readonly authorization?: string;
}

export interface TestProxy {
  readonly url: string;
  readonly hits: ProxyHit[];
  close(): Promise<void>;
}

export async function startProxy(opts: { credentials?: { user: string; password: string } } = {}): Promise<TestProxy> {
  const hits: ProxyHit[] = [];
  const expected = opts.credentials ? `Basic ${Buffer.from(`${opts.credentials.user}:${opts.credentials.password}`).toString("base64")}` : undefined;
  const record = (req: IncomingMessage): boolean => {
    const authorization = req.headers["proxy-authorization"];
    hits.push({ line: `${req.method} ${req.url}`, ...(authorization !== undefined ? { authorization } : {}) });
    return expected === undefined || authorization === expected;
  };
  const server = createServer((req, res) => {
    if (!record(req)) {
      res.writeHead(407, { "proxy-authenticate": 'Basic realm="test"' }).end();
      return;
    }
    const target = new URL(req.url ?? "");
    const headers = { ...req.headers };
    delete headers["proxy-authorization"];
    const upstream = httpRequest({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on("connect", (req: IncomingMessage, socket, head) => {
    if (!record(req)) {
      socket.end("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n\r\n");
      return;
    }
    const [host, port] = (req.url ?? "").split(":");
    const upstream = connect(Number(port), host!, () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
