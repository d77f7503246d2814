// Bundles the command line (src/cli/bin.ts) into dist/bin/: an ES module entry point,
// `perimeter.js`, and one chunk per subcommand and shared dependency (esbuild code
// splitting), so a run loads a handful of files instead of about 840 modules (640 of them
// lodash-es, through Chevrotain), and `--version` loads only the dispatcher. Part of
// `npm run build`, after tsc (the library entry points stay in dist/src/). Dependencies are
// bundled, except Prettier (loaded by `fmt` only, where the plugin is its own entry point).
//
// Writes dist/bin/build-id: a digest of the bundle and the Wasm runtime, which keys the cache
// of compiled policies (src/cli/policy-cache.ts) so a rebuilt tool never reuses an entry.
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

// @open-policy-agent/opa-wasm requires its own YAML package (v1, ~150 KB) for OPA's `yaml.*`
// builtins, which modules compiled by Perimeter never import. Bundled, it would be parsed on
// every run; instead the bundle gets a stand-in that loads that same package from opa-wasm's
// install the first time a builtin calls it.
const lazyOpaWasmYaml = {
  name: "lazy-opa-wasm-yaml",
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, (args) => (args.importer.includes("@open-policy-agent/opa-wasm") ? { path: "opa-wasm-yaml", namespace: "lazy-opa-wasm-yaml" } : undefined));
    b.onLoad({ filter: /.*/, namespace: "lazy-opa-wasm-yaml" }, () => ({
      loader: "js",
      contents: [
        'const { createRequire } = require("node:module");',
        "let yaml;",
        'const load = () => (yaml ??= createRequire(require.resolve("@open-policy-agent/opa-wasm"))("yaml"));',
        "module.exports = { parse: (...a) => load().parse(...a), stringify: (...a) => load().stringify(...a) };",
      ].join("\n"),
    }));
  },
};
const outdir = join(root, "dist", "bin");
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { perimeter: "src/cli/bin.ts" },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  chunkNames: "chunks/[name]-[hash]",
  external: ["prettier", "prettier/*"],
  plugins: [lazyOpaWasmYaml],
  // CommonJS dependencies bundled into ES modules may call `require` for Node built-ins.
  banner: { js: 'import { createRequire as __perimeterRequire } from "node:module"; const require = __perimeterRequire(import.meta.url);' },
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
});
writeFileSync(join(root, "node_modules", ".cache", "perimeter-build-meta.json"), JSON.stringify(result.metafile));
const hash = createHash("sha256");
for (const file of Object.keys(result.metafile.outputs).sort()) hash.update(file).update(readFileSync(join(root, file)));
hash.update(readFileSync(join(root, "dist", "src", "backends", "wasm", "runtime.wasm")));
writeFileSync(join(outdir, "build-id"), `${hash.digest("hex").slice(0, 32)}\n`);
