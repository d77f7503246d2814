/**
 * RFC 6901 JSON pointers into an export, as the user wrote it.
 *
 * The loader unwraps API list envelopes (`{"apps": [...], "next_page_token": …}` becomes the
 * array), so the loaded document can differ from the file. Every pointer the loader hands out
 * names the place *in the file*: `EnvelopeKeys` remembers, for each unwrapped items array, the
 * envelope key it came from, and both `PointerIndex` and `sourcePointer` put that key back
 * (`/workspaces/0/apps/apps/1` for an app inside an `{"apps": […]}` envelope). Documents without
 * envelopes — the normal case — get pointers that also resolve against the loaded document.
 *
 * Invariants:
 * - Tokens are escaped (`~` → `~0`, `/` → `~1`); `""` is the whole document.
 * - The index is built by one iterative walk (no recursion: any nesting depth is fine) and
 *   maps every object and array of the document to its pointer through a WeakMap.
 */

/** Items arrays that came out of an envelope, with the envelope key that held them. */
export type EnvelopeKeys = WeakMap<readonly unknown[], string>;

export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** A pointer from unescaped tokens. */
export function pointerOfTokens(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => `/${escapeToken(t)}`).join("");
}

/** The unescaped tokens of a pointer (`""` has none). */
export function pointerTokens(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function isContainer(v: unknown): v is object {
  return typeof v === "object" && v !== null;
}

/** The child of `v` at `token`, when `v` is an object or array that has it as an own entry. */
export function childAt(v: unknown, token: string | number): unknown {
  if (Array.isArray(v)) {
    const i = typeof token === "number" ? token : /^(0|[1-9]\d*)$/.test(token) ? Number(token) : -1;
    return i >= 0 && i < v.length ? (v[i] as unknown) : undefined;
  }
  if (isContainer(v) && Object.prototype.hasOwnProperty.call(v, token)) return (v as Record<string, unknown>)[String(token)];
  return undefined;
}

/** The value at a pointer into the loaded document, or undefined. */
export function valueAt(doc: unknown, tokens: readonly (string | number)[]): unknown {
  let cur = doc;
  for (const t of tokens) {
    cur = childAt(cur, t);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/**
 * The pointer, in the file as written, of the place `tokens` names in the loaded document:
 * the envelope key is put back after every unwrapped list on the way.
 */
export function sourcePointer(doc: unknown, tokens: readonly (string | number)[], envelopes: EnvelopeKeys): string {
  let cur: unknown = doc;
  let out = "";
  for (const t of tokens) {
    out += `/${escapeToken(t)}`;
    cur = childAt(cur, t);
    if (Array.isArray(cur)) {
      const key = envelopes.get(cur);
      if (key !== undefined) out += `/${escapeToken(key)}`;
    }
  }
  return out;
}

/** Every object and array of a document, mapped to its pointer in the file as written. */
export function buildPointerIndex(doc: object, envelopes: EnvelopeKeys): WeakMap<object, string> {
  const index = new WeakMap<object, string>();
  const todo: [object, string][] = [[doc, ""]];
  for (let item = todo.pop(); item !== undefined; item = todo.pop()) {
    const [value, pointer] = item;
    if (index.has(value)) continue;
    index.set(value, pointer);
    const entries: [string, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [String(i), v as unknown])
      : Object.entries(value);
    for (const [key, child] of entries) {
      if (!isContainer(child)) continue;
      let p = `${pointer}/${escapeToken(key)}`;
      const envelopeKey = Array.isArray(child) ? envelopes.get(child) : undefined;
      if (envelopeKey !== undefined) p += `/${escapeToken(envelopeKey)}`;
      todo.push([child, p]);
    }
  }
  return index;
}
