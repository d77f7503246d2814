/**
 * Vite configuration of the playground (`npm run playground`, `npm run build:playground`).
 * The page imports the compiler's sources from src/, the library and examples as static
 * assets, and the Wasm runtime built by `npm run build` (dist/src/backends/wasm/runtime.wasm).
 * Nothing is inlined as a data: URL (the page's Content-Security-Policy allows only its own
 * origin), and the build is a static folder: dist/playground/.
 */

import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
const repo = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root,
  base: "./",
  publicDir: false,
  server: { fs: { allow: [repo] } },
  worker: { format: "es" },
  build: {
    outDir: fileURLToPath(new URL("../dist/playground", import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: "es2022",
    chunkSizeWarningLimit: 4096,
    reportCompressedSize: false,
  },
});
