// negated-equality: `not (a == b)` where `a != b` was meant.
import { describe, expect, it } from "vitest";
import { codes, expectDiagnostic, lint } from "../helpers/front.js";

const ctl = (cond: string) => `control A-1 "t" {\n  severity low\n  for ws in workspaces\n  require ${cond}\n}`;

describe("negated-equality", () => {
  it("is quiet for != and for other negations", () => {
    expect(codes(lint(ctl('ws.workspace_url != "x" and not (count(ws.apps) > 1)')))).toEqual([]);
  });
  it("warns with a fix-it", () => {
    const d = expectDiagnostic(lint(ctl('not (ws.workspace_url == "x")')), { code: "W0103", underline: 'not (ws.workspace_url == "x")' });
    expect(d.fix?.replacement).toBe('ws.workspace_url != "x"');
  });
});
