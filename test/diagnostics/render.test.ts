// The diagnostic renderer, suggestions, and golden renderings of whole files with errors.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diagnostic } from "../../src/diagnostics/diagnostic.js";
import { renderDiagnostic, renderDiagnostics } from "../../src/diagnostics/render.js";
import { closest, editDistance } from "../../src/diagnostics/suggest.js";
import { CODES } from "../../src/diagnostics/codes.js";
import { SourceFile } from "../../src/source/source.js";
import { expectGolden } from "../helpers/golden.js";
import { lint } from "../helpers/front.js";

describe("suggestions", () => {
  it("measures edits with transpositions", () => {
    expect(editDistance("hgih", "high")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });
  it("prefers case-only differences and refuses distant words", () => {
    expect(closest("Workspace_ID", ["workspace_id", "workspace_url"])).toEqual(["workspace_id"]);
    expect(closest("zzz", ["high", "low"])).toEqual([]);
  });
});

describe("rendering", () => {
  it("underlines the span under its line, with the help", () => {
    const f = new SourceFile("p.perimeter", "let a = 1\nlet bad = 10.0.0.1/8\n");
    const d = diagnostic("E0403", "p.perimeter", { start: 20, end: 30 }, "`10.0.0.1/8` has host bits set", { help: "did you mean `10.0.0.0/8`?" });
    expect(renderDiagnostic(d, new Map([[f.path, f]]))).toBe(
      [
        "error[E0403]: `10.0.0.1/8` has host bits set",
        " --> p.perimeter:2:11",
        "  |",
        "2 | let bad = 10.0.0.1/8",
        "  |           ^^^^^^^^^^",
        "   = help: did you mean `10.0.0.0/8`?",
      ].join("\n"),
    );
  });
  it("colours only when asked", () => {
    const f = new SourceFile("p", "x");
    const d = diagnostic("E0201", "p", { start: 0, end: 1 }, "unknown name `x`");
    expect(renderDiagnostic(d, new Map([["p", f]]))).not.toContain("\u001b[");
    expect(renderDiagnostic(d, new Map([["p", f]]), { color: true })).toContain("\u001b[");
  });
  it("keeps every code's severity consistent with its prefix", () => {
    for (const [code, info] of Object.entries(CODES)) expect(info.severity).toBe(code.startsWith("E") ? "error" : "warning");
  });
});

const dir = join(import.meta.dirname, "..", "golden", "diagnostics");
describe("golden diagnostics", () => {
  it.each(readdirSync(dir).filter((f) => f.endsWith(".perimeter")))("renders %s", (name) => {
    const fe = lint(readFileSync(join(dir, name), "utf8"), { path: `golden/diagnostics/${name}`, today: "2026-11-28" });
    expectGolden(join(dir, name.replace(/\.perimeter$/, ".txt")), `${renderDiagnostics(fe.diagnostics, fe.files)}\n`);
  });
});
