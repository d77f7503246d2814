/**
 * `perimeter compile POLICY|DIR... --target rego|wasm|bundle|wasm-bundle|ir -o OUT`: writes
 * the compiled policies — Rego files under a directory, an OPA-ABI WebAssembly module, an OPA
 * bundle (.tar.gz) of the Rego or of the Wasm module, or the IR as text (for reviewing what a
 * policy means). Output is deterministic: compiling twice gives identical bytes.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { bundle } from "../backends/bundle.js";
import { compileWasm } from "../backends/wasm/compile.js";
import { emitRego, writeRego } from "../backends/rego/emit.js";
import type { IrProgram } from "../ir/ir.js";
import { printProgram } from "../ir/print.js";
import { oneOf, parseNow } from "./args.js";
import { EXIT, UsageError, type ExitCode } from "./errors.js";
import type { Output } from "./io.js";
import { parseCommand } from "./options.js";
import { compilePolicies, InputError } from "./policy.js";

export const compileUsage = `usage: perimeter compile POLICY|DIR... --target rego|wasm|bundle|wasm-bundle|ir -o OUT

  --target rego     Rego v1 files under the directory OUT (one directory per package,
                    plus perimeter/lib); each package with controls has a \`report\` rule
                    and a \`verdicts\` rule (control, subject, status, failed requirements)
  --target wasm     an OPA-ABI 1.3 WebAssembly module OUT (e.g. policy.wasm) with two
                    entrypoints per package with controls (\`databricks/apps/report\`,
                    then \`databricks/apps/verdicts\`); it reads \`now\` and the params
                    from data.perimeter
  --target bundle   an OPA bundle (.tar.gz) OUT of the Rego, for \`opa run --bundle\` and
                    bundle servers; \`now\` and site params go in data.perimeter beside it
  --target wasm-bundle
                    an OPA bundle (.tar.gz) OUT of the Wasm module (policy.wasm and its
                    entrypoints in .manifest), for OPA SDKs that load Wasm bundles
  --target ir       the intermediate representation as text (OUT, or - for stdout)`;

/**
 * The bundle's data roots: the root of every package (its full path when it is under
 * `perimeter`), and `perimeter/lib`; `data.perimeter.now` and `data.perimeter.params` stay
 * outside, for the user to set.
 */
export function bundleRoots(ir: IrProgram): string[] {
  const root = (name: string) => (name.split(".")[0] === "perimeter" ? name.replace(/\./g, "/") : name.split(".")[0]!);
  return [...new Set(["perimeter/lib", ...ir.packages.map((p) => root(p.name))])].sort();
}

/** The default parameters as OPA data (`data.perimeter.params`): package → name → value. */
export function defaultParamsData(ir: IrProgram): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const p of ir.packages) if (p.params.length > 0) out[p.name] = Object.fromEntries(p.params.map((x) => [x.name, x.value]));
  return out;
}

export function compileCommand(argv: readonly string[], io: Output): ExitCode {
  const { values, positionals } = parseCommand(argv, { target: { type: "string", short: "t" }, output: { type: "string", short: "o" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    io.out(compileUsage);
    return EXIT.ok;
  }
  if (values.target === undefined) throw new UsageError("no target given: --target rego|wasm|bundle|wasm-bundle|ir");
  const target = oneOf("--target", values.target, ["rego", "wasm", "bundle", "wasm-bundle", "ir"] as const);
  if (positionals.length === 0) throw new UsageError("no policy files given", "perimeter compile policies --target rego -o out/");
  if (values.output === undefined) throw new UsageError("no output given: -o OUT");
  const out = values.output;
  try {
    const { ir } = compilePolicies(positionals, io, parseNow(undefined));
    if (target === "ir") {
      const text = printProgram(ir);
      if (out === "-") io.out(text);
      else writeFileSync(out, text);
      return EXIT.ok;
    }
    if (target === "wasm" || target === "wasm-bundle") {
      const wasm = compileWasm(ir);
      mkdirSync(dirname(out), { recursive: true });
      const entrypoints = wasm.entrypoints.join(", ") || "none";
      if (target === "wasm") {
        writeFileSync(out, wasm.module);
        io.err(`wrote the Wasm module ${out} (${wasm.module.length} bytes, entrypoints ${entrypoints})`);
      } else {
        writeFileSync(out, bundle({ roots: bundleRoots(ir), wasm: { module: wasm.module, entrypoints: wasm.entrypoints } }));
        io.err(`wrote the OPA Wasm bundle ${out} (policy.wasm, entrypoints ${entrypoints})`);
      }
      return EXIT.ok;
    }
    const files = emitRego(ir);
    if (target === "rego") {
      writeRego(out, files);
      io.err(`wrote ${files.length} Rego files under ${out}`);
      return EXIT.ok;
    }
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, bundle({ rego: files, roots: bundleRoots(ir) }));
    io.err(`wrote the OPA bundle ${out} (${files.length} Rego files)`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof InputError) return EXIT.usage;
    throw e;
  }
}
