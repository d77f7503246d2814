/**
 * Import rules between the layers of src/, checked by `npm run lint:deps` (run by
 * test/structure/import-rules.test.ts, so CI enforces them). Each rule says why it exists;
 * `ENGINES` lists the evaluation engines, which may not import one another — add a folder
 * there when an engine is added.
 */

/** The evaluation engines: each runs a compiled policy on its own, none borrows another's evaluation. */
const ENGINES = ["src/eval", "src/backends/wasm", "src/backends/opa"];

/** A path regex matching a folder and everything under it. */
const under = (folder) => `^${folder.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/`;

/** Node's built-in modules, as dependency-cruiser names them (`node:fs` is `fs`). */
const NODE_BUILTINS = `^(${require("node:module").builtinModules.map((m) => m.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|")})$`;

/** The modules the browser playground runs: reachable from its entry, they must not need Node. */
const BROWSER_ENTRY = "^playground/src/";

module.exports = {
  forbidden: [
    {
      name: "no-import-from-cli",
      comment: "src/cli/ only parses arguments and calls the library; nothing else may depend on it (the bin entry is src/cli/bin.ts).",
      severity: "error",
      from: { pathNot: "^src/cli/" },
      to: { path: "^src/cli/" },
    },
    {
      name: "no-eval-to-check",
      comment: "The evaluator runs the IR; it never needs the type checker (shared facts live in src/util/).",
      severity: "error",
      from: { path: "^src/eval/" },
      to: { path: "^src/check/" },
    },
    ...ENGINES.map((engine) => ({
      name: "no-engine-to-engine",
      comment: `${engine} is an engine: it may not import another engine (${ENGINES.filter((e) => e !== engine).join(", ")}).`,
      severity: "error",
      from: { path: under(engine) },
      to: { path: ENGINES.filter((e) => e !== engine && !e.startsWith(`${engine}/`)).map(under).join("|") },
    })),
    {
      name: "no-node-in-browser",
      comment: "The playground runs in the browser: nothing it reaches may import a Node built-in module.",
      severity: "error",
      from: { path: BROWSER_ENTRY },
      to: { path: NODE_BUILTINS, reachable: true },
    },
    {
      name: "no-circular",
      comment: "A cycle makes the layers order-dependent at load time and hides which module owns what.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^runtime/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], extensions: [".ts", ".js", ".json"] },
  },
};
