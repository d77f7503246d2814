/**
 * `perimeter compile POLICY|DIR... --target rego|wasm|bundle|wasm-bundle|ir -o OUT`: writes
 * the compiled policies — Rego files under a directory, an OPA-ABI WebAssembly module, an OPA
 * bundle (.tar.gz) of the Rego or of the Wasm module, or the IR as text (for reviewing what a
 * policy means). Output is deterministic: compiling twice gives identical bytes.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { compile, TARGETS } from "../api/compile.js";
import { formatProblems } from "../api/problems.js";
import { writeRego } from "../backends/rego/emit.js";
import { oneOf, parseNow } from "./args.js";
import { EXIT, UsageError, type ExitCode } from "./errors.js";
import type { Output } from "./io.js";
import { parseCommand } from "./options.js";

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

export function compileCommand(argv: readonly string[], io: Output): ExitCode {
  const { values, positionals } = parseCommand(argv, { target: { type: "string", short: "t" }, output: { type: "string", short: "o" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    io.out(compileUsage);
    return EXIT.ok;
  }
  if (values.target === undefined) throw new UsageError("no target given: --target rego|wasm|bundle|wasm-bundle|ir");
  const target = oneOf("--target", values.target, TARGETS);
  if (positionals.length === 0) throw new UsageError("no policy files given", "perimeter compile policies --target rego -o out/");
  if (values.output === undefined) throw new UsageError("no output given: -o OUT");
  const out = values.output;
  const r = compile({ policies: positionals, target, now: parseNow(undefined) });
  if (!r.ok) {
    io.err(formatProblems(r.problems, io.colorErr));
    return EXIT.usage;
  }
  switch (r.target) {
    case "ir":
      if (out === "-") io.out(r.text);
      else writeFileSync(out, r.text);
      return EXIT.ok;
    case "wasm":
    case "wasm-bundle": {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, r.bytes);
      const entrypoints = r.entrypoints.join(", ") || "none";
      io.err(r.target === "wasm" ? `wrote the Wasm module ${out} (${r.module.length} bytes, entrypoints ${entrypoints})` : `wrote the OPA Wasm bundle ${out} (policy.wasm, entrypoints ${entrypoints})`);
      return EXIT.ok;
    }
    case "rego":
      writeRego(out, r.files);
      io.err(`wrote ${r.files.length} Rego files under ${out}`);
      return EXIT.ok;
    case "bundle":
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, r.bytes);
      io.err(`wrote the OPA bundle ${out} (${r.files.length} Rego files)`);
      return EXIT.ok;
  }
}
