#!/usr/bin/env node
/**
 * The `perimeter` binary's first file (`dist/bin/perimeter.js`, bundled from this file by
 * scripts/bundle-cli.mjs): it runs the rest of the tool, one CommonJS bundle
 * (`dist/bin/perimeter.cjs`, built from bin.ts), through V8's code cache, so that a run does
 * not parse and compile again the functions an earlier run of the same command compiled.
 *
 * Node 20 has no code cache for ES modules (`module.enableCompileCache` came in Node 22.1 and
 * covers CommonJS too); `vm.Script` takes cached data on every version. The cached data lives
 * beside the cache of compiled policies (cache.ts), in `$XDG_CACHE_HOME/perimeter/code-v1`: one
 * entry per build of the tool (dist/bin/build-id), Node version, architecture and subcommand,
 * written once, at the exit of a run that found none or whose entry V8 refused. Like every cache entry it carries the SHA-256 of its
 * body, and a missing, altered or refused entry only makes the run compile as if there were none.
 *
 * It is the tool's own code, not the user's input: `--no-cache` (which compiles the policies
 * from source) leaves it on; `PERIMETER_NO_CACHE` turns off both.
 */

import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { enableCache, openCache, readBuildIdAt } from "./cache.js";
import { versionIn } from "./version.js";

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv.length === 3 && (process.argv[2] === "--version" || process.argv[2] === "-V")) {
  // What main.ts prints, without loading the tool.
  process.stdout.write(`perimeter ${versionIn(join(here, "..", "..", "package.json"))}\n`);
} else {
  runBundle();
}

/** Runs dist/bin/perimeter.cjs, with the code cache of this command when there is one. */
function runBundle(): void {
  const bundle = join(here, "perimeter.cjs");
  // All ASCII (scripts/bundle-cli.mjs checks), so read as Latin-1: a one-byte string, no decoding.
  const source = readFileSync(bundle, "latin1");
  enableCache(readBuildIdAt(join(here, "build-id")));
  const cache = openCache({ area: "code-v1" });
  // The subcommand (the first word that is not an option) keys the entry: each command compiles
  // different functions, and an entry holds those its first run compiled.
  const command = process.argv.slice(2).find((a) => !a.startsWith("-")) ?? "-";
  const key = cache?.key("v8", [process.version, process.arch, /^[a-z]+$/.test(command) ? command : "-"]);
  const cached = key === undefined ? undefined : cache!.get(key);

  // The wrapper Node gives a CommonJS file, so the bundle sees `require`, `module`, `__filename`.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    ...(cached !== undefined ? { cachedData: cached } : {}),
  });
  if (key !== undefined && (cached === undefined || script.cachedDataRejected === true)) {
    // Written at exit, when the functions this run needed are compiled and can be cached too.
    process.once("exit", () => cache!.put(key, script.createCachedData()));
  }
  const commonJsModule = { exports: {}, id: bundle, filename: bundle, loaded: false };
  (script.runInThisContext() as (...a: unknown[]) => void)(commonJsModule.exports, createRequire(bundle), commonJsModule, bundle, here);
}
