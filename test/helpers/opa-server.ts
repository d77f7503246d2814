// A real OPA server for the differential tests and scripts/soak-opa.mjs: `opa run --server`
// bound to 127.0.0.1 on a free port, loading a directory of policy and data files from disk;
// REST calls over one keep-alive connection pool. Also a lossless canonical form of JSON text
// (numbers kept as written, object keys sorted), so that OPA's answers are compared byte for
// byte without going through float64.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { request, Agent } from "node:http";

/** A port on 127.0.0.1 that nothing listens on (the kernel's choice; released before returning). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr !== null ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface OpaServer {
  readonly url: string;
  readonly port: number;
  /** The directory OPA loaded. */
  readonly dir: string;
  /** PUT /v1/data/<path> (path with slashes); throws unless OPA answers 204. */
  putData(path: string, value: unknown): Promise<void>;
  /** POST /v1/data/<path> with `{"input": <inputJson>}` (JSON text, sent as is); the JSON text of `result`, or undefined. */
  query(path: string, inputJson: string): Promise<string | undefined>;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
}

interface Reply {
  status: number;
  body: string;
}

function call(agent: Agent, port: number, method: string, path: string, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, method, path, agent, headers: body === undefined ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Runs a tool without blocking the event loop; stdout, stderr and the exit status (never rejects on a non-zero exit). */
export function runAsync(bin: string, args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(bin, [...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      const status = err === null ? 0 : typeof (err as { code?: unknown }).code === "number" ? ((err as { code: number }).code) : 1;
      resolve({ status, stdout, stderr });
    });
  });
}

/** Maps `items` through `f`, at most `limit` at a time, keeping their order. */
export async function pool<T, R>(items: readonly T[], limit: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Servers still running: killed when this process exits, however it exits. */
const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const c of running) c.kill("SIGKILL");
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `opa run --server` on `dir` (Rego and data files, loaded as OPA loads paths: a root
 * `data.json` is the data document). Resolves once `GET /health` answers 200.
 */
export async function startOpaServer(opa: string, dir: string, extraArgs: readonly string[] = []): Promise<OpaServer> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn(opa, ["run", "--server", "--addr", `127.0.0.1:${port}`, "--log-level", "error", "--skip-version-check", ...extraArgs, dir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    // OPA writes load errors to stdout and its log to stderr: keep the start of both.
    let stderr = "";
    const keep = (c: Buffer) => {
      if (stderr.length < 65536) stderr += c.toString("utf8");
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    let exited: number | null | undefined;
    running.add(child);
    child.on("exit", (code) => {
      exited = code;
      running.delete(child);
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const deadline = Date.now() + 30_000;
    let healthy = false;
    while (exited === undefined && Date.now() < deadline) {
      try {
        if ((await call(agent, port, "GET", "/health")).status === 200) {
          healthy = true;
          break;
        }
      } catch {
        // not listening yet
      }
      await sleep(25);
    }
    if (healthy) return server(child, agent, port, dir, () => stderr);
    agent.destroy();
    child.kill("SIGKILL");
    // Another process took the port between freePort and OPA's bind: try another one.
    if (attempt < 3 && /address already in use/.test(stderr)) continue;
    throw new Error(`opa run --server ${dir} did not start (exit ${String(exited)}): ${stderr}`);
  }
}

function server(child: ChildProcess, agent: Agent, port: number, dir: string, stderr: () => string): OpaServer {
  const fail = (what: string, r: Reply) => new Error(`OPA ${what}: HTTP ${r.status} ${r.body.slice(0, 2000)} ${stderr()}`);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dir,
    async putData(path, value) {
      const r = await call(agent, port, "PUT", `/v1/data/${path}`, JSON.stringify(value));
      if (r.status !== 204) throw fail(`PUT /v1/data/${path}`, r);
    },
    async query(path, inputJson) {
      const r = await call(agent, port, "POST", `/v1/data/${path}`, `{"input":${inputJson}}`);
      if (r.status !== 200) throw fail(`POST /v1/data/${path}`, r);
      // The response is {"result": …} or {} (undefined): take the member's text as written.
      const body = parseJson(r.body);
      if (body.k !== "object") throw fail(`POST /v1/data/${path} (not an object)`, r);
      const result = body.members.find(([k]) => k === "result");
      return result === undefined ? undefined : write(result[1]);
    },
    stop() {
      agent.destroy();
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      });
    },
  };
}

// --- lossless JSON ---------------------------------------------------------------------------

/** A JSON value with numbers as written (no float64 in between). */
export type Json =
  | { k: "null" }
  | { k: "bool"; v: boolean }
  | { k: "number"; text: string }
  | { k: "string"; v: string }
  | { k: "array"; items: Json[] }
  | { k: "object"; members: [string, Json][] };

/** Parses JSON text, keeping every number's text. Throws on invalid JSON. */
export function parseJson(text: string): Json {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\n" || text[i] === "\r" || text[i] === "\t")) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') {
      if (i >= text.length) throw new Error("unterminated string");
      i += text[i] === "\\" ? 2 : 1;
    }
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): Json => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const members: [string, Json][] = [];
      ws();
      if (text[i] === "}") {
        i++;
        return { k: "object", members };
      }
      for (;;) {
        ws();
        const key = str();
        ws();
        if (text[i++] !== ":") throw new Error(`expected : at ${i - 1}`);
        members.push([key, value()]);
        ws();
        const d = text[i++];
        if (d === "}") return { k: "object", members };
        if (d !== ",") throw new Error(`expected , or } at ${i - 1}`);
      }
    }
    if (c === "[") {
      i++;
      const items: Json[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return { k: "array", items };
      }
      for (;;) {
        items.push(value());
        ws();
        const d = text[i++];
        if (d === "]") return { k: "array", items };
        if (d !== ",") throw new Error(`expected , or ] at ${i - 1}`);
      }
    }
    if (c === '"') return { k: "string", v: str() };
    for (const [word, v] of [["true", { k: "bool", v: true }], ["false", { k: "bool", v: false }], ["null", { k: "null" }]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m === null) throw new Error(`unexpected ${JSON.stringify(text.slice(i, i + 20))} at ${i}`);
    i += m[0].length;
    return { k: "number", text: m[0] };
  };
  const v = value();
  ws();
  if (i !== text.length) throw new Error(`trailing text at ${i}`);
  return v;
}

/** JSON text of a lossless value; with `sorted`, object members in key order (UTF-16 code units). */
export function write(v: Json, sorted = false): string {
  switch (v.k) {
    case "null":
      return "null";
    case "bool":
      return String(v.v);
    case "number":
      return v.text;
    case "string":
      return JSON.stringify(v.v);
    case "array":
      return `[${v.items.map((x) => write(x, sorted)).join(",")}]`;
    case "object": {
      const ms = sorted ? [...v.members].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : v.members;
      return `{${ms.map(([k, x]) => `${JSON.stringify(k)}:${write(x, sorted)}`).join(",")}}`;
    }
  }
}

/** Canonical JSON text: keys sorted, no whitespace, numbers exactly as written. */
export function canonicalText(jsonText: string): string {
  return write(parseJson(jsonText), true);
}

/** Canonical JSON text of a JavaScript value (as JSON.stringify writes its numbers). */
export function canonical(v: unknown): string {
  return canonicalText(JSON.stringify(v));
}
