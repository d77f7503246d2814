// Golden IR dumps: lowering, posture statements, generated messages and slot reads.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lowerProgram } from "../../src/ir/lower.js";
import { printProgram } from "../../src/ir/print.js";
import { expectGolden } from "../helpers/golden.js";
import { lint } from "../helpers/front.js";

const dir = join(import.meta.dirname, "..", "golden", "ir");

describe("the IR", () => {
  it.each(readdirSync(dir).filter((f) => f.endsWith(".perimeter")))("lowers %s as its golden dump", (name) => {
    const fe = lint(readFileSync(join(dir, name), "utf8"), { path: `golden/ir/${name}` });
    expect(fe.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const text = printProgram(lowerProgram(fe.program!), (p) => !p.startsWith("std."));
    expectGolden(join(dir, name.replace(/\.perimeter$/, ".ir.txt")), text);
  });

  it("is deterministic", () => {
    const src = readFileSync(join(dir, "language-example.perimeter"), "utf8");
    const a = printProgram(lowerProgram(lint(src).program!));
    const b = printProgram(lowerProgram(lint(src).program!));
    expect(a).toBe(b);
  });
});
