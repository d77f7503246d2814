/**
 * The npm OPA Wasm SDK (`@open-policy-agent/opa-wasm`), loaded through its CommonJS entry:
 * its ESM entry exports only `loadPolicy`, while its type declarations promise more.
 */

import { createRequire } from "node:module";
import type * as Sdk from "@open-policy-agent/opa-wasm";

const sdk = createRequire(import.meta.url)("@open-policy-agent/opa-wasm") as typeof Sdk;

export const loadPolicy: typeof Sdk.loadPolicy = sdk.loadPolicy;
export const loadPolicySync: typeof Sdk.loadPolicySync = sdk.loadPolicySync;
export type LoadedPolicy = Sdk.LoadedPolicy;
