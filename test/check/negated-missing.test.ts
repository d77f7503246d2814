// negated-missing: `not` over a comparison whose operand may be missing is true when it is
// missing (LANGUAGE.md §5); the fix-it requires the value: `a is present and not (…)`.
import { describe, expect, it } from "vitest";
import { codes, expectDiagnostic, lint } from "../helpers/front.js";

const ctl = (cond: string, prelude = "") => `${prelude}control A-1 "t" {\n  severity low\n  for ws in workspaces\n  require ${cond}\n}`;

describe("negated-missing", () => {
  it.each([
    ["<", "not (ws.workspace_id < 5)", "ws.workspace_id"],
    ["in", 'not (ws.account_workspace.pricing_tier in ["STANDARD"])', "ws.account_workspace.pricing_tier"],
    ["not in", 'not (ws.account_workspace.pricing_tier not in ["PREMIUM"])', "ws.account_workspace.pricing_tier"],
    ["within", "not (ws.account_workspace.location within 10.0.0.0/8)", "ws.account_workspace.location"],
    ["overlaps", "not (10.0.0.0/8 overlaps ws.account_workspace.location)", "ws.account_workspace.location"],
    ["matches", 'not (ws.workspace_url matches "*.example.com")', "ws.workspace_url"],
    ["an index", "not (ws.ip_access_lists[0].ip_addresses overlaps 10.0.0.0/8)", "ws.ip_access_lists[0].ip_addresses"],
  ])("warns on `not (… %s …)` with the `is present and …` fix-it", (_op, cond, operand) => {
    const d = expectDiagnostic(lint(ctl(cond)), { code: "W0111", underline: cond });
    expect(d.fix?.replacement).toBe(`${operand} is present and ${cond}`);
    expect(d.help).toContain(`${operand} is present and not (…)`);
    // The fix-it compiles and silences the warning.
    expect(codes(lint(ctl(d.fix!.replacement)))).toEqual([]);
  });

  it("guards each operand that may be missing", () => {
    const d = expectDiagnostic(lint(ctl("not (ws.workspace_id < ws.account_workspace.workspace_id)")), { code: "W0111" });
    expect(d.fix?.replacement).toBe("ws.workspace_id is present and ws.account_workspace.workspace_id is present and not (ws.workspace_id < ws.account_workspace.workspace_id)");
  });

  it("is quiet where nothing may be missing, and leaves `not (a == b)` to negated-equality", () => {
    expect(codes(lint(ctl("not (count(ws.apps) > 1)")))).toEqual([]);
    expect(codes(lint(ctl("not ((ws.workspace_id ?? 0) < 5)")))).toEqual([]);
    // Absence accepted explicitly, or excluded on the left.
    expect(codes(lint(ctl("ws.workspace_id is missing or not (ws.workspace_id < 5)")))).toEqual([]);
    expect(codes(lint(ctl("ws.workspace_id is not missing and not (ws.workspace_id < 5)")))).toEqual([]);
    expect(codes(lint(ctl("ws.workspace_id is present or not (ws.workspace_id < 5)")))).toEqual(["W0111"]);
    expect(codes(lint(ctl("not (ranges overlaps 10.0.0.0/8)", "param ranges = [192.168.0.0/16]\n")))).toEqual([]);
    expect(codes(lint(ctl("any l in ws.ip_access_lists: not (l overlaps 10.0.0.0/8)")))).not.toContain("W0111");
    expect(codes(lint(ctl("not (ws.workspace_url == \"x\")")))).toEqual(["W0103"]);
  });
});
