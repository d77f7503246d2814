/**
 * The shareable state in the URL fragment: the policies that differ from the bundled library
 * (changed, added, removed) and the params, compressed with lz-string into
 * `#s=…`. Never the export: it describes an account's network defences and stays in the
 * browser that opened it. The fragment is not sent to any server by the browser.
 */

import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import type { ParamsFile, PolicyFile } from "./protocol.js";

export interface SharedState {
  readonly files: readonly PolicyFile[];
  readonly params: ParamsFile;
}

interface Wire {
  readonly v: 1;
  /** Files whose text differs from the bundled one, or that the library does not have. */
  readonly changed: Record<string, string>;
  /** Bundled files the user removed. */
  readonly removed: readonly string[];
  readonly params: ParamsFile;
}

export function encodeState(state: SharedState, bundled: ReadonlyMap<string, string>): string {
  const changed: Record<string, string> = {};
  for (const f of state.files) if (bundled.get(f.path) !== f.text) changed[f.path] = f.text;
  const present = new Set(state.files.map((f) => f.path));
  const wire: Wire = { v: 1, changed, removed: [...bundled.keys()].filter((p) => !present.has(p)), params: state.params };
  return `s=${compressToEncodedURIComponent(JSON.stringify(wire))}`;
}

/** The state of a fragment (without `#`); undefined when there is none or it cannot be read. */
export function decodeState(fragment: string, bundled: ReadonlyMap<string, string>): SharedState | undefined {
  if (!fragment.startsWith("s=")) return undefined;
  try {
    const json = decompressFromEncodedURIComponent(fragment.slice(2));
    if (!json) return undefined;
    const wire = JSON.parse(json) as Partial<Wire>;
    if (wire.v !== 1 || typeof wire.changed !== "object" || wire.changed === null) return undefined;
    const removed = new Set(Array.isArray(wire.removed) ? wire.removed : []);
    const files: PolicyFile[] = [...bundled].filter(([p]) => !removed.has(p)).map(([path, text]) => ({ path, text: typeof wire.changed![path] === "string" ? wire.changed![path]! : text }));
    for (const [path, text] of Object.entries(wire.changed)) if (!bundled.has(path) && typeof text === "string") files.push({ path, text });
    const params = wire.params !== undefined && typeof wire.params.name === "string" && typeof wire.params.text === "string" ? wire.params : { name: "params.yaml", text: "" };
    return { files, params };
  } catch {
    return undefined;
  }
}
