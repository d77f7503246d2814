// Compiles the AssemblyScript runtime of the Wasm backend (runtime/, its own package) to
// dist/src/backends/wasm/runtime.wasm, or to the file given as the first argument. Part of
// `npm run build`; deterministic (same sources and compiler version, same bytes).
// Features: Wasm MVP + mutable globals only, the safest set for OPA hosts
// (opa-wasm-abi.md §5.4). -Os: measured 15 KB smaller than -O3 at the same speed (within
// noise) on the shipped policies. Zero-filled static data is not emitted
// (--zeroFilledMemory): the runtime initialises every static buffer it reads itself.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import asc from "assemblyscript/asc";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = process.argv[2] ?? join(root, "dist", "src", "backends", "wasm", "runtime.wasm");
mkdirSync(dirname(out), { recursive: true });
const args = [
  join(root, "runtime", "src", "index.ts"),
  "--outFile", out,
  "-Os",
  "--runtime", "stub",
  "--importMemory",
  "--zeroFilledMemory",
  "--initialMemory", "1",
  "--use", "abort=",
  "--noAssert",
  "--disable", "bulk-memory",
  "--disable", "sign-extension",
  "--disable", "nontrapping-f2i",
  "--disable", "simd",
  "--disable", "reference-types",
  "--disable", "multi-value",
];
const { error, stderr } = await asc.main(args);
if (error) {
  console.error(stderr.toString());
  console.error(`build-wasm-runtime: ${error.message}`);
  process.exit(1);
}
