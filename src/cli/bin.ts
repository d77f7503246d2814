/**
 * The entry point of the bundled tool (`dist/bin/perimeter.cjs`, built from this file by
 * scripts/bundle-cli.mjs, started by launch.ts): turns on the cache of compiled policies, keyed
 * by this build (cache.ts), and runs the command line. Everything else is in main.ts; each
 * subcommand is imported only when it runs.
 */

import { enableCache } from "./cache.js";
import { run } from "./main.js";

enableCache();
run();
