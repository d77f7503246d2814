/**
 * Every name and constant of OPA's Wasm ABI that the backend relies on
 * (shared/reference/opa-wasm-abi.md §1, §8), plus the names of the runtime's patch points.
 */

export const ABI_VERSION = 1;
export const ABI_MINOR_VERSION = 3;

/** The only imports a Perimeter module has: the memory (re-exported) and `opa_abort`. */
export const IMPORTS = [
  { module: "env", name: "memory", kind: "memory" },
  { module: "env", name: "opa_abort", kind: "function" },
] as const;

/** Functions every ABI 1.3 module exports. */
export const EXPORTED_FUNCTIONS = [
  "opa_malloc",
  "opa_free",
  "opa_json_parse",
  "opa_value_parse",
  "opa_json_dump",
  "opa_value_dump",
  "opa_heap_ptr_get",
  "opa_heap_ptr_set",
  "opa_eval_ctx_new",
  "opa_eval_ctx_set_input",
  "opa_eval_ctx_set_data",
  "opa_eval_ctx_set_entrypoint",
  "opa_eval_ctx_get_result",
  "eval",
  "opa_eval",
  "opa_value_add_path",
  "opa_value_remove_path",
  "opa_value_free",
  "opa_heap_blocks_stash",
  "opa_heap_blocks_restore",
  "opa_heap_stash_clear",
  "builtins",
  "entrypoints",
] as const;

export const EXPORTED_GLOBALS = ["opa_wasm_abi_version", "opa_wasm_abi_minor_version"] as const;

/** The largest initial memory (pages) a module may import: the npm SDK's default `{initial: 5}`. */
export const MAX_INITIAL_PAGES = 5;
export const PAGE_SIZE = 65536;

/** Abort messages the ABI fixes. */
export const ABORT_MALLOC = "opa_malloc: failed";
export const ABORT_ENTRYPOINT = "internal: illegal entrypoint id";

/** The runtime's patch points: exported by the prebuilt runtime, removed from policy modules. */
export const PATCH_PROGRAM = "PERIMETER_PROGRAM";
export const PATCH_HEAP_BASE = "PERIMETER_HEAP_BASE";
export const PATCH_STATIC_END = "PERIMETER_STATIC_END";

/** The entrypoint of a package's report: `databricks.apps` → `databricks/apps/report`. */
export function entrypointName(pkg: string): string {
  return `${pkg.split(".").join("/")}/report`;
}

/** The entrypoint of a package's verdicts (src/report/verdicts.ts): `databricks/apps/verdicts`. */
export function verdictsEntrypointName(pkg: string): string {
  return `${pkg.split(".").join("/")}/verdicts`;
}
