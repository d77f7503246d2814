/**
 * OPA bundles: a gzipped tar of `.manifest` and either the `.rego` files (`--target bundle`) or
 * a Wasm module listed in the manifest (`--target wasm-bundle`). No `data.json`: the Rego has
 * a `default` for every parameter, and the roots leave `data.perimeter` (but for the library,
 * `perimeter/lib`) to the user, so `now` and site parameters can be given beside the bundle
 * (`opa eval --data`, `PUT /v1/data/perimeter`, another bundle).
 *
 * Deterministic to the byte: entries sorted, every timestamp, owner and mode fixed, the
 * revision a hash of the contents. The tar writer is the minimal ustar OPA's bundle reader
 * accepts (regular files only; names under 100 bytes, or split into prefix/name).
 */

import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

export interface BundleFile {
  readonly path: string;
  readonly data: Uint8Array | string;
}

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, "0")}\0`;
}

function header(path: string, size: number): Buffer {
  const h = Buffer.alloc(512, 0);
  let name = path;
  let prefix = "";
  if (Buffer.byteLength(name) > 99) {
    const cut = path.lastIndexOf("/", 154);
    prefix = path.slice(0, cut);
    name = path.slice(cut + 1);
    if (Buffer.byteLength(name) > 99 || Buffer.byteLength(prefix) > 154) throw new Error(`internal error: bundle path too long: ${path}`);
  }
  h.write(name, 0, "utf8");
  h.write(octal(0o644, 8), 100, "ascii");
  h.write(octal(0, 8), 108, "ascii");
  h.write(octal(0, 8), 116, "ascii");
  h.write(octal(size, 12), 124, "ascii");
  h.write(octal(0, 12), 136, "ascii");
  h.write("        ", 148, "ascii");
  h.write("0", 156, "ascii");
  h.write("ustar\0", 257, "ascii");
  h.write("00", 263, "ascii");
  h.write(prefix, 345, "utf8");
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7), 148, "ascii");
  h.write(" ", 155, "ascii");
  return h;
}

export function tar(files: readonly BundleFile[]): Buffer {
  const parts: Buffer[] = [];
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const data = typeof f.data === "string" ? Buffer.from(f.data, "utf8") : Buffer.from(f.data);
    parts.push(header(f.path, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512, 0));
  }
  parts.push(Buffer.alloc(1024, 0));
  return Buffer.concat(parts);
}

export interface BundleOptions {
  readonly rego?: readonly { path: string; text: string }[];
  /** Data roots the bundle owns (bundleRoots). */
  readonly roots: readonly string[];
  readonly wasm?: { readonly module: Uint8Array; readonly entrypoints: readonly string[] };
}

export function bundle(opts: BundleOptions): Buffer {
  const files: BundleFile[] = (opts.rego ?? []).map((f) => ({ path: f.path, data: f.text }));
  if (opts.wasm) files.push({ path: "policy.wasm", data: opts.wasm.module });
  const hash = createHash("sha256");
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) hash.update(f.path).update("\0").update(f.data);
  const manifest: Record<string, unknown> = { revision: hash.digest("hex").slice(0, 16), roots: [...opts.roots].sort() };
  if (opts.wasm) manifest["wasm"] = opts.wasm.entrypoints.map((e) => ({ entrypoint: e, module: "/policy.wasm" }));
  files.push({ path: ".manifest", data: `${JSON.stringify(manifest, null, 2)}\n` });
  // Entries named from the bundle's root, as `opa build` writes them: OPA finds the Wasm module
  // the manifest names (`/policy.wasm`) only under that name.
  return gzipSync(tar(files.map((f) => ({ ...f, path: `/${f.path}` }))), { level: 9 });
}
