/**
 * The corpus: Rego programs under corpus/ whose comments state the expected results, each next
 * to the OPA documentation sentence or code line it follows.
 *   # input: <JSON>                 the input for the whole file (optional)
 *   # expect <rule> = <JSON>        data.<package>.<rule> printed as OPA prints it (compact JSON)
 *   # expect <rule> undefined
 *   # expect <rule> error <code>    evaluation raises a RegoError with that code
 *   # expect-compile-error <code>   (corpus/compile_errors) loading the module fails
 */

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { RegoEngine, RegoError } from "../helpers/rego/index.js";

const DIR = join(import.meta.dirname, "corpus");

function packageOf(text: string): string {
  const m = /^package\s+([^\s]+)/m.exec(text);
  if (!m) throw new Error("no package");
  return m[1] as string;
}

describe("corpus programs", () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".rego"))) {
    const text = readFileSync(join(DIR, file), "utf8");
    const input = /^# input: (.*)$/m.exec(text)?.[1];
    const expectations = [...text.matchAll(/^# expect (\w+) (= (.*)|undefined|error (\w+))$/gm)];
    describe(file, () => {
      const engine = new RegoEngine([{ path: file, text }]);
      const pkg = packageOf(text);
      test("has expectations", () => expect(expectations.length).toBeGreaterThan(0));
      for (const m of expectations) {
        const [, rule, , json, code] = m;
        test(`${rule} ${m[2]}`, () => {
          const ref = `data.${pkg}.${rule}`;
          const inp = input === undefined ? undefined : (JSON.parse(input) as unknown);
          if (code !== undefined) {
            let err: unknown;
            try {
              engine.evaluate(ref, inp);
            } catch (e) {
              err = e;
            }
            expect(err).toBeInstanceOf(RegoError);
            expect((err as RegoError).code).toBe(code);
          } else if (json === undefined) expect(engine.evaluateJSON(ref, inp)).toBeUndefined();
          else expect(engine.evaluateJSON(ref, inp)).toBe(json);
        });
      }
    });
  }
});

describe("corpus programs that must not compile", () => {
  const dir = join(DIR, "compile_errors");
  for (const file of readdirSync(dir)) {
    const text = readFileSync(join(dir, file), "utf8");
    const code = /^# expect-compile-error (\w+)$/m.exec(text)?.[1];
    test(`${file}: ${code}`, () => {
      expect(code).toBeDefined();
      let err: unknown;
      try {
        new RegoEngine([{ path: file, text }]);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(RegoError);
      expect((err as RegoError).code).toBe(code);
      expect((err as RegoError).loc?.file).toBe(file);
    });
  }
});
