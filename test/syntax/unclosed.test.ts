// An unclosed `{` is reported at the token that shows it (the next declaration), with a note on
// the brace; and a member access being typed above the next control leaves that control whole.
import { describe, expect, it } from "vitest";
import { SourceFile } from "../../src/source/source.js";
import { parseSource } from "../../src/syntax/parse.js";

const parse = (text: string) => {
  const source = new SourceFile("u.perimeter", text);
  const r = parseSource(source);
  return { ...r, at: (offset: number) => source.position(offset) };
};

describe("an unclosed block", () => {
  it("is reported at the next `control`, not after the inner block's `}`", () => {
    const text = 'control A-1 "a" {\n  for ws in workspaces\n  egress ws {\n    restricted\n  }\n\ncontrol A-2 "b" {\n  for ws in workspaces\n  require true\n}\n';
    const r = parse(text);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d.code).toBe("E0104");
    expect(d.span).toEqual({ start: text.indexOf("control A-2"), end: text.indexOf("control A-2") + "control".length });
    expect(d.message).toBe("expected `}` before `control`: a block is not closed");
    expect(d.related).toEqual([{ file: "u.perimeter", span: { start: text.indexOf("{"), end: text.indexOf("{") + 1 }, message: "this `{` is not closed" }]);
    expect(r.file.decls.map((x) => (x.kind === "Control" ? x.id.id : x.kind))).toEqual(["A-1", "A-2"]);
  });

  it("points at the innermost brace that is not closed", () => {
    const text = 'control A-1 "a" {\n  for ws in workspaces\n  ingress ws {\n    private link required\n\nwaive A-1 for 1 until 2099-01-01 reason "r"\n';
    const d = parse(text).diagnostics;
    expect(d.map((x) => [x.span.start, x.related?.[0]?.span.start])).toEqual([[text.indexOf("waive"), text.indexOf("ws {") + 3]]);
  });

  it("leaves the next control whole when a field name is being typed", () => {
    const text = 'control A-1 "a" {\n  for ws in workspaces\n  require ws.\n\ncontrol A-2 "b" {\n  for ws in workspaces\n  require ws.workspace_url != ""\n}\n';
    const r = parse(text);
    expect(r.diagnostics.map((d) => [d.message, r.at(d.span.start).line])).toEqual([
      ["expected a field name, found `control`", 3],
      ["expected `}` before `control`: a block is not closed", 5],
    ]);
    const a2 = r.file.decls[1];
    expect(a2?.kind === "Control" && a2.items.map((i) => i.kind)).toEqual(["For", "Require"]);
  });

  it("still reads a field named like a declaration keyword on the same line", () => {
    expect(parse('let x = y.control\nlet z = 1\n').diagnostics).toEqual([]);
  });
});
