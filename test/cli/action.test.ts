// The GitHub Action (action.yml): its shape (a composite action that sets up Node, runs every
// `run` step with a shell, declares every input a step uses and uses every input it declares,
// and never pastes an input into a script), its check step (scripts/action-check.sh) run on the
// examples as the runner would run it, and the example workflow of docs/ci.md linted by the real
// actionlint, which also checks the `with:` of a local action against its action.yml.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { packagePath } from "../../src/paths.js";
import { tempDir } from "../helpers/cli.js";
import { tool } from "../helpers/opa.js";

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly shell?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
  readonly "working-directory"?: string;
}
interface Action {
  readonly name: string;
  readonly description: string;
  readonly inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  readonly runs: { using: string; steps: Step[] };
}

const text = readFileSync(packagePath("action.yml"), "utf8");
const action = parse(text) as Action;
const ACTIONLINT = tool("actionlint", "PERIMETER_ACTIONLINT");

describe("action.yml", () => {
  it("is a composite action that sets up Node and runs check", () => {
    expect(action.name).toBeTruthy();
    expect(action.description).toBeTruthy();
    expect(action.runs.using).toBe("composite");
    const steps = action.runs.steps;
    expect(steps[0]?.uses).toMatch(/^actions\/setup-node@v\d+$/);
    for (const s of steps) {
      expect(s.uses !== undefined || s.run !== undefined, JSON.stringify(s)).toBe(true);
      if (s.run !== undefined) expect(s.shell, `${s.name}: a composite run step needs a shell`).toBe("bash");
    }
    expect(steps.some((s) => s.run?.includes("scripts/action-check.sh"))).toBe(true);
    expect(existsSync(packagePath("scripts", "action-check.sh"))).toBe(true);
  });

  it("declares every input its steps use, uses every input it declares, and never pastes one into a script", () => {
    const declared = Object.keys(action.inputs);
    const used = new Set([...text.matchAll(/\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}/g)].map((m) => m[1]!));
    for (const u of used) expect(declared, `inputs.${u} is used but not declared`).toContain(u);
    for (const d of declared) expect(used.has(d), `input ${d} is declared but not used`).toBe(true);
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).toBeTruthy();
    for (const s of action.runs.steps) expect(s.run ?? "", `${s.name}: an input in a script is an injection`).not.toMatch(/\$\{\{/);
  });

  it("its check step runs perimeter check with the inputs, as the runner passes them", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "exports", "more"), { recursive: true });
    copyFileSync(packagePath("examples", "exports", "acme-aws-prod.json"), join(dir, "exports", "aws.json"));
    copyFileSync(packagePath("examples", "exports", "contoso-dev-azure-noncompliant.json"), join(dir, "exports", "more", "dev.json"));
    // The env of the step, as action.yml maps the inputs.
    const step = action.runs.steps.find((s) => s.run?.includes("action-check.sh"))!;
    const inputs: Record<string, string> = {
      policies: packagePath("policies"),
      library: "false",
      exports: "exports/**/*.json\n",
      params: "",
      format: "text\nsarif=out/perimeter.sarif\n  markdown=summary.md  \n",
      output: "",
      "fail-on": "critical",
      engine: "js",
      config: "",
      "working-directory": dir,
      "node-version": "20",
    };
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, v.replace(/\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}/g, (_, n: string) => inputs[n] ?? "")]));
    const run = (extra: Record<string, string>) =>
      spawnSync("bash", ["-c", step.run!], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", GITHUB_ACTION_PATH: packagePath(), ...env, ...extra } });
    const r = run({});
    expect(r.stderr).toContain(`perimeter check ${packagePath("policies")} --input exports/aws.json exports/more/dev.json --format text --format sarif=out/perimeter.sarif --format markdown=summary.md --fail-on critical --engine js`);
    expect(r.status, r.stderr).toBe(1); // dev fails a critical control
    expect(r.stdout).toMatch(/^exports\/aws\.json \(account/m);
    expect(r.stdout).toMatch(/^exports\/more\/dev\.json \(account/m);
    expect(JSON.parse(readFileSync(join(dir, "out", "perimeter.sarif"), "utf8")).version).toBe("2.1.0");
    expect(readFileSync(join(dir, "summary.md"), "utf8")).toContain("APPS-ING-003");
    // Empty inputs are left out, so a perimeter.yaml decides; a bad library value is refused.
    writeFileSync(join(dir, "perimeter.yaml"), "library: true\ninput: exports/aws.json\nfail-on: critical\n");
    const configured = run({ PERIMETER_POLICIES: "", PERIMETER_EXPORTS: "", PERIMETER_FORMAT: "", PERIMETER_FAIL_ON: "", PERIMETER_ENGINE: "" });
    expect(configured.stderr.split("\n")[0]).toBe("perimeter check");
    expect(configured.status, configured.stderr).toBe(0);
    expect(run({ PERIMETER_LIBRARY: "yes" }).status).toBe(2);
    // A pattern that matches nothing reaches perimeter, which names it.
    const none = run({ PERIMETER_EXPORTS: "nothing/*.json" });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("error: --input nothing/*.json: no such file or directory");
  });

  it.skipIf(ACTIONLINT === undefined)("the documentation's example workflow (docs/ci.md) passes actionlint, with the action's inputs", () => {
    const page = readFileSync(packagePath("docs", "ci.md"), "utf8");
    const section = page.slice(page.indexOf("## GitHub Actions"));
    const workflow = /```yaml[^\n]*\n([\s\S]*?)```/.exec(section)?.[1];
    expect(workflow).toContain("uses: perimeter-dev/perimeter@v0");
    expect(workflow).toContain("github/codeql-action/upload-sarif");
    // A repository holding the action at its root, and the workflow using it as a local action.
    const repo = tempDir();
    mkdirSync(join(repo, ".github", "workflows"), { recursive: true });
    copyFileSync(packagePath("action.yml"), join(repo, "action.yml"));
    // actionlint resolves `uses: ./` from the repository root, which it finds by `.git`.
    expect(spawnSync("git", ["init", "-q", repo]).status).toBe(0);
    const lint = (yaml: string) => {
      writeFileSync(join(repo, ".github", "workflows", "perimeter.yml"), yaml);
      return spawnSync(ACTIONLINT!, ["-no-color", ".github/workflows/perimeter.yml"], { cwd: repo, encoding: "utf8" });
    };
    const local = workflow!.replace("uses: perimeter-dev/perimeter@v0", "uses: ./");
    const ok = lint(local);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    // actionlint does read the action's inputs: a misspelt one is an error.
    const bad = lint(local.replace("fail-on: high", "fail_on: high"));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('input "fail_on" is not defined in action "Perimeter check" defined at "./"');
  });
});
