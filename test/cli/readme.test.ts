// The README's console examples are real: each `$ npx perimeter …` prints what the README shows.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { packagePath } from "../../src/paths.js";
import { runCli } from "../helpers/cli.js";

interface Example {
  readonly args: string[];
  readonly output: string;
}

function examples(markdown: string): Example[] {
  const out: Example[] = [];
  for (const block of markdown.matchAll(/```console\n([\s\S]*?)```/g)) {
    const lines = block[1]!.split("\n");
    let current: { args: string[]; output: string[] } | undefined;
    for (const line of lines) {
      const cmd = /^\$ npx perimeter (.*)$/.exec(line);
      if (cmd) {
        if (current) out.push({ args: current.args, output: current.output.join("\n").trim() });
        current = { args: cmd[1]!.split(/\s+/), output: [] };
      } else current?.output.push(line);
    }
    if (current) out.push({ args: current.args, output: current.output.join("\n").trim() });
  }
  return out;
}

describe("README examples", () => {
  const list = examples(readFileSync(packagePath("README.md"), "utf8"));
  it("has examples", () => expect(list.length).toBeGreaterThan(0));
  it.each(list)("$args", ({ args, output }) => {
    const r = runCli(args);
    expect(r.stdout.trim()).toBe(output);
  });
});
