/**
 * The npm OPA Wasm SDK (`@open-policy-agent/opa-wasm`). Its ESM entry names only `loadPolicy`,
 * while its type declarations promise more: the rest is on its default export, the CommonJS
 * module itself. Imported statically, so the bundled CLI (scripts/bundle-cli.mjs) carries it.
 */

import type * as Sdk from "@open-policy-agent/opa-wasm";
import * as entry from "@open-policy-agent/opa-wasm";

const sdk = (entry as unknown as { default: typeof Sdk }).default;

export const loadPolicy: typeof Sdk.loadPolicy = sdk.loadPolicy;
export const loadPolicySync: typeof Sdk.loadPolicySync = sdk.loadPolicySync;
export type LoadedPolicy = Sdk.LoadedPolicy;
