#!/usr/bin/env node
/**
 * The entry point of the bundled `perimeter` binary (`dist/bin/perimeter.js`, built from this
 * file by scripts/bundle-cli.mjs): turns on the cache of compiled policies, keyed by this
 * build (cache.ts), and runs the command line. Everything else is in main.ts; each subcommand
 * is a chunk of its own, loaded only when it runs.
 */

import { enableCache } from "./cache.js";
import { run } from "./main.js";

enableCache();
run();
