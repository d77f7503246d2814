// The lexer: how network literals, dates, numbers, control ids, keywords and strings are told apart.
import { Lexer } from "chevrotain";
import { describe, expect, it } from "vitest";
import { allTokens } from "../../src/syntax/tokens.js";

const lexer = new Lexer(allTokens, { positionTracking: "full", ensureOptimizations: true });
const kinds = (text: string) => {
  const r = lexer.tokenize(text);
  expect(r.errors).toEqual([]);
  return r.tokens.map((t) => `${t.tokenType.name}:${t.image}`);
};

describe("the lexer", () => {
  it.each([
    ["10.0.0.0/8", ["IPv4:10.0.0.0/8"]],
    ["203.0.113.7", ["IPv4:203.0.113.7"]],
    ["10.0.0.300/8", ["IPv4:10.0.0.300/8"]],
    ["1.2.3", ["IPv4:1.2.3"]],
    ["1.5", ["Number:1.5"]],
    ["2001:db8::/32", ["IPv6:2001:db8::/32"]],
    ["::", ["IPv6:::"]],
    ["::/0", ["IPv6:::/0"]],
    ["::ffff:10.0.0.1", ["IPv6:::ffff:10.0.0.1"]],
    ["1:2:3:4:5:6:7:8", ["IPv6:1:2:3:4:5:6:7:8"]],
    ["fe80::1", ["IPv6:fe80::1"]],
    ["2027-01-31", ["Date:2027-01-31"]],
    ["3141592653589793", ["Number:3141592653589793"]],
    ["APPS-ING-001", ["ControlId:APPS-ING-001"]],
    ["forwarding_rules", ["Identifier:forwarding_rules"]],
    ["enableIpAccessLists", ["Identifier:enableIpAccessLists"]],
    ["for", ["Kw_for:for"]],
    ["allow", ["Soft_allow:allow"]],
    ["a ?? b", ["Identifier:a", "Coalesce:??", "Identifier:b"]],
    ["x >= 1", ["Identifier:x", "GtEq:>=", "Number:1"]],
  ])("lexes %s", (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it("does not take a quantifier's colon for IPv6", () => {
    expect(kinds("any a in ab: cd")).toEqual(["Kw_any:any", "Identifier:a", "Kw_in:in", "Identifier:ab", "Colon::", "Identifier:cd"]);
    expect(kinds("any a in dead:beef")).toEqual(["Kw_any:any", "Identifier:a", "Kw_in:in", "Identifier:dead", "Colon::", "Identifier:beef"]);
  });

  it("keeps nested strings inside interpolations in one token", () => {
    expect(kinds('"a {f("b}")} c"')).toEqual(['String:"a {f("b}")} c"']);
  });

  it("lexes an unterminated string to the end of its line", () => {
    expect(kinds('"abc\nx')).toEqual(['UnterminatedString:"abc', "Identifier:x"]);
  });

  it("puts comments in their own group", () => {
    const r = lexer.tokenize("a # note\nb");
    expect(r.tokens.map((t) => t.image)).toEqual(["a", "b"]);
    expect(r.groups["comments"]?.map((t) => t.image)).toEqual(["# note"]);
  });
});
