// Golden AST dumps: every construct of the language parsed and dumped (test/golden/parse).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderDiagnostics } from "../../src/diagnostics/render.js";
import { SourceFile } from "../../src/source/source.js";
import { dumpAst } from "../../src/syntax/dump.js";
import { parseSource } from "../../src/syntax/parse.js";
import { expectGolden } from "../helpers/golden.js";

const dir = join(import.meta.dirname, "..", "golden", "parse");
const cases = readdirSync(dir).filter((f) => f.endsWith(".perimeter"));

describe("the parser", () => {
  it.each(cases)("dumps %s as its golden AST", (name) => {
    const path = `golden/parse/${name}`;
    const source = new SourceFile(path, readFileSync(join(dir, name), "utf8"));
    const { file, diagnostics } = parseSource(source);
    let out = dumpAst(file, source);
    if (diagnostics.length > 0) out += `\n${renderDiagnostics(diagnostics, new Map([[path, source]]))}\n`;
    expectGolden(join(dir, name.replace(/\.perimeter$/, ".ast.txt")), out);
  });

  it("has a golden case for every construct", () => {
    const all = cases.map((c) => readFileSync(join(dir, c.replace(/\.perimeter$/, ".ast.txt")), "utf8")).join("\n");
    const kinds = [
      "File", "Package", "Import", "Param", "Let", "Def", "Control", "Severity", "Frameworks", "TextItem", "For", "Require",
      "Ingress", "Egress", "IpAccessListsEnforced", "AllowOnlyFrom", "DenyFrom", "PrivateLinkRequired", "DnsForwardingFor",
      "Restricted", "Enforced", "MustAllow", "AllowOnly", "Waiver", "Test", "Expect", "String", "Text", "Number", "Bool",
      "Date", "Net", "Name", "Call", "Member", "Index", "List", "Comprehension", "First", "Paren", "Not", "Binary", "Is",
      "Quantified", "Error",
    ];
    for (const k of kinds) expect(all, `no golden AST shows a ${k} node`).toMatch(new RegExp(`(^|\\s|: )${k}( |$)`, "m"));
    const ops = ["or", "and", "==", "!=", "<", "<=", ">", ">=", "in", "not in", "within", "overlaps", "matches", "??", "+", "-"];
    for (const op of ops) expect(all).toContain(`op="${op}"`);
  });
});
