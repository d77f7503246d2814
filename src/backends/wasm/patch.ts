/**
 * A small Wasm binary patcher: turns the prebuilt runtime into a policy module.
 *
 * It adds one active data segment holding the program blob at a fixed address (the end of
 * the runtime's static data, 16-byte aligned), sets the initial values of the runtime's
 * patch-point globals (`PERIMETER_PROGRAM`, `PERIMETER_HEAP_BASE`), removes their exports,
 * and raises the memory import's minimum to cover the blob. Nothing else changes, so the
 * result is deterministic and as valid as the runtime (the tests validate every module).
 * Chosen over binaryen.js: 150 lines with no run-time dependency (binaryen is 10+ MB of
 * JavaScript and would only re-emit what asc already optimised).
 */

import { PAGE_SIZE, PATCH_HEAP_BASE, PATCH_PROGRAM, PATCH_STATIC_END } from "./abi.js";
import { globalValue, Wasm } from "./wasm-api.js";

const SEC_IMPORT = 2;
const SEC_GLOBAL = 6;
const SEC_EXPORT = 7;
const SEC_DATA = 11;
const SEC_DATACOUNT = 12;

class Reader {
  constructor(
    readonly b: Uint8Array,
    public pos = 0,
  ) {}
  byte(): number {
    const x = this.b[this.pos++];
    if (x === undefined) throw new Error("wasm patch: unexpected end of module");
    return x;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const x = this.byte();
      result += (x & 0x7f) * 2 ** shift;
      if ((x & 0x80) === 0) return result;
      shift += 7;
    }
  }
  i32(): number {
    let result = 0;
    let shift = 0;
    let x: number;
    do {
      x = this.byte();
      result |= (x & 0x7f) << shift;
      shift += 7;
    } while (x & 0x80);
    if (shift < 32 && x & 0x40) result |= -1 << shift;
    return result | 0;
  }
  name(): string {
    const n = this.u32();
    const s = new TextDecoder().decode(this.b.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }
  /** Skips a constant expression up to its `end`. */
  skipInit(): void {
    for (;;) {
      const op = this.byte();
      if (op === 0x0b) return;
      if (op === 0x41 || op === 0x23) this.i32();
      else if (op === 0x42) this.i32Long();
      else if (op === 0x43) this.pos += 4;
      else if (op === 0x44) this.pos += 8;
      else throw new Error(`wasm patch: unsupported constant expression opcode 0x${op.toString(16)}`);
    }
  }
  private i32Long(): void {
    while (this.byte() & 0x80);
  }
}

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function name(s: string): number[] {
  const b = new TextEncoder().encode(s);
  return [...uleb(b.length), ...b];
}

interface Section {
  readonly id: number;
  readonly body: Uint8Array;
}

function sections(module: Uint8Array): Section[] {
  const magic = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  if (!magic.every((m, i) => module[i] === m)) throw new Error("wasm patch: not a Wasm 1.0 module");
  const r = new Reader(module, 8);
  const out: Section[] = [];
  while (r.pos < module.length) {
    const id = r.byte();
    const size = r.u32();
    out.push({ id, body: module.subarray(r.pos, r.pos + size) });
    r.pos += size;
  }
  return out;
}

function concat(parts: readonly (Uint8Array | readonly number[])[]): Uint8Array {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

function assemble(secs: readonly Section[]): Uint8Array {
  const parts: (Uint8Array | number[])[] = [[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]];
  for (const s of secs) parts.push([s.id, ...uleb(s.body.length)], s.body);
  return concat(parts);
}

/** Facts about the prebuilt runtime the patcher needs. */
export interface RuntimeLayout {
  /** Where the program blob goes: the end of the static data, 16-byte aligned. */
  readonly blobBase: number;
  readonly programGlobal: number;
  readonly heapBaseGlobal: number;
}

const layouts = new WeakMap<Uint8Array, RuntimeLayout>();

export function runtimeLayout(runtime: Uint8Array): RuntimeLayout {
  let known = layouts.get(runtime);
  if (known === undefined) layouts.set(runtime, (known = readLayout(runtime)));
  return known;
}

function readLayout(runtime: Uint8Array): RuntimeLayout {
  const secs = sections(runtime);
  const exports = new Map<string, { kind: number; index: number }>();
  const ex = secs.find((s) => s.id === SEC_EXPORT);
  if (ex) {
    const r = new Reader(ex.body);
    for (let n = r.u32(); n > 0; n--) {
      const nm = r.name();
      const kind = r.byte();
      exports.set(nm, { kind, index: r.u32() });
    }
  }
  const g = (n: string) => {
    const e = exports.get(n);
    if (e === undefined || e.kind !== 3) throw new Error(`wasm patch: the runtime does not export the global ${n}`);
    return e.index;
  };
  let end = 0;
  const data = secs.find((s) => s.id === SEC_DATA);
  if (data) {
    const r = new Reader(data.body);
    for (let n = r.u32(); n > 0; n--) {
      const flags = r.u32();
      if (flags !== 0) throw new Error("wasm patch: only active data segments of memory 0 are supported");
      if (r.byte() !== 0x41) throw new Error("wasm patch: data segment offsets must be i32.const");
      const offset = r.i32();
      if (r.byte() !== 0x0b) throw new Error("wasm patch: malformed data segment offset");
      const size = r.u32();
      r.pos += size;
      end = Math.max(end, offset + size);
    }
  }
  // Zero-filled static data has no segment (asc --zeroFilledMemory), so the segments may end
  // before the runtime's heap base: ask the runtime itself (its start function exports it).
  g(PATCH_STATIC_END);
  const memory = new Wasm.Memory({ initial: Math.max(1, Math.ceil(end / PAGE_SIZE)) });
  const instance = new Wasm.Instance(new Wasm.Module(runtime), { env: { memory, opa_abort: () => {} } });
  const staticEnd = globalValue(instance.exports[PATCH_STATIC_END]);
  return { blobBase: Math.ceil(Math.max(end, staticEnd) / 16) * 16, programGlobal: g(PATCH_PROGRAM), heapBaseGlobal: g(PATCH_HEAP_BASE) };
}

/**
 * A vector section (imports, globals, exports) rebuilt entry by entry: `entry` reads entry `i`
 * from `r` and returns its new bytes, `undefined` to keep the entry as written, or `null` to
 * drop it.
 */
function rewriteVector(s: Section, entry: (r: Reader, i: number) => readonly number[] | undefined | null): Section {
  const r = new Reader(s.body);
  const body: number[] = [];
  let kept = 0;
  const n = r.u32();
  for (let i = 0; i < n; i++) {
    const start = r.pos;
    const bytes = entry(r, i);
    if (bytes === null) continue;
    body.push(...(bytes ?? s.body.subarray(start, r.pos)));
    kept++;
  }
  return { id: s.id, body: Uint8Array.from([...uleb(kept), ...body]) };
}

/** The policy module: the runtime with `blob` at `layout.blobBase`. */
export function patchRuntime(runtime: Uint8Array, blob: Uint8Array): { module: Uint8Array; heapBase: number; pages: number } {
  const layout = runtimeLayout(runtime);
  const heapBase = Math.ceil((layout.blobBase + blob.length) / 16) * 16;
  const pages = Math.max(1, Math.ceil(heapBase / PAGE_SIZE));
  const patchNames = new Set([PATCH_PROGRAM, PATCH_HEAP_BASE, PATCH_STATIC_END]);
  const out: Section[] = [];
  let sawData = false;
  for (const s of sections(runtime)) {
    switch (s.id) {
      case SEC_IMPORT:
        // The memory import gets the pages the blob needs; every other import stays as written.
        out.push(
          rewriteVector(s, (r) => {
            const mod = r.name();
            const nm = r.name();
            const kind = r.byte();
            if (kind === 0x02 && mod === "env" && nm === "memory") {
              const flags = r.u32();
              r.u32();
              if (flags !== 0) throw new Error("wasm patch: the runtime's memory import must have no maximum and not be shared");
              return [...name(mod), ...name(nm), 0x02, 0x00, ...uleb(pages)];
            }
            if (kind === 0x00) r.u32();
            else if (kind === 0x03) {
              r.byte();
              r.byte();
            } else if (kind === 0x01) {
              r.byte();
              const f = r.u32();
              r.u32();
              if (f & 1) r.u32();
            } else throw new Error("wasm patch: unsupported import kind");
            return undefined;
          }),
        );
        break;
      case SEC_GLOBAL:
        // The two patch-point globals get the blob's address and the heap base.
        out.push(
          rewriteVector(s, (r, i) => {
            const type = r.byte();
            const mut = r.byte();
            r.skipInit();
            if (i !== layout.programGlobal && i !== layout.heapBaseGlobal) return undefined;
            if (type !== 0x7f) throw new Error("wasm patch: patch-point globals must be i32");
            return [type, mut, 0x41, ...sleb(i === layout.programGlobal ? layout.blobBase : heapBase), 0x0b];
          }),
        );
        break;
      case SEC_EXPORT:
        // The patch points' exports are dropped.
        out.push(
          rewriteVector(s, (r) => {
            const nm = r.name();
            r.byte();
            r.u32();
            return patchNames.has(nm) ? null : undefined;
          }),
        );
        break;
      case SEC_DATACOUNT: {
        const r = new Reader(s.body);
        out.push({ id: s.id, body: Uint8Array.from(uleb(r.u32() + 1)) });
        break;
      }
      case SEC_DATA: {
        sawData = true;
        const r = new Reader(s.body);
        const n = r.u32();
        const segment = [0x00, 0x41, ...sleb(layout.blobBase), 0x0b, ...uleb(blob.length)];
        out.push({ id: s.id, body: concat([uleb(n + 1), s.body.subarray(r.pos), segment, blob]) });
        break;
      }
      default:
        out.push(s);
    }
  }
  if (!sawData) throw new Error("wasm patch: the runtime has no data section");
  return { module: assemble(out), heapBase, pages };
}

/** What a module declares (for tests and diagnostics): imports with their limits, exports, globals, start. */
export interface ModuleInfo {
  readonly imports: readonly { module: string; name: string; kind: "function" | "table" | "memory" | "global"; min?: number; max?: number; shared?: boolean }[];
  readonly exports: readonly { name: string; kind: "function" | "table" | "memory" | "global"; index: number }[];
  readonly globals: readonly { type: number; mutable: boolean; init?: number }[];
  readonly hasStart: boolean;
  readonly customSections: readonly string[];
}

export function describeModule(module: Uint8Array): ModuleInfo {
  const kinds = ["function", "table", "memory", "global"] as const;
  const imports: ModuleInfo["imports"][number][] = [];
  const exports: ModuleInfo["exports"][number][] = [];
  const globals: ModuleInfo["globals"][number][] = [];
  const customSections: string[] = [];
  let hasStart = false;
  for (const s of sections(module)) {
    const r = new Reader(s.body);
    if (s.id === 0) customSections.push(r.name());
    if (s.id === SEC_IMPORT) {
      for (let n = r.u32(); n > 0; n--) {
        const mod = r.name();
        const nm = r.name();
        const kind = kinds[r.byte()]!;
        if (kind === "function") {
          r.u32();
          imports.push({ module: mod, name: nm, kind });
        } else if (kind === "memory" || kind === "table") {
          if (kind === "table") r.byte();
          const flags = r.u32();
          const min = r.u32();
          const max = flags & 1 ? r.u32() : undefined;
          imports.push({ module: mod, name: nm, kind, min, ...(max !== undefined ? { max } : {}), shared: (flags & 2) !== 0 });
        } else {
          r.byte();
          r.byte();
          imports.push({ module: mod, name: nm, kind });
        }
      }
    }
    if (s.id === SEC_GLOBAL) {
      for (let n = r.u32(); n > 0; n--) {
        const type = r.byte();
        const mutable = r.byte() === 1;
        const op = s.body[r.pos];
        if (op === 0x41) {
          r.pos++;
          const init = r.i32();
          r.byte();
          globals.push({ type, mutable, init });
        } else {
          r.skipInit();
          globals.push({ type, mutable });
        }
      }
    }
    if (s.id === SEC_EXPORT) {
      for (let n = r.u32(); n > 0; n--) {
        const nm = r.name();
        const kind = kinds[r.byte()]!;
        exports.push({ name: nm, kind, index: r.u32() });
      }
    }
    if (s.id === 8) hasStart = true;
  }
  return { imports, exports, globals, hasStart, customSections };
}
