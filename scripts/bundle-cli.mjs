// Bundles the command line into dist/bin/: `perimeter.cjs`, one CommonJS file holding the whole
// tool (built from src/cli/bin.ts), and `perimeter.js`, the small ES module the `perimeter`
// command starts (src/cli/launch.ts), which runs that file through V8's code cache. A run loads
// two files instead of about 840 modules (640 of them lodash-es, through Chevrotain); with the
// code cache of an earlier run of the same command, V8 neither parses nor compiles again what
// that run compiled, and code that a command never reaches (the language server, the OPA
// engine, the YAML reader) stays behind esbuild's lazy module wrappers, never run. Node 20 has
// no code cache for ES modules, hence CommonJS. Part of `npm run build`, after tsc (the library
// entry points stay in dist/src/). Dependencies are bundled, except Prettier (an ES module,
// imported by `fmt` only).
//
// Writes dist/bin/build-id: a digest of the bundle and the Wasm runtime, which keys the cache
// of compiled policies and the code cache (src/cli/cache.ts), so a rebuilt tool never reuses
// an entry.
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
        'const load = () => (yaml ??= createRequire(createRequire(__filename).resolve("@open-policy-agent/opa-wasm"))("yaml"));',
        "module.exports = { parse: (...a) => load().parse(...a), stringify: (...a) => load().stringify(...a) };",
      ].join("\n"),
    }));
  },
};
const outdir = join(root, "dist", "bin");
rmSync(outdir, { recursive: true, force: true });
const common = { absWorkingDir: root, bundle: true, platform: "node", target: "node20.19", legalComments: "none", logLevel: "warning" };
await build({
  ...common,
  entryPoints: { perimeter: "src/cli/bin.ts" },
  outdir,
  outExtension: { ".js": ".cjs" },
  format: "cjs",
  // Without comments and spaces the file is a third smaller, and all ASCII, so Node reads it
  // as a one-byte string; names are kept (profiles stay readable).
  minifyWhitespace: true,
  minifySyntax: true,
  charset: "ascii",
  external: ["prettier", "prettier/*"],
  // A script run through the code cache (vm.Script) cannot `import()` on Node 20 without an
  // experimental flag, so `import("prettier")` becomes `require("prettier")`: Prettier's
  // CommonJS entry has the asynchronous API `fmt` and the language server call.
  supported: { "dynamic-import": false },
  plugins: [lazyOpaWasmYaml],
  // src/paths.ts finds the package from its own URL; in CommonJS that is the bundle's file.
  define: { "import.meta.url": "__perimeterUrl" },
  banner: { js: 'var __perimeterUrl = require("node:url").pathToFileURL(__filename).href;' },
});
await build({ ...common, entryPoints: { perimeter: "src/cli/launch.ts" }, outdir, format: "esm" });
const bundle = readFileSync(join(outdir, "perimeter.cjs"));
// launch.ts reads the bundle as Latin-1, which is right only for ASCII.
if (bundle.some((b) => b > 0x7f)) throw new Error("dist/bin/perimeter.cjs is not all ASCII: see charset in scripts/bundle-cli.mjs");
const hash = createHash("sha256");
hash.update("dist/bin/perimeter.cjs").update(bundle);
hash.update("dist/bin/perimeter.js").update(readFileSync(join(outdir, "perimeter.js")));
hash.update(readFileSync(join(root, "dist", "src", "backends", "wasm", "runtime.wasm")));
writeFileSync(join(outdir, "build-id"), `${hash.digest("hex").slice(0, 32)}\n`);
