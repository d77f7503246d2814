// Builds the VS Code extension into a .vsix (`npm run package:vscode`; nothing is published):
// type-checks editors/vscode/src, bundles its client (vscode-languageclient included) into
// editors/vscode/dist/extension.js with esbuild (CommonJS, as VS Code loads it; `vscode` is
// provided by the editor), then runs `vsce package --no-dependencies`, since the bundle is
// the only code the extension needs. The licences of the bundled packages go to
// dist/THIRD_PARTY_NOTICES.txt beside the bundle. Writes dist/perimeter-vscode-<version>.vsix, or the
// path given as the first argument, and prints it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const extension = join(root, "editors", "vscode");
const require = createRequire(import.meta.url);
const { version } = JSON.parse(readFileSync(join(extension, "package.json"), "utf8"));
const out = resolve(process.argv[2] ?? join(root, "dist", `perimeter-vscode-${version}.vsix`));

const run = (args) => execFileSync(process.execPath, args, { cwd: extension, stdio: ["ignore", "inherit", "inherit"] });

run([require.resolve("typescript/bin/tsc"), "-p", join(extension, "tsconfig.json")]);
const result = await build({
  absWorkingDir: extension,
  entryPoints: ["src/extension.ts"],
  outfile: join(extension, "dist", "extension.js"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  external: ["vscode"],
  minify: true,
  sourcemap: false,
  legalComments: "eof",
  metafile: true,
  logLevel: "warning",
});
writeFileSync(join(extension, "dist", "THIRD_PARTY_NOTICES.txt"), notices(Object.keys(result.metafile.inputs)));
mkdirSync(dirname(out), { recursive: true });
// stdin is closed: a vsce prompt (a missing field) fails the build instead of waiting.
run([
  join(dirname(require.resolve("@vscode/vsce/package.json")), "vsce"),
  "package",
  "--no-dependencies",
  "--skip-license",
  "--allow-missing-repository",
  "--out",
  out,
]);
process.stdout.write(`${out}\n`);

/** The name, version and licence text of every package the bundle took code from. */
function notices(inputs) {
  const dirs = new Set();
  for (const input of inputs) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) dirs.add(m[1]);
  }
  const parts = [...dirs].sort().map((rel) => {
    const dir = join(extension, rel);
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const licence = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
    if (licence === undefined || !existsSync(join(dir, licence))) throw new Error(`no licence file in ${dir}`);
    return `${pkg.name} ${pkg.version} (${pkg.license})\n\n${readFileSync(join(dir, licence), "utf8").trim()}\n`;
  });
  return `The Perimeter extension bundles these packages:\n\n${parts.join(`\n${"-".repeat(78)}\n\n`)}`;
}
