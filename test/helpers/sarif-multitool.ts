// Microsoft's SARIF validator (`@microsoft/sarif-multitool`, a devDependency: the npm package
// ships the .NET tool self-contained per platform) with GitHub's ingestion rules on
// (`--rule-kind "Sarif;Gh"`): the check GitHub's documentation points third-party producers
// to. In CI a multitool that is missing or does not run is an error; elsewhere the tests that
// need it are skipped with a notice, as for OPA (test/helpers/opa.ts).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface MultitoolFinding {
  readonly ruleId: string;
  readonly level: string;
  readonly text: string;
}

function locate(): string | undefined {
  let path: string | undefined;
  let why = "";
  try {
    // The package's index.js resolves to the binary of this platform's optional dependency.
    path = createRequire(import.meta.url)("@microsoft/sarif-multitool") as string;
  } catch (e) {
    why = (e as Error).message.split("\n")[0]!;
  }
  if (path !== undefined && existsSync(path)) {
    const probe = spawnSync(path, ["--version"], { encoding: "utf8" });
    if (probe.status === 0) return path;
    why = `${path} does not run: ${(probe.stderr || String(probe.error)).trim().split("\n")[0]}`;
  } else if (path !== undefined) why = `${path} does not exist`;
  if (process.env["CI"]) throw new Error(`the SARIF multitool is not usable (${why}): run \`npm ci\``);
  console.warn(`the SARIF multitool is not usable (${why}): the tests that need it are skipped`);
  return undefined;
}

export const MULTITOOL: string | undefined = locate();

/**
 * Validates SARIF texts (by file name) in one run of the validator, with the SARIF and GitHub
 * rules at every level (errors, warnings and notes); returns each file's findings, read from
 * the SARIF log the validator writes.
 */
export function validateWithMultitool(files: Readonly<Record<string, string>>): Map<string, MultitoolFinding[]> {
  if (MULTITOOL === undefined) throw new Error("the SARIF multitool is not available");
  const dir = mkdtempSync(join(tmpdir(), "perimeter-sarif-"));
  const output = join(dir, "validation.log");
  const inputs = Object.entries(files).map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
  const r = spawnSync(MULTITOOL, ["validate", "--rule-kind", "Sarif;Gh", "--level", "Error;Warning;Note", "--output", output, ...inputs], { encoding: "utf8", timeout: 300_000 });
  if (r.status !== 0 || !existsSync(output)) throw new Error(`sarif-multitool validate failed (status ${r.status}):\n${r.stdout}\n${r.stderr}`);
  type Log = { runs: { results?: { ruleId: string; level?: string; message: { text?: string; id?: string; arguments?: string[] }; locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[] }[] }[] };
  const log = JSON.parse(readFileSync(output, "utf8")) as Log;
  const out = new Map<string, MultitoolFinding[]>(Object.keys(files).map((name) => [name, []]));
  for (const x of log.runs.flatMap((run) => run.results ?? [])) {
    const uri = x.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? "";
    const name = Object.keys(files).find((n) => decodeURIComponent(uri).endsWith(`/${n}`));
    // A finding about no file in particular (the validator's own notifications) is an error of the run.
    const list = name === undefined ? undefined : out.get(name);
    const finding = { ruleId: x.ruleId, level: x.level ?? "warning", text: x.message.text ?? `${x.message.id ?? ""} ${(x.message.arguments ?? []).join(" | ")}` };
    if (list === undefined) throw new Error(`sarif-multitool reported on no input file: ${JSON.stringify(finding)}`);
    list.push(finding);
  }
  return out;
}
