/**
 * Role: the entry point of the hand-written baseline — the library checks of
 * `policies/databricks/apps` (25 controls) as plain TypeScript, for the benchmarks of issue 9:
 * "as fast as plain JS gets". No IR, no interpreter: `JSON.parse`, one pass over the workspaces
 * deciding every workspace control from shared, lazily computed facts (`workspace.ts`, with
 * per-policy and per-NCC facts cached by `context.ts`), then the account controls, then the
 * results in report order.
 *
 * It stands alone (nothing from `src/` is imported) and is checked against the reference
 * evaluator by `test/bench/baseline.test.ts`. Its domain is what the CLI evaluates: exports that
 * are valid `dbx-network-export/v1` documents (raw text with API list envelopes is fine; they are
 * unwrapped as they are read). The library has no waivers, so there is no `waived` status.
 */

import { Ctx } from "./context.js";
import type { ControlInfo } from "./control.js";
import { checkEgress, EGRESS } from "./egress.js";
import { list, type Export } from "./export.js";
import { checkGeneral, GENERAL } from "./general.js";
import { checkAccount, checkIngress, INGRESS } from "./ingress.js";
import { DEFAULT_PARAMS, Params, type BaselineParams } from "./params.js";
import { Gaps } from "./slots.js";
import { Ws } from "./workspace.js";

export type { BaselineParams } from "./params.js";
export type { ControlInfo } from "./control.js";

export interface BaselineResult {
  /** The control id, e.g. `APPS-EGR-001`. */
  readonly control: string;
  /** The subject key as the Report gives it (a workspace id, the account id, or `*`). */
  readonly subject: string;
  readonly status: "pass" | "fail" | "unknown";
  /** The failed requirements (1-based), in order; empty unless the status is `fail`. Shared: do not modify. */
  readonly failed: readonly number[];
}

export interface BaselineOptions {
  /** Overrides of the params of `databricks.apps` (defaults: `policies/databricks/apps/params.perimeter`). */
  readonly params?: BaselineParams;
}

/** Every control of the library, in report order (package, then file, then source order). */
export const CONTROLS: readonly ControlInfo[] = [...EGRESS, ...GENERAL, ...INGRESS];

/** Rows of the workspaces × controls table: one per workspace control. */
const ROWS = CONTROLS.filter((c) => c.subject === "workspace").length;
const STATUS = ["pass", "pass", "fail", "unknown"] as const;
/** `failed` lists by bit mask (at most six requirements per control: a code is one byte). */
const FAILED: readonly (readonly number[])[] = Array.from({ length: 64 }, (_, mask) => Object.freeze([1, 2, 3, 4, 5, 6].filter((k) => mask & (1 << (k - 1)))));
const NO_FAILURE = FAILED[0]!;

/** A subject key: `workspace_id` / `account_id` as text, else the subject's JSON pointer. */
function keyOf(id: unknown, pointer: string): string {
  if (typeof id === "string") return id;
  if (typeof id === "number") return String(id);
  return pointer;
}

/** Decides every control of `policies/databricks/apps` for every subject of one export. */
export function baselineCheck(input: string | object, opts?: BaselineOptions): BaselineResult[] {
  const doc = (typeof input === "string" ? JSON.parse(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input) : input) as Export;
  const params = opts?.params === undefined ? DEFAULT_PARAMS : new Params(opts.params);
  const c = new Ctx(doc, params);
  const gaps = new Gaps(doc);

  const workspaces = list(doc.workspaces);
  const n = workspaces.length;
  const codes = new Uint8Array(ROWS * n);
  const keys = new Array<string>(n);
  const w = new Ws(c);
  for (let i = 0; i < n; i++) {
    const ws = workspaces[i];
    if (ws == null) continue;
    keys[i] = keyOf(ws.workspace_id, `/workspaces/${i}`);
    w.reset(ws);
    const m = gaps.any ? gaps.workspace(i) : 0;
    checkEgress(c, w, m, codes, i, n);
    checkGeneral(c, w, m, codes, i, n);
    checkIngress(c, w, m, codes, i, n);
  }
  const account = doc.account;
  const accountCodes = new Uint8Array(CONTROLS.length - ROWS);
  if (account != null) checkAccount(c, account, gaps.exportMask, accountCodes);

  const out: BaselineResult[] = [];
  for (const ctl of CONTROLS) {
    if (ctl.subject === "account") {
      const code = accountCodes[ctl.row]!;
      if (code !== 0) out.push({ control: ctl.id, subject: keyOf(account!.account_id, "/account"), status: STATUS[code & 3]!, failed: FAILED[code >> 2]! });
      continue;
    }
    if (gaps.workspacesList) out.push({ control: ctl.id, subject: "*", status: "unknown", failed: NO_FAILURE });
    const base = ctl.row * n;
    for (let i = 0; i < n; i++) {
      const code = codes[base + i]!;
      if (code !== 0) out.push({ control: ctl.id, subject: keys[i]!, status: STATUS[code & 3]!, failed: FAILED[code >> 2]! });
    }
  }
  return out;
}
